"""Hostile and broken input beside good articles: nothing crashes, nothing is lost, nothing leaks."""

from __future__ import annotations

import codecs
import errno
import functools
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tests.golden import ROOT
from timeline import load, pipeline
from timeline.cli import ExitCode, app, write_stdout
from timeline.render.labels import safe_path

GOOD = ROOT / "sample_articles"


def build_json(*args: str) -> tuple[int, dict, str]:
    """Run `timeline build ... --format json` and return exit code, parsed output, stderr."""
    result = CliRunner().invoke(app, ["build", *args, "--format", "json", "--jobs", "1"])
    return result.exit_code, json.loads(result.stdout), result.stderr


def cache_of(folder: Path) -> Path:
    """The cache of the module's runs over `folder`: beside it, so the folder itself is never written."""
    return folder.with_name(folder.name + "-cache")


@functools.cache
def build_junk(folder: Path) -> tuple[int, dict, str]:
    """build_json of the junk folder, run once (it is read-only for these tests), filling its cache."""
    return build_json(str(folder), "--cache", str(cache_of(folder)))


def events_of(doc: dict, folder: Path) -> list[tuple]:
    """The events of the good articles, with their file names made relative."""
    return [
        (e["date"], e["text"], tuple(sorted(Path(s["file"]).name for s in e["sources"])))
        for e in doc["events"]
    ]


def stats_of(folder: Path) -> dict[str, tuple[int, int]]:
    """The modification time and size of each file of a folder, by name."""
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file()}


STATS_BEFORE: dict[Path, dict[str, tuple[int, int]]] = {}  # each junk folder as made, before any run


@pytest.fixture(scope="module")
def junk_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("junk")
    for article in GOOD.iterdir():
        shutil.copyfile(article, folder / article.name)
    text = "Officials met on Tuesday in Ankara, the ministry said.\n"
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n  ",
        "photo.jpg.txt": b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20,
        "report.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 20,
        "archive.html": b"PK\x03\x04" + bytes(200),
        "utf16_bom.txt": codecs.BOM_UTF16_LE + ("date 2020-06-14\n" + text).encode("utf-16-le"),
        "utf16_nobom.txt": ("date 2020-06-14\n" + text).encode("utf-16-be"),
        "utf8_bom.txt": codecs.BOM_UTF8 + ("date 2020-06-14\n" + text).encode(),
        "cp1252.txt": ("date 2020-06-14\n“Quoted” café " + text).encode("cp1252"),
        "crlf.txt": ("date 2020-06-14\r\n" + text.replace("\n", "\r\n")).encode(),
        "cr.txt": ("date 2020-06-14\r" + text.replace("\n", "\r")).encode(),
        "nul.txt": ("date 2020-06-14\n" + text).encode().replace(b"met", b"m\x00et"),
        "one_long_line.txt": b"date 2020-06-14\n" + b"word and more words " * 200_000,
        "many_dates.txt": b"date 2020-06-14\n" + b"On June 3, 2020 it rained. " * 20_000,
        "not_dates.txt": (
            "date 2020-06-14\nFebruary 30, 2020 and 2020-13-45 and year 99999 and 31/31/2020. "
            + "1-2-3-4-5-6-7-8-9-" * 5000
            + " 12:12:12:12:12:12 " * 2000
        ).encode(),
        "escapes.txt": (
            b"date 2020-06-14\nThe \x1b]0;pwned\x07 army \x1b[2J shelled [bold]Homs[/bold] on Tuesday.\n"
        ),
        "deep.html": b"<html><body>" + b"<div>" * 5000 + b"<p>Deep, on Tuesday.</p>" + b"</div>" * 5000,
        "entities.html": b"<html><body><p>" + b"&amp;&lt;&#1234;&#x1F600;" * 20000 + b"</p></body>",
        "script_only.html": b"<html><head><script>var a = 'June 14, 2020';</script><style>p{}</style></head>",
        "wrong_charset.html": (
            '<html><head><meta charset="utf-8"></head><body><p>Café on Tuesday</p></body>'.encode("cp1252")
        ),
        "name\nwith newline.txt": b"date 2020-06-14\nThe talks ended on Monday, officials said.\n",
        "latin1.txt": ("date 2020-06-14\nÀ Ankara, " + text).encode("latin-1"),
        "billion_laughs.xhtml": (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(
                b'<!ENTITY lol%d "%s">'
                % (i, b"".join(b"&lol%d;" % (i - 1) if i > 1 else b"&lol;" for _ in range(10)))
                for i in range(1, 10)
            )
            + b"]><html><body><p>&lol9; on Tuesday</p></body></html>"
        ),
        "a" * 200 + ".txt": b"date 2020-06-14\nThe talks ended on Monday, officials said.\n",
        # A declared charset whose codec has no 'replace' handler used to take the whole run down.
        "idna_charset.html": b'<html><head><meta charset="idna"></head><body><p>Met on Tuesday \xff</p>',
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "folder.txt").mkdir()
    os.symlink(folder / "nowhere.txt", folder / "broken_link.txt")
    os.symlink(folder, folder / "loop")
    os.mkfifo(folder / "fifo.txt")
    os.symlink("/dev/zero", folder / "zero.txt")  # a device behind a link: never opened
    bad_name = os.fsencode(folder) + b"/latin1_\xe9t\xe9.txt"
    with open(bad_name, "wb") as handle:
        handle.write(b"date 2020-06-14\nThe summit opened on Monday.\n")
    locked = folder / "unreadable.txt"
    locked.write_text("secret")
    locked.chmod(0)
    STATS_BEFORE[folder] = stats_of(folder)
    return folder


def test_junk_does_not_change_the_good_articles_events(junk_folder: Path, tmp_path: Path) -> None:
    _, alone, _ = build_json(str(GOOD))
    code, mixed, stderr = build_junk(junk_folder)
    good_names = {p.name for p in GOOD.iterdir()}
    mixed_good = [e for e in events_of(mixed, junk_folder) if set(e[2]) <= good_names]
    assert mixed_good == events_of(alone, GOOD)
    assert code == ExitCode.SKIPPED
    assert "Traceback" not in stderr


def test_every_file_is_accounted_for(junk_folder: Path) -> None:
    _, doc, stderr = build_junk(junk_folder)
    read = {Path(a["file"]).name for a in doc["articles"]}
    skipped = {Path(e["file"]).name for e in doc["errors"] if e["skipped"]}
    expected_skipped = {
        "empty.txt",
        "blank.txt",
        "photo.jpg.txt",
        "report.pdf",
        "archive.html",
        "broken_link.txt",
        "fifo.txt",
        "zero.txt",
    }
    if os.geteuid() != 0:  # root reads a file whatever its mode
        expected_skipped.add("unreadable.txt")
    assert expected_skipped <= skipped
    files = {safe_path(name) for name in os.listdir(junk_folder) if not (junk_folder / name).is_dir()}
    assert files - {"loop"} == (read | skipped) - {"loop"}
    assert not (read & skipped)
    assert "loop: note: link to a folder, not followed" in stderr


def test_messages_are_one_line_each_and_terminal_safe(junk_folder: Path) -> None:
    _, _, stderr = build_junk(junk_folder)
    for line in stderr.splitlines():
        assert line.startswith("timeline: ")
    assert "\x1b" not in stderr
    assert "name\\x0awith newline.txt" in stderr or "name\\nwith" in stderr or "with newline" not in stderr


def test_text_output_is_terminal_safe(junk_folder: Path) -> None:
    build_junk(junk_folder)  # the text is rendered from the JSON run's cached results: one build, two outputs
    options = ["-f", "text", "-q", "--jobs", "1", "--cache", str(cache_of(junk_folder))]
    result = CliRunner().invoke(app, ["build", str(junk_folder), *options])
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "[bold]Homs[/bold]" in result.stdout


def test_inputs_are_never_changed(junk_folder: Path) -> None:
    build_junk(junk_folder)  # the runs of this module, compared with the folder as it was made
    assert stats_of(junk_folder) == STATS_BEFORE[junk_folder]


def test_decoded_variants_give_the_same_event(junk_folder: Path) -> None:
    _, doc, _ = build_junk(junk_folder)
    per_file: dict[str, set[str]] = {}
    for event in doc["events"]:
        for source in event["sources"]:
            per_file.setdefault(Path(source["file"]).name, set()).add(event["start"])
    for name in (
        "utf16_bom.txt",
        "utf16_nobom.txt",
        "utf8_bom.txt",
        "cp1252.txt",
        "crlf.txt",
        "cr.txt",
        "nul.txt",
        "latin1.txt",
    ):
        assert per_file.get(name) == {"2020-06-09"}, name


def test_every_output_date_is_a_real_date(junk_folder: Path) -> None:
    import datetime as dt

    _, doc, _ = build_junk(junk_folder)
    for event in doc["events"]:
        for key in ("start", "end"):
            if event[key]:
                dt.date.fromisoformat(event[key])


def test_a_folder_of_nothing_usable_exits_3(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    os.mkfifo(tmp_path / "fifo.txt")
    code, doc, stderr = build_json(str(tmp_path))
    assert code == ExitCode.NOTHING
    assert doc == {"events": [], "articles": [], "errors": doc["errors"]}
    assert {Path(e["file"]).name for e in doc["errors"]} == {"empty.txt", "photo.png", "fifo.txt"}
    assert stderr.splitlines()[-1] == (
        "timeline: 0 article(s) read, 3 file(s) skipped; 0 dated statement(s) in 0 event(s)"
    )


def test_exit_codes_ok_skipped_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("date 2020-06-14\nOfficials met on Tuesday in Ankara, the ministry said.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert build_json(str(good))[0] == ExitCode.OK
    assert build_json(str(good), str(empty))[0] == ExitCode.SKIPPED
    assert build_json(str(empty))[0] == ExitCode.NOTHING
    assert build_json("/dev/zero")[0] == ExitCode.NOTHING  # a device is named, never read


def test_very_long_file_names(tmp_path: Path) -> None:
    longest = tmp_path / ("b" * 250 + ".txt")  # at the 255-byte limit of most file systems
    longest.write_text("date 2020-06-14\nOfficials met on Tuesday in Ankara, the ministry said.\n")
    too_long = str(tmp_path / ("c" * 300 + ".txt"))
    deep = str(tmp_path / "/".join(["d" * 200] * 30) / "x.txt")  # longer than PATH_MAX
    code, doc, stderr = build_json(str(longest), too_long, deep)
    assert code == ExitCode.SKIPPED
    assert [a["file"] for a in doc["articles"]] == [str(longest)]
    reasons = {e["file"]: e["reason"] for e in doc["errors"]}
    assert reasons == {too_long: "file name too long", deep: "file name too long"}
    assert "Traceback" not in stderr


def test_max_bytes_skips_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"date 2020-06-14\n" + b"Officials met on Tuesday in Ankara. " * 100)
    (tmp_path / "small.txt").write_bytes(b"date 2020-06-14\nOfficials met on Tuesday in Ankara, he said.\n")
    code, doc, stderr = build_json(str(tmp_path), "--max-bytes", "1000")
    assert code == ExitCode.SKIPPED
    assert [Path(a["file"]).name for a in doc["articles"]] == ["small.txt"]
    assert "big.txt: skipped: too large (3,616 bytes > --max-bytes 1,000)" in stderr


class Crash(BaseException):
    """A crash in the middle of writing the output (like a KeyboardInterrupt or a kill)."""


def test_output_file_is_written_atomically_on_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous output\n")
    real_fdopen = os.fdopen

    def crashing_fdopen(fd: int, *args: object, **kwargs: object) -> object:
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

        def write(text: str) -> int:
            handle.__class__.write(handle, text[: len(text) // 2])
            handle.flush()
            raise Crash

        handle.write = write
        return handle

    monkeypatch.setattr(os, "fdopen", crashing_fdopen)
    with pytest.raises(Crash):  # CliRunner lets a BaseException through, as a real crash would
        CliRunner().invoke(app, ["build", str(GOOD), "-f", "json", "-o", str(target), "-q", "--jobs", "1"])
    assert target.read_text() == "previous output\n"  # never half a file
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # and no temporary file left behind


def test_a_file_over_the_time_budget_is_reported_like_any_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.txt").write_text("date 2020-06-14\nOfficials met on Tuesday in Ankara, he said.\n")
    (tmp_path / "slow.txt").write_text("date 2020-06-14\nThe talks ended on Monday, officials said.\n")
    real_process = pipeline.process_document

    def slow_process(doc: pipeline.Document, *args: object) -> pipeline.ArticleResult:
        if doc.path.endswith("slow.txt"):  # a pathological input: far past the budget
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                time.sleep(0.01)
        return real_process(doc, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "process_document", slow_process)
    started = time.monotonic()
    code, doc, stderr = build_json(str(tmp_path), "--time-budget", "0.3")
    assert time.monotonic() - started < 5
    assert code == ExitCode.SKIPPED
    assert [Path(a["file"]).name for a in doc["articles"]] == ["good.txt"]
    assert [(Path(e["file"]).name, e["reason"]) for e in doc["errors"]] == [
        ("slow.txt", "took longer than the 0.3 s budget per file")
    ]
    assert "slow.txt: skipped: took longer than the 0.3 s budget per file" in stderr
    assert "1 article(s) read, 1 file(s) skipped" in stderr


def test_an_unforeseen_loader_failure_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.read_document

    def flaky(path: str, options: pipeline.Options) -> object:
        if path.endswith("bad.txt"):
            raise RuntimeError("disk on fire")
        return real(path, options)

    (tmp_path / "bad.txt").write_text("date 2020-06-14\nThey met on Tuesday in Ankara, officials said.\n")
    (tmp_path / "good.txt").write_text("date 2020-06-14\nThey met on Monday in Ankara, officials said.\n")
    monkeypatch.setattr(pipeline, "read_document", flaky)
    code, doc, stderr = build_json(str(tmp_path))
    assert code == ExitCode.SKIPPED
    assert [Path(a["file"]).name for a in doc["articles"]] == ["good.txt"]
    assert "bad.txt: skipped: internal error while reading it (RuntimeError: disk on fire)" in stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_one_line_and_exit_4() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "timeline", "build", str(GOOD), "-q", "--jobs", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == ExitCode.UNWRITABLE
    assert result.stderr == "timeline: standard output: cannot write the output: no space left on device\n"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.ENOSPC, "no space left on device"),
        (errno.EIO, "input/output error"),
        (errno.EPIPE, "broken pipe"),
    ],
)
def test_output_errors_are_one_line_and_exit_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], number: int, reason: str
) -> None:
    class FailingStream(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(number, os.strerror(number))

    monkeypatch.setattr(sys, "stdout", FailingStream())
    with pytest.raises(typer.Exit) as stop:
        write_stdout("an event\n")
    assert stop.value.exit_code == ExitCode.UNWRITABLE
    assert capsys.readouterr().err == f"timeline: standard output: cannot write the output: {reason}\n"


def test_ctrl_c_exits_130_with_one_line_and_no_worker_left(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    for number in range(300):
        for article in GOOD.iterdir():
            shutil.copyfile(article, tmp_path / f"{number:03d}_{article.name}")
    child = subprocess.Popen(
        [sys.executable, "-m", "timeline", "build", str(tmp_path), "--jobs", "2", "-f", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's foreground job
    )
    assert child.stderr is not None
    workers: list[Any] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and child.poll() is None:
        workers = psutil.Process(child.pid).children(recursive=True)
        time.sleep(0.05)
    assert len(workers) == 2, "the run ended before its workers could be seen"
    os.killpg(child.pid, signal.SIGINT)  # Ctrl-C reaches every process of the foreground group
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 130
    assert stderr == "timeline: interrupted\n"
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []


@pytest.mark.parametrize(("module", "stage"), [(pipeline, "read_document"), (load, "decode_document")])
def test_the_time_budget_covers_reading_and_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: object, stage: str
) -> None:
    for name in ("a.txt", "b.txt", "slow.txt"):  # three files: the recurring-line census runs too
        (tmp_path / name).write_text(f"date 2020-06-14\nOfficials met in {name} on Tuesday, he said.\n")
    real = getattr(module, stage)
    calls: list[str] = []

    def slow(path: str, *args: object) -> object:
        if path.endswith("slow.txt"):  # a huge file: far past the budget before cleaning even starts
            calls.append(path)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                time.sleep(0.01)
        return real(path, *args)

    monkeypatch.setattr(module, stage, slow)
    started = time.monotonic()
    code, doc, stderr = build_json(str(tmp_path), "--time-budget", "0.3")
    assert time.monotonic() - started < 5
    assert code == ExitCode.SKIPPED
    assert [Path(a["file"]).name for a in doc["articles"]] == ["a.txt", "b.txt"]
    assert stderr.count("slow.txt: skipped: took longer than the 0.3 s budget per file") == 1
    assert len(calls) == 1  # over the budget in the census: not read a second time


def test_one_budget_covers_both_passes_over_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading that takes 60 % of the budget and cleaning that takes 60 % put the file over it."""
    for name in ("a.txt", "b.txt", "slow.txt"):
        (tmp_path / name).write_text(f"date 2020-06-14\nOfficials met in {name} on Tuesday, he said.\n")
    read, process = pipeline.read_document, pipeline.process_document

    def pause(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(0.01)

    def slow_read(path: str, *args: Any) -> Any:
        if path.endswith("slow.txt"):
            pause(0.6)
        return read(path, *args)

    def slow_process(doc: Any, *args: Any) -> Any:
        if doc.path.endswith("slow.txt"):
            pause(0.6)
        return process(doc, *args)

    monkeypatch.setattr(pipeline, "read_document", slow_read)
    monkeypatch.setattr(pipeline, "process_document", slow_process)
    code, doc, stderr = build_json(str(tmp_path), "--time-budget", "1", "--jobs", "1")
    assert code == ExitCode.SKIPPED
    assert [Path(a["file"]).name for a in doc["articles"]] == ["a.txt", "b.txt"]
    assert "slow.txt: skipped: took longer than the 1 s budget per file" in stderr


@pytest.mark.parametrize("seconds", ["0", "-1", "nan"])
def test_a_time_budget_must_be_positive(seconds: str) -> None:
    result = CliRunner().invoke(app, ["build", str(GOOD), "--time-budget", seconds, "-q"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"timeline: --time-budget {float(seconds)}: give seconds above 0")
    assert len(result.stderr.splitlines()) == 1
