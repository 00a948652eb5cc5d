"""The building blocks of the rules' patterns: month and weekday names (from the word tables), days, years,
numbers, units, modifiers, holidays. Every block is linear (no nested unbounded repetition).
"""

from __future__ import annotations

import re

from timeline.temporal.words import NUMBERS, WEEKDAY_ABBREVIATIONS, WEEKDAYS
from timeline.wordlists import MONTH_ABBREVIATIONS, MONTH_NAMES


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation, longest words first so that prefixes do not win."""
    return (
        "(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        + ")"
    )


FULL_MONTHS = list(MONTH_NAMES)
_ABBR_MONTHS = list(MONTH_ABBREVIATIONS)
MONTH = "(?:" + _alt(FULL_MONTHS) + r"(?![\w-])|" + _alt(_ABBR_MONTHS) + r"(?:\.|(?![\w-])))"
WEEKDAY = _alt(list(WEEKDAYS)) + r"(?!\w)"
WD_ABBR = _alt(list(WEEKDAY_ABBREVIATIONS)) + r"\.?"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%$]|[:.,/]\d)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\w%$]|[:.,/-]\d)"
RANGE = r"(?:\s*[-–—]\s*|\s+(?:to|through|thru|until|till)\s+)"

_NUM_WORDS = [w for w in NUMBERS if w not in ("a", "an")]
NUMWORD = _alt(_NUM_WORDS)
NUM = (
    r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|a\s+couple\s+of|a\s+few|a\s+half|several|few|many|"
    r"a\s+dozen|a\s+hundred|a\s+thousand|dozens\s+of|hundreds\s+of|thousands\s+of|"
    + NUMWORD
    + r"(?:[\s-]"
    + NUMWORD
    + r")*(?:\s+and\s+a\s+half)?|an?(?=\s))"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|"
    r"centuries|century|millenni(?:um|a))(?![\w-]|-\w+-)"
)
UNIT_BARE = r"(?:minutes|hours|days|weeks|months|years|decades|centuries)"
DUR_MOD = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|over(?!\s+the)|less\s+than|under(?!\s+the)|"
    r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|fewer\s+than|"
    r"well\s+over|upwards\s+of)"
)
MOD_PRE = r"(?:early|mid|late|earlier|later|the\s+(?:end|beginning|start|middle|close|turn)\s+of)"
POD = r"(?:morning|afternoon|evening|night|overnight)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
# "nineteen ninety-four" in broadcast transcripts, after a month or a season
SPELLED_YEAR = r"nineteen[\s-]+(?:" + TENS + r"(?:[\s-]" + UNITS + r")?|" + TEENS + r")(?![\w-])"
HOLIDAY = (
    r"(?:christmas(?:\s+(?:day|eve))?|new\s+year's(?:\s+(?:day|eve))?|thanksgiving(?:\s+day)?|"
    r"easter(?:\s+(?:sunday|monday|week))?|independence\s+day|labor\s+day|memorial\s+day|halloween|"
    r"valentine's\s+day|veterans\s+day|boxing\s+day|good\s+friday|election\s+day|black\s+friday|cyber\s+monday)"
    r"(?![\w-])"
)


def full_year(first: str, second: str) -> int:
    """The second year of '1975-90' (1990) or of '2016-2017'."""
    if len(second) == 4:
        return int(second)
    return int(first[:2] + second)
