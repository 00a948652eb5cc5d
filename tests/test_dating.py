"""Dating: publication date, time, title, outlet and byline from header lines or metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.clean import clean_text
from timeline.dating import describe_article, find_date_in, strip_dateline
from timeline.models import Cleaned, Label, Line, Metadata


@pytest.mark.parametrize(
    ("line", "expected", "has_time"),
    [
        ("date 2020-06-14", "2020-06-14T00:00", False),
        ("date 2020-06-14 The Jerusalem Post - Israel News", "2020-06-14T00:00", False),
        ("Sun 14 Jun 2020 | 04:38 PM", "2020-06-14T16:38", True),
        ("JUNE 14, 2020 08:35", "2020-06-14T08:35", True),
        ("LONDON | Thu Oct 6, 2011 10:36 am BST", "2011-10-06T10:36", True),
        ("Published: 29 February 2024, 12:05 am", "2024-02-29T00:05", True),
        ("Updated 2019-12-31T23:59:00+03:00", "2019-12-31T23:59", True),
        ("March 1st, 2021", "2021-03-01T00:00", False),
        ("Saturday, January 1, 2000 at 9:15 a.m.", "2000-01-01T09:15", True),
        # numeric dates: a number above 12 is the day; else slashes are the US order (month first)
        ("By Jane Doe - 11/19/19 06:56 AM EST", "2019-11-19T06:56", True),
        ("25/12/1999", "1999-12-25T00:00", False),
        ("12/31/70", "1970-12-31T00:00", False),  # a two-digit year above 69 is 19YY (no clock to ask)
        ("21:17 18.11.2019Share this story", "2019-11-18T21:17", True),  # the time first, text glued on
        ("03.14.2020 09:00 AM", "2020-03-14T09:00", True),  # dots in the US order too
        ("7.7.2019", "2019-07-07T00:00", False),  # either order, the same day
        # a clock time before the date, a zone after it
        ("10:01 pm PST, Tuesday, November 19, 2019", "2019-11-19T22:01", True),
        ("Published 11:11 PM EST Nov 19, 2019", "2019-11-19T23:11", True),
        ("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05", "2019-11-19T10:48", True),
    ],
)
def test_find_date_in_header_lines(line: str, expected: str, has_time: bool) -> None:
    found = find_date_in(line)
    assert found is not None
    assert found[0].isoformat(timespec="minutes") == expected
    assert found[1] is has_time


@pytest.mark.parametrize(
    "line",
    [
        "February 30, 2020",  # no such day
        "2020-13-01",  # no such month
        "Call 1-800-574-574 today",
        "By SETH J. FRANTZMAN",
        "June 14",  # no year: not a publication date
        "99999-01-01",
        "05.06.2019",  # dots, both numbers up to 12: May 6 or June 5, no guessing
        "06/05/21",  # slashes too: US June 5, British 6 May
        "13.14.2019",  # no month either way
        "Server at 192.168.1.10",
        "version 10.11.12.13",
    ],
)
def test_no_date_in(line: str) -> None:
    assert find_date_in(line) is None


def _cleaned(*rows: tuple[str, Label], metadata: Metadata | None = None) -> Cleaned:
    lines = tuple(Line(text, label, "test", i, i) for i, (text, label) in enumerate(rows))
    return Cleaned(lines, metadata or Metadata())


def test_date_and_time_from_two_header_lines() -> None:
    cleaned = _cleaned(
        ("date 2020-06-14 The Jerusalem Post - Israel News Coronavirus Opinion", Label.DATELINE),
        ("Russia’s Ministers in Turkey", Label.TITLE),
        ("By SETH J. FRANTZMAN", Label.BYLINE),
        ("JUNE 14, 2020 08:35", Label.DATELINE),
        ("Officials met on January 13, 2020 in Moscow.", Label.BODY),
    )
    info = describe_article("a.txt", cleaned)
    assert info.published_iso == "2020-06-14T08:35"
    assert info.title == "Russia’s Ministers in Turkey"
    assert info.author == "Seth J. Frantzman"
    assert info.outlet == "The Jerusalem Post"
    assert info.date_source.startswith("line 4: JUNE 14, 2020 08:35")  # the dateline nearest the body


@pytest.mark.parametrize(
    ("rows", "published"),
    [
        # today's date at the top of the page loses to the dateline by the title
        (
            (
                ("Wed, Nov 20, 2019", Label.DATELINE),
                ("Menu", Label.BOILERPLATE),
                ("A title", Label.TITLE),
                ("Nov 13, 2019", Label.DATELINE),
            ),
            "2019-11-13",
        ),
        # a published date wins over an updated one, wherever they stand
        (
            (
                ("Published Feb 16, 2018", Label.DATELINE),
                ("A title", Label.TITLE),
                ("Updated: Sat 8:31 PM, Feb 17, 2018", Label.DATELINE),
            ),
            "2018-02-16",
        ),
        # a photo caption above the body is another story's date
        (
            (
                ("A title", Label.TITLE),
                ("FILE PHOTO: The logo is seen in New York, U.S., January 8, 2019.", Label.CAPTION),
            ),
            None,
        ),
        # so is a long teaser line
        (
            (
                ("A title", Label.TITLE),
                (
                    "Related: officials met in Ankara on January 8, 2019 to discuss the "
                    "fate of the ceasefire, the trade deal and the new gas pipeline",
                    Label.BOILERPLATE,
                ),
            ),
            None,
        ),
    ],
)
def test_which_header_date_is_the_publication(
    rows: tuple[tuple[str, Label], ...], published: str | None
) -> None:
    cleaned = _cleaned(*rows, ("The body of the article, a sentence.", Label.BODY))
    info = describe_article("a.txt", cleaned)
    assert (info.published_iso or "")[:10] == (published or "")


def test_body_dates_are_not_publication_dates() -> None:
    cleaned = _cleaned(("A title", Label.TITLE), ("They met on January 13, 2020 in Moscow.", Label.BODY))
    info = describe_article("a.txt", cleaned)
    assert info.published is None
    assert info.date_source == "none"


def test_default_date_only_when_none_found() -> None:
    cleaned = _cleaned(("Sun 14 Jun 2020 | 04:38 PM", Label.DATELINE), ("Body.", Label.BODY))
    assert describe_article("a", cleaned, dt.date(2001, 1, 1)).published_iso == "2020-06-14T16:38"
    bare = _cleaned(("Body.", Label.BODY))
    info = describe_article("a", bare, dt.date(2001, 1, 1))
    assert info.published_iso == "2001-01-01"
    assert info.date_source == "--date"


@pytest.mark.parametrize(
    ("stamp", "shown", "published", "source"),
    [
        # a UTC stamp after midnight: the page's own date line is the local day and time
        ("2019-11-20T05:14:35Z", "11:14 pm CST, Tuesday, November 19, 2019", "2019-11-19T23:14", "html page"),
        # the same day shown without a clock time: the stamp tells more
        ("2019-11-19T13:03:00Z", "Nov. 19, 2019", "2019-11-19T13:03", "html metadata"),
        # a date shown days away is another story's
        ("2019-11-19T13:03:00Z", "Nov. 12, 2019 8:00 am", "2019-11-19T13:03", "html metadata"),
        # a day from htmldate, with no clock time: the line adds it
        ("2019-11-19", "Nov. 19, 2019 8:03 am ET", "2019-11-19T08:03", "html page"),
    ],
)
def test_a_utc_stamp_gives_way_to_the_date_line_the_page_shows(
    stamp: str, shown: str, published: str, source: str
) -> None:
    page = (Line("Ministers Meet In Ankara", Label.TITLE, "", 0, 0), Line(shown, Label.DATELINE, "", 1, 1))
    cleaned = _cleaned(("The ministers met.", Label.BODY), metadata=Metadata(date=stamp, page=page))
    info = describe_article("a.html", cleaned)
    assert (info.published_iso, info.date_source.split(" line")[0]) == (published, source)


def test_a_page_with_no_date_in_its_markup_takes_the_one_it_shows() -> None:
    page = (Line("A.Word.A.Day", Label.TITLE, "", 0, 0), Line("Apr 7, 2009", Label.DATELINE, "", 1, 1))
    cleaned = _cleaned(("The word of the day.", Label.BODY), metadata=Metadata(page=page))
    info = describe_article("a.html", cleaned)
    assert (info.published_iso, info.date_source) == ("2009-04-07", "html page line 2: Apr 7, 2009")


def test_metadata_first() -> None:
    cleaned = _cleaned(
        ("JUNE 14, 2020 08:35", Label.DATELINE),
        metadata=Metadata(title="T", author="A B", outlet="Example News", date="2020-06-15"),
    )
    info = describe_article("a.html", cleaned)
    assert info.published_iso == "2020-06-15"
    assert (info.title, info.author, info.outlet, info.date_source) == (
        "T",
        "A B",
        "Example News",
        "html metadata",
    )


@pytest.mark.parametrize(
    ("rows", "outlet"),
    [
        ((("BEIRUT (Reuters) - Syrian forces shelled the city on Sunday.", Label.BODY),), "Reuters"),
        (
            (
                ("Body text.", Label.BODY),
                ("Copyright © 2020 Jpost Inc. All rights reserved", Label.BOILERPLATE),
            ),
            "Jpost Inc",
        ),
        ((("Body text.", Label.BODY),), None),
        (  # a wire site's header: the place before the bar is no outlet, the agency after the stamp is
            (
                ("LONDON | Thu Oct 6, 2011 10:36 am BST LONDON (Reuters) -", Label.DATELINE),
                ("Stocks rose on Tuesday.", Label.BODY),
            ),
            "Reuters",
        ),
        (
            (
                ("PARIS | Mon Mar 2, 2015 9:05 am GMT", Label.DATELINE),
                ("Stocks rose on Tuesday.", Label.BODY),
            ),
            None,
        ),
        (
            (
                ("Daily Planet - news you can use", Label.DATELINE),
                ("Stocks rose on Tuesday.", Label.BODY),
            ),
            "Daily Planet",
        ),
    ],
)
def test_outlet(rows: tuple[tuple[str, Label], ...], outlet: str | None) -> None:
    assert describe_article("a", _cleaned(*rows)).outlet == outlet


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("LONDON | Thu Oct 6, 2011 10:36 am BST LONDON (Reuters) - Stocks rose.", "Stocks rose."),
        ("BEIRUT (Reuters) - Syrian forces shelled Homs.", "Syrian forces shelled Homs."),
        ("WASHINGTON, June 3 (AP) — The Senate voted.", "The Senate voted."),
        ("NEW YORK (AFP) -- Markets fell.", "Markets fell."),
        ("SANAA\\/CAIRO | Fri Apr 8, 2011 6:16 pm BST SANAA\\/CAIRO (Reuters) - Riots.", "Riots."),
        ("Sept 21 | Wed Sep 21, 2011 5:53 pm BST Sept 21 (Reuters) - Oil rose.", "Oil rose."),
        ("Sun Mar 27, 2011 2:07 pm EDT (Reuters) - Troops moved.", "Troops moved."),
        ("(Reuters) - Troops moved.", "Troops moved."),
        ("MANCHESTER, England (Reuters) - Rain fell.", "Rain fell."),
        ("(Adds details of fund) LONDON, June 30 (Reuters) - Funds grew.", "Funds grew."),
        ("The Foreign Ministry (MFA) - said so.", "The Foreign Ministry (MFA) - said so."),
        ("ABUJA, Oct 5 (Reuters) - Nigeria plans to end subsidies.", "Nigeria plans to end subsidies."),
        ("(Adds detail) ASCHAFFENBURG, Germany, July 26 (Reuters) - Metro rose.", "Metro rose."),
        ("Floods By Karl Plume CHICAGO\\/MEMPHIS, Tenn., May 10 (Reuters) - Water rose.", "Water rose."),
        ("Oil drops \\* Sanctions bite NEW YORK Aug 18 (Reuters) - Oil fell $4.", "Oil fell $4."),
        ("Full Article France recalls envoy AMMAN (Reuters) - Syria said.", "Syria said."),
        # an abbreviation in brackets inside a sentence is no dateline
        ("He met the Free Syrian Army (FSA) - a group of defectors.", None),
        ("Talks with the (UN) - were held.", None),
        ("They joined the SNC (Syrian National Council) - an umbrella group.", None),
        ("Sun 14 Jun 2020 was a Sunday.", "Sun 14 Jun 2020 was a Sunday."),
        ("June 14, 2020 was the day they met.", "June 14, 2020 was the day they met."),
        ("On Sunday, officials met.", "On Sunday, officials met."),
    ],
)
def test_strip_dateline(lead: str, expected: str | None) -> None:
    assert strip_dateline(lead) == (expected or lead)


TITLE = "Ministers Agree To Continue Talks On Trade"
BODY = (
    "The minister said on Tuesday that the talks would continue next week, according to a statement "
    "released by the ministry after a meeting with the delegation.",
    "Officials from both countries have met several times this year, and they are expected to sign "
    "an agreement on trade and energy before the end of the summer.",
    "Critics of the plan say that it does little for the workers who were hit hardest by the crisis, "
    "and that the money should have been spent on schools and hospitals instead.",
)
# One row per page header, as the cleaner labels it: the lines above a body of three paragraphs, then
# the title, publication date (and time), author and outlet found.
HEADER_CASES = [
    ("the time first, text glued to the date",
     ["Columns", TITLE, "21:17 18.11.2019Share this story", "by Jane Doe"],
     (TITLE, "2019-11-18T21:17", "Jane Doe", None)),
    ("byline and US numeric date on one line: the writer is no outlet",
     ["Example.com", TITLE, "By Jane Doe - 11/19/19 06:56 AM EST"],
     (TITLE, "2019-11-19T06:56", "Jane Doe", None)),
    ("US order with dots",
     ["Business", "03.14.2020 09:00 AM", TITLE, "Jane Doe"],
     (TITLE, "2020-03-14T09:00", "Jane Doe", None)),
    # the list's dates stand nearer the body, but the dateline under the title is the article's
    ("a list of other stories between the header and the body",
     [TITLE, "By Jane Doe", "June 14, 2020 08:35", "More stories",
      "Markets Rally After Surprise Vote", "World", "March 3, 2019",
      "Officials Say Border Talks Will Resume", "World", "May 5, 2018",
      "New Rules For Trade Announced", "Business", "July 9, 2017"],
     (TITLE, "2020-06-14T08:35", "Jane Doe", None)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "expected"), [case[1:] for case in HEADER_CASES], ids=[case[0] for case in HEADER_CASES]
)
def test_article_identity_from_a_cleaned_page(
    header: list[str], expected: tuple[str, str, str | None, str | None]
) -> None:
    info = describe_article("a.txt", clean_text("\n\n".join([*header, *BODY])))
    assert (info.title, info.published_iso, info.author, info.outlet) == expected
