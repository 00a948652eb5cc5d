"""The word tables of the time-expression grammar, read with the one loader (`timeline.wordlists`).

Month and weekday names are defined in `timeline.wordlists` for every stage; they are re-exported here.
"""

from __future__ import annotations

from timeline.wordlists import MONTHS as MONTHS
from timeline.wordlists import WEEKDAY_ABBREVIATIONS as WEEKDAY_ABBREVIATIONS
from timeline.wordlists import WEEKDAYS as WEEKDAYS
from timeline.wordlists import load_numbers, load_table
from timeline.wordlists import load_words as load_words


def _unit_code(value: str) -> tuple[str, str]:
    """'ts' -> ('T', 'S'), 'we' -> ('', 'WE'): an ISO 8601 duration's clock marker and the unit's letter."""
    code = value.upper()
    return ("T", code[1:]) if code.startswith("T") else ("", code)


NUMBERS: dict[str, int] = load_numbers("numbers")
DECADE_WORDS: dict[str, int] = load_numbers("decades")
CENTURY_WORDS: dict[str, int] = load_numbers("centuries")
MOD_WORDS: dict[str, str] = load_table("modifiers", str.upper)
UNIT_CODES: dict[str, tuple[str, str]] = load_table("units", _unit_code)
SET_ADVERBS: dict[str, str] = load_table("set_adverbs", str.upper)
REFS: dict[str, str] = load_table("references", str.upper)
WEEKEND_SIDES: dict[str, str] = load_table("weekend_sides", str)
PAST_VERBS: frozenset[str] = frozenset(load_words("past_verbs"))
NOT_PAST: frozenset[str] = frozenset(load_words("not_past"))
COUNT_NOUNS: frozenset[str] = frozenset(load_words("count_nouns"))
LABEL_NOUNS: frozenset[str] = frozenset(load_words("label_nouns"))


def load_set(name: str) -> frozenset[str]:
    """The entries of a word list as a set (`data/en/future_words.txt` -> {"will", "shall", ...})."""
    return frozenset(load_words(name))
