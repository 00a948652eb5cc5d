"""Merging: one event per happening, every source kept, later changes marked, order-independent.

Why each rule exists is told next to the case that shows it.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.factories import statement
from timeline.merge import (
    classify_change,
    contradict_cues,
    describe_evolution,
    figure_words,
    find_figures,
    merge_statements,
    stopwords,
    update_cues,
)
from timeline.models import Event, Source, Statement

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
    assert [s.relation for s in event.sources] == [None, "updates"]  # arriving -> postponed
    assert event.text == ARRIVING.text  # the most informative: central, richest in names


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
    assert describe_evolution(event) == "reported 10:00 (a.txt); denied 18:00 (b.txt)"


def test_a_revised_death_toll_updates() -> None:
    first = statement(
        "Security forces killed at least 20 protesters in Hama on Friday, activists said.",
        "on Friday",
        "2011-06-03",
        path="a.txt",
        published="2011-06-03T12:00",
    )
    later = statement(
        "Security forces killed at least 48 protesters in Hama on Friday, a rights group said.",
        "on Friday",
        "2011-06-03",
        path="b.txt",
        published="2011-06-04T09:00",
    )
    (event,) = merge_statements([first, later])
    assert [s.relation for s in event.sources] == [None, "updates"]
    assert describe_evolution(event) == (
        "reported 20 protesters 2011-06-03T12:00 (a.txt); 48 protesters 2011-06-04T09:00 (b.txt)"
    )


def test_a_repeated_report_changes_nothing() -> None:
    first = statement(
        "The Arab League voted on Saturday to suspend Syria's membership.",
        "on Saturday",
        "2011-11-12",
        path="a.txt",
        published="2011-11-12T18:00",
    )
    later = statement(
        "The Arab League's decision on Saturday suspending Syria's membership angered Damascus.",
        "on Saturday",
        "2011-11-12",
        path="b.txt",
        published="2011-11-14T09:00",
    )
    (event,) = merge_statements([first, later])
    assert [s.relation for s in event.sources] == [None, None]  # 'suspending' repeats 'suspend'
    assert describe_evolution(event) is None


def test_a_report_from_the_same_article_is_not_a_change() -> None:
    again = statement(
        "The visit by Lavrov and Shoigu to Turkey on Sunday was postponed, TASS said.",
        "on Sunday",
        "2020-06-14",
        path="jpost.txt",
        published="2020-06-14T08:35",
        order=3,
    )
    event = next(e for e in merge_statements([ARRIVING, again]) if len(e.sources) == 2)
    assert [s.relation for s in event.sources] == [None, None]


def test_evolution_is_described_in_publication_order() -> None:
    (event,) = merge_statements([POSTPONED, ARRIVING])
    assert describe_evolution(event) == "reported arriving 08:35 (jpost.txt); postponed 16:38 (ahram.txt)"


def test_evolution_names_the_outlet_when_known() -> None:
    (event,) = merge_statements([POSTPONED, ARRIVING])
    first = event.sources[0]
    article = first.statement.article
    renamed = type(article)(
        article.path, article.title, "The Jerusalem Post", None, article.published, True, "test"
    )
    statement_ = type(first.statement)(renamed, first.statement.text, first.statement.expr, 0)
    changed = Event(
        event.value,
        event.first_day,
        event.last_day,
        event.granularity,
        event.mod,
        event.text,
        (Source(statement_), *event.sources[1:]),
    )
    assert describe_evolution(changed) == (
        "reported arriving 08:35 (The Jerusalem Post); postponed 16:38 (ahram.txt)"
    )


def test_chronological_with_undated_last() -> None:
    events = merge_statements(ALL)
    assert [e.value for e in events] == [
        "2020-06-10",
        "2020-06-14",
        "2020-06-14",
        "2020-06-14/2020-06-15",
        "FUTURE_REF",
    ]


def test_different_happenings_in_nested_intervals_stay_apart() -> None:
    assert len(merge_statements([RANGE, ARRIVING])) == 2


# A report dated by a whole week that holds the day of the visit.
WEEK_REPORT = statement(
    "Lavrov and Shoigu postponed their visit to Turkey this week, the Turkish Foreign Ministry said.",
    "this week",
    "2020-06-08",
    "2020-06-14",
    path="later.txt",
    published="2020-06-15T09:00",
)


def _sunday_report(text: str) -> Statement:
    """A report of the visit dated 'on Sunday', 2020-06-14."""
    return statement(text, "on Sunday", "2020-06-14", path="ahram.txt", published="2020-06-14T16:38")


def test_the_same_happening_in_a_nested_interval_merges_under_the_precise_date() -> None:
    day = _sunday_report(
        "Lavrov and Shoigu postponed their visit to Turkey on Sunday, the Turkish Foreign Ministry said."
    )
    (event,) = merge_statements([WEEK_REPORT, day])
    assert event.value == "2020-06-14"
    assert len(event.sources) == 2


def test_the_event_text_states_the_event_at_its_own_precision() -> None:
    # The week-dated report is the richer one, but heading a June 14 event it would not say when.
    day = _sunday_report("Lavrov and Shoigu postponed their visit to Turkey on Sunday.")
    (event,) = merge_statements([WEEK_REPORT, day])
    assert event.value == "2020-06-14"
    assert event.text == day.text


def test_one_sentence_with_two_dates_is_two_events() -> None:
    # "reported over the weekend" and "diagnosed last week" are two happenings of one sentence
    text = (
        "A case of plague was reported in China over the weekend, after two people were diagnosed last week."
    )
    weekend = statement(text, "the weekend", "2019-11-16", "2019-11-17", path="post.txt", order=3)
    week = statement(text, "last week", "2019-11-11", "2019-11-17", path="post.txt", order=3)
    events = merge_statements([weekend, week])
    assert sorted((e.first_day.isoformat(), len(e.sources)) for e in events if e.first_day) == [
        ("2019-11-11", 1),
        ("2019-11-16", 1),
    ]


def test_different_actors_in_the_same_words_stay_apart() -> None:
    # Shared common words ('crude', 'oil', 'bpd') but different places: two facts, not one.
    syria = statement(
        "Output from the Syrian oil fields was around 400,000 bpd of crude in 2010, Damascus said.",
        "in 2010",
        "2010-01-01",
        "2010-12-31",
        path="a.txt",
        value="2010",
    )
    yemen = statement(
        "Output from the Yemeni oil fields was around 260,000 bpd of crude in 2010, Sanaa said.",
        "in 2010",
        "2010-01-01",
        "2010-12-31",
        path="b.txt",
        value="2010",
    )
    assert len(merge_statements([syria, yemen])) == 2


def test_the_same_person_doing_two_things_in_one_month_stays_apart() -> None:
    # A week inside a month, the same person, title and country, but no word of what happened in common.
    urged = statement(
        "Secretary of State Hillary Clinton urged Russia last week to halt arms deliveries to Syria.",
        "last week",
        "2011-08-08",
        "2011-08-14",
        path="a.txt",
    )
    met = statement(
        "Secretary of State Hillary Clinton met Syrian activists in Washington this month.",
        "this month",
        "2011-08-01",
        "2011-08-31",
        path="b.txt",
    )
    assert len(merge_statements([urged, met])) == 2


def test_an_arabic_name_with_or_without_its_article_is_one_name() -> None:
    # 'al-Assad' and 'Assad' are one man, and 'President' is a title, not a name: otherwise the two
    # reports name nobody in common and are never merged.
    full = statement(
        "In 1982, President al-Assad sent the army to crush an armed uprising in the north.",
        "In 1982",
        "1982-01-01",
        "1982-12-31",
        path="a.txt",
        value="1982",
    )
    short = statement(
        "Activists recall that Assad's army crushed an armed uprising in 1982.",
        "in 1982",
        "1982-01-01",
        "1982-12-31",
        path="b.txt",
        value="1982",
    )
    (event,) = merge_statements([full, short])
    assert len(event.sources) == 2


def test_no_chaining_through_a_middle_statement() -> None:
    # A shares words with B, B with C, but A and C report different things: single link would chain
    # all three into one event; average link keeps at least one of them apart.
    a = statement(
        "Turkish troops shelled Kurdish positions near Afrin on Monday, Ankara said.",
        "on Monday",
        "2020-06-08",
        path="a.txt",
    )
    b = statement(
        "Turkish troops shelled Kurdish positions near Afrin on Monday as Ankara hosted Iranian envoys "
        "for trade talks.",
        "on Monday",
        "2020-06-08",
        path="b.txt",
    )
    c = statement(
        "Ankara hosted Iranian envoys for trade talks on Monday, Tehran said.",
        "on Monday",
        "2020-06-08",
        path="c.txt",
    )
    events = merge_statements([a, b, c])
    assert len(events) >= 2
    assert not any({"a.txt", "c.txt"} <= {s.statement.article.path for s in e.sources} for e in events)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Security forces killed at least 35 protesters.", {"prote": ("35", "35 protesters")}),
        ("Rights groups say over 1,100 civilians have been killed.", {"civil": ("1100", "1,100 civilians")}),
        ("The toll rose to 45 people.", {"peopl": ("45", "45 people")}),
        ("Trade was worth $2.5 billion in 2010.", {}),  # what the number counts is not said
        ("It happened 10 days after the vote.", {}),  # a span of time, not a count
        ("Talks were held on June 10 in Ankara.", {}),  # a date
        ("The law was passed in 2011 unanimously.", {}),  # a year
        ("Growth was at least 3 percent growth.", {"growt": ("3 percent", "3 percent growth")}),
    ],
)
def test_figures(text: str, figures: dict[str, tuple[str, str]]) -> None:
    assert find_figures(text) == figures


@pytest.mark.parametrize(
    ("text", "earlier", "relation"),
    [
        ("The visit has been postponed.", ["Lavrov is arriving on Sunday."], "updates"),
        ("The meeting was called off.", ["The meeting will be held on Sunday."], "updates"),
        ("The ministry denied the report.", ["Troops entered the town."], "contradicts"),
        ("Officials said the claims were not true.", ["Troops entered the town."], "contradicts"),
        ("The visit has been postponed.", ["The visit was postponed."], None),  # no news
        ("Lavrov arrived on Sunday.", ["Lavrov is arriving on Sunday."], None),
        ("At least 48 protesters were killed.", ["At least 20 protesters were killed."], "updates"),
        ("At least 48 protesters were killed.", ["At least 48 protesters were killed."], None),
    ],
)
def test_classify_change(text: str, earlier: list[str], relation: str | None) -> None:
    assert classify_change(text, earlier) == relation


def test_word_lists_load() -> None:
    assert "the" in stopwords()
    assert update_cues().search("The visit was postponed")
    assert update_cues().search("They put off the visit")
    assert contradict_cues().search("The army denied it")
    assert {"scale", "skip"} <= set(figure_words())
    assert "million" in figure_words()["scale"]


def test_copies_of_a_wire_story_are_one_event_with_every_copy() -> None:
    # A folder often holds one agency story under many names: its copies collapse to one node of
    # the clustering (weighted by their number), so they cost what one costs, and stay one event.
    copies = [
        statement(ARRIVING.text, "on Sunday", "2020-06-14", path=f"copy{i}.txt", published="2020-06-14T09:00")
        for i in range(30)
    ]
    events = merge_statements([*copies, POSTPONED, OTHER_SAME_DAY])
    assert len(events) == 2
    merged = next(event for event in events if len(event.sources) > 1)
    assert len(merged.sources) == 31
    assert merged.sources[-1].statement is POSTPONED
    assert merged.sources[-1].relation == "updates"


def test_statements_without_two_rare_words_are_never_merged() -> None:
    # 'said' and 'Sunday' alone do not make two sentences one happening, however often repeated.
    short = [
        statement("He said so on Sunday.", "on Sunday", "2020-06-14", path=f"s{i}.txt") for i in range(3)
    ]
    assert len(merge_statements(short)) == 3


MANY = [
    *ALL,
    statement(
        ARRIVING.text,
        "on Sunday",
        "2020-06-14",
        path="jpost-copy.txt",
        published="2020-06-14T08:35",
    ),
    statement(
        "Lavrov and Shoigu will not travel to Turkey on Sunday, Moscow said.",
        "on Sunday",
        "2020-06-14",
        path="tass.txt",
        published="2020-06-14T12:00",
    ),
    statement(
        "Zarif arrived in Ankara on Sunday, Iran's foreign ministry said.",
        "on Sunday",
        "2020-06-14",
        path="irna.txt",
        published="2020-06-14T20:00",
    ),
    statement(
        "The cancellation of the Lavrov visit to Turkey this week surprised diplomats.",
        "this week",
        "2020-06-08",
        "2020-06-14",
        path="later.txt",
        published="2020-06-15T09:00",
    ),
]


@settings(max_examples=examples(50), deadline=None)
@given(st.randoms(use_true_random=False))
def test_merge_is_independent_of_input_order(rng: random.Random) -> None:
    shuffled = list(MANY)
    rng.shuffle(shuffled)
    assert merge_statements(shuffled) == merge_statements(MANY)


REPORTS = (
    "The ministers will meet in Geneva on June 20 to discuss the ceasefire, officials said.",
    "The meeting of the ministers in Geneva on June 20 was postponed, officials said.",
    "The ministers denied they would meet in Geneva on June 20 to discuss the ceasefire.",
    "Officials said 35 people were killed in Geneva on June 20 before the ministers met.",
    "Officials said 40 people were killed in Geneva on June 20 before the ministers met.",
)


def _reports_before(statement: Statement, ordered: list[Statement], threshold: float) -> list[str]:
    """The distinct texts of earlier reports from other articles at least `threshold` similar, in order."""
    from timeline.merge import content_stems, similarity

    published = statement.article.published
    if published is None:
        return []
    texts: dict[str, None] = {}
    for other in ordered:
        when = other.article.published
        if when is None or when >= published or other.article.path == statement.article.path:
            continue
        if similarity(content_stems(statement), content_stems(other)) >= threshold:
            texts.setdefault(other.text)
    return list(texts)


def _relate_one_by_one(statements: list[Statement]) -> list[tuple[Statement, str | None]]:
    """relate's definition, each source compared with every other in turn (what relate must equal)."""
    from timeline.merge import FIGURE_SIMILARITY, RELATED_SIMILARITY, source_order

    ordered = sorted(statements, key=source_order)
    out = []
    for item in ordered:
        earlier = _reports_before(item, ordered, RELATED_SIMILARITY)
        close = _reports_before(item, ordered, FIGURE_SIMILARITY)
        out.append((item, classify_change(item.text, earlier, close) if earlier else None))
    return out


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(REPORTS) - 1), st.integers(0, 5), st.integers(0, 3)),
        min_size=1,
        max_size=12,
    )
)
def test_relate_compares_copies_once_and_equals_the_pairwise_definition(
    picks: list[tuple[int, int, int]],
) -> None:
    # copies: one report under several files and times, the same file twice, times that tie
    statements = [
        statement(
            REPORTS[report],
            "on June 20",
            "2020-06-20",
            path=f"f{file}.txt",
            published=f"2020-06-1{hour}T08:00",
        )
        for report, file, hour in picks
    ]
    from timeline.merge import relate

    assert [(s.statement, s.relation) for s in relate(statements)] == _relate_one_by_one(statements)
