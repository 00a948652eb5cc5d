"""Hostile and broken input beside good articles: nothing crashes, nothing is lost, nothing leaks."""

from __future__ import annotations

import codecs
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.golden import ROOT
from timeline.cli import ExitCode, app
from timeline.render.labels import safe_path

GOOD = ROOT / "sample_articles"


def build_json(*args: str) -> tuple[int, dict, str]:
    """Run `timeline build ... --format json` and return exit code, parsed output, stderr."""
    result = CliRunner().invoke(app, ["build", *args, "--format", "json", "--jobs", "1"])
    return result.exit_code, json.loads(result.stdout), result.stderr


def events_of(doc: dict, folder: Path) -> list[tuple]:
    """The events of the good articles, with their file names made relative."""
    return [
        (e["date"], e["text"], tuple(sorted(Path(s["file"]).name for s in e["sources"])))
        for e in doc["events"]
    ]


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
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "folder.txt").mkdir()
    os.symlink(folder / "nowhere.txt", folder / "broken_link.txt")
    os.symlink(folder, folder / "loop")
    os.mkfifo(folder / "fifo.txt")
    bad_name = os.fsencode(folder) + b"/latin1_\xe9t\xe9.txt"
    with open(bad_name, "wb") as handle:
        handle.write(b"date 2020-06-14\nThe summit opened on Monday.\n")
    locked = folder / "unreadable.txt"
    locked.write_text("secret")
    locked.chmod(0)
    return folder


def test_junk_does_not_change_the_good_articles_events(junk_folder: Path, tmp_path: Path) -> None:
    _, alone, _ = build_json(str(GOOD))
    code, mixed, stderr = build_json(str(junk_folder))
    good_names = {p.name for p in GOOD.iterdir()}
    mixed_good = [e for e in events_of(mixed, junk_folder) if set(e[2]) <= good_names]
    assert mixed_good == events_of(alone, GOOD)
    assert code == ExitCode.SKIPPED
    assert "Traceback" not in stderr


def test_every_file_is_accounted_for(junk_folder: Path) -> None:
    _, doc, stderr = build_json(str(junk_folder))
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
    }
    if os.geteuid() != 0:  # root reads a file whatever its mode
        expected_skipped.add("unreadable.txt")
    assert expected_skipped <= skipped
    files = {safe_path(name) for name in os.listdir(junk_folder) if not (junk_folder / name).is_dir()}
    assert files - {"loop"} == (read | skipped) - {"loop"}
    assert not (read & skipped)
    assert "loop: warning: link to a folder, not followed" in stderr


def test_messages_are_one_line_each_and_terminal_safe(junk_folder: Path) -> None:
    _, _, stderr = build_json(str(junk_folder))
    for line in stderr.splitlines():
        assert line.startswith("timeline: ")
    assert "\x1b" not in stderr
    assert "name\\x0awith newline.txt" in stderr or "name\\nwith" in stderr or "with newline" not in stderr


def test_text_output_is_terminal_safe(junk_folder: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(junk_folder), "--format", "text", "-q", "--jobs", "1"])
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "[bold]Homs[/bold]" in result.stdout


def test_inputs_are_never_changed(junk_folder: Path) -> None:
    before = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in junk_folder.iterdir() if p.is_file()}
    build_json(str(junk_folder))
    after = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in junk_folder.iterdir() if p.is_file()}
    assert before == after


def test_decoded_variants_give_the_same_event(junk_folder: Path) -> None:
    _, doc, _ = build_json(str(junk_folder))
    per_file = {}
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
    ):
        assert per_file.get(name) == {"2020-06-09"}, name


def test_every_output_date_is_a_real_date(junk_folder: Path) -> None:
    import datetime as dt

    _, doc, _ = build_json(str(junk_folder))
    for event in doc["events"]:
        for key in ("start", "end"):
            if event[key]:
                dt.date.fromisoformat(event[key])
