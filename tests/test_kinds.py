"""Event kinds, one sentence one event, captions and listings: what a dated sentence tells of its date."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.examples import examples
from tests.factories import expr, statement
from timeline.cli import ExitCode, app
from timeline.merge import merge_statements
from timeline.models import EVENT_KINDS, Document, Event, Kind, Label, Sentence, Statement, Timeline
from timeline.pipeline import process_document
from timeline.render import render_csv, render_json, render_markdown, render_text
from timeline.render.terminal import render_rich
from timeline.statements import (
    CLAUSE_OPENER,
    RELATIVE_WORDS,
    choose_dates,
    find_kind,
    forecast_words,
    in_side_clause,
    is_caption,
    photo_words,
)

PUBLISHED = "2020-06-14"  # a Sunday


def _statements(body: str, published: str = PUBLISHED) -> list[Statement]:
    """The statements the pipeline files for an article published on `published`."""
    doc = Document("t.txt", f"date {published}\n{body}\n", Kind.TEXT, "utf-8")
    return list(process_document(doc).statements)


def _filed(body: str) -> list[tuple[str, str]]:
    """(expression, kind) of each statement of one sentence."""
    return [(found.expr.text, found.kind) for found in _statements(body)]


@pytest.mark.parametrize(
    ("sentence", "filed"),
    [
        ("The rebels captured the town on Friday.", [("Friday", "happened")]),
        ("The rebels had taken the town by May.", [("May", "happened")]),  # 'by' after a past: done
        ("Rebels held the town until May.", [("May", "happened")]),
        # a plan: the future, 'due to', 'plans to', the progressive of a day ahead
        ("The envoy will meet the president on Tuesday.", [("Tuesday", "scheduled")]),
        ("The committee is due to vote on Thursday.", [("Thursday", "scheduled")]),
        ("The company plans to open a factory in 2022.", [("2022", "scheduled")]),
        ("Ministers are arriving on Monday.", [("Monday", "scheduled")]),
        # a forecast: a word of expecting or a possibility in the clause
        ("Analysts expect prices to fall next month.", [("next month", "expected")]),
        ("The vote could come in July.", [("July", "expected")]),
        # a limit governed by a plan, an obligation or a time given to act
        ("The troops must leave no later than June 30.", [("June 30", "deadline")]),
        ("Applicants have until Friday to register.", [("Friday", "deadline")]),
        (
            "The city decided last month to close all its coal plants by 2030.",
            [("last month", "happened"), ("2030", "deadline")],
        ),
        # a state that began at the date, or runs through it
        ("Protests have continued since March.", [("March", "ongoing")]),
        ("Prices are rising this month.", [("this month", "ongoing")]),
    ],
)
def test_the_kind_of_a_dated_sentence(sentence: str, filed: list[tuple[str, str]]) -> None:
    assert _filed(sentence) == filed


WORDS = st.sampled_from(
    "the rebels army will said took captured plans to by until since may could protests were in on "
    "a town and met agreed is are had been talks".split()
)


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(WORDS, max_size=12), st.lists(WORDS, max_size=6), st.integers(1, 4000))
def test_nothing_dated_after_the_publication_has_happened(
    before: list[str], after: list[str], days_ahead: int
) -> None:
    head = " ".join(before)
    sentence = f"{head} on the day {' '.join(after)}.".strip()
    day = dt.date(2020, 6, 14) + dt.timedelta(days=days_ahead)
    found = expr(sentence, "the day", day.isoformat())
    assert find_kind(sentence, found, dt.date(2020, 6, 14)) != "happened"


# the days each phrase denotes, as the temporal stage gives them (a week, a year, a day, a month)
SPANS = {
    "June 10": ("2020-06-10",),
    "June 12": ("2020-06-12",),
    "1912": ("1912-01-01", "1912-12-31"),
    "1946": ("1946-01-01", "1946-12-31"),
    "two weeks ago": ("2020-05-25", "2020-05-31"),
    "63 years ago": ("1957-01-01", "1957-12-31"),
    "2008": ("2008-01-01", "2008-12-31"),
    "1990": ("1990-01-01", "1990-12-31"),
    "December 2008": ("2008-12-01", "2008-12-31"),
    "late on Monday": ("2020-06-08",),
    "March": ("2020-03-01", "2020-03-31"),
    "in March": ("2020-03-01", "2020-03-31"),
    "the 15th": ("2020-03-15",),
}


@pytest.mark.parametrize(
    ("sentence", "phrases", "filed"),
    [
        # two happenings, each with a verb of its own: both dates, shown as parts of one sentence
        ("Talks began on June 10 and ended on June 12.", ["June 10", "June 12"], ["June 10", "June 12"]),
        (
            "The country won independence in 1912, but its neighbour did not recognize it until 1946.",
            ["1912", "1946"],
            ["1912", "1946"],
        ),
        # one happening: a date in a participle phrase, a relative clause or a beginning gives way
        (
            "The army fired on a march two weeks ago, killing 11 people marking the day 63 years ago.",
            ["two weeks ago", "63 years ago"],
            ["two weeks ago"],
        ),
        ("Vera, who died in 2008, settled in Geneva in 1990.", ["2008", "1990"], ["1990"]),
        (
            "Gold beat platinum for the first time since December 2008 late on Monday.",
            ["December 2008", "late on Monday"],
            ["late on Monday"],
        ),
        # a date only in a relative clause is the one the sentence has
        ("A banner hung in the city where the revolt erupted in March.", ["March"], ["March"]),
        # one happening at two precisions: the narrower date
        ("Troops entered Hama in March, on the 15th, at dawn.", ["in March", "the 15th"], ["the 15th"]),
    ],
)
def test_one_sentence_one_event_unless_two_happenings(
    sentence: str, phrases: list[str], filed: list[str]
) -> None:
    found = [expr(sentence, phrase, *SPANS[phrase]) for phrase in phrases]
    assert [chosen.text for chosen in choose_dates(sentence, found)] == filed


def test_a_sentence_filed_twice_says_so() -> None:
    both = _statements("Talks began on June 10 and ended on June 12.")
    assert [found.parts for found in both] == [2, 2]
    events = merge_statements(both)
    statements = [line for line in render_text(_timeline(events)).splitlines() if "Talks began" in line]
    assert len(statements) == 2
    assert all("one of 2 dates of its sentence" in line for line in statements)


@pytest.mark.parametrize(
    ("text", "phrase", "day", "label", "caption"),
    [
        (
            "Protesters march in Deraa, Syria March 25, 2020.",
            "March 25, 2020",
            "2020-03-25",
            Label.BODY,
            True,
        ),
        (
            "Soldiers guard a checkpoint in this handout picture taken in Homs in March.",
            "March",
            None,
            Label.BODY,
            True,
        ),
        (
            "Leaders meet in Rome on June 2, 2020.",
            "June 2, 2020",
            "2020-06-02",
            Label.CAPTION,
            True,
        ),  # the cleaner's
        ("Protesters marched in Deraa on March 25, 2020.", "March 25, 2020", "2020-03-25", Label.BODY, False),
        ("The talks, held in Geneva in March 2020, failed.", "March 2020", None, Label.BODY, False),
        ("Prices are still higher than a year ago and still rising.", "a year ago", None, Label.BODY, False),
    ],
)
def test_captions(text: str, phrase: str, day: str | None, label: Label, caption: bool) -> None:
    found = expr(text, phrase, day or "2020-03-01", "2020-03-31" if day is None else None)
    absolute = replace(found, anchor="absolute")  # a caption writes its date in full
    assert is_caption(Sentence(text, 0, label), [absolute]) is caption


@pytest.mark.parametrize(
    ("line", "filed"),
    [
        ("9 a.m. - Take a stroll along the river and stop for coffee.", False),
        ("10:30 a.m.: Visit the old market.", False),
        ("9 a.m. - Police arrived at the square.", True),  # a live report, not an itinerary
        ("April 25 - Troops storm the city.", True),  # a chronology's entry
    ],
)
def test_itineraries_and_schedules_are_not_events(line: str, filed: bool) -> None:
    assert bool(_statements(line)) is filed


def test_a_caption_is_kept_once_and_marked_on_its_source() -> None:
    found = _statements("Protesters march in Deraa, Syria March 25, 2020.")
    assert [(item.caption, item.expr.value) for item in found] == [(True, "2020-03-25")]
    timeline = _timeline(merge_statements(found))
    assert "caption" in render_text(timeline)
    record = json.loads(render_json(timeline))
    assert record["events"][0]["sources"][0]["caption"] is True
    assert "caption" in render_csv(timeline).splitlines()[0].split(",")


def _timeline(events: tuple[Event, ...]) -> Timeline:
    return Timeline(events, (), ())


def test_a_deadline_never_merges_with_the_happenings_of_its_year() -> None:
    target = statement(
        "The city will close all its coal plants by 2030.", "2030", "2030-01-01", "2030-12-31", value="2030"
    )
    target = replace(target, kind="deadline")
    happened = statement(
        "The city closed all its coal plants in 2030.",
        "2030",
        "2030-01-01",
        "2030-12-31",
        path="b.txt",
        value="2030",
    )
    events = merge_statements([target, happened])
    assert sorted(event.kind for event in events) == ["deadline", "happened"]
    text = render_text(_timeline(events))
    assert "by 2030  [deadline] The city will close" in text
    assert "| [deadline] The city will close" in render_markdown(_timeline(events))


def test_an_event_is_a_happening_when_any_source_tells_it_happened() -> None:
    plan = replace(
        statement("Lavrov and Shoigu will visit Ankara on Sunday.", "on Sunday", "2020-06-14"),
        kind="scheduled",
    )
    done = statement(
        "Lavrov and Shoigu visited Ankara on Sunday.",
        "on Sunday",
        "2020-06-14",
        path="b.txt",
        published="2020-06-15T09:00",
    )
    (event,) = merge_statements([plan, done])
    assert event.kind == "happened"
    (alone,) = merge_statements([plan])
    assert alone.kind == "scheduled"


NEIGHBOURS = [
    statement(
        "Syrian forces shot dead 12 protesters at a pro-Assad rally in Homs on Friday, activists said.",
        "on Friday",
        "2011-06-10",
        path="a.txt",
        published="2011-06-11T09:00",
    ),
    statement(
        "Syrian forces shot dead 12 protesters at a pro-Assad rally in Homs, activists said.",
        "Homs",
        "2011-06-11",
        path="b.txt",
        published="2011-06-12T09:00",
    ),
    statement(
        "Syrian forces shot dead 12 protesters at a pro-Assad rally in Homs, activists told us.",
        "Homs",
        "2011-06-10",
        path="c.txt",
        published="2011-06-12T10:00",
    ),
]


def test_two_reports_of_one_happening_on_neighbouring_days_are_one_event_with_the_disagreement_shown() -> (
    None
):
    (event,) = merge_statements(NEIGHBOURS)
    assert event.value == "2011-06-10"  # the day most sources give
    assert event.other_dates == ("2011-06-11",)
    assert "also dated 2011-06-11" in render_text(_timeline((event,)))
    assert json.loads(render_json(_timeline((event,))))["events"][0]["other_dates"] == ["2011-06-11"]


def test_one_article_on_neighbouring_days_tells_two_happenings() -> None:
    same_article = [replace(NEIGHBOURS[0]), replace(NEIGHBOURS[1], article=NEIGHBOURS[0].article, order=3)]
    assert len(merge_statements(same_article)) == 2


def test_kind_word_lists_load() -> None:
    assert {"expected", "could"} <= forecast_words()
    assert {"photo", "picture"} <= photo_words()


ARTICLE = """Example Daily News

Sun 14 Jun 2020 | 10:00 AM

Rebels seized the border town of Kessab on Saturday after heavy fighting, activists said.

Talks between the two sides will resume on Thursday in Geneva, the United Nations said.

The army must withdraw from the town no later than June 30, the agreement says.
"""


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (None, {"happened", "scheduled", "deadline"}),
        ("happened", {"happened"}),
        ("deadline,scheduled", {"scheduled", "deadline"}),
        (" Deadline ", {"deadline"}),
    ],
)
def test_cli_kinds_selects(tmp_path: Path, kinds: str | None, expected: set[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    options = ["--kinds", kinds] if kinds is not None else []
    result = CliRunner().invoke(app, ["build", str(article), "-f", "json", "-q", *options])
    assert result.exit_code == ExitCode.OK, result.output
    assert {event["kind"] for event in json.loads(result.stdout)["events"]} == expected


@pytest.mark.parametrize("kinds", ["planned", "", "happened,soon"])
def test_cli_refuses_an_unknown_kind(tmp_path: Path, kinds: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(article), "--kinds", kinds])
    assert result.exit_code == ExitCode.USAGE
    assert "--kinds" in result.output
    assert EVENT_KINDS[0] in result.output


def test_cli_text_marks_plans_and_deadlines(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(article), "-f", "text", "-q"])
    lines = result.stdout.splitlines()
    assert any(line.startswith("by 2020-06-30") and "[deadline] The army must" in line for line in lines)
    assert any("[scheduled] Talks between" in line for line in lines)
    assert any("] Rebels seized" not in line and "Rebels seized" in line for line in lines)


def test_the_terminal_table_shows_the_kind_and_the_caption() -> None:
    target = replace(
        statement(
            "The city will close its plants by 2030.", "2030", "2030-01-01", "2030-12-31", value="2030"
        ),
        kind="deadline",
    )
    picture = replace(
        statement("Leaders meet in Rome, Italy June 2, 2020.", "June 2, 2020", "2020-06-02", path="b.txt"),
        caption=True,
    )
    out = io.StringIO()
    render_rich(_timeline(merge_statements([target, picture])), out, width=200)
    table = out.getvalue()
    assert "[deadline] The city will close" in table
    assert "caption" in table


_CLAUSE_PIECES = st.sampled_from(
    [
        "where",
        "which",
        "who",
        "that",
        "when",
        ",",
        ";",
        "(",
        ")",
        "the",
        "rebels",
        "erupted",
        "met",
        "in",
        "March",
    ]
)


@given(st.lists(_CLAUSE_PIECES, min_size=1, max_size=30), st.data())
def test_a_side_clause_is_read_from_the_openers_before_the_expression(pieces: list[str], data: Any) -> None:
    """The sentence is read once for its clause openers; each expression sees the last one before it."""
    sentence = " ".join([*pieces, "March"])
    starts = [i for i in range(len(sentence)) if sentence.startswith("March", i)]
    start = data.draw(st.sampled_from(starts))
    found = replace(expr(sentence, "March", "2011-03-01"), start=start, end=start + 5)
    openers = [match.group().lower() for match in CLAUSE_OPENER.finditer(sentence, 0, start)]
    assert in_side_clause(sentence, found) == (bool(openers) and openers[-1] in RELATIVE_WORDS)
