"""The grammar's rules as records: each finds its example, the precedence names them all, and dispatching on
a token (its word, or its first character) picks the same rule as trying every rule in order."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from timeline.temporal.context import TOKEN
from timeline.temporal.grammar import START_WORDS, _rules_for_word, iter_candidates, match_at, tokenize
from timeline.temporal.records import Rule
from timeline.temporal.rules import PRECEDENCE, RULES, dates, durations, relative, sets, times
from timeline.temporal.starts import ANY, first_chars
from timeline.temporal.words import MONTHS, WEEKDAYS


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_every_rule_finds_its_example(rule: Rule) -> None:
    found = [c.kind for c in iter_candidates(rule.example)]
    assert rule.name in found, (rule.example, found)


def test_the_precedence_names_every_rule_of_every_module_once() -> None:
    in_modules = [rule.name for module in (dates, times, relative, durations, sets) for rule in module.RULES]
    assert sorted(PRECEDENCE) == sorted(in_modules)
    assert len(set(PRECEDENCE)) == len(PRECEDENCE)
    assert all(len(name) > 3 and name.islower() for name in PRECEDENCE)  # "month_day", not "md"


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"\d+", set(string.digits)),
        (r"(?:early\s+)?may", {"e", "E", "m", "M"}),
        (r"(?:the\s+)?(?P<w>today|tonight)", {"t", "T"}),
        (r"(?<=[Uu]ntil\s)then", {"t", "T"}),  # a lookbehind takes no character
        (r"'?\d0s", {"'", *string.digits}),
        (r"[a-c]x", {"a", "b", "c", "A", "B", "C"}),
        (r"a?", ANY),  # it may match the empty string: anything may follow
        (r"[^x]y", ANY),  # a negated class is not analysed: anything
    ],
)
def test_first_chars(pattern: str, chars: set[str] | frozenset[str]) -> None:
    assert first_chars(pattern) == frozenset(chars)


def _every_rule_at(text: str, start: int) -> tuple[str, int] | None:
    """The reference: the first rule of the precedence that matches, trying them all."""
    for rule in RULES:
        m = rule.regex.match(text, start)
        if m is not None:
            return rule.name, m.end()
    return None


_VOCABULARY = [
    *sorted(START_WORDS | set(MONTHS) | set(WEEKDAYS)),
    "1998",
    "14",
    "3rd",
    "10:30",
    "2016-17",
    "'90s",
    "’90s",
    "p.m.",
    "of",
    "and",
    "to",
    "Q3",
]
# phrases shaped like expressions (a determiner or modifier, a number, a unit or a name), so that random texts
# hold whole expressions, and any start word of the grammar
_PHRASES = st.builds(
    lambda *parts: " ".join(part for part in parts if part),
    st.sampled_from(
        ["", "", "the", "last", "early last", "the past", "about", "more than", "every", "until"]
    ),
    st.sampled_from(["", "", "two", "a few", "several", "14", "1998", "first", "mid"]),
    st.sampled_from(
        [
            "days",
            "weeks",
            "year",
            "quarter",
            "May",
            "June 14",
            "Monday",
            "morning",
            "later",
            "ago",
            "'90s",
            "then",
        ]
    ),
)
_WORDS = st.one_of(
    _PHRASES,
    st.sampled_from(_VOCABULARY).map(lambda w: w.capitalize() if w[0] in "jfmasondtw" else w),
)
_GAPS = st.sampled_from([" ", " ", " ", ", ", "-", ". ", "\n", "–", " the "])


def _named(found: tuple[Rule, re.Match[str]] | None) -> tuple[str, int] | None:
    return (found[0].name, found[1].end()) if found else None


@settings(max_examples=examples(250), deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS), min_size=1, max_size=8))
def test_dispatch_picks_the_rule_trying_them_all_would(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in pieces)
    for tok in TOKEN.finditer(text):
        start = tok.start()
        expected = _every_rule_at(text, start)
        assert _named(match_at(text, start)) == expected, (text, start)  # by the first character
        by_word = _rules_for_word(text, tok.end(), tok.group().lower())
        assert _named(match_at(text, start, by_word)) == expected, (text, start)
        if start:
            assert _named(match_at(text, start - 1)) == _every_rule_at(text, start - 1), (text, start - 1)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.sampled_from("aZk 1٣9'’-.\nſéİ\u212a"), max_size=40) | st.text(max_size=40))
def test_tokenize_finds_the_tokens_finditer_finds(text: str) -> None:
    # İ lower-cases to two characters and the Kelvin sign to a "k": the text is then split as written
    tokens = tokenize(text)
    expected = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text)]
    assert list(zip(tokens.starts, tokens.ends, tokens.lower, strict=True)) == expected


def _candidates_trying_every_token(text: str) -> list[tuple[str, int, int]]:
    """The reference: iter_candidates without its windows, every token that can begin an expression tried."""
    pos, found = 0, []
    for token in TOKEN.finditer(text):
        start, end, word = token.start(), token.end(), token.group()
        if start < pos or not (word.isdigit() or word.lower() in START_WORDS):
            continue
        if word[0].isdigit() and start and text[start - 1] in "'’" and start - 1 >= pos:
            hit = match_at(text, start - 1) or match_at(text, start)
        else:
            hit = match_at(text, start, _rules_for_word(text, end, word.lower()))
        if hit is not None and hit[0].accept(hit[1], text):
            found.append((hit[0].name, hit[1].start(), hit[1].end()))
            pos = hit[1].end()
    return found


_FILLER = st.sampled_from(["they met", "the talks", "that", "a", "of the", "he said", "x" * 30, "and then"])


@settings(max_examples=examples(250), deadline=None)
@given(st.lists(st.one_of(st.tuples(_WORDS, _GAPS), st.tuples(_FILLER, _GAPS)), min_size=1, max_size=12))
def test_the_windows_around_trigger_words_lose_no_expression(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in pieces)
    found = [(c.kind, c.start, c.end) for c in iter_candidates(text)]
    assert found == _candidates_trying_every_token(text)
