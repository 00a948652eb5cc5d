"""The tense stage reads a text once for all its expressions, and finds what a scan per expression found.

A clause's edges were found by a scan of its sentence for each expression; they are now looked up in the
text's edges, found a stretch at a time. The reference scan below is the definition, checked on a table
of edge cases and on made-up texts, and a count of the characters the pattern reads shows the text is not
read again per expression. A sentence's bounds stay those of a scan of the window around an expression,
read as if the text ended at the expression (a capital after a full stop is not seen there).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from timeline.temporal import find_expressions, tense
from timeline.temporal.tense import clause_bounds, sentence_bounds, tense_marker

WINDOW = 220  # how far the reference looks out from an expression, as tense._WINDOW


def scan_sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The reference: the sentence around text[start:end] by a scan of the window around it."""
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    s = lo
    for m in tense._BOUNDARY.finditer(text, lo, start):
        if tense._ends_sentence(text, m):
            s = m.end()
    ends = (m.start() + 1 for m in tense._BOUNDARY.finditer(text, end, hi) if tense._ends_sentence(text, m))
    return s, next(ends, hi)


def scan_clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The reference: the clause around text[start:end] by a scan of its sentence."""
    s, e = scan_sentence_bounds(text, start, end)
    for m in tense._CLAUSE_EDGE.finditer(text, s, start):
        s = m.start()
    edge = tense._CLAUSE_EDGE.search(text, end, e)
    return s, (edge.start() if edge else e)


def span_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The span of the nth occurrence of `needle` in `text`."""
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return starts[nth], starts[nth] + len(needle)


LONG = "The talks went on and on " * 12  # a sentence longer than the window, with no full stop
EDGES = [
    # (text, the expression, which occurrence)
    ("The vote was held. Monday was calm.", "Monday", 0),  # the full stop before a capital ending the scan
    ("It ended. \n\nMonday, they met again.", "Monday", 0),  # a blank line before the expression
    ("They met on Sept. 4 and Mr. Smith left on Monday.", "Monday", 0),  # abbreviations end no sentence
    ("He said that talks, which began Monday, would resume.", "Monday", 0),  # a relative clause
    ("Officials said (on Monday) the deal was done.", "Monday", 0),  # a parenthesis
    ("The deal was done thatMonday, officials said.", "Monday", 0),  # an edge word cut off by the expression
    ("Although Monday's vote failed; the council met.", "Monday", 0),  # a clause word starts the sentence
    (LONG + "and on Monday they stopped. " + LONG + ".", "Monday", 0),  # windows cut inside sentences
    (". \n\n  \n " * 30 + "Monday. " + "\n \n" * 30 + "Then Tuesday.", "Monday", 0),  # runs of blank lines
    ('Ok.  "Monday" was the day. ' * 3, "Monday", 2),  # a quotation mark before the capital
    ("Because,Monday , which ,whereas", "Monday", 0),  # commas without spaces
]


@pytest.mark.parametrize(("text", "needle", "nth"), EDGES)
def test_bounds_are_those_of_a_scan_per_expression(text: str, needle: str, nth: int) -> None:
    start, end = span_of(text, needle, nth)
    assert clause_bounds(text, start, end) == scan_clause_bounds(text, start, end)


def test_the_window_read_as_ending_at_the_expression_is_kept() -> None:
    text = "The vote was held. Monday was calm."
    start, end = span_of(text, "Monday")
    assert sentence_bounds(text, start, end) == (0, len(text))  # the capital after "held. " is not seen


FRAGMENTS = [
    " ", "  ", "\n", "\n\n", " \n \n", ".", ". ", "?", "! ", ";", '"', "“", "(", ")", ",", ", ", "—",
    "Mr.", "Sept.", "U.", "that", "which", "although", "whereas", "Monday", "said", "A", "The", "b", "x", "1",
]  # fmt: skip


@settings(max_examples=examples(300), deadline=None)
@given(pieces=st.lists(st.sampled_from(FRAGMENTS), max_size=400), data=st.data())
def test_any_text_any_span(pieces: list[str], data: Any) -> None:
    text = "".join(pieces)
    for _ in range(8):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 12)))
        assert clause_bounds(text, start, end) == scan_clause_bounds(text, start, end)


class CountingPattern:
    """A compiled pattern that counts the characters its scans read."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.read = 0

    def _count(self, text: str, pos: int, endpos: int) -> None:
        self.read += max(0, min(endpos, len(text)) - pos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**62) -> Any:
        self._count(text, pos, endpos)
        return self.pattern.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> Any:
        self._count(text, pos, endpos)
        return self.pattern.search(text, pos, endpos)


@pytest.mark.parametrize(
    "text",
    [
        "Monday " * 400,  # one sentence of 400 dates
        "The council met on Monday, officials said, and it will meet again Friday. " * 40,
    ],
)
def test_a_text_is_scanned_once_not_once_per_expression(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for cached in vars(tense).values():  # what the stage keeps of the texts it read
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    edge = CountingPattern(tense._CLAUSE_EDGE)
    monkeypatch.setattr(tense, "_CLAUSE_EDGE", edge)
    exprs = find_expressions(text, None)
    for e in exprs:
        tense_marker(text, e.start, e.end)
        clause_bounds(text, e.start, e.end)
    assert len(exprs) >= 80
    # the whole text about once, then a few characters per expression (a scan per expression read
    # hundreds: its sentence)
    assert edge.read <= len(text) + 40 * len(exprs)


# Every word `classify` reads, from its word lists and its own literals, built apart from `may_mark`'s set
LITERALS = (
    "would to since planned plans plan scheduled ago goes away last yesterday earlier previously recently "
    "was were going have on sale To TO Would MAY May Reported had been talks council Paris ended need used "
    "unsigned Thing it'll Deadline bed sing xed 's ’ days"
).split()
WORD_SETS = [
    value for name, value in vars(tense).items() if name.startswith("_") and isinstance(value, frozenset)
]
TENSE_WORDS = sorted(set(LITERALS).union(*WORD_SETS, tense.PAST_VERBS, tense.NOT_PAST) - tense._MAY_MARK)
BEFORE = ["", "is", "to", "the", "had", "had been", "Paris", "of", "was", "due to", "planned to", "Lowe's"]
AFTER = ["", "to", "a", "on sale", "have", "Paris", "for", "planning"]


@pytest.mark.parametrize(
    ("words", "i", "may"),
    [
        (["the", "council", "met"], 1, False),  # a noun
        (["the", "council", "met"], 2, True),  # a past verb
        (["talks", "ended"], 1, True),  # an -ed ending
        (["it'll", "rain"], 0, True),  # a contracted future
        (["had", "been", "due", "to", "expire"], 4, True),  # a plan's verb after 'to'
        (["had", "been", "due", "TO", "expire"], 4, True),  # ... whatever the case of 'to'
        (["went", "to", "Paris"], 2, False),  # after 'to', but no plan before it
    ],
)
def test_may_mark(words: list[str], i: int, may: bool) -> None:
    assert tense.may_mark(words, i) is may


@pytest.mark.parametrize("before", BEFORE)
def test_a_word_that_may_not_mark_marks_nothing_in_any_window(before: str) -> None:
    for word in TENSE_WORDS:
        for after in AFTER:
            words = [*before.split(), word, *after.split()]
            i = len(before.split())
            if tense.may_mark(words, i):
                continue
            for first in range(i + 1):
                for last in range(i + 1, len(words) + 1):
                    assert tense.classify(words[first:last], i - first) is None, (words, first, last)


@pytest.mark.parametrize(
    ("words", "a", "b", "markable"),
    [
        (["the", "talks", "ended", "on", "Monday"], 0, 5, [2]),
        (["the", "talks", "ended", "on", "Monday"], 3, 5, []),  # only the stretch asked for
        (["due", "to", "close", "Friday"], 2, 4, [2]),  # the plan and 'to' are before the stretch
        (["Due", "To", "close"], 0, 3, [0, 1, 2]),
        (["go", "to", "Paris"], 0, 3, [1]),
    ],
)
def test_find_markable(words: list[str], a: int, b: int, markable: list[int]) -> None:
    assert tense.find_markable(words, a, b) == markable


@settings(max_examples=examples(300), deadline=None)
@given(
    words=st.lists(st.sampled_from([*LITERALS, "due", "set", "to", "expire", "x"]), max_size=14),
    data=st.data(),
)
def test_the_markable_words_of_a_stretch_are_those_that_may_mark(words: list[str], data: Any) -> None:
    a = data.draw(st.integers(0, len(words) + 1))
    b = data.draw(st.integers(max(0, a - 2), len(words)))
    assert tense.find_markable(words, a, b) == [i for i in range(a, b) if tense.may_mark(words, i)]


FLAT_EDGE = re.compile(r"[;:()—–\"“”]|,(?=\s)|\b(?:" + "|".join(tense.CLAUSE_WORDS) + r")\b", re.IGNORECASE)


_EDGE_PIECES = st.sampled_from([*FRAGMENTS, *tense.CLAUSE_WORDS, "Whom", "WHICH", "thats", "iff", "who's"])


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.tuples(_EDGE_PIECES, st.sampled_from([" ", " ", ""]))))
def test_clause_edges_grouped_by_first_letter_are_those_of_the_flat_alternation(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(piece + gap for piece, gap in pieces) + " ".join(tense.CLAUSE_WORDS)
    assert [m.span() for m in tense._CLAUSE_EDGE.finditer(text)] == [
        m.span() for m in FLAT_EDGE.finditer(text)
    ]
