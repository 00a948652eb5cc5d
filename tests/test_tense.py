"""The tense table: a date without a year is read by the tense of its clause, whatever the calendar.

Built systematically: publication dates on every weekday, across a year end and around a leap day, times
month-days, weekdays, months and weekends, times the past, the present progressive, the future and reported
speech. The expected dates are computed here by walking the calendar day by day from the anchor (never by
calling the resolver): the past is the latest occurrence on or before the anchor, the future and the
progressive the first on or after it; in reported speech the anchor is the day of the report. Then the
other anchors (the date in focus), weekends as DATE values, four-digit numbers that are no years, and where
a tense marker comes from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from timeline.temporal import find_expressions
from timeline.temporal.resolve import pick_day, pick_weekday, pick_weekend

MONTH_NAMES = "January February March April May June July August September October November December".split()
WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
ONE_DAY = dt.timedelta(days=1)


def _week(first: str) -> list[dt.date]:
    start = dt.date.fromisoformat(first)
    return [start + k * ONE_DAY for k in range(7)]


# every weekday across a year end, every weekday around a leap day, and two ordinary days
PUBLISHED = [*_week("2020-12-28"), *_week("2024-02-26"), dt.date(2021, 4, 21), dt.date(2019, 7, 14)]

# the sentence frames of each tense; {x} is the expression with its preposition, {r} the day of a report
FRAMES = {
    "past": (
        "The parliament approved the budget {x}.",
        "Erdogan spoke with Putin by phone {x}.",
        "Protesters gathered outside the embassy {x}.",
    ),
    "progressive": ("The delegation is arriving in Moscow {x}.", "The ministers are meeting {x}."),
    "future": ("The summit will be held {x}.", "The minister will visit Ankara {x}."),
    "reported future": (
        "The embassy said on {r} that the envoy would arrive {x}.",
        "Officials announced on {r} that the vote would take place {x}.",
    ),
    "reported past": ("The embassy said on {r} that the envoy had arrived {x}.",),
}


def walk(anchor: dt.date, step: int, fits: Callable[[dt.date], bool]) -> dt.date:
    """The first day from `anchor` (itself included) in the direction `step` that `fits`."""
    day = anchor
    while not fits(day):
        day += step * ONE_DAY
    return day


def report_day(published: dt.date) -> dt.date:
    """The day of the report in reported speech: two weekdays before the publication's, in the past."""
    weekday = (published.isoweekday() - 3) % 7 + 1
    return walk(published, -1, lambda d: d.isoweekday() == weekday)


def anchor_and_step(tense: str, published: dt.date) -> tuple[dt.date, int]:
    """Where the calendar walk starts and which way it goes, by the tense alone."""
    if tense.startswith("reported"):
        return report_day(published), (-1 if tense == "reported past" else 1)
    return published, (-1 if tense == "past" else 1)


def _month_days(published: dt.date) -> list[tuple[int, int]]:
    """Month-days near the publication day on both sides (the old 90-day guard's zone) and far off."""
    near = [published + k * ONE_DAY for k in (-200, -89, -20, -1, 0, 1, 20, 89, 200)]
    return sorted({(d.month, d.day) for d in near} | {(1, 1), (2, 29), (12, 31)})


def _weekend_value(day: dt.date) -> str:
    saturday = day - ONE_DAY if day.isoweekday() == 7 else day
    year, week, _ = saturday.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


def _cases() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for published in PUBLISHED:
        for n, (tense, frames) in enumerate(FRAMES.items()):
            anchor, step = anchor_and_step(tense, published)
            report = WEEKDAY_NAMES[anchor.isoweekday() - 1]
            targets: list[tuple[str, str]] = []
            for month, day in _month_days(published):
                hit = walk(anchor, step, lambda d, m=month, dd=day: (d.month, d.day) == (m, dd))
                targets.append((f"{MONTH_NAMES[month - 1]} {day}", hit.isoformat()))
            for k, name in enumerate(WEEKDAY_NAMES, 1):
                targets.append((name, walk(anchor, step, lambda d, k=k: d.isoweekday() == k).isoformat()))
            for month, name in enumerate(MONTH_NAMES, 1):
                hit = walk(anchor, step, lambda d, m=month: d.month == m)
                targets.append((name, f"{hit.year:04d}-{month:02d}"))
            weekend = _weekend_value(walk(anchor, step, lambda d: d.isoweekday() >= 6))
            targets += [("this weekend", weekend), ("the weekend", weekend)]
            for i, (expr, value) in enumerate(targets):
                preposition = "in " if expr in MONTH_NAMES else ("" if "weekend" in expr else "on ")
                if expr == "the weekend":
                    preposition = "over " if tense == "past" else "at "
                frame = frames[(i + n) % len(frames)]
                text = frame.format(x=preposition + expr, r=report)
                rows.append((published.isoformat(), tense, text, expr, value))
    return rows


TENSE_TABLE = _cases()
# one test per publication day and tense: the grammar reads a row in 0.2 ms, pytest costs 1 ms a test
TENSE_GROUPS = sorted({(published, tense) for published, tense, *_ in TENSE_TABLE})


@pytest.mark.parametrize(("published", "tense"), TENSE_GROUPS)
def test_tense_table(published: str, tense: str) -> None:
    wrong = []
    for _, _, text, expr, value in (row for row in TENSE_TABLE if row[:2] == (published, tense)):
        found = {e.text: e.value for e in find_expressions(text, dt.date.fromisoformat(published))}
        if found.get(expr) != value:
            wrong.append((text, expr, value, found))
    assert wrong == []


def test_the_tense_table_is_the_whole_grid() -> None:
    """Every publication date, tense and kind of expression is in the table (a shrunk table tests less)."""
    assert {row[0] for row in TENSE_TABLE} == {d.isoformat() for d in PUBLISHED}
    assert {row[1] for row in TENSE_TABLE} == set(FRAMES)
    assert {d.isoweekday() for d in PUBLISHED} == set(range(1, 8))
    assert len(TENSE_TABLE) >= len(PUBLISHED) * len(FRAMES) * (7 + 12 + 2 + 10)


# ---------------------------------------------------------------- anchors: a report's day, the date in focus

WED = "2021-04-21"  # Wednesday

ANCHOR_ROWS = [
    # reported speech counts from the day of the report
    ("The embassy said on Saturday that the envoy would arrive on Monday.", WED, "Monday", "2021-04-19"),
    ("The embassy said Saturday the envoy would arrive on Monday.", WED, "Monday", "2021-04-19"),
    ("The embassy on Saturday said that the envoy would arrive on Monday.", WED, "Monday", "2021-04-19"),
    ("The ministry said on April 2 that the talks would resume on May 10.", WED, "May 10", "2021-05-10"),
    ("The ministry said on April 2 that the talks had resumed on March 30.", WED, "March 30", "2021-03-30"),
    # without a day for the report, "would" looks ahead of a telling a few days back (the fitted reach)
    ("The envoy said he would arrive on Monday.", WED, "Monday", "2021-04-19"),
    ("Officials said the vote would be held by April 19.", WED, "April 19", "2021-04-19"),
    ("Mubarak announced that he would not run again in September.", "2011-02-02", "September", "2011-09"),
    # the date in focus: the last day told of
    ("The envoy arrived on Monday and left the following day.", WED, "the following day", "2021-04-20"),
    ("The envoy arrived on April 2. Two days later, he left.", WED, "Two days later", "2021-04-04"),
    ("The envoy arrived on April 2, and that day he met the king.", WED, "that day", "2021-04-02"),
    (
        "The embassy said on Saturday that the envoy would arrive on Monday and leave the following day.",
        WED,
        "the following day",
        "2021-04-20",
    ),
    (
        "Erdogan spoke with Putin by phone on May 28, and the two signed a deal the following day.",
        "2021-03-18",
        "the following day",
        "2020-05-29",
    ),
]


@pytest.mark.parametrize(("text", "published", "expr", "value"), ANCHOR_ROWS)
def test_anchors(text: str, published: str, expr: str, value: str) -> None:
    found = {e.text: e for e in find_expressions(text, dt.date.fromisoformat(published))}
    assert found[expr].value == value, found[expr]


def test_a_dated_report_is_the_anchor_of_its_complement() -> None:
    text = "The embassy said on Saturday that the envoy would arrive on Monday."
    saturday, monday = find_expressions(text, dt.date.fromisoformat(WED))
    assert (saturday.value, monday.value, monday.anchor) == ("2021-04-17", "2021-04-19", "reported")


STRETCH_ROWS = [
    # a stretch told in the future tense that has begun but not ended is the running one
    ("Zarif will also be in Turkey June 14-15.", "2020-06-15", "June 14-15", "2020-06-14/2020-06-15"),
    ("Zarif will also be in Turkey June 10-12.", "2020-06-15", "June 10-12", "2021-06-10/2021-06-12"),
    (
        "He will be in Ankara December 30 to January 2.",
        "2021-01-01",
        "December 30 to January 2",
        "2020-12-30/2021-01-02",
    ),
]


@pytest.mark.parametrize(("text", "published", "expr", "value"), STRETCH_ROWS)
def test_a_running_stretch_in_the_future_tense(text: str, published: str, expr: str, value: str) -> None:
    found = {e.text: e for e in find_expressions(text, dt.date.fromisoformat(published))}
    assert found[expr].value == value, found[expr]


# ---------------------------------------------------------------- weekends are dates, by tense

WEEKEND_ROWS = [
    ("Protests are planned for this weekend.", WED, "this weekend", "2021-W16-WE"),
    ("Protests drew thousands this weekend.", WED, "this weekend", "2021-W15-WE"),
    ("Protests drew thousands this weekend.", "2021-04-25", "this weekend", "2021-W16-WE"),
    ("The talks will resume the coming weekend.", WED, "the coming weekend", "2021-W16-WE"),
    ("The talks will resume the coming weekend.", "2021-04-24", "the coming weekend", "2021-W17-WE"),
    ("He left this past weekend.", "2021-04-19", "this past weekend", "2021-W15-WE"),
    ("The talks resumed over the weekend.", WED, "the weekend", "2021-W15-WE"),
    ("The talks will resume over the weekend.", WED, "the weekend", "2021-W16-WE"),
    ("They met on Monday and again the following weekend.", WED, "the following weekend", "2021-W16-WE"),
    ("Talks ended on Saturday; the previous weekend they began.", WED, "the previous weekend", "2021-W14-WE"),
    ("The talks will take two weekends.", WED, "two weekends", "P4D"),
]


@pytest.mark.parametrize(("text", "published", "expr", "value"), WEEKEND_ROWS)
def test_weekends(text: str, published: str, expr: str, value: str) -> None:
    found = {e.text: e for e in find_expressions(text, dt.date.fromisoformat(published))}
    assert found[expr].value == value, found[expr]


# ---------------------------------------------------------------- four-digit numbers: years in year contexts

YEAR_ROWS = [
    ("He was born in 1998 in Izmir.", "1998"),
    ("It has grown since 2001, officials said.", "2001"),
    ("Turkey's 2018 election was close.", "2018"),
    ("1998's harvest was poor.", "1998"),
    ("2019 was a hard year for the lira.", "2019"),
    ("The ruling came between 2009 and 2018.", "2009 and 2018"),
    ("It sold well in June 1998.", "June 1998"),
    ("ANKARA, 2019 - The talks ended.", "2019"),
    ("The company's 1990 results were weak.", "1990"),
]
NOT_YEAR_ROWS = [
    "Item 1800 was filed with the court.",
    "The clerk filed item 1800 with the court.",
    "Passengers of flight 2012 landed safely.",
    "He was moved to room 1999.",
    "Resolution No. 2001 passed.",
    "Enter code 2020 at the gate.",
    "They sold it for $1999 in the end.",
    "About 2000 people gathered in the square.",
    "The joint venture Orion 1980 makes parts.",
]


@pytest.mark.parametrize(("text", "expr"), YEAR_ROWS)
def test_years_in_year_contexts(text: str, expr: str) -> None:
    assert expr in [e.text for e in find_expressions(text, dt.date(2021, 4, 21))]


@pytest.mark.parametrize("text", NOT_YEAR_ROWS)
def test_numbers_that_are_no_years(text: str) -> None:
    assert [e.text for e in find_expressions(text, dt.date(2021, 4, 21))] == []


# ---------------------------------------------------------------- where the tense came from

SOURCE_ROWS = [
    ("The parliament approved the budget on January 6.", "January 6", "past", "own clause"),
    (
        "The parliament will vote on the budget that the government approved on March 3.",
        "March 3",
        "past",
        "own clause",
    ),
    ("On Monday, the leaders met again.", "Monday", "past", "own clause"),
    ("Late on Monday, the leaders will meet again.", "Monday", "future", "own clause"),
    ("Castro said Sunday he was tired.", "Sunday", "past", "own clause"),
    ("The summit will be held on April 2.", "April 2", "future", "own clause"),
    ("The talks, in March, ended.", "March", "past", "own clause"),  # set off by commas: the clause after
    ("The talks ended (in March).", "March", "past", "other clause"),  # in brackets: no clause of its own
    ("Mr Annan is scheduled to meet Assad at the weekend.", "the weekend", "future", "own clause"),
    ("The plan envisages a cessation of armed violence from April 10.", "April 10", None, None),
    ("April 25 - The Coast Guard says robots will try to close the valve.", "April 25", None, None),
]


@pytest.mark.parametrize(("text", "expr", "tense", "source"), SOURCE_ROWS)
def test_the_tense_and_its_source_are_recorded(
    text: str, expr: str, tense: str | None, source: str | None
) -> None:
    found = {e.text: e for e in find_expressions(text, dt.date(2021, 4, 21))}
    assert (found[expr].tense, found[expr].tense_from) == (tense, source)


def test_an_absolute_date_records_no_tense() -> None:
    (e,) = find_expressions("The parliament approved the budget on January 6, 2020.", dt.date(2021, 4, 21))
    assert (e.tense, e.tense_from) == (None, None)


# ---------------------------------------------------------------- the calendar rule as properties

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@settings(max_examples=examples(300), deadline=None)
@given(anchor=days, month=st.integers(1, 12), day=st.integers(1, 31))
def test_a_month_day_lies_on_the_side_its_tense_points_to(anchor: dt.date, month: int, day: int) -> None:
    past, future = pick_day(month, day, anchor, "past"), pick_day(month, day, anchor, "future")
    if past is None or future is None:
        assert past is future is None  # "February 30" is no day
        return
    reach = dt.timedelta(days=366 * (4 if (month, day) == (2, 29) else 1))
    assert anchor - reach < past <= anchor <= future < anchor + reach
    assert (past.month, past.day) == (future.month, future.day) == (month, day)
    assert pick_day(month, day, anchor, None) in (past, future)


@settings(max_examples=examples(200), deadline=None)
@given(anchor=days, weekday=st.integers(1, 7), tense=st.sampled_from(["past", "future", None]))
def test_a_weekday_is_within_a_week_on_its_side(anchor: dt.date, weekday: int, tense: str | None) -> None:
    day = pick_weekday(weekday, anchor, tense)
    assert day.isoweekday() == weekday
    assert abs((day - anchor).days) < 7
    assert tense != "past" or day <= anchor
    assert tense != "future" or day >= anchor


@settings(max_examples=examples(200), deadline=None)
@given(anchor=days, tense=st.sampled_from(["past", "future", None]), strict=st.booleans())
def test_a_weekend_is_a_saturday_within_a_fortnight(anchor: dt.date, tense: str | None, strict: bool) -> None:
    saturday = pick_weekend(anchor, tense, strict)
    assert saturday.isoweekday() == 6
    assert abs((saturday - anchor).days) < 14
    holds_anchor = saturday <= anchor <= saturday + ONE_DAY
    assert not (strict and holds_anchor)
    assert holds_anchor or (saturday < anchor if tense == "past" else saturday > anchor)
