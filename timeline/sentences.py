"""Sentence splitting of an article's kept text: one compiled pattern, never across lines."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from timeline.models import Label, Sentence
from timeline.wordlists import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS

# Words that end with a period without ending a sentence: titles, Latin, initialisms, and every month's and
# weekday's abbreviation ("Sept.", "Thurs.").
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cmdr adm gov sen rep rev st sr jr mt ft no nos vol
    inc corp co ltd llc bros dept est approx vs etc al fig u.s u.k u.n e.g i.e a.m p.m d.c ph.d""".split()
).union(MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS)
# A candidate end: . ! or ? (with closing quotes/brackets), then space, then a likely sentence start.
# Linear time: a match starts only at the first mark of a run, and runs are taken whole (possessive),
# so a line of 100,000 dots is one attempt, not 100,000 attempts of 100,000 steps each.
# A sentence starts with a capital of any script (Cyrillic, Greek, Turkish 'İ'...) or a digit, maybe after
# an opening quote ('«', '„' too, French spacing after it) or bracket.
UPPER = "".join(chr(code) for code in range(0x10000) if chr(code).isupper())
BOUNDARY = re.compile(
    r"""(?<![.!?])[.!?]++["'”’»“)\]]*+(?=\s+(?:["'“‘«„(\[]\s*+)?[0-9""" + re.escape(UPPER) + "])"
)
WORD_BEFORE = re.compile(r"([^\W\d_][^\W\d_.]*(?:\.[^\W\d_]+)*)\.?$")


def split_sentences(
    text: str, offset: int = 0, label: Label = Label.BODY, within: Sequence[tuple[int, int]] = ()
) -> Iterator[Sentence]:
    """Split one line of text into sentences, with offsets shifted by `offset`.

    `within` holds spans (offsets as shifted, sorted) that a sentence never ends inside: time expressions,
    whose periods are ordinals ("14. Juni") or abbreviations, not ends.
    """
    start = 0
    for match in BOUNDARY.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        if _inside(within, offset + match.start()):
            continue
        end = match.end()
        yield from _sentence(text, start, end, offset, label)
        start = end
    yield from _sentence(text, start, len(text), offset, label)


def _inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """Whether a position falls inside one of the spans (sorted by start): a binary search, for long texts."""
    index = bisect_right(spans, (position, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at `dot` closes an abbreviation or an initial rather than a sentence."""
    match = WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "Seth J. Frantzman"
        return True
    return word.lower().rstrip(".") in ABBREVIATIONS


def _sentence(text: str, start: int, end: int, offset: int, label: Label) -> Iterator[Sentence]:
    """The stripped piece text[start:end] as a Sentence, if it holds anything."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield Sentence(text=stripped, start=offset + start + lead, line_label=label)
