"""Exports people publish: the HTML page (rendered in headless Chromium) and TimelineJS 3 JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.examples import examples
from tests.factories import article, expr
from tests.test_cli import ARTICLE, SAMPLE
from timeline.cli import ExitCode, app
from timeline.models import ArticleResult, Event, Source, Statement, Timeline
from timeline.render.data import _dumps
from timeline.render.labels import UNSAFE
from timeline.render.timelinejs import render_timelinejs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_SIZE = (1000, 1400)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("TIMELINE_REQUIRE_BROWSER"),  # set by CI: there it must run
    reason="chromium is not installed (make test installs the Debian package when run as root)",
)

# What TimelineJS 3 reads from a slide and from a date object (TL.Slide, TL.Date in timeline.js)
SLIDE_FIELDS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
DATE_FIELDS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- the HTML page ----------------------------------------------------------------------------------------


class PageParts(HTMLParser):
    """The tags, links and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for name in ("src", "srcset", "data"):
            if values.get(name):
                self.resources.append(values[name] or "")
        if tag == "link":
            self.resources.append(values.get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_parts(html: str) -> PageParts:
    parts = PageParts()
    parts.feed(html)
    return parts


def write_page(runner: CliRunner, tmp_path: Path, *paths: str) -> Path:
    page = tmp_path / "out" / "timeline.html"
    page.parent.mkdir(exist_ok=True)
    result = runner.invoke(app, ["build", *paths, "-o", str(page), "-q"])
    assert result.exit_code == ExitCode.OK, result.output
    return page


def test_the_page_is_self_contained(runner: CliRunner, tmp_path: Path) -> None:
    html = write_page(runner, tmp_path, SAMPLE).read_text()
    parts = page_parts(html)
    assert parts.resources == []
    assert "script" not in parts.tags
    assert "style" in parts.tags
    assert "http://" not in html
    assert "https://" not in html
    assert "@import" not in html


def test_the_page_has_dates_as_headings_statements_sources_and_updates(
    runner: CliRunner, tmp_path: Path
) -> None:
    html = write_page(runner, tmp_path, SAMPLE).read_text()
    events = json.loads(runner.invoke(app, ["build", SAMPLE, "-f", "json", "-q"]).stdout)["events"]
    assert html.count("<h2>") == len({event["label"] for event in events})
    assert html.count('<article class="event') == len(events)
    assert html.count('class="relation">updates<') == 1
    assert '<article class="event changed">' in html
    assert "The Jerusalem Post, 14 Jun 08:35 [004_216a...txt]" in html


def test_the_pages_links_lead_to_the_article_files(runner: CliRunner, tmp_path: Path) -> None:
    page = write_page(runner, tmp_path, SAMPLE)
    links = set(page_parts(page.read_text()).links)
    assert len(links) == 2
    for link in links:
        assert (page.parent / link).resolve().is_file()


def test_article_text_is_escaped_never_markup(runner: CliRunner, tmp_path: Path) -> None:
    hostile = ARTICLE.replace("after heavy fighting", "after <script>alert(1)</script> & <b>fighting</b>")
    (tmp_path / "a.txt").write_text(hostile)
    html = write_page(runner, tmp_path, str(tmp_path / "a.txt")).read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_html_by_suffix_and_by_format_are_the_same_page(runner: CliRunner, tmp_path: Path) -> None:
    page = write_page(runner, tmp_path, SAMPLE)
    piped = runner.invoke(app, ["build", SAMPLE, "-f", "html", "-q"]).stdout
    assert page_parts(piped).text == page_parts(page.read_text()).text


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, timeout=120, check=False)


def png_size_and_colours(data: bytes) -> tuple[int, int, int]:
    """A PNG's width, height and the number of distinct byte values in its pixel rows (a blank page: few)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels))


@needs_chromium
def test_the_page_renders_in_headless_chromium(runner: CliRunner, tmp_path: Path) -> None:
    page = write_page(runner, tmp_path, SAMPLE)
    shot = tmp_path / "page.png"
    width, height = PAGE_SIZE
    flags = ["--dump-dom", f"--screenshot={shot}", f"--window-size={width},{height}"]
    done = run_chromium(tmp_path, *flags, page.as_uri())  # one browser start: the DOM and the picture
    assert done.returncode == 0, done.stderr.decode()[-500:]
    shown = " ".join("".join(page_parts(done.stdout.decode()).text).split())
    assert "12 events from 2 articles; 1 changed by later reports." in shown
    assert "2020-06-14 On Sunday, senior Russian officials put off their planned visit" in shown
    assert "Story reported arriving 08:35 (The Jerusalem Post)" in shown
    assert "14 Jun 16:38 [000_ff0e...txt]updates" in shown
    assert png_size_and_colours(shot.read_bytes()) >= (width, height, 64)
    assert png_size_and_colours(shot.read_bytes())[:2] == PAGE_SIZE


# --- TimelineJS ---------------------------------------------------------------------------------------------


def event_of(
    value: str, first: str | None, last: str | None, granularity: str, text: str = "It happened."
) -> Event:
    """An event with one source."""
    phrase = text.split()[0]
    when = expr(text, phrase, first, last, value=value, granularity=granularity)
    statement = Statement(article("a.txt", outlet="Wire"), text, when, 0)
    return Event(
        value=value,
        first_day=dt.date.fromisoformat(first) if first else None,
        last_day=dt.date.fromisoformat(last) if last else None,
        granularity=granularity,
        mod=None,
        text=text,
        sources=(Source(statement),),
    )


def timelinejs(*events: Event) -> dict[str, Any]:
    info = events[0].sources[0].statement.article if events else article()
    timeline = Timeline(tuple(events), (ArticleResult("a.txt", info, (), ()),), ())
    return json.loads(render_timelinejs(timeline))


def assert_timelinejs_reads(doc: dict[str, Any]) -> None:
    """What TimelineJS 3 requires of its JSON: slides with a start year, valid dates in order, text."""
    assert set(doc) <= {"events", "title", "eras", "scale"}
    for slide in doc["events"]:
        assert set(slide) <= SLIDE_FIELDS
        assert set(slide["text"]) <= {"headline", "text"}
        assert isinstance(slide["group"], str)
        days = []
        for key in ("start_date", "end_date"):
            if key not in slide:
                continue
            date = slide[key]
            assert set(date) <= DATE_FIELDS
            assert "day" not in date or "month" in date  # a day only within a month
            year, month, day = int(date["year"]), int(date.get("month", 1)), int(date.get("day", 1))
            days.append(dt.date(year, month, day))
        assert days == sorted(days)


@pytest.mark.parametrize(
    ("value", "first", "last", "granularity", "start", "end"),
    [
        ("2020-06-14", "2020-06-14", "2020-06-14", "day", {"year": "2020", "month": "6", "day": "14"}, None),
        ("2020-06-14/2020-06-15", "2020-06-14", "2020-06-15", "day",
         {"year": "2020", "month": "6", "day": "14"}, {"year": "2020", "month": "6", "day": "15"}),
        ("2019-10", "2019-10-01", "2019-10-31", "month", {"year": "2019", "month": "10"}, None),
        ("2019-Q3", "2019-07-01", "2019-09-30", "quarter", {"year": "2019", "month": "7"},
         {"year": "2019", "month": "9"}),
        ("2011", "2011-01-01", "2011-12-31", "year", {"year": "2011"}, None),
        ("199", "1990-01-01", "1999-12-31", "decade", {"year": "1990"}, {"year": "1999"}),
        ("2020-W24", "2020-06-08", "2020-06-14", "week", {"year": "2020", "month": "6", "day": "8"},
         {"year": "2020", "month": "6", "day": "14"}),
    ],
)  # fmt: skip
def test_timelinejs_dates_keep_the_events_precision(
    value: str, first: str, last: str, granularity: str, start: dict[str, str], end: dict[str, str] | None
) -> None:
    doc = timelinejs(event_of(value, first, last, granularity))
    assert_timelinejs_reads(doc)
    (slide,) = doc["events"]
    assert slide["start_date"] == start
    assert slide.get("end_date") == end
    assert slide["text"]["headline"] == "It happened."
    assert "Wire, 14 Jun 08:35 [a.txt]" in slide["text"]["text"]


def test_timelinejs_leaves_out_undated_events() -> None:
    doc = timelinejs(
        event_of("FUTURE_REF", None, None, "ref"), event_of("2011", "2011-01-01", "2011-12-31", "year")
    )
    assert [slide["start_date"] for slide in doc["events"]] == [{"year": "2011"}]


def test_timelinejs_escapes_article_text() -> None:
    doc = timelinejs(
        event_of("2011", "2011-01-01", "2011-12-31", "year", text="Rebels <b>took</b> & held it.")
    )
    assert "<b>" not in doc["events"][0]["text"]["text"]
    assert "&lt;b&gt;took&lt;/b&gt; &amp; held" in doc["events"][0]["text"]["text"]


def test_timelinejs_of_the_sample_as_a_user_runs_it(runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", SAMPLE, "-f", "timelinejs", "-q"])
    assert result.exit_code == ExitCode.OK
    doc = json.loads(result.stdout)
    assert_timelinejs_reads(doc)
    events = json.loads(runner.invoke(app, ["build", SAMPLE, "-f", "json", "-q"]).stdout)["events"]
    assert len(doc["events"]) == sum(1 for event in events if event["start"])
    assert {slide["group"] for slide in doc["events"]} == {"reported", "scheduled", "story changed"}
    assert [slide["unique_id"] for slide in doc["events"]] == [f"event-{n}" for n in range(1, 12)]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6) | st.integers() | st.none() | st.booleans(), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=examples(200), deadline=None)
@given(
    value=st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=5),
    indent=st.sampled_from([None, 0, 2, 4]),
)
def test_the_indented_writer_gives_the_bytes_of_json_dumps(value: dict[str, Any], indent: int | None) -> None:
    expected = UNSAFE.sub(
        lambda match: f"\\u{ord(match.group()):04x}", json.dumps(value, ensure_ascii=False, indent=indent)
    )
    assert _dumps(value, indent=indent) == expected
