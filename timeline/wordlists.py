"""Hand-written word lists kept as data (`timeline/data/*.txt`), and the one loader every stage uses.

A list has one entry (a word or a phrase) per line; lines starting with `#` and blank lines are
skipped; entries are compared in lower case. A language's tables live in its own folder
(`data/en/months.txt`): a table has one `word value` a line (the value is the last field, so a key may be
a phrase). Month and weekday names are defined here, once, for every stage.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TypeVar

LANGUAGE = "en"
V = TypeVar("V")


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of `timeline/data/<name>`, stripped and lower-cased, in file order."""
    text = resources.files("timeline").joinpath(f"data/{name}").read_text(encoding="utf-8")
    entries = (line.strip().lower() for line in text.splitlines())
    return tuple(entry for entry in entries if entry and not entry.startswith("#"))


@cache
def data_words(name: str) -> frozenset[str]:
    """Every whitespace-separated word of a list (for lists written several words to a line)."""
    return frozenset(word for entry in data_lines(name) for word in entry.split())


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


def _full_names(table: dict[str, int]) -> tuple[str, ...]:
    """The full name of each number of a name table (its longest spelling), in number order."""
    longest: dict[int, str] = {}
    for name, number in table.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    return tuple(longest[number] for number in sorted(longest))


# Every spelling of a month (full or abbreviated) and of a weekday, with its number (1 = January, Monday).
MONTHS: dict[str, int] = load_numbers("months")
WEEKDAYS: dict[str, int] = load_numbers("weekdays")
WEEKDAY_ABBREVIATIONS: dict[str, int] = load_numbers("weekday_abbreviations")
MONTH_NAMES: tuple[str, ...] = _full_names(MONTHS)  # january ... december
WEEKDAY_NAMES: tuple[str, ...] = _full_names(WEEKDAYS)  # monday ... sunday
# "jan", "sept", ...: not "may", which is the month's full name
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(name for name in MONTHS if name not in MONTH_NAMES)


def _news_month_abbreviations() -> frozenset[str]:
    """AP style's month abbreviations: months over five letters, each by its longest short form ("Sept.")."""
    longest: dict[int, str] = {}
    for short in MONTH_ABBREVIATIONS:
        number = MONTHS[short]
        if len(MONTH_NAMES[number - 1]) > 5 and len(short) > len(longest.get(number, "")):
            longest[number] = short
    return frozenset(longest.values())


# "Jan.", "Aug.", "Sept.": the month abbreviations news copy writes (never "Mar.", "Jun." or "Sep.")
NEWS_MONTH_ABBREVIATIONS: frozenset[str] = _news_month_abbreviations()
