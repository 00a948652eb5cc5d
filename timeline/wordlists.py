"""Hand-written word lists kept as data (`timeline/data/*.txt`), and the one loader every stage uses.

A list has one entry (a word or a phrase) per line; lines starting with `#` and blank lines are
skipped; entries are compared in lower case.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


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
