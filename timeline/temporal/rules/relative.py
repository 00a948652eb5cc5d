"""Expressions counted from another date: "the next day", "last week", "the year", "recently", "then"."""

from __future__ import annotations

import re

from timeline.temporal import patterns as p
from timeline.temporal.context import mid_sentence, word_after, word_before
from timeline.temporal.records import Rule
from timeline.temporal.resolve import Resolver


def accept_the_year(m: re.Match[str], text: str) -> bool:
    """'the year' as a period of its own, not 'the year of ...', 'the year before ...'."""
    return word_after(text, m.end()) not in ("of", "in", "before", "after", "that", "when", "which", "2000")


def accept_relative_unit(m: re.Match[str], text: str) -> bool:
    """'this week', but not a title: "ABC's 'This Week'", a capitalised unit inside a sentence or quotes."""
    start = m.start()
    quoted = start > 0 and text[start - 1] in "\"“‘'"
    return not (m.group("u")[0].isupper() and (quoted or mid_sentence(text, start)))


def accept_reference(m: re.Match[str], text: str) -> bool:
    """'now', 'currently', 'the future'; not 'current account', 'the coming', 'Back to the Future'."""
    raw = m.group("w")
    w = raw.lower()
    if w == "current":
        after = word_after(text, m.end())
        return after not in ("account", "accounts", "affairs", "events", "of", "and") and raw[0] == "c"
    if w in ("coming", "the coming"):
        return False
    if w == "soon":
        return word_before(text, m.start()) not in ("as",)
    # "the Future Strategists Hub", "Back to the Future": a name
    return not ("future" in w and "Future" in raw and (mid_sentence(text, m.start()) or raw[0] != "F"))


YEAR_AGO = Rule(
    name="year_ago",
    pattern=r"(?:(?P<the>the)\s+(?=\S+\s+(?:quarter|period|month|week|day|year)))?(?P<w>year[-\s]earlier|"
    r"year-ago|prior-year|previous-year|year[-\s]end|year's\s+end)"
    r"(?:\s+(?P<u>quarter|period|month|week|day|year))?(?!\w)",
    resolve=Resolver.resolve_year_ago,
    example="Profits rose at year-end.",
)


ANCHORED = Rule(
    name="anchored",
    pattern=r"(?:(?P<mod>earlier|later|early|late)\s+)?(?:(?P<det>that|the\s+(?:same|previous|following|prior|"
    r"preceding)|the\s+next)\s+(?P<u>day|morning|afternoon|evening|night|week|weekend|month|year|quarter)"
    r"|the\s+(?P<u2>day|week|month|year|night)\s+(?P<dir>before|after)"
    r"(?!\s+(?:the|a|an|his|her|its|their|that|this|\w+ing)\b)(?:\s+(?P<rel>yesterday|tomorrow))?)(?!\w)",
    resolve=Resolver.resolve_anchored,
    example="The two signed a deal the following day.",
)


THE_WEEKEND = Rule(
    name="the_weekend",
    pattern=r"the\s+weekend(?!\w)",
    resolve=Resolver.resolve_the_weekend,
    example="Crowds gathered over the weekend.",
)


THE_YEAR = Rule(
    name="the_year",
    pattern=r"the\s+(?:(?P<adj>full|whole|entire|current|calendar|fiscal|latest)\s+)*"
    r"(?P<u>year|week)(?!\w|-)",
    resolve=Resolver.resolve_the_year,
    accept=accept_the_year,
    example="Sales rose 5% for the full year.",
)


RELATIVE_UNIT = Rule(
    name="relative_unit",
    pattern=r"(?:(?P<mod>"
    + p.MOD_PRE
    + r"|around|mid)(?:\s+|-)(?:in\s+)?(?P<det_a>the|last|this\s+past|this\s+coming"
    r"|this|next|coming|past|current)|(?P<det>last|this\s+past|this\s+coming|this|next|coming|past|current))\s+"
    r"(?P<u>week(?:end)?|month|year|quarter|decade|century|" + p.SEASON + r"|" + p.POD + r"|fiscal\s+year)"
    r"(?:\s+of\s+(?P<y>" + p.YEAR + r"))?(?!\w)",
    resolve=Resolver.resolve_relative_unit,
    accept=accept_relative_unit,
    example="Prices fell early last week.",
)


REFERENCE = Rule(
    name="reference",
    pattern=r"(?P<w>then[\s-]+current|"
    r"now|currently|nowadays|these\s+days|at\s+present|presently|recently|lately|formerly|"
    r"(?:the\s+)?(?:coming|weeks\s+ahead|months\s+ahead|years\s+ahead)(?:\s+(?:days|weeks|months|years|quarters))?|"
    r"the\s+(?:(?:near|distant|foreseeable|immediate|not-too-distant)\s+)?future|the\s+(?:near|short)\s+term|"
    r"(?:a|some)\s+(?:future|later)\s+date|the\s+past|the\s+present|"
    r"(?:recent|past)\s+(?:years|months|weeks|days|decades|times|quarters)|current|"
    r"future\s+(?:years|months|weeks|quarters))"
    r"(?!\w)",
    resolve=Resolver.resolve_reference,
    accept=accept_reference,
    example="Prices are currently rising.",
)


THEN = Rule(
    name="then",
    pattern=r"(?:(?<=[Uu]ntil\s)|(?<=[Tt]ill\s)|(?<=[Bb]y\s))then(?![\w-])",
    resolve=Resolver.resolve_then,
    example="The vote is on Monday. Until then, talks go on.",
)

RULES: tuple[Rule, ...] = (
    YEAR_AGO,
    ANCHORED,
    THE_WEEKEND,
    THE_YEAR,
    RELATIVE_UNIT,
    REFERENCE,
    THEN,
)
