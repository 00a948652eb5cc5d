"""The inputs a run finds: each file once, however it is named (a folder, a link, a path spelt oddly)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline.load import Selection, iter_paths
from timeline.models import Problem


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """f/a.txt, f/sub/b.txt, g/c.txt; f/link.txt -> g/c.txt, f/sub/gl -> g, ff -> f; the cwd is the tree."""
    for name in ("f/a.txt", "f/sub/b.txt", "g/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    os.symlink(tmp_path / "g" / "c.txt", tmp_path / "f" / "link.txt")
    os.symlink("../../g", tmp_path / "f" / "sub" / "gl")
    os.symlink(tmp_path / "f", tmp_path / "ff")
    monkeypatch.chdir(tmp_path)
    return tmp_path


CASES = [
    (["f"], ["f/a.txt", "f/link.txt", "f/sub/b.txt"]),
    (["f/"], ["f/a.txt", "f/link.txt", "f/sub/b.txt"]),
    (["./f"], ["./f/a.txt", "./f/link.txt", "./f/sub/b.txt"]),
    (["f/."], ["f/./a.txt", "f/./link.txt", "f/./sub/b.txt"]),
    (["ff"], ["ff/a.txt", "ff/link.txt", "ff/sub/b.txt"]),
    (["f", "ff", "f/a.txt"], ["f/a.txt", "f/link.txt", "f/sub/b.txt"]),  # the same files again: once
    (["g", "f"], ["g/c.txt", "f/a.txt", "f/sub/b.txt"]),  # f/link.txt is g/c.txt, found first
    (["f/sub/..", "g/../f/a.txt"], ["f/sub/../a.txt", "f/sub/../link.txt", "f/sub/../sub/b.txt"]),
    (["f/link.txt", "g/c.txt"], ["f/link.txt"]),
]


@pytest.mark.parametrize(("given", "expected"), CASES, ids=[" ".join(given) for given, _ in CASES])
def test_each_file_is_found_once_whatever_its_name(tree: Path, given: list[str], expected: list[str]) -> None:
    found = [item for item in iter_paths(given, Selection()) if not isinstance(item, Problem)]
    assert found == expected


@pytest.mark.parametrize("given", ["f", "f/", "./f", "f/.", "f//", "g/../f"])
def test_patterns_see_the_path_below_the_given_folder(tree: Path, given: str) -> None:
    found = iter_paths([given], Selection(("sub/*.txt",), ()))
    assert [Path(item).name for item in found if not isinstance(item, Problem)] == ["b.txt"]
