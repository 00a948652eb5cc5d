"""Rendering: the labels a reader sees for an event's date, while the data keeps TimeML's values."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.factories import statement
from timeline.merge import make_event
from timeline.models import Event
from timeline.render.data import event_record
from timeline.render.labels import date_label

PUBLISHED = "2011-11-04"


def _event(
    value: str,
    mod: str | None,
    first: str | None,
    last: str | None,
    anchor: str = "absolute",
    published: str = PUBLISHED,
) -> Event:
    """An event of one source dated by a TIMEX value and modifier, over the days [first, last]."""
    item = statement("It happened then, they said.", "then", first, last, value=value, published=published)
    return make_event([replace(item, expr=replace(item.expr, mod=mod, anchor=anchor))])


# TimeML writes decades and centuries cut short ('199', '19'); the label spells out the years.
# A comparative on a point is a count from the publication day ('over a month ago', published
# 2011-11-04: value 2011-10, MORE_THAN): the happening lies before 2011-10-04, so the label bounds it
# on that side with the value's unit included: 'by 2011-10'. 'before 2011-10' would be false for
# October 1-3, 'over 2011-10' means nothing. Ahead of the publication the sides swap ('more than a
# month from now': from 2011-12). Counted from another date of the text ('less than a decade
# earlier' than 2005), the side of the publication says nothing, and the value is only a near bound:
# 'about'. A comparative of a length, which has no days, keeps its word ('over P3Y').
@pytest.mark.parametrize(
    ("value", "mod", "first", "last", "anchor", "label"),
    [
        ("199", None, "1990-01-01", "1999-12-31", "absolute", "1990s"),
        ("200", "START", "2000-01-01", "2003-12-31", "absolute", "early 2000s"),
        ("200", "MID", "2004-01-01", "2006-12-31", "absolute", "mid 2000s"),
        ("201", "END", "2017-01-01", "2019-12-31", "publication", "late 2010s"),
        ("19", None, "1900-01-01", "1999-12-31", "absolute", "1900s"),
        ("11", None, "1100-01-01", "1199-12-31", "absolute", "1100s"),
        ("16", "END", "1667-01-01", "1699-12-31", "absolute", "late 1600s"),
        ("199/200", None, "1990-01-01", "2009-12-31", "absolute", "1990s..2000s"),
        ("2011-10", "MORE_THAN", "2011-10-01", "2011-10-31", "publication", "by 2011-10"),
        ("2011-10", "MORE_THAN", "2011-10-01", "2011-10-04", "publication", "by 2011-10"),
        ("2001", "MORE_THAN", "2001-01-01", "2001-12-31", "publication", "by 2001"),
        ("2011-W43", "EQUAL_OR_MORE", "2011-10-24", "2011-10-30", "publication", "by 2011-W43"),
        ("2011-10", "LESS_THAN", "2011-10-01", "2011-10-31", "publication", "from 2011-10"),
        ("2011-W43", "LESS_THAN", "2011-10-28", "2011-11-04", "publication", "from 2011-W43"),  # up to 11-04
        ("2011-11-04", "LESS_THAN", "2011-11-04", "2011-11-04", "publication", "about 2011-11-04"),
        ("2011-12", "MORE_THAN", "2011-12-01", "2011-12-31", "publication", "from 2011-12"),
        ("2011-12", "LESS_THAN", "2011-12-01", "2011-12-31", "publication", "by 2011-12"),
        ("1995", "LESS_THAN", "1995-01-01", "1995-12-31", "previous", "about 1995"),
        ("2011-11", "MORE_THAN", "2011-11-01", "2011-11-30", "publication", "about 2011-11"),  # holds 11-04
        ("P3Y", "MORE_THAN", None, None, "unresolved", "over P3Y"),
        ("2011-10", "BEFORE", "2011-10-01", "2011-10-31", "absolute", "before 2011-10"),
        ("2020-03", "START", "2020-03-01", "2020-03-10", "absolute", "early 2020-03"),
        ("2020-06-14", None, "2020-06-14", "2020-06-14", "publication", "2020-06-14"),
        ("2020-06-14/2020-06-15", None, "2020-06-14", "2020-06-15", "absolute", "2020-06-14..2020-06-15"),
        ("2011", None, "2011-01-01", "2011-12-31", "absolute", "2011"),
        ("FUTURE_REF", None, None, None, "publication", "future"),
    ],
)
def test_date_label(
    value: str, mod: str | None, first: str | None, last: str | None, anchor: str, label: str
) -> None:
    assert date_label(_event(value, mod, first, last, anchor)) == label


def test_the_record_keeps_the_timeml_value_beside_the_label() -> None:
    record = event_record(_event("201", "END", "2017-01-01", "2019-12-31"))
    assert (record["date"], record["modifier"], record["label"]) == ("201", "END", "late 2010s")
    assert (record["start"], record["end"]) == ("2017-01-01", "2019-12-31")
