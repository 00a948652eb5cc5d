"""The word tables of the time-expression grammar: one loader over `timeline/data/<language>/`.

A language's knowledge lives in its own folder (`data/en/months.txt`, `data/en/modifiers.txt`, ...): a list
has one word or phrase a line, a table one `word value` a line (the value is the last field, so a key may be
a phrase: `more than MORE_THAN`). Month and weekday names are defined here, once, for every stage.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TypeVar

from timeline.wordlists import data_lines

LANGUAGE = "en"
V = TypeVar("V")


def load_words(name: str, language: str = LANGUAGE) -> tuple[str, ...]:
    """The entries of `data/<language>/<name>.txt` (lower-cased, comments and blank lines skipped)."""
    return data_lines(f"{language}/{name}.txt")


def load_table(name: str, convert: Callable[[str], V], language: str = LANGUAGE) -> dict[str, V]:
    """A `word value` table from `data/<language>/<name>.txt`, each value passed through `convert`."""
    table: dict[str, V] = {}
    for line in load_words(name, language):
        word, _, value = line.rpartition(" ")
        table[word.strip()] = convert(value)
    return table


@cache
def load_numbers(name: str) -> dict[str, int]:
    """A `word number` table ("january 1", "twenty 20")."""
    return load_table(name, int)


def _unit_code(value: str) -> tuple[str, str]:
    """'ts' -> ('T', 'S'), 'we' -> ('', 'WE'): an ISO 8601 duration's clock marker and the unit's letter."""
    code = value.upper()
    return ("T", code[1:]) if code.startswith("T") else ("", code)


MONTHS: dict[str, int] = load_numbers("months")
WEEKDAYS: dict[str, int] = load_numbers("weekdays")
WEEKDAY_ABBREVIATIONS: dict[str, int] = load_numbers("weekday_abbreviations")
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
