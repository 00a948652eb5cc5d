"""What the rules' guards look at around a match: the words before and after it, whether it sits inside a
sentence, a game's report, a label, an amount of money; and the word sets of those contexts.
"""

from __future__ import annotations

import re

from timeline.temporal.patterns import WEEKDAY
from timeline.temporal.tense import sentence_bounds
from timeline.temporal.words import LABEL_NOUNS, MONTHS, WEEKDAYS, load_set

WEEKDAY_SPAN_AFTER = re.compile(r"\s*(?:through|thru|to|-|–)\s*" + WEEKDAY, re.IGNORECASE)
WEEKDAY_SPAN_BEFORE = re.compile(WEEKDAY + r"\s*(?:through|thru|to|-|–)\s*$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w'’]+)[^\w]*$")
_WORD_AFTER = re.compile(r"^\s*([\w%]+)")
_MONEY_BEFORE = re.compile(
    r"(?:\d|million|billion|trillion|cents?|dollars?|percent|%|pounds|euros|yen)\W*$", re.I
)

# the words around a match that decide it (each data file says what its words do)
CALENDAR_PREPOSITIONS = load_set("calendar_prepositions")
MONTH_CONTEXT = CALENDAR_PREPOSITIONS | load_set("month_context")
BARE_PLURAL_CONTEXT = load_set("bare_plural_context")
PERIOD_BEFORE_OF = load_set("period_before_of")
YEAR_CONTEXT = CALENDAR_PREPOSITIONS | load_set("year_context")
NAMED_WEEKDAY = load_set("named_weekdays")


# "the April 6 Youth Movement", "the March 14 Alliance": a date naming a group, not a day
NAME_AFTER = re.compile(
    r"\s+(?:Youth|Movement|Alliance|Coalition|Front|Bloc|Party|Group|Brigades?|Committee|Club|Society|"
    r"Generation|Revolutionaries)\b"
)


# "the Sunday Times", "Monday Night Football": a weekday naming a newspaper or a show, not a day
WEEKDAY_TITLE_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Tribune|Journal|Star|Sun|Observer|"
    r"Independent|Age|Review|Magazine|Edition|Show|Night\s+Football|Night\s+Live)\b"
)


# "today's world", "today's fragile economy", "today's personal computers": the present age
TODAYS_GENERIC = re.compile(
    r"(?:'s|’s)\s+(?:[a-z]+\s+){0,2}?(?:world|youth|society|societies|economy|generation|kids|children|"
    r"teens|teenagers|students|consumers|families|workers|women|men|people|parents|standards|market|"
    r"markets|culture|technology|technologies|computers|challenges|problems|politics|media|era|age|"
    r"environment|landscape|workplace|climate|business|industry|army|military|warfare)\b"
)

# "the people of tomorrow", "the leaders of today": a kind of thing of an age ("the end of today" is a day)
OF_THE_AGE = re.compile(
    r"\b[Tt]he\s+(?:[a-z]+\s+)?(?!(?:end|start|beginning|middle|rest|course|close|morning|afternoon|evening|"
    r"night|events|hours|news)\s)[a-z]+s?\s+of\s+$"
)


def word_before_raw(text: str, start: int) -> str:
    """The word before `start` (within 30 characters), as written."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1) if m else ""


def word_before(text: str, start: int) -> str:
    """The word before `start`, lower-cased ("" when none)."""
    return word_before_raw(text, start).lower()


def word_after(text: str, end: int) -> str:
    """The word after `end`, lower-cased ("" when none)."""
    m = _WORD_AFTER.match(text[end : end + 30])
    return m.group(1).lower() if m else ""


def mid_sentence(text: str, start: int) -> bool:
    """Whether `start` is inside a sentence (not after a full stop, colon, quote or line break)."""
    before = text[max(0, start - 4) : start].rstrip()
    return bool(before) and before[-1] not in ".!?:\"“‘'`\n(-—_"


# words of a game's report: a quarter, half or period near them is one of play
_GAME = re.compile(
    r"\b(?:(?:scored|scoring)\s+(?:\w+\s+){0,3}?(?:points?|goals?|runs?|baskets?|tries)\b|touchdowns?|"
    r"halftime|half-time|innings?|overtime|quarterback|rebounds|yards|kickoff|"
    r"free\s+throws?|field\s+goals?|three-pointers?|(?:minutes|seconds)\s+(?:left|remaining)|to\s+play\b|"
    r"buzzer|power\s+play|penalty\s+kick|hat\s+trick|touchdown\s+pass)",
    re.IGNORECASE,
)


def in_a_game(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] reports a game ("scored 21 points in the 4th quarter")."""
    return _GAME.search(text, *sentence_bounds(text, start, end)) is not None


def capitalised(word: str | None) -> bool:
    """Whether a word is there and begins with a capital."""
    return bool(word) and word[0].isupper()  # type: ignore[index]


# after "the March ...": words that make the month part of a name or an idiom ("the March on Washington")
_NOT_AFTER_MONTH_MODIFIER = frozenset("of on to for in and or is was be madness hare".split())
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def month_as_modifier(text: str, m: re.Match[str]) -> bool:
    """'the March earthquake', 'the May elections': a bare month naming when a thing happened."""
    if word_before(text, m.start()) != "the":
        return False
    after = _NEXT_WORD.match(text, m.end())
    return after is not None and after.group(1) not in _NOT_AFTER_MONTH_MODIFIER


# the word right before a number, on its line, with no punctuation between ("Flight 2012", "No. 1999")
_LABEL_BEFORE = re.compile(r"([A-Za-z][\w'’]*\.?)[ \t]+$")


def labelled_number(text: str, start: int) -> bool:
    """Whether the number at `start` is a label, not a year: after a noun it numbers ("item 1800", "No. 2001")
    or a name inside a sentence ("the Orion 1980 venture"); a preposition, possessive or month keep a year."""
    if text[max(0, start - 1) : start] in ("$", "£", "€", "#"):
        return True
    m = _LABEL_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    raw = m.group(1)
    word = raw.lower()
    if word.rstrip(".") in YEAR_CONTEXT or word.rstrip(".") in MONTHS or word in WEEKDAYS:
        return False
    if word.endswith(("'s", "’s", "s'")):
        return False  # "Turkey's 2018 election", "Kopp's 1987 Chevrolet"
    if word in LABEL_NOUNS:
        return True
    sentence_start = not mid_sentence(text, m.start())
    return raw[0].isupper() and not sentence_start


TOKEN = re.compile(r"[A-Za-z]+|\d+")
FRACTION_QUARTERS = frozenset(("", "a", "an", "one", "1", "three", "3"))
YEAR_OF = re.compile(r"\s+of\s+(?:fiscal\s+)?\d")


def money_before(text: str, start: int) -> bool:
    """Whether an amount of money or a count is written just before `start` ("$33 million a year")."""
    return bool(_MONEY_BEFORE.search(text, max(0, start - 20), start))
