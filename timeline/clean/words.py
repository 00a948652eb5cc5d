"""Hand-written word lists of the cleaner, loaded from `timeline/data/clean_*.txt`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def load_words(name: str) -> frozenset[str]:
    """The lowercase entries of one data file (`#` comments and blank lines skipped)."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return frozenset(
        entry.strip().lower()
        for entry in text.splitlines()
        if entry.strip() and not entry.lstrip().startswith("#")
    )


FUNCTION_WORDS_FILE = "clean_function_words.txt"
BOILERPLATE_CUES_FILE = "clean_boilerplate_cues.txt"
