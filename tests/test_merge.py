"""Merging: one event per happening, every source kept, later changes marked, order-independent."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import statement
from timeline.merge import merge_statements

ARRIVING = statement(
    "Russia’s Foreign Minister Sergey Lavrov and Defense Minister Sergei Shoigu are arriving in Turkey "
    "on Sunday as part of a major high-level delegation, Russia’s TASS reported.",
    "on Sunday",
    "2020-06-14",
    path="jpost.txt",
    published="2020-06-14T08:35",
)
POSTPONED = statement(
    "An expected visit to Turkey by Russia's Foreign Minister Sergei Lavrov and Defense Minister "
    "Sergei Shoigu on Sunday has been postponed, with no reason or rescheduled date given.",
    "on Sunday",
    "2020-06-14",
    path="ahram.txt",
    published="2020-06-14T16:38",
)
OTHER_SAME_DAY = statement(
    "Iranian Foreign Minister Javad Zarif arrives in Ankara on Sunday for talks on trade.",
    "on Sunday",
    "2020-06-14",
    path="ahram.txt",
    published="2020-06-14T16:38",
    order=5,
)
EARLIER = statement(
    "Erdogan and Putin held a phone call on June 10 about Libya.",
    "June 10",
    "2020-06-10",
    path="ahram.txt",
    published="2020-06-14T16:38",
    order=7,
)
RANGE = statement(
    "Zarif will also be in Turkey June 14-15.",
    "June 14-15",
    "2020-06-14",
    "2020-06-15",
    path="ahram.txt",
    published="2020-06-14T16:38",
    order=8,
)
FUTURE = statement(
    "Meetings will take place at a future date.",
    "at a future date",
    None,
    value="FUTURE_REF",
    path="ahram.txt",
    published="2020-06-14T16:38",
    order=9,
)
ALL = [ARRIVING, POSTPONED, OTHER_SAME_DAY, EARLIER, RANGE, FUTURE]


def test_same_event_in_different_words_is_one_event_with_both_sources() -> None:
    (event,) = merge_statements([POSTPONED, ARRIVING])
    assert [s.statement.article.path for s in event.sources] == [
        "jpost.txt",
        "ahram.txt",
    ]  # publication order
    assert event.sources[0].relation is None
    assert event.sources[1].relation == "updates"  # arriving -> postponed


def test_same_date_different_happening_stays_apart() -> None:
    events = merge_statements([ARRIVING, OTHER_SAME_DAY])
    assert len(events) == 2


def test_denial_contradicts() -> None:
    first = statement(
        "Rebels captured the air base near Idlib on Monday, activists said.",
        "on Monday",
        "2020-06-08",
        path="a.txt",
        published="2020-06-09T10:00",
    )
    later = statement(
        "The army denied that rebels captured the air base near Idlib on Monday.",
        "on Monday",
        "2020-06-08",
        path="b.txt",
        published="2020-06-09T18:00",
    )
    (event,) = merge_statements([later, first])
    assert [s.relation for s in event.sources] == [None, "contradicts"]


def test_chronological_with_undated_last() -> None:
    events = merge_statements(ALL)
    assert [e.value for e in events] == [
        "2020-06-10",
        "2020-06-14",
        "2020-06-14",
        "2020-06-14/2020-06-15",
        "FUTURE_REF",
    ]


def test_different_intervals_never_merge() -> None:
    assert len(merge_statements([RANGE, ARRIVING])) == 2


@settings(max_examples=50)
@given(st.randoms(use_true_random=False))
def test_merge_is_independent_of_input_order(rng: random.Random) -> None:
    shuffled = list(ALL)
    rng.shuffle(shuffled)
    assert merge_statements(shuffled) == merge_statements(ALL)
