"""Times of the day and day words: clock times, "today", "yesterday", "the morning"."""

from __future__ import annotations

import re

from timeline.temporal import patterns as p
from timeline.temporal.context import OF_THE_AGE, TODAYS_GENERIC, mid_sentence, word_after, word_before
from timeline.temporal.records import Rule
from timeline.temporal.resolve import Resolver
from timeline.temporal.words import load_set

CLOCK_CONTEXT = load_set("clock_context")
DAY_WORDS = ("today", "yesterday", "tomorrow", "tonight")


def accept_clock_time(m: re.Match[str], text: str) -> bool:
    """A clock time, not 'high noon'; a bare '9:30' only after a word of time; its day word capitalised."""
    g = m.group
    if (g("w") or "").lower() == "noon" and word_before(text, m.start()) == "high":
        return False  # "high noon": the idiom (or the film), not a clock time
    if g("h24") is not None and len(g("h24")) != 2 and word_before(text, m.start()) not in CLOCK_CONTEXT:
        return False
    day = g("day")
    return not (day and day[0].islower() and day.lower() not in DAY_WORDS)


def accept_day_word(m: re.Match[str], text: str) -> bool:
    """'today' as this day, not the present age ('today's youth', 'of today') or a name ('USA Today')."""
    start, end = m.span()
    word = m.group("w")
    if word.lower() == "today" and TODAYS_GENERIC.match(text, end):
        return False  # "today's youth", "today's fragile economy": nowadays, not this day
    if (
        word.lower() in ("today", "tomorrow")
        and text[end : end + 2] not in ("'s", "’s")
        and OF_THE_AGE.search(text, max(0, start - 40), start)
    ):
        return False  # "the people of tomorrow", "the cars of today": an age, not a day
    # "USA Today", "VOA Today": a capitalised day word after a capitalised word is a name
    words_before = text[max(0, start - 20) : start].split()
    return not (
        word[0].isupper()
        and mid_sentence(text, start)
        and bool(words_before)
        and words_before[-1][:1].isupper()
    )


def accept_part_of_day(m: re.Match[str], text: str) -> bool:
    """'late morning' unless it names a thing ('morning paper'); 'the morning' after a word of time."""
    if m.group("mod") and not m.group("the"):
        return word_after(text, m.end()) not in ("of", "session", "paper", "newspaper", "edition")
    return bool(m.group("the")) and word_before(text, m.start()) in (
        "in",
        "during",
        "by",
        "until",
        "through",
        "overnight",
        "the",
    )


CLOCK_TIME = Rule(
    name="clock_time",
    pattern=r"(?:(?P<mod>about|around|approximately|roughly)\s+)?"
    r"(?:(?P<h>1[0-2]|0?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)(?![\d:]|[.,]\d)"
    r"|(?P<w>noon|midnight|midday)"
    r"|(?P<ih>1[0-2]|[1-9]|" + p.UNITS + r"|ten|eleven|twelve)(?:\s+o'clock)?\s+in\s+the\s+"
    r"(?P<ipod>morning|afternoon|evening|night)(?!\w)"
    r"|(?P<oc>1[0-2]|0?\d|" + p.UNITS + r"|ten|eleven|twelve)\s+o'clock)"
    r"(?P<tz>\s+(?:gmt|utc|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|et|pt|local\s+time)\b)?"
    r"(?:,?\s+(?P<day>today|yesterday|tomorrow|tonight|" + p.WEEKDAY + "|" + p.MONTH + r"\s+" + p.DAY + "))?",
    resolve=Resolver.resolve_clock_time,
    accept=accept_clock_time,
    example="The vote closed at 10:30 p.m. Sunday.",
)


DAY_WORD = Rule(
    name="day_word",
    pattern=r"(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?:(?P<pod0>(?:mid-?)?(?:morning|afternoon|"
    r"evening))\s+)?(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>" + p.POD + r"))?(?!\w)",
    resolve=Resolver.resolve_day_word,
    accept=accept_day_word,
    example="The minister arrived early yesterday morning.",
)


PART_OF_DAY = Rule(
    name="part_of_day",
    pattern=r"(?:(?P<mod>early|late|mid)[\s-]+)?(?P<the>the\s+)?(?P<w>morning|afternoon|evening)(?!\w)",
    resolve=Resolver.resolve_part_of_day,
    accept=accept_part_of_day,
    example="The vote was held in the morning.",
)

RULES: tuple[Rule, ...] = (
    CLOCK_TIME,
    DAY_WORD,
    PART_OF_DAY,
)
