"""Detection of time expressions: one compiled alternation of named patterns, plus guards.

Every pattern is linear (no nested unbounded repetition), anchored on a word start, and the
alternatives are ordered so that the longer reading at a position comes first ("June 14-15"
before "June", "the past three years" before "the past"). For speed the combined pattern is only
tried at the start of a token that can begin an expression (a digit, a modifier, a number word or
a trigger word) and lies within reach of a trigger word; a plain scan over every position would be
several times slower.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from timeline.temporal.tense import sentence_bounds
from timeline.temporal.words import COUNT_NOUNS, LABEL_NOUNS, MONTHS, NUMBERS, WEEKDAYS


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation, longest words first so that prefixes do not win."""
    return (
        "(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        + ")"
    )


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
MONTH = "(?:" + _alt(_FULL_MONTHS) + r"(?![\w-])|" + _alt(_ABBR_MONTHS) + r"(?:\.|(?![\w-])))"
WEEKDAY = _alt(list(WEEKDAYS)) + r"(?!\w)"
WD_ABBR = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
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

_PATTERNS: list[tuple[str, str]] = [
    (
        "hol",
        r"(?:(?P<hol_det>last|this|next)\s+)?(?P<hol_w>" + HOLIDAY + r")(?:,?\s+(?P<hol_y>" + YEAR + "))?",
    ),
    (
        "iso",
        r"(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
        r"(?:[T ](?P<iso_h>[01]\d|2[0-3]):(?P<iso_min>[0-5]\d)(?::[0-5]\d)?)?(?![\w-]|[:.]\d)",
    ),
    ("sl", r"(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>(?:19|20)\d\d|\d\d)(?![\w/]|[.,-]\d)"),
    (
        "tm",
        r"(?:(?P<tm_mod>about|around|approximately|roughly)\s+)?"
        r"(?:(?P<tm_h>1[0-2]|0?\d)(?:[:.](?P<tm_min>[0-5]\d))?\s*(?P<tm_ap>[ap]\.\s?m\b\.?|[ap]m\b)"
        r"|(?P<tm_h24>[01]?\d|2[0-3]):(?P<tm_min24>[0-5]\d)(?![\d:]|[.,]\d)"
        r"|(?P<tm_w>noon|midnight|midday)"
        r"|(?P<tm_ih>1[0-2]|[1-9]|" + UNITS + r"|ten|eleven|twelve)(?:\s+o'clock)?\s+in\s+the\s+"
        r"(?P<tm_ipod>morning|afternoon|evening|night)(?!\w)"
        r"|(?P<tm_oc>1[0-2]|0?\d|" + UNITS + r"|ten|eleven|twelve)\s+o'clock)"
        r"(?P<tm_tz>\s+(?:gmt|utc|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|et|pt|local\s+time)\b)?"
        r"(?:,?\s+(?P<tm_day>today|yesterday|tomorrow|tonight|"
        + WEEKDAY
        + "|"
        + MONTH
        + r"\s+"
        + DAY
        + "))?",
    ),
    (
        "wd",
        r"(?:(?P<wd_q>every|each)\s+|(?P<wd_mod>early|late|mid)[\s-]+"
        r"|(?P<wd_det>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|the\s+following)\s+)?"
        r"(?:(?P<wd_d>"
        + WEEKDAY[:-6]
        + r")(?P<wd_pl>s)?(?!\w)|(?P<wd_ab>"
        + WD_ABBR
        + r")(?=,?\s+(?:\d|"
        + MONTH
        + r")))"
        r"(?:[\s-]+(?P<wd_pod>" + POD + r")(?P<wd_pods>s)?(?!\w))?"
        r"(?:,?\s+(?:(?P<wd_m>"
        + MONTH
        + r")\s+(?P<wd_day>"
        + DAY
        + r")|(?P<wd_day2>"
        + DAY
        + r")\s+(?:of\s+)?"
        r"(?P<wd_m2>" + MONTH + r"))(?:,?\s+(?P<wd_y>" + YEAR + r"))?)?",
    ),
    (
        "mr",
        r"(?P<mr_m1>" + MONTH + r")\s*(?:[-–]|\s(?:to|through|until|and)\s+)\s*(?P<mr_m2>" + MONTH + r")"
        r"(?:,?\s+(?P<mr_y>" + YEAR + r"))?",
    ),
    (
        "md",
        r"(?:(?P<md_wk>the\s+week\s+of)\s+)?"
        r"(?:(?P<md_mod>" + MOD_PRE + r"|around|about|approximately)(?:\s+|-))?"
        r"(?:(?P<md_det>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?"
        r"(?P<md_m>"
        + MONTH
        + r")(?:\s+(?P<md_d>"
        + DAY
        + r")(?:"
        + RANGE
        + r"(?:(?P<md_m2>"
        + MONTH
        + r")\s+)?"
        r"(?P<md_d2>" + DAY + r")|(?P<md_and>\s+and\s+)(?P<md_d3>" + DAY + r")"
        r"(?=\s*[^\w\s]|\s*$|\s+(?:in|at|on|for|to|with|when|as|the|and)\b))?)?(?:,?\s+(?:of\s+)?(?P<md_y>"
        + YEAR
        + r"|'\d\d(?!\w)|"
        + SPELLED_YEAR
        + r"))?"
        r"(?:\s+(?P<md_rel>last|next|this)\s+year(?!\w))?",
    ),
    (
        "dm",
        r"(?:(?P<dm_mod>early|mid|late|around|about)\s+)?(?P<dm_d>"
        + DAY
        + r")(?:"
        + RANGE
        + r"(?P<dm_d2>"
        + DAY
        + r"))?"
        r"\s+(?:of\s+)?(?P<dm_m>" + MONTH + r")(?:,?\s+(?P<dm_y>" + YEAR + r"))?",
    ),
    (
        "q",
        r"(?:(?P<q_det>(?:the|this|last|next|that|(?:this|last|next)\s+year's)(?:\s+(?:same|latest|current|previous|"
        r"prior|year-earlier|year-ago|comparable|most\s+recent|recent|preceding|following|coming|fiscal|flat|"
        r"strong|weak|disappointing))*)\s+)?"
        r"(?:(?P<q_y>"
        + YEAR
        + r")\s+)?(?:fiscal[\s-]+)?(?:(?P<q_ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
        r"[\s-]+)?(?:fiscal[\s-]+)?(?:-\s*)?quarter(?!\w|-\w+-)"
        r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<q_y2>" + YEAR + r")|\s+(?P<q_rel>last|next|this)\s+year(?!\w)"
        r"|(?P<q_ago>\s+a\s+year\s+(?:ago|earlier))(?!\w))?"
        r"|(?P<qq>q[1-4])(?:[\s/-]*(?P<qq_y>" + YEAR + r"|'?\d\d(?!\d)))?(?!\w)"
        r"|(?P<qq_y2>" + YEAR + r")[\s-]?(?P<qq2>q[1-4])(?!\w)",
    ),
    (
        "hf",
        r"(?:the\s+)?(?P<hf_ord>first|second|last|latter)\s+(?:half|two\s+quarters)"
        r"(?:\s+of\s+(?:the\s+)?(?:(?P<hf_dec>(?:1\d|20)\d0'?s|'\d0'?s)|(?P<hf_y>"
        + YEAR
        + r"|year|this\s+year|next\s+year|last\s+year)))?(?!\w)",
    ),
    (
        "dec",
        r"(?:the\s+)?(?:(?P<dec_mod>early|mid|late)[\s-]+)?"
        r"(?:(?P<dec_c>1\d|20)(?P<dec_d>\d)0'?s|'(?P<dec_s>\d)0'?s|(?P<dec_w>twenties|thirties|forties|fifties|"
        r"sixties|seventies|eighties|nineties))(?!\w)",
    ),
    (
        "cen",
        r"(?:the\s+)?(?:(?P<cen_mod>early|mid|late)[\s-]+)?(?:(?P<cen_n>1\d|20|21|[1-9])(?:st|nd|rd|th)"
        r"|(?P<cen_w>eighteenth|nineteenth|twentieth|twenty-first|twenty\s+first))[\s-]+century(?!\w)",
    ),
    (
        "sy",
        r"the\s+year\s+(?P<sy_c>two\s+thousand(?:\s+and)?(?:\s+" + TEENS + r"|\s+" + UNITS + r")?)"
        r"|(?:the\s+year\s+)?(?:nineteen(?:\s+hundred(?:\s+and)?)?\s+(?P<sy_a>"
        + TENS
        + r"(?:[\s-]"
        + UNITS
        + r")?|"
        + TEENS
        + r"|oh[\s-]"
        + UNITS
        + r")|(?P<sy_b>two\s+thousand(?:\s+and)?(?:\s+"
        + TEENS
        + r"|\s+"
        + UNITS
        + r")?)(?=\s*[,.;)]|\s+(?:and|or|when|as|to|in|the|because|but)\b))(?!\w)",
    ),
    (
        # "2016-2017", "1975-90": a stretch of years
        "yrr",
        r"(?P<yrr_y1>(?:1[5-9]|20)\d\d)\s?[-–]\s?(?P<yrr_y2>(?:1[5-9]|20)\d\d|\d\d)(?![\w%$]|[:.,/-]\d)",
    ),
    (
        "yr",
        r"(?:(?P<yr_mod>" + MOD_PRE + r"|post|pre|around|about)(?:\s+|-))?"
        r"(?P<yr_f>(?:the\s+)?(?:fiscal|calendar)(?:\s+year)?\s+|the\s+year\s+|fy\s*)?(?P<yr_y>" + YEAR + r")"
        r"(?P<yr_later>\s+(?:or\s+later|and\s+beyond|or\s+earlier|and\s+later|onward|onwards))?",
    ),
    (
        "per",
        r"the\s+(?:(?P<per_y>"
        + YEAR
        + r")|(?P<per_w>latest|year-earlier|year-ago|comparable|corresponding|same|first|second|"
        r"third|fourth|fiscal))\s+(?:fiscal\s+)?period(?!\w)"
        r"(?P<per_rel>\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))(?!\w))?",
    ),
    (
        "ya",
        r"(?:(?P<ya_the>the)\s+(?=\S+\s+(?:quarter|period|month|week|day|year)))?(?P<ya_w>year[-\s]earlier|"
        r"year-ago|prior-year|previous-year|year[-\s]end|year's\s+end)"
        r"(?:\s+(?P<ya_u>quarter|period|month|week|day|year))?(?!\w)",
    ),
    (
        "anc",
        r"(?:(?P<anc_mod>earlier|later|early|late)\s+)?(?:(?P<anc_det>that|the\s+(?:same|previous|following|prior|"
        r"preceding)|the\s+next)\s+(?P<anc_u>day|morning|afternoon|evening|night|week|weekend|month|year|quarter)"
        r"|the\s+(?P<anc_u2>day|week|month|year|night)\s+(?P<anc_dir>before|after)"
        r"(?!\s+(?:the|a|an|his|her|its|their|that|this|\w+ing)\b)(?:\s+(?P<anc_rel>yesterday|tomorrow))?)(?!\w)",
    ),
    (
        # "a day-long meeting", "a decades-long feud", "a weeklong strike": a length used as an adjective (the
        # article belongs to the noun, so it stays out)
        "lng",
        r"(?:(?P<lng_num>\d+|" + NUMWORD + r"(?:-" + NUMWORD + r")?)[\s-]+)?"
        r"(?P<lng_u>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)-?long(?![\w-])",
    ),
    (
        "dur",
        r"(?:(?P<dur_mod>"
        + DUR_MOD
        + r")\s+)?(?:(?P<dur_the>the)\s+(?:(?P<dur_rel>past|last|next|previous|following|"
        r"coming|first|final|latest|remaining|initial|ensuing|preceding|prior)\s+)?)?"
        r"(?P<dur_num>"
        + NUM
        + r"(?:\s+(?:to|or)\s+"
        + NUM
        + r")?)(?:\s+(?:more|additional|straight|consecutive|"
        r"full|long|trading|business|working|calendar|solid))*[\s-]+(?P<dur_unit>" + UNIT + r")"
        r"(?P<dur_half>\s+and\s+a\s+half(?!\w))?(?P<dur_orso>\s+or\s+so(?!\w))?(?:\s+(?P<dur_dir>ago|earlier|later|after|before|from\s+now|hence|old)(?!\w))?"
        r"|(?:(?P<dur_mod2>"
        + DUR_MOD
        + r")\s+)?(?P<dur_the2>the)\s+(?P<dur_rel2>past|last|next|previous|coming|"
        r"recent|latest|following)\s+(?:(?P<dur_num2>few|several|couple\s+of|many)\s+)?"
        r"(?P<dur_unit2>" + UNIT + r")(?P<dur_orso2>\s+or\s+so(?!\w))?",
    ),
    (
        "day",
        r"(?:(?P<day_mod>early|late|earlier|later|mid)[\s-]+)?(?:(?P<day_pod0>(?:mid-?)?(?:morning|afternoon|"
        r"evening))\s+)?(?P<day_w>today|yesterday|tomorrow|tonight)(?:\s+(?P<day_pod>" + POD + r"))?(?!\w)",
    ),
    ("wke", r"the\s+weekend(?!\w)"),
    (
        "ty",
        r"the\s+(?:(?P<ty_adj>full|whole|entire|current|calendar|fiscal|latest)\s+)*"
        r"(?P<ty_u>year|week)(?!\w|-)",
    ),
    (
        "rel",
        r"(?:(?P<rel_mod>"
        + MOD_PRE
        + r"|around|mid)(?:\s+|-)(?:in\s+)?(?P<rel_det_a>the|last|this\s+past|this\s+coming"
        r"|this|next|coming|past|current)|(?P<rel_det>last|this\s+past|this\s+coming|this|next|coming|past|current))\s+"
        r"(?P<rel_u>week(?:end)?|month|year|quarter|decade|century|"
        + SEASON
        + r"|"
        + POD
        + r"|fiscal\s+year)"
        r"(?:\s+of\s+(?P<rel_y>" + YEAR + r"))?(?!\w)",
    ),
    (
        "se",
        r"(?P<se_the0>the\s+(?=early|mid|late))?(?:(?P<se_mod>early|mid|late)[\s-]+)?(?P<se_the>the\s+)?(?P<se_s>"
        + SEASON
        + r")(?:\s+(?:of\s+)?(?P<se_y>"
        + YEAR
        + r"|"
        + SPELLED_YEAR
        + r"))?(?!\w)",
    ),
    (
        "tod",
        r"(?:(?P<tod_mod>early|late|mid)[\s-]+)?(?P<tod_the>the\s+)?(?P<tod_w>morning|afternoon|evening)(?!\w)",
    ),
    (
        "set",
        r"(?P<set_adv>daily|weekly|monthly|yearly|hourly|nightly|biweekly|bimonthly|"
        r"semiannually|semi-annually|biannually)(?!\w)"
        r"|(?P<set_q>every|each|per)\s+(?:(?P<set_other>other)\s+)?(?:(?P<set_n>\d+|"
        + NUMWORD
        + r"|few)\s+)?"
        r"(?P<set_u>" + UNIT + r"|" + MONTH + r"|" + POD + r"|" + SEASON + r")(?!\w)"
        r"|(?P<set_f>once|twice|\d+\s+times|" + NUMWORD + r"\s+times)\s+(?:a|an|per|each|every)\s+"
        r"(?P<set_u2>" + UNIT + r")",
    ),
    (
        "ref",
        r"(?P<ref_w>then[\s-]+current|"
        r"now|currently|nowadays|these\s+days|at\s+present|presently|recently|lately|formerly|"
        r"(?:the\s+)?(?:coming|weeks\s+ahead|months\s+ahead|years\s+ahead)(?:\s+(?:days|weeks|months|years|quarters))?|"
        r"the\s+(?:(?:near|distant|foreseeable|immediate|not-too-distant)\s+)?future|the\s+(?:near|short)\s+term|"
        r"(?:a|some)\s+(?:future|later)\s+date|the\s+past|the\s+present|"
        r"(?:recent|past)\s+(?:years|months|weeks|days|decades|times|quarters)|current|"
        r"future\s+(?:years|months|weeks|quarters))"
        r"(?!\w)",
    ),
    (
        # "the first hours of the war", "over the years": a stretch of unstated length
        "vdur",
        r"the\s+(?:(?P<vdur_adj>first|early|earliest|final|closing|opening|initial|intervening)\s+)?"
        r"(?P<vdur_u>" + UNIT_BARE + r")(?![\w-])",
    ),
    ("vag", r"(?P<vag_u>days|weeks|months|years)\s+(?P<vag_dir>after|before|later|earlier)(?!\w)"),
    # "Until then", "by then": the time just named; only "then" is the expression
    ("then", r"(?:(?<=[Uu]ntil\s)|(?<=[Tt]ill\s)|(?<=[Bb]y\s))then(?![\w-])"),
    ("bare", r"(?P<bare_u>" + UNIT_BARE + r")(?!\w)"),
]

KINDS: tuple[str, ...] = tuple(name for name, _ in _PATTERNS)
PATTERN: re.Pattern[str] = re.compile(
    r"(?<![\w$£€¥#@+.'’-])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS) + ")",
    re.IGNORECASE,
)
_WEEKDAY_SPAN_AFTER = re.compile(r"\s*(?:through|thru|to|-|–)\s*" + WEEKDAY, re.IGNORECASE)
_WEEKDAY_SPAN_BEFORE = re.compile(WEEKDAY + r"\s*(?:through|thru|to|-|–)\s*$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w'’]+)[^\w]*$")
_WORD_AFTER = re.compile(r"^\s*([\w%]+)")
_MONEY_BEFORE = re.compile(
    r"(?:\d|million|billion|trillion|cents?|dollars?|percent|%|pounds|euros|yen)\W*$", re.I
)

# Prepositions that put a month or a year in a calendar context ("in May", "until 1999").
_CALENDAR_PREPOSITIONS = frozenset(
    ["in", "on", "of", "since", "until", "till", "by", "from", "through", "to", "before", "after", "during"]
)
# Bare months that are also ordinary words need a calendar context before them.
_MONTH_CONTEXT = _CALENDAR_PREPOSITIONS | frozenset(
    [
        "last",
        "next",
        "this",
        "early",
        "mid",
        "late",
        "between",
        "and",
        "or",
        "since,",
        "for",
        "next,",
        "end",
        "beginning",
    ]
)
_BARE_PLURAL_CONTEXT = frozenset(
    [
        "for",
        "within",
        "in",
        "over",
        "took",
        "take",
        "takes",
        "taking",
        "lasted",
        "last",
        "lasting",
        "spent",
        "than",
    ]
)
# "the end of 2050", "the summer of 1666": a part of a year, not an amount ("a score of 2072")
_PERIOD_BEFORE_OF = frozenset(
    "end beginning start middle half part quarter spring summer autumn fall winter months years course "
    "rest first last class".split()
)
_YEAR_CONTEXT = _CALENDAR_PREPOSITIONS | frozenset(
    [
        "between",
        "and",
        "or",
        "year",
        "since",
        "circa",
        "c",
        "around",
        "about",
        "early",
        "late",
        "mid",
        "the",
        "fiscal",
    ]
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A match of the grammar: its kind (a pattern name), span and match object."""

    kind: str
    start: int
    end: int
    match: re.Match[str]


# Capitalised words that make a weekday part of a name ("Black Monday", "Ash Wednesday", "Giving Tuesday")
_NAMED_WEEKDAY = frozenset(
    "black cyber super bloody ash holy maundy palm shrove giving fat spy manic blue".split()
)


# "the April 6 Youth Movement", "the March 14 Alliance": a date naming a group, not a day
_NAME_AFTER = re.compile(
    r"\s+(?:Youth|Movement|Alliance|Coalition|Front|Bloc|Party|Group|Brigades?|Committee|Club|Society|"
    r"Generation|Revolutionaries)\b"
)


# "the Sunday Times", "Monday Night Football": a weekday naming a newspaper or a show, not a day
_WEEKDAY_TITLE_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Tribune|Journal|Star|Sun|Observer|"
    r"Independent|Age|Review|Magazine|Edition|Show|Night\s+Football|Night\s+Live)\b"
)


# "today's world", "today's fragile economy", "today's personal computers": the present age
_TODAYS_GENERIC = re.compile(
    r"(?:'s|’s)\s+(?:[a-z]+\s+){0,2}?(?:world|youth|society|societies|economy|generation|kids|children|"
    r"teens|teenagers|students|consumers|families|workers|women|men|people|parents|standards|market|"
    r"markets|culture|technology|technologies|computers|challenges|problems|politics|media|era|age|"
    r"environment|landscape|workplace|climate|business|industry|army|military|warfare)\b"
)

# "the people of tomorrow", "the leaders of today": a kind of thing of an age ("the end of today" is a day)
_OF_THE_AGE = re.compile(
    r"\b[Tt]he\s+(?:[a-z]+\s+)?(?!(?:end|start|beginning|middle|rest|course|close|morning|afternoon|evening|"
    r"night|events|hours|news)\s)[a-z]+s?\s+of\s+$"
)


def full_year(first: str, second: str) -> int:
    """The second year of '1975-90' (1990) or of '2016-2017'."""
    if len(second) == 4:
        return int(second)
    return int(first[:2] + second)


def _word_before_raw(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1) if m else ""


def _word_before(text: str, start: int) -> str:
    return _word_before_raw(text, start).lower()


def _word_after(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text[end : end + 30])
    return m.group(1).lower() if m else ""


def _mid_sentence(text: str, start: int) -> bool:
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


def _in_a_game(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] reports a game ("scored 21 points in the 4th quarter")."""
    return _GAME.search(text, *sentence_bounds(text, start, end)) is not None


def _capitalised(word: str | None) -> bool:
    return bool(word) and word[0].isupper()  # type: ignore[index]


# after "the March ...": words that make the month part of a name or an idiom ("the March on Washington")
_NOT_AFTER_MONTH_MODIFIER = frozenset("of on to for in and or is was be madness hare".split())
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _month_as_modifier(text: str, m: re.Match[str]) -> bool:
    """'the March earthquake', 'the May elections': a bare month naming when a thing happened."""
    if _word_before(text, m.start()) != "the":
        return False
    after = _NEXT_WORD.match(text, m.end())
    return after is not None and after.group(1) not in _NOT_AFTER_MONTH_MODIFIER


# the word right before a number, on its line, with no punctuation between ("Flight 2012", "No. 1999")
_LABEL_BEFORE = re.compile(r"([A-Za-z][\w'’]*\.?)[ \t]+$")


def _labelled_number(text: str, start: int) -> bool:
    """Whether the number at `start` is a label, not a year: after a noun it numbers ("item 1800", "No. 2001")
    or a name inside a sentence ("the Orion 1980 venture"); a preposition, possessive or month keep a year."""
    if text[max(0, start - 1) : start] in ("$", "£", "€", "#"):
        return True
    m = _LABEL_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    raw = m.group(1)
    word = raw.lower()
    if word.rstrip(".") in _YEAR_CONTEXT or word.rstrip(".") in MONTHS or word in WEEKDAYS:
        return False
    if word.endswith(("'s", "’s", "s'")):
        return False  # "Turkey's 2018 election", "Kopp's 1987 Chevrolet"
    if word in LABEL_NOUNS:
        return True
    sentence_start = not _mid_sentence(text, m.start())
    return raw[0].isupper() and not sentence_start


def _accept(kind: str, m: re.Match[str], text: str) -> bool:
    """Guards against false positives that the patterns alone cannot rule out."""
    start, end = m.span()
    g = m.group
    if kind == "md":
        mon = g("md_m")
        if not _capitalised(mon) or (g("md_m2") and not _capitalised(g("md_m2"))):
            return False
        bare = not g("md_d") and not g("md_y")
        if bare and mon.rstrip(".").lower() not in _FULL_MONTHS:
            return False  # "Jan Kavan", "Dec" as a name
        if bare and not g("md_mod") and not g("md_det") and not g("md_rel"):
            low = mon.lower()
            before = _word_before(text, start)
            if low in ("may", "march") and before not in _MONTH_CONTEXT and not _month_as_modifier(text, m):
                return False
            # "Theresa May", "Ernest June": a capitalised name right before a month name ("In May" is none)
            prev = text[max(0, start - 20) : start].rstrip()
            if (
                prev
                and prev.split()[-1][:1].isupper()
                and before not in _CALENDAR_PREPOSITIONS - {"by"}  # "By June Kronholz": a byline
                and low in ("may", "june", "april", "august")
            ):
                return False
        if not (g("md_d") and not g("md_y")):
            return True
        if _word_before(text, start) == "the" and _NAME_AFTER.match(text, end):
            return False  # "the April 6 Youth Movement", "the March 14 Alliance": a name
        return text[end : end + 1] != ":"
    if kind == "mr":
        if not (_capitalised(g("mr_m1")) and _capitalised(g("mr_m2"))):
            return False
        return _word_before(text, start) in ("between", "from") or "and" not in g(0)
    if kind == "dm":
        return _capitalised(g("dm_m")) and not text[max(0, start - 1) : start].isdigit()
    if kind == "wd":
        word = g("wd_d") or g("wd_ab")
        if not _capitalised(word):
            return False
        if g("wd_ab") and not (g("wd_m") or g("wd_m2")):
            return False
        if _word_before(text, start) in _NAMED_WEEKDAY and _capitalised(_word_before_raw(text, start)):
            return False  # "Black Monday", "Super Tuesday", "Bloody Sunday": a name, not that weekday
        if _WEEKDAY_TITLE_AFTER.match(text, m.end("wd_d") if g("wd_d") else m.end("wd_ab")):
            return False  # "the Sunday Times", "Saturday Night Live": a title, not that weekday
        if _WEEKDAY_SPAN_AFTER.match(text, end) or _WEEKDAY_SPAN_BEFORE.search(
            text, max(0, start - 25), start
        ):
            return False  # "Sunday through Thursday": opening hours, not a date
        return not (g("wd_m") and not _capitalised(g("wd_m")))
    if kind == "yrr":
        y1, y2 = int(g("yrr_y1")), full_year(g("yrr_y1"), g("yrr_y2"))
        before, after = _word_before(text, start), _word_after(text, end)
        return (
            y1 < y2 <= y1 + 100
            and after not in COUNT_NOUNS
            and after not in ("percent", "%")
            and before not in ("no", "number", "page", "pages", "score", "scores", "record", "vote", "votes")
        )
    if kind == "yr":
        y = int(g("yr_y"))
        after = _word_after(text, end)
        if after in COUNT_NOUNS or after in ("percent", "%"):
            return False
        before = _word_before(text, start)
        if g("yr_mod") or g("yr_f"):
            return not (before in LABEL_NOUNS and g("yr_f").strip().lower() == "the")
        if _labelled_number(text, start):
            return False
        if 1800 <= y <= 2040:
            return True
        # a year far off needs a calendar word before it: "by 2072", "the end of 2072", not "a score of 2072"
        if before == "of":
            return _word_before(text, len(text[:start].rstrip()) - 2) in _PERIOD_BEFORE_OF
        return before in _YEAR_CONTEXT
    if kind == "tm":
        if (g("tm_w") or "").lower() == "noon" and _word_before(text, start) == "high":
            return False  # "high noon": the idiom (or the film), not a clock time
        if g("tm_h24") is not None:
            before = _word_before(text, start)
            two_digit = len(g("tm_h24")) == 2
            if not (
                two_digit
                or before
                in (
                    "at",
                    "from",
                    "until",
                    "till",
                    "between",
                    "to",
                    "by",
                    "before",
                    "after",
                    "and",
                    "around",
                    "about",
                    "since",
                )
            ):
                return False
        return not (
            g("tm_day")
            and g("tm_day")[0].islower()
            and g("tm_day").lower() not in ("today", "yesterday", "tomorrow", "tonight")
        )
    if kind in ("q", "hf", "per") and not any(ch.isdigit() for ch in g(0)) and _in_a_game(text, start, end):
        return False  # "scored 21 points in the fourth quarter": a period of play, not of the calendar
    if kind == "q":
        if not (g("qq") or g("qq2")) and not (g("q_det") or g("q_ord") or g("q_y") or g("q_y2")):
            return False
        return not (not g("q_ord") and not g("q_y2") and _word_after(text, end) == "of")
    if kind == "dur":
        unit = (g("dur_unit") or g("dur_unit2") or "").lower()
        num = (g("dur_num") or "").lower().strip()
        if (g("dur_dir") or "").lower() == "old" and "-" not in g(0):
            return False  # "52 years old" is an age
        if g("dur_unit2") and unit in ("minute", "second"):
            return False  # "at the last minute" is an idiom, not a stretch of time
        if unit.startswith("second") and num in ("a", "an", "one"):
            return False
        if (
            unit.startswith("quarter")
            and _word_after(text, end) == "of"
            and (num in _FRACTION_QUARTERS or _YEAR_OF.match(text, end))
        ):
            # "three quarters of the shares" is a fraction, "the first two quarters of 1990" a half year;
            # "several quarters of losses" is a stretch of time
            return False
        if unit in ("weekend", "weekends", "night", "nights") and num in ("a", "an"):
            return False
        return not (re.fullmatch(r"[\d,.]+", num) and text[max(0, start - 1) : start] in ("$", "£", "€"))
    if kind == "vdur":
        adj = (g("vdur_adj") or "").lower()
        if adj.startswith("earl") and g("vdur_u").lower() == "hours":
            return False  # "in the early hours of Thursday": before dawn, a time of day rather than a stretch
        # without an adjective only after a preposition of extent: "over the years", not "the years 1990-95"
        return bool(adj) or _word_before(text, start) in ("over", "through", "throughout", "during", "across")
    if kind == "bare":
        return _word_before(text, start) in _BARE_PLURAL_CONTEXT and _word_after(text, end) != "of"
    if kind == "ref":
        w = g("ref_w").lower()
        if w == "current":
            after = _word_after(text, end)
            return (
                after not in ("account", "accounts", "affairs", "events", "of", "and")
                and g("ref_w")[0] == "c"
            )
        if w in ("coming", "the coming"):
            return False
        if w == "soon":
            return _word_before(text, start) not in ("as",)
        # "the Future Strategists Hub", "Back to the Future": a name
        return not (
            "future" in w and "Future" in g("ref_w") and (_mid_sentence(text, start) or g("ref_w")[0] != "F")
        )
    if kind == "se":
        before = _word_before(text, start)
        if g("se_y"):
            return True
        if g("se_s").lower() == "fall" or (g("se_the") and _word_after(text, end) == "of"):
            return False
        return before in (
            "in",
            "during",
            "by",
            "since",
            "until",
            "through",
            "over",
            "this",
            "last",
            "next",
            "early",
            "late",
            "mid",
            "of",
            "into",
        )
    if kind == "tod":
        before = _word_before(text, start)
        if g("tod_mod") and not g("tod_the"):
            return _word_after(text, end) not in ("of", "session", "paper", "newspaper", "edition")
        return bool(g("tod_the")) and before in ("in", "during", "by", "until", "through", "overnight", "the")
    if kind == "hol":
        return _capitalised(g("hol_w"))
    if kind == "set":
        if g("set_u") and g("set_u")[:1].isalpha() and g("set_u").rstrip(".").lower() in MONTHS:
            return _capitalised(g("set_u"))
        # "15 million instructions per second" is a rate, not a schedule
        return not (
            (g("set_q") or "").lower() == "per" and (g("set_u") or "").lower() in ("second", "minute", "hour")
        )
    if kind == "rel":
        # "ABC's 'This Week'": a capitalised unit inside a sentence or a quotation is a title
        quoted = start > 0 and text[start - 1] in "\"“‘'"
        return not (g("rel_u")[0].isupper() and (quoted or _mid_sentence(text, start)))
    if kind == "day":
        if g("day_w").lower() == "today" and _TODAYS_GENERIC.match(text, end):
            return False  # "today's youth", "today's fragile economy": nowadays, not this day
        if (
            g("day_w").lower() in ("today", "tomorrow")
            and text[end : end + 2] not in ("'s", "’s")
            and _OF_THE_AGE.search(text, max(0, start - 40), start)
        ):
            return False  # "the people of tomorrow", "the cars of today": an age, not a day
        # "USA Today", "VOA Today": a capitalised day word after a capitalised word is a name
        words_before = text[max(0, start - 20) : start].split()
        return not (
            g("day_w")[0].isupper()
            and _mid_sentence(text, start)
            and bool(words_before)
            and words_before[-1][:1].isupper()
        )
    if kind == "ty":
        return _word_after(text, end) not in ("of", "in", "before", "after", "that", "when", "which", "2000")
    return True


_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_FRACTION_QUARTERS = frozenset(("", "a", "an", "one", "1", "three", "3"))
_YEAR_OF = re.compile(r"\s+of\s+(?:fiscal\s+)?\d")
_UNIT_WORDS = "second minute hour day night week weekend fortnight month quarter year decade".split()
# Every expression holds a digit or one of these words: the big pattern only runs around them.
TRIGGERS: frozenset[str] = frozenset(
    list(MONTHS)
    + list(WEEKDAYS)
    + [w + "s" for w in WEEKDAYS]
    + _UNIT_WORDS
    + [w + "s" for w in _UNIT_WORDS]
    + "mon tue tues wed thu thur thurs fri sat sun century centuries millennium millennia morning "
    "afternoon evening overnight spring summer fall autumn winter now nowadays current currently recent "
    "recently lately formerly soon future past present presently daily weekly monthly quarterly annually "
    "yearly hourly nightly biweekly bimonthly semiannually biannually annually once twice noon midnight "
    "midday clock tonight tomorrow today yesterday twenties thirties forties fifties sixties seventies "
    "eighties nineties nineteen thousand christmas easter thanksgiving halloween valentine independence "
    "labor memorial veterans boxing good election black cyber half period date term q fy hourlong daylong "
    "weeklong monthlong yearlong then".split()
)
_REACH = 45  # no expression reaches further than this from its trigger word


def _windows(text: str) -> list[list[int]]:
    """Merged [start, end) ranges of text around trigger tokens."""
    spans: list[list[int]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isdigit() or tok.lower() in TRIGGERS:
            s, e = m.start() - _REACH, m.end() + _REACH
            if spans and s <= spans[-1][1]:
                spans[-1][1] = e
            else:
                spans.append([max(0, s), e])
    return spans


# Words an expression can start with (besides digits and trigger words): modifiers, determiners, numbers.
START_WORDS: frozenset[str] = (
    TRIGGERS
    | frozenset(NUMBERS)
    | frozenset(
        "the a an last this next early mid late earlier later about around approximately roughly nearly "
        "almost some more less over under at no not up well just upwards fewer within every each per once "
        "twice that right coming fiscal calendar post pre several few many dozen dozens hundreds thousands "
        "first second third fourth final latest previous following same prior preceding new latter "
        "eighteenth nineteenth twentieth twenty these then".split()
    )
)


def iter_candidates(text: str) -> Iterator[Candidate]:
    """Every accepted grammar match in `text`, left to right, non-overlapping."""
    windows = _windows(text)
    if not windows:
        return
    match = PATTERN.match
    wi, n_windows = 0, len(windows)
    pos = 0  # the end of the last accepted match
    for tok in _TOKEN.finditer(text):
        start = tok.start()
        if start < pos:
            continue
        while wi < n_windows and windows[wi][1] <= start:
            wi += 1
        if wi == n_windows:
            return
        if start < windows[wi][0]:
            continue
        word = tok.group()
        if not (word[0].isdigit() or word.lower() in START_WORDS):
            continue
        if start and text[start - 1] in "'’" and word[0].isdigit() and start - 1 >= pos:
            start -= 1  # "'90s"
        m = match(text, start)
        if m is None and start < tok.start():
            m = match(text, tok.start())
        if m is None:
            continue
        kind = m.lastgroup or ""
        if _accept(kind, m, text):
            yield Candidate(kind, m.start(), m.end(), m)
            pos = m.end()


def money_before(text: str, start: int) -> bool:
    """Whether an amount of money or a count is written just before `start` ("$33 million a year")."""
    return bool(_MONEY_BEFORE.search(text, max(0, start - 20), start))
