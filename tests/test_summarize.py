"""Story focus (--about) and summary timelines (--top-dates N --per-date K)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import random
from collections import Counter
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.factories import statement
from timeline.merge import merge_statements
from timeline.models import Event, Statement
from timeline.summarize import (
    DAY_MODEL_FILE,
    FEATURES,
    LEAD_SENTENCES,
    bm25_scores,
    date_importance,
    day_counts,
    day_features,
    day_model,
    event_vectors,
    focus_events,
    is_unfit_statement,
    lead_topic,
    pick_days,
    read_day_model,
    representative_events,
    top_dates,
)


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


def _naive_pick(importance: dict[dt.date, float], count: int, discount: float) -> list[dt.date]:
    """The greedy pick written the slow, obvious way: rescore every day at every step."""
    chosen: list[dt.date] = []
    left = dict(importance)
    while left and len(chosen) < count:
        near = {day: sum(1 for other in chosen if abs((other - day).days) == 1) for day in left}
        best = max(left, key=lambda day: (left[day] * discount ** near[day], -day.toordinal()))
        chosen.append(best)
        del left[best]
    return sorted(chosen)


def test_pick_days_prefers_a_separate_day_over_the_neighbour_of_a_chosen_one_when_discounted() -> None:
    importance = {dt.date(2011, 4, 22): 3.0, dt.date(2011, 4, 23): 2.0, dt.date(2011, 5, 1): 1.5}
    assert pick_days(importance, 2, discount=0.6) == [dt.date(2011, 4, 22), dt.date(2011, 5, 1)]
    assert pick_days(importance, 2) == [dt.date(2011, 4, 22), dt.date(2011, 4, 23)]
    assert pick_days(importance, 0) == []


@settings(max_examples=examples(60), deadline=None)
@given(
    st.dictionaries(
        st.integers(0, 30).map(lambda n: dt.date(2011, 4, 1) + dt.timedelta(days=n)),
        st.sampled_from([0.1, 0.5, 1.0, 2.0, 3.0]),
    ),
    st.integers(0, 12),
    st.sampled_from([1.0, 0.8, 0.6, 0.3]),
)
def test_lazy_greedy_pick_equals_the_naive_greedy(
    importance: dict[dt.date, float], count: int, discount: float
) -> None:
    assert pick_days(importance, count, discount) == _naive_pick(importance, count, discount)


def _feature(events: tuple[Event, ...], day: str, name: str) -> float:
    return day_features(events, {})[dt.date.fromisoformat(day)][name]


ROUNDUP = [
    _report(day, f"roundup{i}.txt", "2011-05-20T09:00", f"Protests in Homs on Friday, item {n}.", order=n)
    for i in range(2)
    for n, day in enumerate(["2011-05-06", "2011-05-07", "2011-05-08", "2011-05-09", "2011-05-10"])
]
SINGLE = _report("2011-05-13", "single.txt", "2011-05-13T09:00", "Protests in Homs on Friday.")


@pytest.mark.parametrize(
    ("day", "name", "expected"),
    [
        # two articles name 05-06 (the most of any day), one names 05-13: log(1 + 1) / log(1 + 2)
        ("2011-05-06", "refs", 1.0),
        ("2011-05-13", "refs", math.log(2) / math.log(3)),
        # split: a round-up's vote is shared among its five days (2 x 1/5), the single report's is whole
        ("2011-05-13", "refs_split", 1.0),
        ("2011-05-06", "refs_split", math.log(1.4) / math.log(2)),
        # lag: the round-ups were published 14 days after 05-06, 10 days after 05-10; the report on its day
        ("2011-05-06", "refs_later", 1.0),
        ("2011-05-13", "refs_same_day", 1.0),
        ("2011-05-13", "share_same_day", 1.0),
        ("2011-05-06", "share_same_day", 0.0),
        # lead: order 0-2 is the lead; the round-ups name 05-09 as their fourth item
        ("2011-05-06", "share_lead", 1.0),
        ("2011-05-09", "share_lead", 0.0),
        # publication: of the days named, only 05-13 has an article published on it
        ("2011-05-13", "published", 1.0),
        ("2011-05-06", "published", 0.0),
        # the neighbourhood: 05-07 has 05-06 and 05-08 next to it, two articles each
        ("2011-05-07", "refs_next_to", 1.0),
        ("2011-05-13", "refs_next_to", 0.0),
        ("2011-05-07", "refs_day_before", 1.0),
    ],
)
def test_day_features(day: str, name: str, expected: float) -> None:
    events = merge_statements([*ROUNDUP, SINGLE])
    assert _feature(events, day, name) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("day", "name", "expected"),
    [
        ("2011-05-06", "refs", 2),  # the two round-ups
        ("2011-05-06", "refs_split", 0.4),  # each shares its vote among its five days
        ("2011-05-13", "refs_split", 1),
        ("2011-05-06", "refs_later", 2),  # published fourteen days after
        ("2011-05-13", "refs_same_day", 1),
        ("2011-05-13", "refs_later", 0),
        ("2011-05-07", "refs_near", 8),  # 05-06, 05-08, 05-09 and 05-10, two articles each
        ("2011-05-13", "published", 1),
    ],
)
def test_day_counts_are_the_raw_counts_the_features_scale(day: str, name: str, expected: float) -> None:
    counts = day_counts(merge_statements([*ROUNDUP, SINGLE]), {})[dt.date.fromisoformat(day)]
    assert counts.get(name, 0) == pytest.approx(expected)


def test_a_day_far_outside_the_publication_span_is_marked() -> None:
    background = _report("2001-09-11", "single.txt", "2011-05-13T09:00", "The attacks on Friday in 2001.")
    events = merge_statements([*ROUNDUP, SINGLE, background])
    assert _feature(events, "2001-09-11", "outside_span") == 1.0  # ten years out: capped at a year's worth
    assert _feature(events, "2011-05-13", "outside_span") == 0.0


def test_the_shipped_model_loads_and_records_its_provenance() -> None:
    model = day_model()
    assert model.weights
    assert set(model.weights) <= set(FEATURES)
    assert 0 < model.adjacent_discount <= 1
    record = json.loads(resources.files("timeline").joinpath("data", DAY_MODEL_FILE).read_text("utf-8"))
    provenance = record["provenance"]
    assert provenance["corpora"]
    assert provenance["commit"]
    assert 0 < provenance["cross_validated_date_f1"]["leave_one_story_out_nested"]["restricted"] < 1


def test_the_shipped_model_ranks_a_day_many_articles_refer_to_first() -> None:
    importance = date_importance(merge_statements(STORY))
    assert max(importance, key=importance.__getitem__) == dt.date(2011, 4, 22)


@pytest.mark.parametrize(
    ("weights", "first"),
    [
        ({"refs": 1.0}, "2011-05-06"),  # counting articles: the round-ups' day
        ({"refs_split": 1.0}, "2011-05-13"),  # one vote per article: the day reported alone
        ({"refs_same_day": 1.0}, "2011-05-13"),  # reported on the day
    ],
)
def test_a_model_ranks_days_by_its_weighted_features(weights: dict[str, float], first: str) -> None:
    model = read_day_model({"weights": weights, "intercept": 0.0, "adjacent_discount": 1.0})
    importance = date_importance(merge_statements([*ROUNDUP, SINGLE]), model, {})
    best = max(importance, key=lambda day: (importance[day], -day.toordinal()))
    assert best == dt.date.fromisoformat(first)


def test_a_model_with_unknown_features_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown features"):
        read_day_model({"weights": {"moon_phase": 1.0}, "intercept": 0.0, "adjacent_discount": 1.0})


def test_nothing_asked_nothing_given() -> None:
    events = merge_statements(STORY)
    assert top_dates(events, 0, 2) == ()
    assert top_dates(events, 3, 0) == ()
    assert top_dates((), 3, 2) == ()


@settings(max_examples=examples(25), deadline=None)
@given(st.randoms(use_true_random=False))
def test_summary_is_independent_of_input_order(rng: random.Random) -> None:
    shuffled = list(STORY)
    rng.shuffle(shuffled)
    assert top_dates(merge_statements(shuffled), 3, 2) == top_dates(merge_statements(STORY), 3, 2)


@settings(max_examples=examples(25), deadline=None)
@given(st.randoms(use_true_random=False))
def test_day_importance_is_independent_of_event_order(rng: random.Random) -> None:
    events = list(merge_statements([*STORY, *ROUNDUP, SINGLE]))
    importance = date_importance(tuple(events))
    rng.shuffle(events)
    assert date_importance(tuple(events)) == importance


def _absolute(item: Statement) -> Statement:
    """The statement as dated by a calendar date of its own rather than relative to its publication."""
    return dataclasses.replace(item, expr=dataclasses.replace(item.expr, anchor="absolute"))


@pytest.mark.parametrize(
    ("text", "phrase", "absolute", "unfit"),
    [
        ("Security forces killed 100 protesters in Deraa on Friday.", "on Friday", False, False),
        ("The talks resumed in Geneva on Friday after a week's pause.", "on Friday", False, False),
        # a wire dateline cut from its lead, a fragment, the tail of a sentence split in two
        ("GENEVA, March 4 (Wirenews) -", "March 4", True, True),
        ("It ended on Friday.", "on Friday", False, True),
        ("populous nation of the region on Friday, officials said.", "on Friday", False, True),
        # photo credits and a caption closing on the picture's full date
        (
            "A protester waves a flag in Geneva. REUTERS/Jane Doe on March 4, 2011.",
            "March 4, 2011",
            True,
            True,
        ),
        ("(AP Photo/Jane Doe) Delegates arrive at the talks on Friday in Geneva.", "on Friday", False, True),
        (
            "Delegates arrive for the talks at the palace in Geneva, March 4, 2011.",
            "March 4, 2011",
            True,
            True,
        ),
        # a report that names a full date inside the sentence is still a report
        ("Talks began on March 4, 2011 and went on for weeks in Geneva.", "March 4, 2011", True, False),
    ],
)
def test_unfit_statements_are_told_from_reports(text: str, phrase: str, absolute: bool, unfit: bool) -> None:
    item = statement(text, phrase, "2011-03-04", path="w.txt", published="2011-03-04T12:00")
    assert is_unfit_statement(_absolute(item) if absolute else item) is unfit


TALKS = [
    _report("2011-03-04", f"t{i}.txt", "2011-03-04T18:00", text)
    for i, text in enumerate(
        [
            "Delegates of both sides met in Geneva on Friday for talks on a ceasefire.",
            "Rebels shelled the northern port on Friday, killing four fishermen.",
            "The central bank froze the accounts of three ministers on Friday.",
        ]
    )
]
CAPTION = _absolute(
    statement(
        "A vendor sells flowers at a market in the old city of Aleppo, March 4, 2011.",
        "March 4, 2011",
        "2011-03-04",
        path="c.txt",
        published="2011-03-04T19:00",
    )
)


def test_a_statement_marked_a_caption_is_unfit_whatever_its_shape() -> None:
    item = statement("Delegates arrive for the talks on Friday.", "on Friday", "2011-03-04", path="w.txt")
    assert not is_unfit_statement(item)
    assert is_unfit_statement(dataclasses.replace(item, caption=True))


def test_a_caption_is_chosen_only_when_nothing_else_is_left() -> None:
    assert CAPTION.text not in _texts(top_dates(merge_statements([*TALKS, CAPTION]), 1, 3))
    assert CAPTION.text in _texts(top_dates(merge_statements([*TALKS, CAPTION]), 1, 4))


def test_an_event_shown_by_its_caption_comes_last_though_a_report_backs_it() -> None:
    report = _report(
        "2011-03-04", "r.txt", "2011-03-04T20:00", "Flower vendors in Aleppo's market struck on Friday."
    )
    shown = dataclasses.replace(merge_statements([CAPTION, report])[0], text=CAPTION.text)
    assert len(shown.sources) == 2
    chosen = top_dates((*merge_statements(TALKS), shown), 1, 3)
    assert CAPTION.text not in _texts(chosen)


EVE = _report("2011-05-12", "eve.txt", "2011-05-14T09:00", "Protests in Homs grew on Friday.")
OFF_TOPIC = _report(
    "2011-05-11",
    "markets.txt",
    "2011-05-11T18:00",
    "Brent crude futures fell sharply on Friday in London trading.",
)


@pytest.mark.parametrize(
    ("day", "name", "expected"),
    [
        # the publication span runs from 05-11 to 05-20: the round-ups' days lie before it
        ("2011-05-06", "before_span", math.log1p(5) / math.log1p(365)),
        ("2011-05-06", "after_span", 0.0),
        ("2011-05-13", "before_span", 0.0),
        # 05-12 is next to 05-13, which one article reports on its own day
        ("2011-05-12", "same_day_refs_after", 1.0),
        ("2011-05-13", "same_day_refs_after", 0.0),
    ],
)
def test_day_features_of_subject_and_span(day: str, name: str, expected: float) -> None:
    assert _feature(merge_statements([*ROUNDUP, SINGLE, OFF_TOPIC, EVE]), day, name) == pytest.approx(
        expected
    )


def test_a_day_named_only_off_the_folder_s_story_is_less_topical() -> None:
    # the markets report shares no word with the folder's story of Homs
    events = merge_statements([*ROUNDUP, SINGLE, OFF_TOPIC, EVE])
    assert _feature(events, "2011-05-11", "share_topical") < _feature(events, "2011-05-13", "share_topical")
    assert _feature(events, "2011-05-11", "refs_topical") < _feature(events, "2011-05-13", "refs_topical")


# Three reports on Homs, each with a background paragraph on Libya's oil further down; a fourth article
# names 05-20 twice, once for each story, in the same place and at the same length.
LEADS = [
    _report(
        f"2011-05-{10 + i}", f"homs{i}.txt", f"2011-05-{10 + i}T09:00", f"Protesters in Homs marched {n}."
    )
    for i, n in enumerate(["again on Friday", "after prayers on Friday", "against Assad on Friday"])
]
BACKGROUND = [
    _report(
        f"2011-04-{20 + i}",
        f"homs{i}.txt",
        f"2011-05-{10 + i}T09:00",
        f"Libya's oil output from Tripoli terminals fell {n} on Friday.",
        order=LEAD_SENTENCES + j,
    )
    for i in range(3)
    for j, n in enumerate(["sharply", "again"])
]
BOTH_STORIES = [
    _report("2011-05-20", "day.txt", "2011-05-21T09:00", text, order=LEAD_SENTENCES + k)
    for k, text in enumerate(
        ["Libya's oil output from Tripoli fell on Friday.", "Protesters in Homs marched on Friday."]
    )
]


def test_the_day_statement_follows_the_story_of_the_articles_leads_not_their_background() -> None:
    events = merge_statements([*LEADS, *BACKGROUND, *BOTH_STORIES])
    vectors = event_vectors(events)
    members = [i for i, event in enumerate(events) if event.first_day == dt.date(2011, 5, 20)]

    def chosen(topic: dict[str, float]) -> str:
        day = representative_events([events[i] for i in members], [vectors[i] for i in members], topic, {}, 1)
        return day[0].text

    assert chosen(lead_topic(events, vectors)) == BOTH_STORIES[1].text
    everything: Counter[str] = Counter()
    for vector in vectors:
        everything.update(vector)
    assert chosen(dict(everything)) == BOTH_STORIES[0].text  # the background outweighs the leads in bulk
