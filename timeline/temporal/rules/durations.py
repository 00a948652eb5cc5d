"""Stretches of time: "three days", "the past two years", "a decade-long feud", "over the years"."""

from __future__ import annotations

import re

from timeline.temporal import patterns as p
from timeline.temporal.context import BARE_PLURAL_CONTEXT, FRACTION_QUARTERS, YEAR_OF, word_after, word_before
from timeline.temporal.records import Rule
from timeline.temporal.resolve import Resolver

AMOUNT = re.compile(r"[\d,.]+")


def accept_duration(m: re.Match[str], text: str) -> bool:
    """A stretch of time, not an age ('52 years old'), an idiom ('the last minute'), a fraction of a thing
    ('three quarters of the shares') or an amount ('$30 a day')."""
    g = m.group
    start, end = m.span()
    unit = (g("unit") or g("unit2") or "").lower()
    num = (g("num") or "").lower().strip()
    if (g("dir") or "").lower() == "old" and "-" not in g(0):
        return False  # "52 years old" is an age
    if g("unit2") and unit in ("minute", "second"):
        return False  # "at the last minute" is an idiom, not a stretch of time
    if unit.startswith("second") and num in ("a", "an", "one"):
        return False
    if (
        unit.startswith("quarter")
        and word_after(text, end) == "of"
        and (num in FRACTION_QUARTERS or YEAR_OF.match(text, end))
    ):
        # "three quarters of the shares" is a fraction, "the first two quarters of 1990" a half year;
        # "several quarters of losses" is a stretch of time
        return False
    if unit in ("weekend", "weekends", "night", "nights") and num in ("a", "an"):
        return False
    return not (AMOUNT.fullmatch(num) and text[max(0, start - 1) : start] in ("$", "£", "€"))


def accept_vague_stretch(m: re.Match[str], text: str) -> bool:
    """'the first hours of the war', 'over the years'; not 'the early hours' nor 'the years 1990-95'."""
    adj = (m.group("adj") or "").lower()
    if adj.startswith("earl") and m.group("u").lower() == "hours":
        return False  # "in the early hours of Thursday": before dawn, a time of day rather than a stretch
    # without an adjective only after a preposition of extent: "over the years", not "the years 1990-95"
    return bool(adj) or word_before(text, m.start()) in ("over", "through", "throughout", "during", "across")


def accept_bare_units(m: re.Match[str], text: str) -> bool:
    """'took weeks', 'for years': bare plural units after a word of extent, not 'months of talks'."""
    return word_before(text, m.start()) in BARE_PLURAL_CONTEXT and word_after(text, m.end()) != "of"


LENGTH_ADJECTIVE = Rule(
    name="length_adjective",
    pattern=r"(?:(?P<num>\d+|" + p.NUMWORD + r"(?:-" + p.NUMWORD + r")?)[\s-]+)?"
    r"(?P<u>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)-?long(?![\w-])",
    resolve=Resolver.resolve_length_adjective,
    example="A day-long meeting ended.",
)


DURATION = Rule(
    name="duration",
    pattern=r"(?:(?P<mod>"
    + p.DUR_MOD
    + r")\s+)?(?:(?P<the>the)\s+(?:(?P<rel>past|last|next|previous|following|"
    r"coming|first|final|latest|remaining|initial|ensuing|preceding|prior)\s+)?)?"
    r"(?P<num>" + p.NUM + r"(?:\s+(?:to|or)\s+" + p.NUM + r")?)(?:\s+(?:more|additional|straight|consecutive|"
    r"full|long|trading|business|working|calendar|solid))*[\s-]+(?P<unit>" + p.UNIT + r")"
    r"(?P<half>\s+and\s+a\s+half(?!\w))?(?P<orso>\s+or\s+so(?!\w))?(?:\s+(?P<dir>ago|earlier|later|after|before|from\s+now|hence|old)(?!\w))?"
    r"|(?:(?P<mod2>" + p.DUR_MOD + r")\s+)?(?P<the2>the)\s+(?P<rel2>past|last|next|previous|coming|"
    r"recent|latest|following)\s+(?:(?P<num2>few|several|couple\s+of|many)\s+)?"
    r"(?P<unit2>" + p.UNIT + r")(?P<orso2>\s+or\s+so(?!\w))?",
    resolve=Resolver.resolve_duration,
    accept=accept_duration,
    example="Talks lasted more than three hours.",
)


VAGUE_STRETCH = Rule(
    name="vague_stretch",
    pattern=r"the\s+(?:(?P<adj>first|early|earliest|final|closing|opening|initial|intervening)\s+)?"
    r"(?P<u>" + p.UNIT_BARE + r")(?![\w-])",
    resolve=Resolver.resolve_vague_stretch,
    accept=accept_vague_stretch,
    example="Prices rose over the years.",
)


VAGUE_OFFSET = Rule(
    name="vague_offset",
    pattern=r"(?P<u>days|weeks|months|years)\s+(?P<dir>after|before|later|earlier)(?!\w)",
    resolve=Resolver.resolve_vague_offset,
    example="Days later, the talks ended.",
)


BARE_UNITS = Rule(
    name="bare_units",
    pattern=r"(?P<u>" + p.UNIT_BARE + r")(?!\w)",
    resolve=Resolver.resolve_bare_units,
    accept=accept_bare_units,
    example="The talks took weeks.",
)

RULES: tuple[Rule, ...] = (
    LENGTH_ADJECTIVE,
    DURATION,
    VAGUE_STRETCH,
    VAGUE_OFFSET,
    BARE_UNITS,
)
