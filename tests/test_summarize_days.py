"""The day a statement is filed under and counted for by the summary: the happening's, not the report's."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import article
from timeline.merge import merge_statements
from timeline.models import Label, Sentence
from timeline.statements import find_statements, stamp_end
from timeline.summarize import day_references
from timeline.temporal import find_expressions


def _filed(lead: str, published: str) -> list[str]:
    """The days a one-sentence article's statement is filed under (tagged and resolved for real)."""
    info = article("a.txt", published)
    assert info.published is not None
    exprs = find_expressions(lead, info.published)
    found = find_statements(info, [Sentence(lead, 0, Label.BODY)], exprs)
    return sorted({str(s.expr.first_day) for s in found})


@pytest.mark.parametrize(
    ("lead", "published", "days"),
    [
        # a print edition stamped after midnight tells the day before's news as "yesterday"
        (
            "Tuesday 9 March 2021 00.04 GMT The port authority closed the harbour yesterday after a storm.",
            "2021-03-09",
            ["2021-03-08"],
        ),
        # a wire stamp gives way to the weekday of the happening
        (
            "HARBOURTON | Wed Mar 10, 2021 6:15 pm EST HARBOURTON (Wire) - Ferries stopped on Monday.",
            "2021-03-10",
            ["2021-03-08"],
        ),
        # a live-blog stamp gives way to the day the entry reports
        ("(Update 4:05 p.m. in Harbourton) Dockers marched on Sunday.", "2021-03-09", ["2021-03-07"]),
        # the stamp alone: the statement is still filed, under the stamp's day
        ("Friday 12 March 2021 00.05 GMT The harbour has reopened to ferries.", "2021-03-12", ["2021-03-12"]),
        # a year does not tell the day better than the stamp does: both stay
        (
            "Friday 12 March 2021 09.30 GMT The harbour was last shut this long in 1987.",
            "2021-03-12",
            ["1987-01-01", "2021-03-12"],
        ),
        # no stamp: an opening date is what happened, a clock inside the sentence changes nothing
        ("On Monday 8 March the storm reached the harbour at 10:30.", "2021-03-09", ["2021-03-08"]),
        ("Tuesday 9 March 2021 was the day the storm reached the coast.", "2021-03-10", ["2021-03-09"]),
    ],
)
def test_the_day_a_statement_is_filed_under(lead: str, published: str, days: list[str]) -> None:
    assert _filed(lead, published) == days


@pytest.mark.parametrize(
    ("lead", "stamped"),
    [
        (
            "Tuesday 9 March 2021 00.04 GMT The port authority closed the harbour.",
            "Tuesday 9 March 2021 00.04 GMT",
        ),
        ("Wednesday, March 10, 2021; 6:15 PM Ferries stopped.", "Wednesday, March 10, 2021; 6:15 PM"),
        ("The port closed on Tuesday 9 March 2021 at 00.04 GMT.", ""),
        ("Tuesday 9 March 2021 The port closed.", ""),  # a date without a clock time is not a stamp
    ],
)
def test_a_stamp_is_a_heading_date_with_its_clock_time(lead: str, stamped: str) -> None:
    exprs = find_expressions(lead, dt.datetime(2021, 3, 10))
    assert lead[: stamp_end(lead, exprs)].rstrip() == stamped


def test_the_summary_counts_the_happening_s_day_not_the_stamp_s() -> None:
    leads = [
        ("a.txt", "Tuesday 9 March 2021 00.04 GMT The port authority closed the harbour yesterday."),
        ("b.txt", "Tuesday 9 March 2021 00.10 GMT Ferries were stranded yesterday as the harbour shut."),
    ]
    statements = []
    for path, lead in leads:
        info = article(path, "2021-03-09")
        assert info.published is not None
        exprs = find_expressions(lead, info.published)
        statements.extend(find_statements(info, [Sentence(lead, 0, Label.BODY)], exprs))
    references = day_references(merge_statements(statements))
    assert {ref.day for ref in references} == {dt.date(2021, 3, 8)}
    assert {ref.lag for ref in references} == {1}
