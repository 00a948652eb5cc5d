"""The census of shared lines: copies of one article count once; boilerplate recurs across different ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.examples import examples
from timeline.census import (
    RECURRING_MIN,
    Census,
    _group_distinct,
    count_recurring,
    group_copies,
    hash_line,
    resemblance,
    take_census,
)
from timeline.cli import app
from timeline.models import Document, Kind

FOOTER = "Copyright Example Media Group, all rights reserved worldwide since 1999."
MENU = "Home | World | Business | Sport | Opinion | Weather"

BODY = [
    "The ministers of the two countries met in Geneva on Tuesday to discuss the ceasefire.",
    "Officials said the talks lasted for more than six hours and ended without a statement.",
    "A second round of negotiations is expected to take place in the coming weeks, they said.",
    "The foreign minister told reporters that both sides had agreed to keep talking for now.",
    "Aid groups have warned that the fighting has displaced tens of thousands of people.",
]

OTHERS = [
    [
        "Heavy rain flooded the southern districts of the city on Monday, the mayor's office said.",
        "Rescue teams evacuated hundreds of residents from their homes overnight, officials said.",
        "The weather service expects more rain to fall over the region until the end of the week.",
    ],
    [
        "The central bank raised its main interest rate by half a point on Thursday, it said.",
        "Analysts had expected a smaller rise after inflation slowed for the second month running.",
        "The governor said further increases could follow if prices kept rising this summer.",
    ],
    [
        "The football club appointed a new head coach on Friday after a run of six straight defeats.",
        "The former international signed a contract until the end of next season, the club said.",
        "Supporters had protested outside the stadium before the last home game of the season.",
    ],
]


TEASERS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")


def page(title: str, body: list[str]) -> str:
    """A text dump of a news page: a menu, a title, the body, a footer."""
    return "\n\n".join([MENU, title, "Published June 14, 2020", *body, FOOTER]) + "\n"


def census(text: str) -> Census:
    return take_census(Document("x.txt", text, Kind.TEXT, "utf-8"))


def test_a_copy_under_another_headline_is_grouped_with_its_original() -> None:
    texts = [
        page("Ministers meet in Geneva", BODY),
        page("Talks in Geneva end without a deal", BODY),  # syndicated: another headline
        page(
            "Geneva talks", [*BODY[:3], BODY[3].replace("for now", "for the time being"), BODY[4]]
        ),  # edited
        *(page(f"Other story {n}", body) for n, body in enumerate(OTHERS)),
    ]
    groups = group_copies([census(text).sketch for text in texts])
    assert groups[:3] == [0, 0, 0]
    assert groups[3:] == [3, 4, 5]  # one site's menu and footer do not make its articles copies


def test_copies_do_not_make_their_lines_boilerplate_but_a_sites_footer_is() -> None:
    copies = [page(f"Headline {n}", BODY) for n in range(6)]
    copies[5] = page("Headline 5", [BODY[0], BODY[1] + " He added nothing.", *BODY[2:]])
    others = [page(f"Other story {n}", body) for n, body in enumerate(OTHERS)]
    recurring = count_recurring([census(text) for text in copies + others])
    assert hash_line(BODY[0].lower()) not in recurring  # six copies of one article: one article
    assert hash_line(FOOTER.lower()) in recurring  # four different articles
    assert hash_line(MENU.lower()) in recurring


def test_lines_of_fewer_articles_than_the_minimum_do_not_recur() -> None:
    texts = [page(f"Other story {n}", body) for n, body in enumerate(OTHERS[: RECURRING_MIN - 1])]
    assert count_recurring([census(text) for text in texts]) == frozenset()


def test_html_pages_take_no_part_in_the_census() -> None:
    html = Document("x.html", f"<html><body><p>{BODY[0]}</p></body></html>", Kind.HTML, "utf-8")
    assert take_census(html) == Census(frozenset())


@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=40, unique=True))
def test_a_sketch_resembles_itself_fully_and_nothing_empty(values: list[int]) -> None:
    sketch = sorted(values)[:32]
    assert resemblance(sketch, sketch) == (1.0 if sketch else 0.0)
    assert resemblance(sketch, []) == 0.0


@pytest.fixture
def syndicated(tmp_path: Path) -> Path:
    """Six copies of one article (one edited, on another site) and three other articles of the first site."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(5):
        (folder / f"copy{n}.txt").write_text(page(f"Headline number {n}", BODY))
    # syndicated by a site whose page holds more long lines of its own (teasers) than the story has
    teasers = [
        f"Most read: the {word} story that everybody on this other site is reading today" for word in TEASERS
    ]
    edited = [BODY[0], BODY[1] + " He gave no details.", *BODY[2:]]
    lines = ["Other site", "Published June 14, 2020", *edited, *teasers]
    (folder / "copy5.txt").write_text("\n\n".join(lines) + "\n")
    for n, body in enumerate(OTHERS):
        (folder / f"other{n}.txt").write_text(page(f"Other story {n}", body))
    return folder


def test_every_copy_keeps_the_events_of_the_shared_body(syndicated: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(syndicated), "--format", "json", "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    geneva = [event for event in events if "Geneva on Tuesday" in event["text"]]
    assert len(geneva) == 1
    assert sorted(Path(source["file"]).name for source in geneva[0]["sources"]) == [
        f"copy{n}.txt" for n in range(6)
    ]
    assert not any("Copyright" in event["text"] for event in events)


SKETCH = st.lists(st.integers(0, 60), max_size=12, unique=True).map(lambda values: tuple(sorted(values)))
TWINS = st.lists(SKETCH, min_size=1, max_size=6).flatmap(
    lambda pool: st.lists(st.sampled_from(pool), max_size=40)  # files drawn from a few sketches: many twins
)


@settings(max_examples=examples(200))
@given(TWINS)
def test_files_with_the_same_sketch_group_as_when_each_is_compared(sketches: list[tuple[int, ...]]) -> None:
    """Grouping identical sketches at once gives the groups of comparing every file (many twins drawn)."""
    assert group_copies(sketches) == _group_distinct(sketches)
