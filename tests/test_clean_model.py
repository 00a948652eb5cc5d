"""The fitted body model of the text cleaner: the shipped file, its evaluation, its place in `clean_text`."""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.clean import clean_text
from timeline.clean.features import (
    CAP_WORD_RE,
    DIGIT_RE,
    FEATURE_NAMES,
    count_capitals_and_digits,
    reason_head,
    rule_head,
)
from timeline.clean.model import compile_trees, load_model, model_from_dict, smooth_logits
from timeline.clean.text import _label_by_rules, _unit_features, model_inputs
from timeline.models import KEPT_LABELS

FIXTURE = Path(__file__).resolve().parent / "clean_fixture"


def _tokens(text: str) -> list[str]:
    """The boilerplate scorer's tokens: NFKC, lower case, punctuation and symbols removed."""
    words = unicodedata.normalize("NFKC", text).lower().split()
    stripped = ("".join(ch for ch in word if unicodedata.category(ch)[0] not in "PS") for word in words)
    return [word for word in stripped if word]


def _f1(gold: str, kept: str) -> float:
    ours, theirs = Counter(_tokens(kept)), Counter(_tokens(gold))
    common = sum((ours & theirs).values())
    if not common:
        return 0.0
    precision, recall = common / ours.total(), common / theirs.total()
    return 2 * precision * recall / (precision + recall)


def _fixture() -> list[dict[str, str]]:
    lines = (FIXTURE / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_shipped_model_loads_with_its_provenance() -> None:
    model = load_model()
    assert model is not None
    provenance = model.provenance
    assert provenance["corpora"] == ["boilerplate/dev", "boilerplate-wide/dev"]
    assert provenance["cv_grouped_by"] == "site"
    assert len(provenance["commit"]) == 40
    for key in ("boilerplate/w3m", "boilerplate/lynx", "boilerplate-wide/w3m", "boilerplate-wide/lynx"):
        assert 0.0 < provenance["cv_mean_f1"][key] <= provenance["fitted_mean_f1"][key] + 0.05


@pytest.mark.parametrize("page", _fixture(), ids=lambda page: page["id"])
def test_shipped_model_reproduces_its_recorded_fixture_scores(page: dict[str, str]) -> None:
    model = load_model()
    assert model is not None
    recorded = model.provenance["fixture"][page["id"]]
    text = (FIXTURE / f"{page['id']}.txt").read_text(encoding="utf-8")
    scores = model.scores([row for _, row, _ in model_inputs(text)])
    assert scores == pytest.approx(recorded["scores"], abs=1e-3)
    cleaned = clean_text(text, model=model)
    kept = "\n".join(line.text for line in cleaned.lines if line.label in KEPT_LABELS)
    assert _f1(page["body"], kept) == pytest.approx(recorded["f1"], abs=1e-6)
    assert recorded["f1"] >= 0.9  # small, plain pages: the model must get them right


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ([0.4, 9.0], 0.1 + 1.0 + 0.25),  # left in the first tree
        ([0.6, 1.0], 0.1 - 1.0 + 0.25),  # right, then left
        ([0.6, 2.5], 0.1 + 3.0 + 0.25),  # right, then right
        ([0.5, 2.0], 0.1 + 1.0 + 0.25),  # a value equal to the threshold goes left, as in LightGBM
    ],
)
def test_compiled_trees_follow_their_branches(row: list[float], expected: float) -> None:
    score = compile_trees([[0, 0.5, 1.0, [1, 2.0, -1.0, 3.0]], 0.25], bias=0.1)
    assert score(row) == pytest.approx(expected)


def test_a_model_of_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="features differ"):
        model_from_dict({"kind": "logistic", "bias": 0.0, "weights": [1.0], "features": ["words"]})


def test_logistic_model_scores_are_its_weighted_sums() -> None:
    weights = [0.0] * len(FEATURE_NAMES)
    weights[0] = 2.0
    model = model_from_dict({"kind": "logistic", "bias": -1.0, "weights": weights, "features": FEATURE_NAMES})
    row = [0.0] * len(FEATURE_NAMES)
    row[0] = 1.5
    assert model.scores([row]) == [pytest.approx(2.0)]


@given(st.lists(st.floats(min_value=-50, max_value=50), max_size=30))
def test_smoothing_gives_one_probability_per_unit(logits: list[float]) -> None:
    probs = smooth_logits(logits, [0.1, 1.0, 0.5, 0.5, 0.5, 0.5])
    assert len(probs) == len(logits)
    assert all(0.0 <= p <= 1.0 for p in probs)


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("body: 40 words, 30% function words", ((), "body")),
        ("before the article; short: 3 words, no sentence end", (("before the article",), "short")),
        ("link list: 4 short lines between body lines; short: 2 words", (("link list",), "short")),
        (
            "list item after 'Dates:'; after the article; short: 3 words",
            (("list item", "after the article"), "short"),
        ),
        ("no words", ((), "no words")),
    ],
)
def test_reason_heads_name_the_rule_that_decided(reason: str, expected: tuple[tuple[str, ...], str]) -> None:
    assert reason_head(reason) == expected
    assert rule_head(reason) == expected[1]


@given(
    st.lists(
        st.sampled_from(["body", "short: 3 words", "a; b", "x: y; z: w", ";", ":", " after "]), max_size=5
    )
)
def test_rule_head_is_the_last_reason_head(parts: list[str]) -> None:
    reason = "; ".join(parts)
    assert rule_head(reason) == reason_head(reason)[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Mayor of Leeds met Anna", (4, False)),
        ("McAllen's iPhone O'Brien 42", (2, True)),
        ("US-POLITICS (AP) said_Yes X", (4, False)),
        ("Zürich Élan Oslo 7", (2, True)),  # not ASCII: the regexes themselves
        ("", (0, False)),
    ],
)
def test_capitals_that_start_words_and_digits_are_counted(text: str, expected: tuple[int, bool]) -> None:
    assert count_capitals_and_digits(text) == expected


@given(st.text(alphabet=st.sampled_from("Ab9_' -.(/’é\t"), max_size=40) | st.text(max_size=40))
def test_capitals_and_digits_are_what_the_regexes_find(text: str) -> None:
    found = len(CAP_WORD_RE.findall(text)), DIGIT_RE.search(text) is not None
    assert count_capitals_and_digits(text) == found


@pytest.mark.parametrize("name", ["harbour", "orchard"])
def test_feature_rows_of_some_units_are_those_of_the_whole_page(name: str) -> None:
    units, start, end, _ = _label_by_rules((FIXTURE / f"{name}.txt").read_text(encoding="utf-8"), frozenset())
    every = _unit_features(units, start, end)
    some = list(range(0, len(units), 3))
    assert len(every) == len(units)
    assert _unit_features(units, start, end, some) == [every[i] for i in some]


def test_model_decisions_name_their_probability() -> None:
    text = (FIXTURE / "harbour.txt").read_text(encoding="utf-8")
    cleaned = clean_text(text)
    decided = [line for line in cleaned.lines if line.reason.startswith("model: p=")]
    assert decided
    assert all(0.0 <= float(line.reason[9:13]) <= 1.0 for line in decided)


def test_rules_alone_still_clean_a_page() -> None:
    text = (FIXTURE / "harbour.txt").read_text(encoding="utf-8")
    kept = [line.text for line in clean_text(text, model=None).lines if line.label in KEPT_LABELS]
    assert kept[0].startswith("The harbour bridge will close")
    assert not any(line.reason.startswith("model:") for line in clean_text(text, model=None).lines)


def test_a_smoothing_stage_that_ignores_the_neighbours_decides_as_the_first_stage() -> None:
    model = load_model()
    assert model is not None
    plain = dataclasses.replace(model, smooth=())
    smoothed = dataclasses.replace(model, smooth=(0.0, 1.0, 0.0, 0.0, 0.0, 0.0))  # own log-odds only
    text = (FIXTURE / "harbour.txt").read_text(encoding="utf-8")
    assert clean_text(text, model=smoothed) == clean_text(text, model=plain)
