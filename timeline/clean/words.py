"""Hand-written word lists of the cleaner, loaded from `timeline/data/clean_*.txt`."""

from __future__ import annotations

from timeline.wordlists import data_lines


def load_words(name: str) -> frozenset[str]:
    """The lowercase entries of one data file (`#` comments and blank lines skipped)."""
    return frozenset(data_lines(name))


FUNCTION_WORDS_FILE = "clean_function_words.txt"
BOILERPLATE_CUES_FILE = "clean_boilerplate_cues.txt"
