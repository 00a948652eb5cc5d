"""Every hand-written word list in timeline/data loads, through the one loader."""

from __future__ import annotations

from importlib import resources

import pytest

from timeline.wordlists import data_lines, data_words

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
