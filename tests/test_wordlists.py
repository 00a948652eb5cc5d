"""Every hand-written word list in timeline/data loads, through the one loader."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from timeline.wordlists import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    NEWS_MONTH_ABBREVIATIONS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    data_lines,
    data_words,
)

DATA = resources.files("timeline").joinpath("data")
# the stage lists at the top, a language's word tables in its own folder (data/en/months.txt)
LISTS = sorted(
    [entry.name for entry in DATA.iterdir() if entry.name.endswith(".txt")]
    + [
        f"{folder.name}/{entry.name}"
        for folder in DATA.iterdir()
        if folder.is_dir()
        for entry in folder.iterdir()
        if entry.name.endswith(".txt")
    ]
)


def test_lists_are_found() -> None:
    assert len(LISTS) >= 10


@pytest.mark.parametrize("name", LISTS)
def test_list_loads(name: str) -> None:
    entries = data_lines(name)
    assert entries, f"{name} is empty"
    assert all(entry == entry.strip().lower() and not entry.startswith("#") for entry in entries)
    assert data_words(name) >= {entries[0].split()[0]}


@pytest.mark.parametrize(
    ("names", "count", "first", "last"),
    [(MONTH_NAMES, 12, "january", "december"), (WEEKDAY_NAMES, 7, "monday", "sunday")],
)
def test_full_names_are_the_longest_spelling_in_number_order(
    names: tuple[str, ...], count: int, first: str, last: str
) -> None:
    assert (len(names), names[0], names[-1]) == (count, first, last)


@pytest.mark.parametrize(
    ("word", "short"), [("jan", True), ("sept", True), ("sep", True), ("may", False), ("june", False)]
)
def test_month_abbreviations_are_the_spellings_that_are_not_full_names(word: str, short: bool) -> None:
    assert (word in MONTH_ABBREVIATIONS) is short
    assert word in MONTHS


def test_every_abbreviation_names_the_month_it_begins() -> None:
    for word in MONTH_ABBREVIATIONS:
        assert MONTH_NAMES[MONTHS[word] - 1].startswith(word)
    for word, number in WEEKDAY_ABBREVIATIONS.items():
        assert WEEKDAY_NAMES[number - 1].startswith(word)
    assert dict(zip(WEEKDAY_NAMES, range(1, 8), strict=True)) == WEEKDAYS


def test_news_month_abbreviations_follow_ap_style() -> None:
    assert {"jan", "feb", "aug", "sept", "oct", "nov", "dec"} == NEWS_MONTH_ABBREVIATIONS


def test_cleaner_and_dating_read_month_names_without_the_temporal_grammar() -> None:
    code = (
        "import sys, timeline.clean.text, timeline.dating, timeline.sentences, timeline.foreign; "
        "print(sorted(m for m in sys.modules if m.startswith('timeline.temporal')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
