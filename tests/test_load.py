"""Loading: finding files, decoding bytes, telling HTML from text, refusing binary data."""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline.cli import app
from timeline.load import MAX_DEPTH, decode_document, iter_paths, load_document, normalise_text, sniff_binary
from timeline.models import Document, Kind, Problem

SAMPLE = "Turkish officials said on Sunday that the visit was postponed. Café owners agreed."


@pytest.mark.parametrize(
    ("data", "encoding_prefix"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        ((SAMPLE + " “quoted” – dash").encode("cp1252"), ""),
        (SAMPLE.encode("latin-1"), ""),
    ],
)
def test_decodes_text_in_any_common_encoding(data: bytes, encoding_prefix: str) -> None:
    doc = decode_document("a.txt", data)
    assert isinstance(doc, Document)
    assert doc.text.startswith("Turkish officials said on Sunday")
    assert "Café" in doc.text
    assert doc.encoding.startswith(encoding_prefix)


def test_cp1252_quotes_survive() -> None:
    doc = decode_document("a.txt", "He said “now” – twice. Café.".encode("cp1252"))
    assert isinstance(doc, Document)
    assert doc.text == "He said “now” – twice. Café."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        ("nul\x00byte", "nulbyte"),
        ("esc\x1b[31mred", "esc[31mred"),
        ("bell\x07", "bell"),
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@given(st.text(alphabet=st.characters(max_codepoint=0x9F) | st.sampled_from("\u200b\u2028\ufeffé\ud800")))
def test_normalise_text_drops_what_the_control_pattern_finds(raw: str) -> None:
    # plain ASCII takes a shortcut (a bytes translate): the same text as the patterns alone give
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ud800", "\ufffd")
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]", "", text.replace("\u2028", " "))
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4\n...", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"PK\x03\x04rest", "ZIP archive (or office document)"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_binary_is_named(data: bytes, name: str) -> None:
    assert sniff_binary(data) == name
    problem = decode_document("photo.txt", data)
    assert isinstance(problem, Problem)
    assert name in problem.reason


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  "])
def test_empty_files_are_problems(data: bytes) -> None:
    problem = decode_document("empty.txt", data)
    assert isinstance(problem, Problem)
    assert "empty" in problem.reason


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.txt", b"plain words here", Kind.TEXT),
        ("a.html", b"plain words here", Kind.HTML),
        ("a.htm", b"<p>x</p>", Kind.HTML),
        ("a.txt", b"<html><body><p>tags in a .txt stay text</p></body></html>", Kind.TEXT),
        ("saved_page", b"<!DOCTYPE html><html><body><p>x</p></body></html>", Kind.HTML),
        ("notes", b"just some notes", Kind.TEXT),
    ],
)
def test_kind_from_suffix_or_content(name: str, data: bytes, kind: Kind) -> None:
    doc = decode_document(name, data)
    assert isinstance(doc, Document)
    assert doc.kind is kind


def test_html_declared_charset_is_used() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет мир</p></body></html>'
    doc = decode_document("page.html", html.encode("cp1251"))
    assert isinstance(doc, Document)
    assert "Привет" in doc.text


def test_walks_folders_sorted_and_reports_problems(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "c.txt").mkdir()  # a folder named like a file: walked, not read
    (tmp_path / "c.txt" / "inner.txt").write_text("inner")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path, tmp_path / "loop")
    found = list(iter_paths([str(tmp_path)]))
    files = [os.path.relpath(item, tmp_path) for item in found if isinstance(item, str)]
    problems = [item for item in found if isinstance(item, Problem)]
    assert files == ["a.txt", "b/2.txt", "broken.txt", "c.txt/inner.txt"]
    assert [os.path.basename(p.path) for p in problems] == ["loop"]
    broken = load_document(str(tmp_path / "broken.txt"))
    assert isinstance(broken, Problem)
    assert "broken link" in broken.reason


def test_fifo_is_never_opened(tmp_path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    problem = load_document(str(fifo))
    assert isinstance(problem, Problem)
    assert "not a regular file" in problem.reason


def test_max_bytes(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    problem = load_document(str(big), max_bytes=100)
    assert isinstance(problem, Problem)
    assert "too large" in problem.reason


def test_missing_path_is_a_problem() -> None:
    (problem,) = list(iter_paths(["/no/such/place"]))
    assert isinstance(problem, Problem)


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_give_a_problem(data: bytes) -> None:
    result = decode_document("x.txt", data)
    if isinstance(result, Document):
        assert "\x00" not in result.text
        assert "\r" not in result.text
        assert "\x1b" not in result.text
    else:
        assert result.reason


@pytest.fixture
def nest() -> Iterator[Callable[[Path, int], Path]]:
    """Make a chain of folders, removed afterwards; each step by a handle on its parent, so a deep chain
    costs linear time (by path, every mkdir and rmdir walks the whole chain again; shutil.rmtree recurses)."""
    roots: list[tuple[Path, int]] = []

    def make(root: Path, levels: int) -> Path:
        handle = os.open(root, os.O_RDONLY)
        for _ in range(levels):
            os.mkdir("d", dir_fd=handle)
            handle, parent = os.open("d", os.O_RDONLY, dir_fd=handle), handle
            os.close(parent)
        os.close(handle)
        roots.append((root, levels))
        return root.joinpath(*["d"] * levels)

    yield make
    for root, levels in roots:
        handle = os.open(root, os.O_RDONLY)
        for _ in range(levels):
            handle, parent = os.open("d", os.O_RDONLY, dir_fd=handle), handle
            os.close(parent)
        for _ in range(levels):  # bottom-up: empty the folder, step to its parent, remove it
            for name in os.listdir(handle):
                os.unlink(name, dir_fd=handle)
            handle, child = os.open("..", os.O_RDONLY, dir_fd=handle), handle
            os.close(child)
            os.rmdir("d", dir_fd=handle)
        os.close(handle)


@pytest.mark.parametrize(
    ("levels", "read"), [(3, True), (MAX_DEPTH, True), (MAX_DEPTH + 1, False), (1100, False)]
)
def test_deep_folders_are_walked_to_the_limit_and_reported_beyond(
    tmp_path: Path, nest: Callable[[Path, int], Path], levels: int, read: bool
) -> None:
    (tmp_path / "top.txt").write_text("top")
    (nest(tmp_path, levels) / "deep.txt").write_text("deep")
    found = list(iter_paths([str(tmp_path)]))
    paths = [item for item in found if isinstance(item, str)]
    problems = [item for item in found if isinstance(item, Problem)]
    assert paths[-1] == str(tmp_path / "top.txt")
    if read:
        assert len(paths) == 2
        assert paths[0].endswith("/d/deep.txt")
        assert problems == []
    else:
        assert len(paths) == 1
        [problem] = problems
        assert problem.path == str(tmp_path) + "/d" * (MAX_DEPTH + 1)
        assert problem.reason == f"folder nested more than {MAX_DEPTH} levels deep, not read"


def test_a_folder_1100_levels_deep_is_one_line_not_a_traceback(
    tmp_path: Path, nest: Callable[[Path, int], Path]
) -> None:
    (nest(tmp_path, 1100) / "deep.txt").write_text("date 2020-06-14\nThey met on Tuesday, officials said.\n")
    (tmp_path / "top.txt").write_text("date 2020-06-14\nThey met on Monday in Ankara, officials said.\n")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "-f", "json", "--jobs", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "levels deep, not read" in result.stderr
    articles = json.loads(result.stdout)["articles"]
    assert [article["file"] for article in articles] == [str(tmp_path / "top.txt")]


FRENCH = "Le café de Hélène a rouvert le 14 juin 2020, disent les habitués. Déjà complet à midi."
RUSSIAN = "Министр иностранных дел России прибыл в Анкару 14 июня 2020 года, сообщили в министерстве."
POLISH = "Minister przybył do Łodzi 14 czerwca 2020 r., poinformował rzecznik. Źródło: PAP, żółw."
JAPANESE = "ロシアの外相は２０２０年６月１４日にトルコを訪問する予定でしたが、訪問は延期されました。"
ENGLISH = "The “city” council met at the café on Tuesday; the mayor’s office said résumés were due."


def _stray(text: str) -> bytes:
    """UTF-8 with two stray bytes, as a bad paste or a cut download leaves them."""
    data = text.encode("utf-8")
    return data[:20] + b"\xff" + data[20:60] + b"\xfe" + data[60:]


@pytest.mark.parametrize(
    ("data", "expected", "invalid"),
    [
        ((FRENCH + " « Chez » — “enfin”").encode("cp1252"), FRENCH + " « Chez » — “enfin”", 0),
        (FRENCH.encode("latin-1"), FRENCH, 0),  # no declaration: latin-1 reads as cp1252
        (FRENCH.encode("mac_roman"), FRENCH, 0),
        (RUSSIAN.encode("cp1251"), RUSSIAN, 0),
        (RUSSIAN.encode("koi8_r"), RUSSIAN, 0),
        (POLISH.encode("cp1250"), POLISH, 0),
        (JAPANESE.encode("shift_jis"), JAPANESE, 0),
        (ENGLISH.encode("utf-16-le"), ENGLISH, 0),  # no BOM
        (ENGLISH.encode("utf-16-be"), ENGLISH, 0),
        (_stray(ENGLISH), _stray(ENGLISH).decode("utf-8", errors="replace"), 2),
        (_stray(FRENCH), _stray(FRENCH).decode("utf-8", errors="replace"), 2),
    ],
    ids=[
        *("cp1252", "latin-1", "mac_roman", "cp1251", "koi8-r", "cp1250", "shift-jis", "utf-16-le"),
        *("utf-16-be", "utf-8 stray (English)", "utf-8 stray (French)"),
    ],
)
def test_decoding_by_evidence(data: bytes, expected: str, invalid: int) -> None:
    doc = decode_document("article.txt", data)
    assert isinstance(doc, Document)
    assert doc.text.strip() == expected
    assert doc.notes == ((f"not valid UTF-8: {invalid} invalid byte(s) replaced",) if invalid else ())


@given(st.text(alphabet=st.characters(codec="utf-8", min_codepoint=0x80), min_size=3, max_size=40))
def test_utf8_with_fewer_stray_bytes_than_characters_stays_utf8(accented: str) -> None:
    data = ("date 2020-06-14\nThe mayor said " + accented + " on Tuesday.\n").encode("utf-8") + b"\xff\xfe"
    doc = decode_document("article.txt", data)
    assert isinstance(doc, Document)
    assert doc.encoding == "utf-8"
    assert accented in doc.text or normalise_text(accented) in doc.text


def test_a_warning_names_the_file_and_the_count(tmp_path: Path) -> None:
    (tmp_path / "stray.txt").write_bytes(_stray("date 2020-06-14\n" + ENGLISH + " They met on Tuesday.\n"))
    result = CliRunner().invoke(app, ["build", str(tmp_path), "-f", "json", "--jobs", "1"])
    assert result.exit_code == 0
    assert f"timeline: {tmp_path}/stray.txt: warning: not valid UTF-8: 2 invalid byte(s) replaced" in (
        result.stderr.splitlines()
    )
    assert "Ã" not in result.stdout


DEEP_PAGE = (
    "<html><head><title>Talks postponed</title><meta name='date' content='2020-06-14'></head><body>{open}"
    "<p>The ministers met in Ankara on Tuesday, officials said.</p>{close}</body></html>"
)


@pytest.mark.parametrize(("tag", "depth"), [("div", 300), ("span", 300), ("div", 100_000)])
def test_html_nested_past_the_parser_is_flattened_and_read(tag: str, depth: int) -> None:
    page = DEEP_PAGE.format(open=f"<{tag}>" * depth, close=f"</{tag}>" * depth)
    doc = decode_document("deep.html", page.encode())
    assert isinstance(doc, Document)
    assert doc.kind is Kind.HTML
    [note] = doc.notes
    assert note == "HTML nested past its parser's limit (256 levels): elements below level 200 unwrapped"
    from timeline.pipeline import process_document

    result = process_document(doc)
    assert [statement.expr.value for statement in result.statements] == ["2020-06-09"]


def test_html_within_the_parser_limit_is_untouched() -> None:
    page = DEEP_PAGE.format(open="<div>" * 100, close="</div>" * 100)
    doc = decode_document("deep.html", page.encode())
    assert isinstance(doc, Document)
    assert doc.text == page
    assert doc.notes == ()


def test_codepage_evidence_is_linear_on_a_long_line() -> None:
    # A 64 KB line of ASCII before its one accented byte: the evidence scan once went quadratic on it.
    from timeline.pipeline import time_budget

    with time_budget(2.0):
        doc = decode_document("a.txt", b"1-" * 40_000 + b" caf\xe9\n")
    assert isinstance(doc, Document)
    assert doc.text.endswith(" café\n")


def test_flattening_is_linear_on_stray_end_tags() -> None:
    # 20,000 open elements and 20,000 end tags of an element never opened: each is looked up, not searched.
    from timeline.load import flatten_html
    from timeline.pipeline import time_budget

    page = "<html><body>" + "<div>" * 20_000 + "</span>" * 20_000 + "<p>Met on Tuesday.</p>"
    with time_budget(3.0):
        flat = flatten_html(page)
    assert flat.count("<div>") == 200 - 2  # html and body hold two of the levels kept
    assert "<p>" not in flat
    assert "Met on Tuesday." in flat
