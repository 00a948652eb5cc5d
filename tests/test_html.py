"""HTML pages: the publication time stamp a page states, the date lines it shows, and what is no body."""

from __future__ import annotations

import pytest

from timeline.clean.html import clean_html, is_local_stamp, published_stamp
from timeline.models import Label

BODY = (
    "The ministers met in Ankara on Sunday to discuss the ceasefire in Idlib, officials said. "
    "They agreed to meet again next month, and talks between their deputies will continue this week."
)


def _page(head: str = "", header: str = "", footer: str = "") -> str:
    """A news page: a head with its metadata, a visible header, three body paragraphs, a footer."""
    return (
        f"<html><head><title>Ministers Meet</title>{head}</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Ministers Meet In Ankara</h1>{header}<p>{BODY}</p><p>{BODY}</p><p>{BODY}</p>"
        f"{footer}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "stamp"),
    [
        (
            '<meta property="article:published_time" content="2019-11-19T23:14:00-06:00">',
            "2019-11-19T23:14:00-06:00",
        ),
        ("<meta content='2019-11-20T05:14:35Z' name='article:published_time'/>", "2019-11-20T05:14:35Z"),
        ('<meta itemprop="datePublished" content="2019-11-19T13:03:00.000Z">', "2019-11-19T13:03:00.000Z"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2019-11-19T02:46:42+01:00"}</script>',
            "2019-11-19T02:46:42+01:00",
        ),
        (
            '<meta name="article:modified_time" content="2019-11-20T05:21:59Z">',
            None,
        ),  # an update, not the first
        ('<meta property="article:published_time" content="2019-11-19">', None),  # a day without a clock time
        # the publication key wins over a later one in the page
        (
            '<meta name="dc.date" content="2019-11-21T10:00:00Z">'
            '<meta property="article:published_time" content="2019-11-20T09:00:00+02:00">',
            "2019-11-20T09:00:00+02:00",
        ),
    ],
)
def test_published_stamp(head: str, stamp: str | None) -> None:
    assert published_stamp(_page(head)) == stamp


def test_a_time_element_marked_as_published_is_a_stamp() -> None:
    header = '<time itemprop="datePublished" datetime="2019-11-20T05:21:58Z">Nov 19</time>'
    assert published_stamp(_page(header=header)) == "2019-11-20T05:21:58Z"


@pytest.mark.parametrize(
    ("stamp", "local"),
    [
        ("2019-11-19T23:14:00-06:00", True),
        ("2019-11-19T23:14:00+0530", True),
        ("2019-11-20T05:14:35Z", False),  # UTC: the day may not be the page's own
        ("2019-11-20T05:14:35+00:00", False),
        ("2019-11-20T05:14:35", False),  # no zone at all
        ("2019-11-20", False),
        (None, False),
    ],
)
def test_a_stamp_is_local_when_its_zone_is_not_utc(stamp: str | None, local: bool) -> None:
    assert is_local_stamp(stamp) is local


def test_a_local_stamp_is_the_publication_time() -> None:
    head = '<meta property="article:published_time" content="2019-11-19T23:14:00-06:00">'
    meta = clean_html(_page(head)).metadata
    assert meta.date == "2019-11-19T23:14:00-06:00"
    assert meta.page == ()  # nothing more to look for


def test_a_utc_stamp_keeps_the_page_as_shown() -> None:
    head = '<meta property="article:published_time" content="2019-11-20T05:14:35Z">'
    header = "<p>By Jane Doe</p><p>11:14 pm CST, Tuesday, November 19, 2019</p>"
    meta = clean_html(_page(head, header=header)).metadata
    assert meta.date == "2019-11-20T05:14:35Z"
    assert "11:14 pm CST, Tuesday, November 19, 2019" in [line.text for line in meta.page]


@pytest.mark.parametrize(
    "notice",
    [
        "© 2020 General Mills All Rights Reserved",
        "Copyright 2019 Dow Jones & Company, Inc.",
        "All rights reserved.",
    ],
)
def test_a_copyright_notice_kept_by_the_extractor_is_boilerplate(notice: str) -> None:
    cleaned = clean_html(_page(footer=f"<p>{notice}</p>"))
    assert notice not in " ".join(line.text for line in cleaned.body_lines)
    assert BODY in " ".join(line.text for line in cleaned.body_lines)


def test_copyright_as_a_topic_is_body() -> None:
    text = "A copyright lawsuit over the song was filed in March, and the label said it would fight it."
    cleaned = clean_html(_page(footer=f"<p>{text}</p>"))
    assert [line.label for line in cleaned.lines if line.text == text] == [Label.BODY]
