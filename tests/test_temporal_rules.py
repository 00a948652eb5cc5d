"""The grammar's rules as records: each finds its example, the precedence names them all, and dispatching on
a token's first character picks the same rule as trying every rule in order."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal.context import TOKEN
from timeline.temporal.first_chars import ANY, first_chars
from timeline.temporal.grammar import START_WORDS, iter_candidates, match_at
from timeline.temporal.rules import PRECEDENCE, RULES, dates, durations, relative, sets, times
from timeline.temporal.words import MONTHS, WEEKDAYS


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_every_rule_finds_its_example(rule) -> None:  # type: ignore[no-untyped-def]
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
# the words expressions are made of most often, so that random texts hold whole expressions
_CORE = (
    "the this last next past coming early mid late about more than over two three a few several days weeks "
    "years ago later earlier week month year quarter first second half morning night every each per other "
    "once times since until in on of"
).split()
_WORDS = st.one_of(
    st.sampled_from(_CORE),
    st.sampled_from(["May", "June", "Sept.", "Monday", "Tues.", "Christmas", "14", "1998", "'90s", "’90s"]),
    st.sampled_from(_VOCABULARY).map(lambda w: w.capitalize() if w[0] in "jfmasondtw" else w),
)
_GAPS = st.sampled_from([" ", " ", " ", ", ", "-", ". ", "\n", "–", " the "])


@settings(max_examples=250, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS), min_size=1, max_size=8))
def test_dispatch_picks_the_rule_trying_them_all_would(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in pieces)
    for tok in TOKEN.finditer(text):
        for start in {tok.start(), max(0, tok.start() - 1)}:
            found = match_at(text, start)
            got = (found[0].name, found[1].end()) if found else None
            assert got == _every_rule_at(text, start), (text, start)
