"""The run's record of its files: trusted while no file changed, read again when one did or may have."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.test_cache import ARTICLE, build
from timeline import pipeline
from timeline.cache import Cache, InvalidEntry, Recorded, checksum, encode_record_entry, read_record

OTHER = ARTICLE.replace("Tuesday", "Monday").replace("Ankara", "Moscow")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(OTHER)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the runs of a test open and read, in order."""
    opened: list[str] = []
    read = pipeline.safe_read

    def counting(path: str, options: pipeline.Options) -> Any:
        opened.append(Path(path).name)
        return read(path, options)

    monkeypatch.setattr(pipeline, "safe_read", counting)
    return opened


def record_file(cache: Path) -> Path:
    """The one record a cache folder holds."""
    (found,) = sorted((cache / "inputs").iterdir())
    return found


def test_an_unchanged_rerun_opens_no_file_and_no_record_of_one(
    folder: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = str(tmp_path / "cache")
    first = build(folder, "--cache", cache)
    assert sorted(reads) == ["a.txt", "a.txt", "b.txt", "b.txt"]  # census, then the work
    reads.clear()
    scans: list[str] = []
    monkeypatch.setattr(Cache, "get_scan", lambda self, path, info: scans.append(path))
    assert build(folder, "--cache", cache) == first
    assert (reads, scans) == ([], [])


def test_a_changed_file_is_seen_though_its_size_and_mtime_are_set_back(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    build(folder, "--cache", cache)
    path = folder / "a.txt"
    before = path.stat()
    path.write_text(ARTICLE.replace("Geneva", "Zurich"))  # the same size, in place (the same inode)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    code, out, _ = build(folder, "--cache", cache)
    assert (code, out) == build(folder)[:2]
    assert "Zurich" in out


def test_a_racily_clean_file_is_read_again(folder: Path, tmp_path: Path, reads: list[str]) -> None:
    future = (folder / "a.txt").stat().st_mtime_ns + 3600 * 10**9  # not older than any record of it
    os.utime(folder / "a.txt", ns=(future, future))
    cache = str(tmp_path / "cache")
    first = build(folder, "--cache", cache)
    reads.clear()
    assert build(folder, "--cache", cache) == first
    assert reads == ["a.txt"]  # its first pass only: its content is unchanged, its result is reused


def test_a_touched_file_is_read_again_and_its_result_reused(
    folder: Path, tmp_path: Path, reads: list[str]
) -> None:
    cache = str(tmp_path / "cache")
    first = build(folder, "--cache", cache)
    os.utime(folder / "b.txt")
    reads.clear()
    assert build(folder, "--cache", cache) == first
    assert reads == ["b.txt"]
    reads.clear()
    assert build(folder, "--cache", cache) == first  # the new stamp is recorded
    assert reads == []


def rename(folder: Path) -> None:
    (folder / "a.txt").rename(folder / "c.txt")


def add(folder: Path) -> None:
    (folder / "c.txt").write_text(OTHER.replace("Moscow", "Vienna"))


def remove(folder: Path) -> None:
    (folder / "b.txt").unlink()


def replace_by_copy(folder: Path) -> None:
    (folder / "b.txt").unlink()
    (folder / "b.txt").write_text(ARTICLE)  # a new inode, another content


@pytest.mark.parametrize("change", [rename, add, remove, replace_by_copy])
def test_a_changed_set_of_files_builds_as_without_a_cache(
    folder: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    cache = str(tmp_path / "cache")
    build(folder, "--cache", cache)
    change(folder)
    fresh = build(folder)
    assert build(folder, "--cache", cache) == fresh
    assert build(folder, "--cache", cache) == fresh


def redo_checksum(entry: dict[str, Any]) -> None:
    entry["checksum"] = checksum(entry["result"])


def forge(edit: Callable[[list[Any]], None]) -> Callable[[dict[str, Any]], None]:
    """An edit of the record's files, its checksum redone as a forger would."""

    def forged(entry: dict[str, Any]) -> None:
        edit(entry["result"])
        redo_checksum(entry)

    return forged


RECORD_EDITS: list[tuple[str, Callable[[dict[str, Any]], None] | bytes]] = [
    ("a stamp edited", lambda entry: entry["result"][0][1].__setitem__(0, 1)),
    ("a stamp of text", forge(lambda files: files[0].__setitem__(1, ["1", "2", "3", "4", "5"]))),
    ("a stamp too short", forge(lambda files: files[0].__setitem__(1, files[0][1][:3]))),
    ("the path of another file", forge(lambda files: files[0].__setitem__(0, "/etc/passwd"))),
    ("files swapped", forge(lambda files: files.reverse())),
    ("a file left out", forge(lambda files: files.pop())),
    ("a key not a hash", forge(lambda files: files[0].__setitem__(4, "../../etc/passwd"))),
    ("a content hash in capitals", forge(lambda files: files[0].__setitem__(2, files[0][2].upper()))),
    ("a note with control characters", forge(lambda files: files[0].__setitem__(3, ["\x1b[31mred"]))),
    ("another run's key", lambda entry: entry.__setitem__("key", "0" * 64)),
    ("another format", lambda entry: entry.__setitem__("format", "1")),
    ("truncated", b'{"format": "6", "key": '),
    ("not UTF-8", b"\xff\xfe\x00garbage"),
    ("nested past the parser's stack", b"[" * 100_000 + b"]" * 100_000),
]


@pytest.mark.parametrize(("name", "edit"), RECORD_EDITS, ids=[name for name, _ in RECORD_EDITS])
def test_a_damaged_record_is_a_miss_reported_once(
    folder: Path, tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None] | bytes
) -> None:
    cache = tmp_path / "cache"
    fresh = build(folder)
    build(folder, "--cache", str(cache))
    target = record_file(cache)
    if isinstance(edit, bytes):
        target.write_bytes(edit)
    else:
        entry = json.loads(target.read_bytes())
        edit(entry)
        target.write_text(json.dumps(entry))
    code, out, stderr = build(folder, "--cache", str(cache))
    assert (code, out) == fresh[:2]
    reports = [line for line in stderr.splitlines() if "did not validate" in line]
    assert reports == [
        f"timeline: {cache}: 1 cache entr(ies) did not validate and were recomputed (first: {target.name}: "
        + reports[0].split(f"{target.name}: ", 1)[1]
    ], stderr
    assert "did not validate" not in build(folder, "--cache", str(cache))[2]  # written anew


def test_a_record_whose_result_entry_is_gone_is_a_quiet_miss(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(folder, "--cache", str(cache))
    for entry in cache.glob("[0-9a-f][0-9a-f]/*.json"):
        entry.unlink()
    assert build(folder, "--cache", str(cache)) == first


STAMP = (1, 2, 3, 4, 5)
FILE = Recorded(STAMP, "c" * 64, ("a note",), "d" * 64)


def test_a_record_reads_back_as_the_files_it_was_made_of() -> None:
    raw = encode_record_entry("k" * 64, ["x.txt", "y.txt"], [FILE, FILE])
    assert read_record(raw, "k" * 64, ["x.txt", "y.txt"]) == [FILE, FILE]
    with pytest.raises(InvalidEntry):
        read_record(raw, "k" * 64, ["y.txt", "x.txt"])
    with pytest.raises(InvalidEntry):
        read_record(raw, "j" * 64, ["x.txt", "y.txt"])


class Info:
    """The fields of an os.stat_result a stamp is made of."""

    def __init__(self, mtime: int, size: int, ino: int, dev: int, ctime: int) -> None:
        self.st_mtime_ns, self.st_size, self.st_ino, self.st_dev, self.st_ctime_ns = (
            mtime,
            size,
            ino,
            dev,
            ctime,
        )


@pytest.mark.parametrize(
    ("info", "written", "unchanged"),
    [
        (Info(*STAMP), 10, True),
        (Info(*STAMP), 5, False),  # changed in the tick the record was written: racily clean
        (Info(*STAMP), 1, False),  # newer than the record
        (Info(9, 2, 3, 4, 5), 10, False),
        (Info(1, 9, 3, 4, 5), 10, False),
        (Info(1, 2, 9, 4, 5), 10, False),  # another inode: replaced by a copy
        (Info(1, 2, 3, 9, 5), 10, False),  # another device
        (Info(1, 2, 3, 4, 6), 10, False),  # its times set back, which changes the change time
    ],
)
def test_a_file_is_unchanged_only_with_its_whole_stamp_older_than_the_record(
    info: Info, written: int, unchanged: bool
) -> None:
    from timeline.cache import is_unchanged

    assert is_unchanged(STAMP, info, written) is unchanged  # type: ignore[arg-type]
