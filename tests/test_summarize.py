"""Story focus (--about) and summary timelines (--top-dates N --per-date K)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import statement
from timeline.merge import merge_statements
from timeline.models import Event, Statement
from timeline.summarize import bm25_scores, date_importance, focus_events, pick_days, top_dates


def _texts(events: tuple[Event, ...]) -> list[str]:
    return [event.text for event in events]


VISIT = [
    statement(
        "Lavrov and Shoigu are arriving in Turkey on Sunday to meet Cavusoglu, TASS reported.",
        "on Sunday",
        "2020-06-14",
        path="jpost.txt",
        published="2020-06-14T08:35",
    ),
    statement(
        "A visit to Turkey by Lavrov and Shoigu on Sunday has been postponed.",
        "on Sunday",
        "2020-06-14",
        path="ahram.txt",
        published="2020-06-14T16:38",
    ),
    statement(
        "Lavrov announced on Saturday a visit to Turkey with Shoigu for talks with Cavusoglu.",
        "on Saturday",
        "2020-06-13",
        path="ahram.txt",
        published="2020-06-14T16:38",
        order=3,
    ),
]
SHOIGU_ONLY = statement(
    "Shoigu and Cavusoglu spoke by phone on Friday.",
    "on Friday",
    "2020-06-12",
    path="tass.txt",
    published="2020-06-12T10:00",
)
OTHER_STORIES = [
    statement(text, "on Monday", "2020-06-08", path=f"other{i}.txt", published="2020-06-08T12:00")
    for i, text in enumerate(
        [
            "Floods hit northern Italy on Monday, closing schools in Milan.",
            "The European Central Bank kept interest rates unchanged on Monday.",
            "Protesters marched in Minneapolis on Monday against police violence.",
            "Brazil reported record coronavirus infections on Monday.",
            "Turkey's central bank cut its main interest rate on Monday.",
            "Egypt proposed a Libya ceasefire on Monday backed by Haftar.",
        ]
    )
]
MARKETS = statement(
    "Brent crude rose 2 percent on Monday as investors bought equities.",
    "on Monday",
    "2020-06-08",
    path="markets.txt",
    published="2020-06-08T17:00",
)


def test_focus_keeps_the_story_and_drops_the_rest() -> None:
    events = merge_statements([*VISIT, MARKETS])
    kept = focus_events(events, "Lavrov Turkey visit")
    assert MARKETS.text not in _texts(kept)
    assert {VISIT[0].text, VISIT[2].text} <= set(_texts(kept))


def test_focus_is_ranked_not_a_substring_filter() -> None:
    # 'visits' and 'Turkish' are not substrings of the statements, yet their stems match.
    events = merge_statements([*VISIT, MARKETS])
    kept = focus_events(events, "visits of LAVROV")
    assert MARKETS.text not in _texts(kept)
    assert kept


def test_focus_expands_the_query_with_names_of_the_best_matches() -> None:
    # Shoigu and Cavusoglu are named in the best matches of 'Lavrov Turkey visit': their call comes along.
    events = merge_statements([*VISIT, SHOIGU_ONLY, MARKETS, *OTHER_STORIES])
    kept = _texts(focus_events(events, "Lavrov Turkey visit"))
    assert SHOIGU_ONLY.text in kept
    assert MARKETS.text not in kept
    assert not set(kept) & {statement.text for statement in OTHER_STORIES}  # 'Turkey' alone is not enough


def test_focus_keeps_chronological_order() -> None:
    events = merge_statements([*VISIT, SHOIGU_ONLY, MARKETS])
    kept = focus_events(events, "Lavrov Turkey visit")
    assert list(kept) == [event for event in events if event in kept]


def test_focus_without_content_words_keeps_everything_and_no_match_keeps_nothing() -> None:
    events = merge_statements([*VISIT, MARKETS])
    assert focus_events(events, "the of and") == events
    assert focus_events(events, "volcano eruption") == ()


def test_bm25_prefers_the_document_with_the_rarer_word() -> None:
    docs = [["lavro", "turke"], ["turke", "libya"], ["turke", "syria"]]
    scores = bm25_scores(docs, {"lavro": 1.0, "turke": 1.0})
    assert scores[0] > scores[1] == scores[2] > 0


def _report(day: str, path: str, published: str, text: str, order: int = 0) -> Statement:
    return statement(text, "on Friday", day, path=path, published=published, order=order)


# 2011-04-22 is referred to by four articles, two of them days later; 2011-04-25 is the day on which
# the most articles were published, but each of them refers to some other day.
STORY = [
    _report(
        "2011-04-22", "a.txt", "2011-04-22T20:00", "Security forces killed 100 protesters in Deraa on Friday."
    ),
    _report(
        "2011-04-22", "b.txt", "2011-04-23T08:00", "Forces killed about 100 protesters in Deraa on Friday."
    ),
    _report(
        "2011-04-22",
        "c.txt",
        "2011-04-26T08:00",
        "Since 100 protesters were killed in Deraa on Friday, more died.",
    ),
    _report(
        "2011-04-22",
        "d.txt",
        "2011-04-29T08:00",
        "The killing of protesters in Deraa on Friday drew sanctions.",
    ),
    _report("2011-04-21", "e.txt", "2011-04-25T09:00", "Assad lifted the emergency law in Syria on Friday."),
    _report("2011-04-18", "f.txt", "2011-04-25T10:00", "Protesters in Homs staged a sit-in on Friday."),
    _report("2011-04-19", "g.txt", "2011-04-25T11:00", "Syria's government approved a bill on Friday."),
    _report("2011-04-20", "h.txt", "2011-04-25T12:00", "Deraa protesters buried their dead on Friday."),
]


def test_a_day_referred_to_by_many_articles_beats_a_day_with_many_publications() -> None:
    events = merge_statements(STORY)
    chosen = top_dates(events, 1, 5)
    assert {event.first_day for event in chosen} == {dt.date(2011, 4, 22)}


def test_per_date_keeps_the_k_most_central_statements_in_chronological_order() -> None:
    outlier = _report(
        "2011-04-22", "x.txt", "2011-04-22T21:00", "A football match in Madrid was cancelled on Friday."
    )
    events = merge_statements([*STORY, outlier])
    chosen = top_dates(events, 2, 1)
    assert len(chosen) == 2
    assert outlier.text not in _texts(chosen)
    assert [event.first_day for event in chosen] == sorted(event.first_day for event in chosen)  # type: ignore[type-var]


def test_only_single_days_are_chosen() -> None:
    month = statement(
        "Protests spread across Syria in April.",
        "in April",
        "2011-04-01",
        "2011-04-30",
        path="m.txt",
        published="2011-05-01T09:00",
        value="2011-04",
    )
    future = statement(
        "Protests in Syria will go on at a future date.",
        "at a future date",
        None,
        path="n.txt",
        value="FUTURE_REF",
    )
    chosen = top_dates(merge_statements([*STORY, month, future]), 10, 2)
    assert all(event.first_day == event.last_day and event.first_day is not None for event in chosen)


def test_an_off_topic_article_counts_little() -> None:
    # Four market reports refer to 2011-04-19 too: more articles than refer to 2011-04-22, but each
    # is far from what the folder is about.
    off = [
        _report("2011-04-19", f"markets{i}.txt", "2011-04-20T09:00", text)
        for i, text in enumerate(
            [
                "Brent crude rose on Friday.",
                "Wall Street equities fell on Friday.",
                "The dollar gained against the yen on Friday.",
                "Gold prices slipped on Friday.",
            ]
        )
    ]
    importance = date_importance(merge_statements([*STORY, *off]))
    assert importance[dt.date(2011, 4, 22)] > importance[dt.date(2011, 4, 19)]


def test_an_article_shares_one_vote_among_the_days_it_names() -> None:
    # Two articles refer to 2011-05-06 among many other days (a round-up); one refers to 2011-05-13
    # alone: its report says more about that day than a passing mention in a list of dates says.
    days = ["2011-05-06", "2011-05-07", "2011-05-08", "2011-05-09", "2011-05-10"]
    roundups = [
        _report(day, f"roundup{i}.txt", "2011-05-20T09:00", f"Protests in Homs on Friday, item {n}.", order=n)
        for i in range(2)
        for n, day in enumerate(days)
    ]
    single = _report("2011-05-13", "single.txt", "2011-05-14T09:00", "Protests in Homs on Friday.")
    centrality = {"roundup0.txt": 1.0, "roundup1.txt": 1.0, "single.txt": 1.0}
    importance = date_importance(merge_statements([*roundups, single]), centrality)
    assert importance[dt.date(2011, 5, 13)] > importance[dt.date(2011, 5, 6)]


def test_the_day_an_article_dwells_on_counts_more_than_one_it_mentions_in_passing() -> None:
    # Three of the article's dated statements are about 2011-06-03, one names 2011-05-27 in passing.
    texts = [
        "Security forces shot dead 70 protesters in Hama on Friday.",
        "Tanks surrounded the Hama stadium on Friday after the shootings.",
        "Hospitals in Hama appealed for blood donors on Friday night.",
    ]
    dwelt = [_report("2011-06-03", "hama.txt", "2011-06-04T09:00", t, order=n) for n, t in enumerate(texts)]
    passing = _report("2011-05-27", "hama.txt", "2011-06-04T09:00", "Crowds were smaller on Friday.", order=5)
    importance = date_importance(merge_statements([*dwelt, passing]), {"hama.txt": 1.0})
    assert importance[dt.date(2011, 6, 3)] > importance[dt.date(2011, 5, 27)]


def test_pick_days_prefers_a_separate_day_over_the_neighbour_of_a_chosen_one() -> None:
    importance = {dt.date(2011, 4, 22): 3.0, dt.date(2011, 4, 23): 2.0, dt.date(2011, 5, 1): 1.5}
    assert pick_days(importance, 2) == [dt.date(2011, 4, 22), dt.date(2011, 5, 1)]
    assert pick_days(importance, 0) == []


def test_nothing_asked_nothing_given() -> None:
    events = merge_statements(STORY)
    assert top_dates(events, 0, 2) == ()
    assert top_dates(events, 3, 0) == ()
    assert top_dates((), 3, 2) == ()


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_summary_is_independent_of_input_order(rng: random.Random) -> None:
    shuffled = list(STORY)
    rng.shuffle(shuffled)
    assert top_dates(merge_statements(shuffled), 3, 2) == top_dates(merge_statements(STORY), 3, 2)
