"""The summary-timeline measures of `make bench-tls`: Porter stems, date-F1, alignment ROUGE, agreement.

The scores the project reports come from these functions, so they are tested like any stage.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.factories import article, statement
from timeline.merge import merge_statements
from timeline.models import ArticleResult, Event

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_tls.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_tls", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_tls", module)
    spec.loader.exec_module(module)
    return module


tls = _load()
D = dt.date


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("cats", "cat"),
        ("relational", "relat"),
        ("conditional", "condit"),
        ("hopping", "hop"),
        ("happy", "happi"),
        ("agreed", "agre"),
        ("generalizations", "gener"),
        ("demonstrations", "demonstr"),
        ("killed", "kill"),
    ],
)
def test_porter_stems_as_the_published_algorithm(word: str, stem: str) -> None:
    assert tls.porter(word) == stem


def test_rouge_tokens_drop_stop_words_and_punctuation_and_stem() -> None:
    tokens = tls.rouge_tokens("- Security forces kill people at a demonstration in Deraa, residents say.")
    assert tokens == ["secur", "forc", "kill", "peopl", "demonstr", "deraa", "resid"]


@pytest.mark.parametrize(
    ("pred", "ref", "expected"),
    [
        ([D(2011, 3, 15)], [D(2011, 3, 15)], 1.0),
        ([D(2011, 3, 15), D(2011, 3, 16)], [D(2011, 3, 15)], 2 / 3),
        ([D(2011, 3, 14)], [D(2011, 3, 15)], 0.0),
        ([], [D(2011, 3, 15)], 0.0),
    ],
)
def test_date_f1_counts_exact_days(pred: list[dt.date], ref: list[dt.date], expected: float) -> None:
    assert tls.date_f1(pred, ref) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("candidates", "ref", "expected"),
    [
        # every reference day can be picked: a perfect ranking scores 1
        ([D(2011, 3, 15), D(2011, 3, 16), D(2011, 3, 17)], [D(2011, 3, 15), D(2011, 3, 17)], 1.0),
        # one of two reference days is named by no statement: 1 of 2 picks right
        ([D(2011, 3, 15), D(2011, 3, 16)], [D(2011, 3, 15), D(2011, 3, 17)], 0.5),
        # fewer candidates than reference days: one pick, right, against two wanted
        ([D(2011, 3, 15)], [D(2011, 3, 15), D(2011, 3, 17)], 2 / 3),
        ([], [D(2011, 3, 15)], 0.0),
    ],
)
def test_candidate_bound_loses_only_the_reference_days_no_candidate_names(
    candidates: list[dt.date], ref: list[dt.date], expected: float
) -> None:
    assert tls.candidate_bound(candidates, ref) == pytest.approx(expected)


DAYS = st.sets(st.integers(0, 20).map(lambda n: D(2011, 3, 1) + dt.timedelta(days=n)), max_size=12)


@settings(max_examples=examples(80), deadline=None)
@given(DAYS, DAYS.filter(bool), st.randoms(use_true_random=False))
def test_no_ranking_of_the_candidates_beats_the_candidate_bound(
    candidates: set[dt.date], ref: set[dt.date], rng: random.Random
) -> None:
    ranking = sorted(candidates)
    rng.shuffle(ranking)
    best = sorted(candidates & ref) + sorted(candidates - ref)  # the reference's own days first
    bound = tls.candidate_bound(candidates, ref)
    assert tls.date_f1(ranking[: len(ref)], sorted(ref)) <= bound + 1e-12
    assert tls.date_f1(best[: len(ref)], sorted(ref)) == pytest.approx(bound)


REFERENCE = {
    D(2011, 3, 15): ["Protesters march in Damascus."],
    D(2011, 4, 21): ["Assad lifts the emergency law."],
}


def test_align_rouge_of_a_timeline_with_itself_is_one() -> None:
    assert tls.align_rouge(REFERENCE, REFERENCE, 1) == pytest.approx(1.0)
    assert tls.align_rouge(REFERENCE, REFERENCE, 2) == pytest.approx(1.0)


def test_align_rouge_discounts_a_day_off_by_one_over_days_apart_plus_one() -> None:
    shifted = {day + dt.timedelta(days=1): text for day, text in REFERENCE.items()}
    assert tls.align_rouge(shifted, REFERENCE, 1) == pytest.approx(0.5)


def test_align_rouge_is_zero_without_common_words() -> None:
    other = {day: ["Markets rally on bond yields."] for day in REFERENCE}
    assert tls.align_rouge(other, REFERENCE, 1) == 0.0


def test_align_rouge_matches_many_predicted_days_to_one_reference_day() -> None:
    # both predicted days go to the March 15 reference day: precision (3 + 2 / 2) / (3 + 2) = 0.8 (the
    # day-late "protest march" counts half); recall 3 / 7, the April day's four words found nowhere
    pred = {D(2011, 3, 15): ["Protesters march in Damascus."], D(2011, 3, 16): ["Protesters march again."]}
    precision, recall = 0.8, 3 / 7
    assert tls.align_rouge(pred, REFERENCE, 1) == pytest.approx(2 * precision * recall / (precision + recall))


def test_agreement_table_scores_each_reference_against_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    half = {D(2011, 3, 15): REFERENCE[D(2011, 3, 15)]}
    tls.print_agreement({"a.jsonl": REFERENCE, "b.jsonl": REFERENCE, "c.jsonl": half})
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:]}
    # a against b (identical, 1.0) and c (one of two days, F1 2/3): mean 5/6; with itself (1 + 1 + 2/3) / 3
    assert rows["a.jsonl"][:2] == ["2", f"{(1 + 2 / 3) / 2:.3f}"]
    assert rows["a.jsonl"][-1] == f"{(1 + 1 + 2 / 3) / 3:.3f}"
    assert rows["c.jsonl"][:2] == ["1", f"{2 / 3:.3f}"]


def test_consensus_ceiling_ranks_shared_days_first_then_those_worth_most_at_each_place() -> None:
    one, two, three, four = (D(2011, 3, day) for day in (1, 2, 3, 4))
    short = {one: ["a"], two: ["b"]}
    long = {one: ["a"], three: ["c"], four: ["d"]}
    # place 1: the shared day; place 2: the short reference's day (1/2 beats 1/3); place 3: the long one's
    # short keeps {one, two}: F1 1; long keeps {one, two, three}: 2 of 3
    assert tls.consensus_ceiling({"s": short, "l": long}) == pytest.approx((1 + 2 / 3) / 2)
    # identical references: the ceiling is a perfect score
    assert tls.consensus_ceiling({"a": long, "b": long}) == pytest.approx(1.0)


def test_day_statements_pool_every_one_day_source_once() -> None:
    output = {
        "events": [
            {
                "start": "2011-03-15",
                "end": "2011-03-15",
                "sources": [{"text": "A said."}, {"text": "B said."}],
            },
            {"start": "2011-03-15", "end": "2011-03-15", "sources": [{"text": "A said."}]},
            {"start": "2011-03-01", "end": "2011-03-31", "sources": [{"text": "A month."}]},
            {"start": None, "end": None, "sources": [{"text": "Some day."}]},
        ]
    }
    assert tls.day_statements(output) == {D(2011, 3, 15): ["A said.", "B said."]}


def test_oracle_summary_keeps_the_statements_closest_to_the_reference_day_or_its_nearest() -> None:
    pool = {
        D(2011, 3, 15): ["Rain fell on the city.", "Protesters march in Damascus.", "Shops closed early."],
        D(2011, 3, 17): ["Troops march toward Deraa.", "Prices rose."],
        D(2011, 3, 20): [],
    }
    days = [D(2011, 3, 15), D(2011, 3, 17), D(2011, 3, 20)]
    summary = tls.oracle_summary(days, pool, REFERENCE, per_date=1)
    # 03-17 is no reference day: it is matched against the nearest one (03-15, "Protesters march ...")
    assert summary == {
        D(2011, 3, 15): ["Protesters march in Damascus."],
        D(2011, 3, 17): ["Troops march toward Deraa."],
    }


HAPPENINGS = (
    "Rebels took Homs",
    "Troops left Hama",
    "Banks closed early",
    "Talks began quietly",
    "Floods hit Aleppo",
)


def _events(*items: tuple[str, str, str]) -> tuple[Event, ...]:
    """Merged events of (day, article, publication day) references, each a different happening (reports
    of one happening a day apart would be one event)."""
    return merge_statements(
        [
            statement(f"{HAPPENINGS[n]} on Friday.", "on Friday", day, path=path, published=published)
            for n, (day, path, published) in enumerate(items)
        ]
    )


def test_mention_count_ranks_days_by_articles_one_vote_each_earlier_first_on_ties() -> None:
    events = _events(
        ("2011-03-15", "a.txt", "2011-03-15T10:00"),
        ("2011-03-15", "a.txt", "2011-03-15T10:00"),  # the same article again: still one vote
        ("2011-03-18", "b.txt", "2011-03-19T10:00"),
        ("2011-03-16", "c.txt", "2011-03-16T10:00"),
        ("2011-03-18", "c.txt", "2011-03-16T10:00"),
    )
    assert tls.mention_count_days(events, 1) == [D(2011, 3, 18)]
    assert tls.mention_count_days(events, 3) == [D(2011, 3, 18), D(2011, 3, 15), D(2011, 3, 16)]


def test_pub_count_ranks_publication_days_inside_the_span() -> None:
    articles = [
        ArticleResult(path, article(path, published), (), ())
        for path, published in [
            ("a.txt", "2011-03-15T10:00"),
            ("b.txt", "2011-03-15T12:00"),
            ("c.txt", "2011-03-20T10:00"),
            ("d.txt", "2011-03-20T11:00"),
            ("e.txt", "2011-03-20T12:00"),
        ]
    ]
    assert tls.pub_count_days(articles, 1) == [D(2011, 3, 20)]
    assert tls.pub_count_days(articles, 2, (D(2011, 3, 1), D(2011, 3, 16))) == [D(2011, 3, 15)]


def test_restrict_keeps_what_since_and_until_keep() -> None:
    events = _events(("2011-03-15", "a.txt", "2011-03-15T10:00"), ("2011-04-15", "b.txt", "2011-04-15T10:00"))
    kept = tls.restrict(events, (D(2011, 3, 1), D(2011, 3, 31)))
    assert [event.first_day for event in kept] == [D(2011, 3, 15)]
    assert tls.restrict(events, None) == events


def test_lead_summary_takes_each_day_first_lines_or_the_next_day_ones(tmp_path: Path) -> None:
    paths = []
    for name, day, lead in [
        ("1.txt", "2011-03-15", "Troops enter Deraa."),
        ("2.txt", "2011-03-17", "Talks."),
    ]:
        path = tmp_path / name
        path.write_text(f"date {day}\n\n{lead}\nMore.\n", encoding="utf-8")
        paths.append(ArticleResult(str(path), article(str(path), f"{day}T00:00"), (), ()))
    days = [D(2011, 3, 15), D(2011, 3, 16), D(2011, 3, 20)]
    # 03-16 has no article: the next day's lead stands in; 03-20 has none within a day
    assert tls.lead_summary(days, paths, per_date=2) == {
        D(2011, 3, 15): ["Troops enter Deraa."],
        D(2011, 3, 16): ["Talks."],
    }


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ([D(2011, 3, 2), D(2011, 3, 9)], (0, 0, 0, 0, 0, 0)),
        # the day after a missed reference day: a report's day taken for the happening's
        ([D(2011, 3, 3), D(2011, 3, 9)], (1, 1, 0, 0, 1, 0)),
        ([D(2011, 3, 1), D(2011, 3, 9)], (1, 0, 1, 0, 1, 0)),
        # next to a reference day that was found; a reference day no statement is dated to
        ([D(2011, 3, 2), D(2011, 3, 3)], (1, 0, 0, 1, 1, 1)),
    ],
)
def test_day_errors_tell_off_by_one_days_from_others(pred: list[dt.date], expected: tuple[int, ...]) -> None:
    reference = [D(2011, 3, 2), D(2011, 3, 9)]
    candidates = [D(2011, 3, 1), D(2011, 3, 2), D(2011, 3, 3)]
    assert tls.day_errors(pred, reference, candidates) == expected
