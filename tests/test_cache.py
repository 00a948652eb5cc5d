"""The cache holds data, never code: entries are checked, a bad one is recomputed and reported once."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import pickle
import stat
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.examples import examples
from timeline.cache import (
    Cache,
    InvalidEntry,
    content_hash,
    decode_entry,
    decode_value,
    encode_entry,
    encode_result,
    encode_value,
    read_result,
    tree_digest,
)
from timeline.cli import app
from timeline.load import load_document, read_at_most
from timeline.models import ArticleResult, Document, Kind
from timeline.pipeline import Options, process_document

ARTICLE = (
    "Example Daily News\n\nMinisters postpone visit\n\nSun 14 Jun 2020 | 08:35\n\n"
    "The ministers met in Ankara on Tuesday, officials said.\n\n"
    "The talks will resume on June 30 in Geneva, the United Nations said.\n"
)


def build(folder: Path, *args: str) -> tuple[int, str, str]:
    """`timeline build FOLDER --format json ...`: exit code, output and standard error."""
    result = CliRunner().invoke(app, ["build", str(folder), "--format", "json", "--jobs", "1", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(ARTICLE.replace("Tuesday", "Monday").replace("Ankara", "Moscow"))
    return folder


def entry_files(cache: Path) -> list[Path]:
    """The result entries of a cache folder (not files read, run records, merges: files/, inputs/, runs/)."""
    return sorted(
        path
        for path in cache.rglob("*")
        if path.is_file() and not {"files", "inputs", "runs"} & set(path.parts[-3:])
    )


class Payload:
    """A pickle that, once loaded, makes a folder: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[str]]:
        return os.mkdir, (str(self.marker),)


def test_a_crafted_pickle_in_the_cache_never_runs(folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    marker = tmp_path / "pwned"
    cache = Cache(str(cache_dir))
    doc = load_document(str(folder / "a.txt"))
    assert isinstance(doc, Document)
    target = cache._path(cache.key(content_hash(doc), None, frozenset()))
    target.parent.mkdir(parents=True, mode=0o700)
    os.chmod(cache_dir, 0o700)
    target.write_bytes(pickle.dumps(Payload(marker)))
    code, out, _ = build(folder, "--cache", str(cache_dir))
    assert not marker.exists()
    assert code == 0
    assert out == build(folder)[1]


def forge_text(entry: dict) -> None:
    entry["result"]["statements"][0]["text"] = "FORGED statement on June 1, 2020."


def forge_with_checksum(entry: dict) -> None:
    from timeline.cache import checksum

    forge_text(entry)
    entry["checksum"] = checksum(entry["result"])
    entry["input"] = "0" * 64


def forge_consistently(entry: dict) -> None:
    from timeline.cache import checksum

    entry["result"]["statements"][0]["order"] = "FORGED"  # not the schema's type
    entry["checksum"] = checksum(entry["result"])


def extra_field(entry: dict) -> None:
    from timeline.cache import checksum

    entry["result"]["info"]["__class__"] = "os.system"
    entry["checksum"] = checksum(entry["result"])


def other_file(entry: dict) -> None:
    from timeline.cache import checksum

    entry["result"]["path"] = "/etc/passwd"
    entry["checksum"] = checksum(entry["result"])


EDITS: list[tuple[str, Callable[[dict], None] | bytes]] = [
    ("statement text edited", forge_text),
    ("edited, checksum redone, input hash guessed", forge_with_checksum),
    ("a field of the wrong type", forge_consistently),
    ("a field the schema does not have", extra_field),
    ("the result of another file", other_file),
    ("a pickle", pickle.dumps({"statements": []})),
    ("truncated", b'{"format": "2", "key": '),
    ("nested past the parser's stack", b"[" * 100_000 + b"]" * 100_000),
    ("not UTF-8", b"\xff\xfe\x00garbage"),
    ("a huge integer", b'{"format": ' + b"9" * 5000 + b"}"),
    ("NaN", b'{"format": NaN}'),
]


@pytest.mark.parametrize(("name", "edit"), EDITS, ids=[name for name, _ in EDITS])
def test_an_invalid_entry_is_recomputed_and_reported_once(
    folder: Path, tmp_path: Path, name: str, edit: Callable[[dict], None] | bytes
) -> None:
    cache = tmp_path / "cache"
    _, fresh, _ = build(folder)
    build(folder, "--cache", str(cache))
    entries = entry_files(cache)
    assert [path.suffix for path in entries] == [".json", ".json"]
    for path in entries:
        if isinstance(edit, bytes):
            path.write_bytes(edit)
        else:
            entry = json.loads(path.read_bytes())
            edit(entry)
            path.write_text(json.dumps(entry))
    code, out, stderr = build(folder, "--cache", str(cache))
    assert code == 0
    assert out == fresh
    assert "FORGED" not in out
    reports = [line for line in stderr.splitlines() if "did not validate" in line]
    assert len(reports) == 1, stderr
    assert reports[0].startswith(f"timeline: {cache}: 2 cache entr(ies) did not validate and were recomputed")
    _, _, again = build(folder, "--cache", str(cache))  # recomputed entries were written back: valid now
    assert "did not validate" not in again
    assert "did not validate" not in build(folder, "--cache", str(cache), "-q")[2]


RUN_EDITS: list[tuple[str, Callable[[list], None]]] = [
    (
        "an event's text replaced",
        lambda events: events[0].__setitem__(5, "FORGED statement on June 1, 2020."),
    ),
    ("a statement counted twice", lambda events: events[0][6].append(events[0][6][0])),
    ("a statement left out", lambda events: events.pop()),
    ("a statement number past the end", lambda events: events[0][6][0].__setitem__(0, 10**6)),
    ("an event's date replaced", lambda events: events[0].__setitem__(0, "1999-01-01")),
]


@pytest.mark.parametrize(("name", "edit"), RUN_EDITS, ids=[name for name, _ in RUN_EDITS])
def test_a_forged_merge_entry_is_recomputed(folder: Path, tmp_path: Path, name: str, edit: Callable) -> None:
    from timeline.cache import checksum

    cache = tmp_path / "cache"
    _, fresh, _ = build(folder)
    build(folder, "--cache", str(cache))
    (run,) = sorted((cache / "runs").iterdir())
    entry = json.loads(run.read_bytes())
    edit(entry["result"])
    entry["checksum"] = checksum(entry["result"])  # the forger redoes the checksum
    run.write_text(json.dumps(entry))
    code, out, stderr = build(folder, "--cache", str(cache))
    assert (code, out) == (0, fresh)
    assert "1 cache entr(ies) did not validate" in stderr


def test_the_cache_folder_is_the_users_only(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "new" / "cache"
    build(folder, "--cache", str(cache))
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for path in cache.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_a_cache_folder_others_can_write_to_is_not_used(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "shared_cache"
    cache.mkdir()
    cache.chmod(0o777)
    code, out, stderr = build(folder, "--cache", str(cache))
    assert code == 0
    assert out == build(folder)[1]
    assert f"timeline: {cache}: cache not used: writable by other users" in stderr.splitlines()
    assert entry_files(cache) == []


@functools.cache
def sample_results() -> list[tuple[Document, ArticleResult]]:
    docs = [
        Document("a.txt", ARTICLE, Kind.TEXT, "utf-8"),
        Document("b.txt", "Published June 1, 2020\n\nNothing dated here at all.\n", Kind.TEXT, "utf-8"),
        Document("c.html", "<html><body><p>Met on Tuesday.</p></body></html>", Kind.HTML, "utf-8"),
    ]
    return [(doc, process_document(doc, Options())) for doc in docs]


@pytest.mark.parametrize("index", range(3), ids=["text", "undated", "html"])
def test_an_entry_gives_back_the_very_result(index: int) -> None:
    doc, result = sample_results()[index]  # computed when a test runs, not in every worker's collection
    raw = encode_entry("k" * 64, content_hash(doc), result)
    assert decode_entry(raw, "k" * 64, content_hash(doc), doc.path) == result
    assert decode_value(json.loads(json.dumps(encode_value(result))), ArticleResult) == result


def test_an_entry_holds_the_article_once_and_its_statements_share_it() -> None:
    doc, result = sample_results()[0]
    raw = encode_entry("k" * 64, content_hash(doc), result)
    assert result.statements
    assert raw.count(b'"outlet"') == 1  # the info, not a copy per statement
    back = decode_entry(raw, "k" * 64, content_hash(doc), doc.path)
    assert all(statement.article is back.info for statement in back.statements)


def test_statements_without_an_article_are_invalid() -> None:
    doc, result = sample_results()[0]
    data = encode_result(result)
    data["info"] = None
    with pytest.raises(InvalidEntry):
        read_result(data, doc.path)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(min_value=0), junk=st.binary(min_size=0, max_size=12), cut=st.booleans())
def test_a_damaged_entry_reads_as_the_result_or_is_invalid(position: int, junk: bytes, cut: bool) -> None:
    doc, result = sample_results()[0]
    raw = encode_entry("k" * 64, content_hash(doc), result)
    where = position % len(raw)
    damaged = raw[:where] + junk + (b"" if cut else raw[where + len(junk) :])
    with contextlib.suppress(InvalidEntry):  # any other exception, or another result, fails the test
        assert decode_entry(damaged, "k" * 64, content_hash(doc), doc.path) == result


def test_a_cached_rerun_reads_each_distinct_entry_once(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import cache as cache_module

    for copy in ("a2", "a3"):
        (folder / f"{copy}.txt").write_bytes((folder / "a.txt").read_bytes())
    (folder / "b2.txt").write_bytes((folder / "b.txt").read_bytes())
    cache = tmp_path / "cache"
    first = build(folder, "--cache", str(cache))
    assert len(entry_files(cache)) == 2  # five files, two contents
    calls: list[str] = []

    def counting(raw: bytes, key: str, content: str, path: str) -> ArticleResult:
        calls.append(key)
        return decode_entry(raw, key, content, path)

    monkeypatch.setattr(cache_module, "decode_entry", counting)
    assert build(folder, "--cache", str(cache)) == first
    assert len(calls) == len(set(calls)) == 2
    files = [article["file"] for article in json.loads(first[1])["articles"]]
    assert [Path(file).name for file in files] == ["a.txt", "a2.txt", "a3.txt", "b.txt", "b2.txt"]


HEAVY_MODULES = ("dateparser", "trafilatura", "lxml", "charset_normalizer", "timeline.clean", "py3langid")
PROBE = """
import json, sys
from timeline.cli import main
sys.argv = ["timeline", "build", *sys.argv[1:], "--format", "json", "-q", "-o", "-"]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def modules_loaded(folder: Path, *args: str) -> list[str]:
    """Which heavy modules a `timeline build FOLDER ...` process had loaded when it ended."""
    probe = PROBE.format(heavy=HEAVY_MODULES)
    run = subprocess.run(
        [sys.executable, "-c", probe, str(folder), *args], capture_output=True, text=True, check=True
    )
    return typing.cast(list[str], json.loads(run.stdout.splitlines()[-1]))


def test_a_fully_cached_build_loads_no_cleaner_tagger_or_dateparser(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    cold = modules_loaded(folder, "--cache", cache, "--jobs", "1")  # in this process: the probe sees them
    assert {"dateparser", "trafilatura", "timeline.clean"} <= set(cold)
    assert modules_loaded(folder, "--cache", cache, "--jobs", "2") == []


@settings(max_examples=examples(200), deadline=None)
@given(data=st.binary(max_size=300), limit=st.integers(0, 200), expected=st.integers(0, 400))
def test_a_bounded_read_gives_the_first_limit_and_one_bytes_whatever_size_was_expected(
    data: bytes, limit: int, expected: int
) -> None:
    # `expected` is the size the file had when it was looked at: it may have grown or shrunk since
    assert read_at_most(io.BytesIO(data), limit, expected) == data[: limit + 1]


def test_results_of_other_code_are_not_reused(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import cache as cache_module

    cache = tmp_path / "cache"
    first = build(folder, "--cache", str(cache))
    calls: list[str] = []
    monkeypatch.setattr(cache_module, "decode_entry", lambda *args: calls.append(args[1]))  # never a hit
    monkeypatch.setattr(cache_module, "code_version", lambda: "0.0.0+changed")  # a checkout edited since
    assert build(folder, "--cache", str(cache)) == first
    assert calls == []
    assert len(entry_files(cache)) == 4  # both files' results again, under the new code's keys


def tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


BASE_TREE = {"a.py": b"x = 1\n", "data/words.txt": b"one\ntwo\n"}


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),
        ({"__pycache__/a.cpython-311.pyc": b"\0compiled"}, True),  # compiled copies are not the code
        ({"data/__pycache__/x.pyc": b"\0"}, True),
        ({"a.py": b"x = 2\n"}, False),
        ({"data/words.txt": b"one\ntwo\nthree\n"}, False),  # a word list is code's data
        ({"b.py": b""}, False),  # an empty file added
    ],
)
def test_the_code_digest_follows_every_file_but_compiled_ones(
    tmp_path: Path, change: dict[str, bytes], same: bool
) -> None:
    before = tree_digest(tree(tmp_path / "one", BASE_TREE))
    after = tree_digest(tree(tmp_path / "two", {**BASE_TREE, **change}))
    assert (before == after) is same


def test_the_code_digest_tells_a_renamed_file(tmp_path: Path) -> None:
    moved = {"b.py" if name == "a.py" else name: data for name, data in BASE_TREE.items()}
    assert tree_digest(tree(tmp_path / "one", BASE_TREE)) != tree_digest(tree(tmp_path / "two", moved))
