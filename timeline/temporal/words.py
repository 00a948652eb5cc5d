"""Word lists of the time-expression grammar, loaded once from `timeline/data/temporal_*.txt`."""

from __future__ import annotations

from functools import cache

from timeline.wordlists import data_lines


def load_words(name: str) -> tuple[str, ...]:
    """The entries of `data/temporal_<name>.txt` (lower-cased, comments and blank lines skipped)."""
    return data_lines(f"temporal_{name}.txt")


@cache
def load_table(name: str) -> dict[str, int]:
    """A `word number` table from `data/temporal_<name>.txt`."""
    table: dict[str, int] = {}
    for line in load_words(name):
        word, _, num = line.rpartition(" ")
        table[word.strip()] = int(num)
    return table


MONTHS: dict[str, int] = load_table("months")
WEEKDAYS: dict[str, int] = load_table("weekdays")
NUMBERS: dict[str, int] = load_table("numbers")
PAST_VERBS: frozenset[str] = frozenset(load_words("past_verbs"))
NOT_PAST: frozenset[str] = frozenset(load_words("not_past"))
COUNT_NOUNS: frozenset[str] = frozenset(load_words("count_nouns"))
LABEL_NOUNS: frozenset[str] = frozenset(load_words("label_nouns"))
