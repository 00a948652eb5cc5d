"""Calendar dates: month-days, weekdays, months, years, quarters, halves, decades, centuries, seasons."""

from __future__ import annotations

import re

from timeline.temporal import patterns as p
from timeline.temporal.context import (
    CALENDAR_PREPOSITIONS,
    MONTH_CONTEXT,
    NAME_AFTER,
    NAMED_WEEKDAY,
    PERIOD_BEFORE_OF,
    WEEKDAY_SPAN_AFTER,
    WEEKDAY_SPAN_BEFORE,
    WEEKDAY_TITLE_AFTER,
    YEAR_CONTEXT,
    capitalised,
    in_a_game,
    labelled_number,
    month_as_modifier,
    word_after,
    word_before,
    word_before_raw,
)
from timeline.temporal.records import Rule
from timeline.temporal.resolve import Resolver
from timeline.temporal.words import COUNT_NOUNS, LABEL_NOUNS, load_set

SEASON_CONTEXT = load_set("season_context")


def accept_holiday(m: re.Match[str], text: str) -> bool:
    """A holiday's name is capitalised ("Christmas", not "christmas shopping" in a headline's lower case)."""
    return capitalised(m.group("w"))


def _bare_month_is_a_name(m: re.Match[str], text: str) -> bool:
    """'Jan Kavan', 'Theresa May', 'Ernest June', 'may' as a verb: a bare month name that is no month."""
    mon, start = m.group("m"), m.start()
    if mon.rstrip(".").lower() not in p.FULL_MONTHS:
        return True  # "Jan Kavan", "Dec" as a name
    if m.group("mod") or m.group("det") or m.group("rel"):
        return False
    low = mon.lower()
    before = word_before(text, start)
    if low in ("may", "march") and before not in MONTH_CONTEXT and not month_as_modifier(text, m):
        return True
    # "Theresa May", "Ernest June": a capitalised name right before a month name ("In May" is none)
    prev = text[max(0, start - 20) : start].rstrip()
    return bool(
        prev
        and prev.split()[-1][:1].isupper()
        and before not in CALENDAR_PREPOSITIONS - {"by"}  # "By June Kronholz": a byline
        and low in ("may", "june", "april", "august")
    )


def accept_month_day(m: re.Match[str], text: str) -> bool:
    """A capitalised month; a bare one that is no name; a month-day that names no group ('the March 14
    Alliance') and heads no list ('June 14:')."""
    g = m.group
    if not capitalised(g("m")) or (g("m2") and not capitalised(g("m2"))):
        return False
    if not g("d") and not g("y") and _bare_month_is_a_name(m, text):
        return False
    if not (g("d") and not g("y")):
        return True
    if word_before(text, m.start()) == "the" and NAME_AFTER.match(text, m.end()):
        return False  # "the April 6 Youth Movement", "the March 14 Alliance": a name
    return text[m.end() : m.end() + 1] != ":"


def accept_month_range(m: re.Match[str], text: str) -> bool:
    """Two capitalised months; joined by 'and' only after 'between' or 'from'."""
    if not (capitalised(m.group("m1")) and capitalised(m.group("m2"))):
        return False
    return word_before(text, m.start()) in ("between", "from") or "and" not in m.group(0)


def accept_day_month(m: re.Match[str], text: str) -> bool:
    """A capitalised month after a day that is not the tail of a longer number."""
    start = m.start()
    return capitalised(m.group("m")) and not text[max(0, start - 1) : start].isdigit()


def accept_weekday(m: re.Match[str], text: str) -> bool:
    """A capitalised weekday that is no name ('Black Monday'), title ('the Sunday Times') or opening hours."""
    g = m.group
    start, end = m.span()
    if not capitalised(g("d") or g("ab")):
        return False
    if g("ab") and not (g("m") or g("m2")):
        return False
    if word_before(text, start) in NAMED_WEEKDAY and capitalised(word_before_raw(text, start)):
        return False  # "Black Monday", "Super Tuesday", "Bloody Sunday": a name, not that weekday
    if WEEKDAY_TITLE_AFTER.match(text, m.end("d") if g("d") else m.end("ab")):
        return False  # "the Sunday Times", "Saturday Night Live": a title, not that weekday
    if WEEKDAY_SPAN_AFTER.match(text, end) or WEEKDAY_SPAN_BEFORE.search(text, max(0, start - 25), start):
        return False  # "Sunday through Thursday": opening hours, not a date
    return not (g("m") and not capitalised(g("m")))


def accept_year_range(m: re.Match[str], text: str) -> bool:
    """A stretch of at most a century that counts nothing ('1990-95 votes', 'pages 1990-95')."""
    start, end = m.span()
    y1, y2 = int(m.group("y1")), p.full_year(m.group("y1"), m.group("y2"))
    before, after = word_before(text, start), word_after(text, end)
    return (
        y1 < y2 <= y1 + 100
        and after not in COUNT_NOUNS
        and after not in ("percent", "%")
        and before not in ("no", "number", "page", "pages", "score", "scores", "record", "vote", "votes")
    )


def accept_year(m: re.Match[str], text: str) -> bool:
    """A number is a year in a year context: not an amount, a count or a label ('item 1800')."""
    g = m.group
    start, end = m.span()
    y = int(g("y"))
    after = word_after(text, end)
    if after in COUNT_NOUNS or after in ("percent", "%"):
        return False
    before = word_before(text, start)
    if g("mod") or g("f"):
        return not (before in LABEL_NOUNS and g("f").strip().lower() == "the")
    if labelled_number(text, start):
        return False
    if 1800 <= y <= 2040:
        return True
    # a year far off needs a calendar word before it: "by 2072", "the end of 2072", not "a score of 2072"
    if before == "of":
        return word_before(text, len(text[:start].rstrip()) - 2) in PERIOD_BEFORE_OF
    return before in YEAR_CONTEXT


def _of_a_game(m: re.Match[str], text: str) -> bool:
    """'scored 21 points in the fourth quarter': a period of play, not of the calendar."""
    return not any(ch.isdigit() for ch in m.group(0)) and in_a_game(text, *m.span())


def accept_quarter(m: re.Match[str], text: str) -> bool:
    """A quarter with a determiner, an ordinal or a year, of the calendar and not 'the quarter of ...'."""
    g = m.group
    if _of_a_game(m, text):
        return False
    if not (g("qq") or g("qq2")) and not (g("det") or g("ord") or g("y") or g("y2")):
        return False
    return not (not g("ord") and not g("y2") and word_after(text, m.end()) == "of")


def accept_half_year(m: re.Match[str], text: str) -> bool:
    """A half of the calendar, not of a game."""
    return not _of_a_game(m, text)


def accept_fiscal_period(m: re.Match[str], text: str) -> bool:
    """A period of the calendar, not of a game."""
    return not _of_a_game(m, text)


def accept_season(m: re.Match[str], text: str) -> bool:
    """A season with a year, or after a word that makes it a time ('in spring'); 'fall' only with a year."""
    if m.group("y"):
        return True
    if m.group("s").lower() == "fall" or (m.group("the") and word_after(text, m.end()) == "of"):
        return False
    return word_before(text, m.start()) in SEASON_CONTEXT


HOLIDAY = Rule(
    name="holiday",
    pattern=r"(?:(?P<det>last|this|next)\s+)?(?P<w>" + p.HOLIDAY + r")(?:,?\s+(?P<y>" + p.YEAR + "))?",
    resolve=Resolver.resolve_holiday,
    accept=accept_holiday,
    example="Protesters gathered on Christmas Eve.",
)


ISO_DATE = Rule(
    name="iso_date",
    pattern=r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<min>[0-5]\d)(?::[0-5]\d)?)?(?![\w-]|[:.]\d)",
    resolve=Resolver.resolve_iso_date,
    example="The file is dated 2020-06-14 10:30.",
)


SLASH_DATE = Rule(
    name="slash_date",
    pattern=r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d|\d\d)(?![\w/]|[.,-]\d)",
    resolve=Resolver.resolve_slash_date,
    example="The form was signed on 6/14/2020.",
)


WEEKDAY = Rule(
    name="weekday",
    pattern=r"(?:(?P<q>every|each)\s+|(?P<mod>early|late|mid)[\s-]+"
    r"|(?P<det>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|the\s+following)\s+)?"
    r"(?:(?P<d>"
    + p.WEEKDAY[:-6]
    + r")(?P<pl>s)?(?!\w)|(?P<ab>"
    + p.WD_ABBR
    + r")(?=,?\s+(?:\d|"
    + p.MONTH
    + r")))"
    r"(?:[\s-]+(?P<pod>" + p.POD + r")(?P<pods>s)?(?!\w))?"
    r"(?:,?\s+(?:(?P<m>" + p.MONTH + r")\s+(?P<day>" + p.DAY + r")|(?P<day2>" + p.DAY + r")\s+(?:of\s+)?"
    r"(?P<m2>" + p.MONTH + r"))(?:,?\s+(?P<y>" + p.YEAR + r"))?)?",
    resolve=Resolver.resolve_weekday,
    accept=accept_weekday,
    example="The minister arrived on Sunday, June 14.",
)


MONTH_RANGE = Rule(
    name="month_range",
    pattern=r"(?P<m1>" + p.MONTH + r")\s*(?:[-–]|\s(?:to|through|until|and)\s+)\s*(?P<m2>" + p.MONTH + r")"
    r"(?:,?\s+(?P<y>" + p.YEAR + r"))?",
    resolve=Resolver.resolve_month_range,
    accept=accept_month_range,
    example="Sales rose from January to March 2020.",
)


MONTH_DAY = Rule(
    name="month_day",
    pattern=r"(?:(?P<wk>the\s+week\s+of)\s+)?"
    r"(?:(?P<mod>" + p.MOD_PRE + r"|around|about|approximately)(?:\s+|-))?"
    r"(?:(?P<det>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?"
    r"(?P<m>" + p.MONTH + r")(?:\s+(?P<d>" + p.DAY + r")(?:" + p.RANGE + r"(?:(?P<m2>" + p.MONTH + r")\s+)?"
    r"(?P<d2>" + p.DAY + r")|(?P<joined>\s+and\s+)(?P<d3>" + p.DAY + r")"
    r"(?=\s*[^\w\s]|\s*$|\s+(?:in|at|on|for|to|with|when|as|the|and)\b))?)?(?:,?\s+(?:of\s+)?(?P<y>"
    + p.YEAR
    + r"|'\d\d(?!\w)|"
    + p.SPELLED_YEAR
    + r"))?"
    r"(?:\s+(?P<rel>last|next|this)\s+year(?!\w))?",
    resolve=Resolver.resolve_month_day,
    accept=accept_month_day,
    example="The talks were held on June 14-15, 2020.",
)


DAY_MONTH = Rule(
    name="day_month",
    pattern=r"(?:(?P<mod>early|mid|late|around|about)\s+)?(?P<d>"
    + p.DAY
    + r")(?:"
    + p.RANGE
    + r"(?P<d2>"
    + p.DAY
    + r"))?"
    r"\s+(?:of\s+)?(?P<m>" + p.MONTH + r")(?:,?\s+(?P<y>" + p.YEAR + r"))?",
    resolve=Resolver.resolve_day_month,
    accept=accept_day_month,
    example="The talks were held on 14 June 2020.",
)


QUARTER = Rule(
    name="quarter",
    pattern=r"(?:(?P<det>(?:the|this|last|next|that|(?:this|last|next)\s+year's)(?:\s+(?:same|latest|current|previous|"
    r"prior|year-earlier|year-ago|comparable|most\s+recent|recent|preceding|following|coming|fiscal|flat|"
    r"strong|weak|disappointing))*)\s+)?"
    r"(?:(?P<y>"
    + p.YEAR
    + r")\s+)?(?:fiscal[\s-]+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
    r"[\s-]+)?(?:fiscal[\s-]+)?(?:-\s*)?quarter(?!\w|-\w+-)"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y2>" + p.YEAR + r")|\s+(?P<rel>last|next|this)\s+year(?!\w)"
    r"|(?P<ago>\s+a\s+year\s+(?:ago|earlier))(?!\w))?"
    r"|(?P<qq>q[1-4])(?:[\s/-]*(?P<qq_y>" + p.YEAR + r"|'?\d\d(?!\d)))?(?!\w)"
    r"|(?P<qq_y2>" + p.YEAR + r")[\s-]?(?P<qq2>q[1-4])(?!\w)",
    resolve=Resolver.resolve_quarter,
    accept=accept_quarter,
    example="Profits fell in the third quarter of 2019.",
)


HALF_YEAR = Rule(
    name="half_year",
    pattern=r"(?:the\s+)?(?P<ord>first|second|last|latter)\s+(?:half|two\s+quarters)"
    r"(?:\s+of\s+(?:the\s+)?(?:(?P<dec>(?:1\d|20)\d0'?s|'\d0'?s)|(?P<y>"
    + p.YEAR
    + r"|year|this\s+year|next\s+year|last\s+year)))?(?!\w)",
    resolve=Resolver.resolve_half_year,
    accept=accept_half_year,
    example="Sales grew in the first half of 2019.",
)


DECADE = Rule(
    name="decade",
    pattern=r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?"
    r"(?:(?P<c>1\d|20)(?P<d>\d)0'?s|'(?P<s>\d)0'?s|(?P<w>twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties))(?!\w)",
    resolve=Resolver.resolve_decade,
    example="Prices soared in the late 1990s.",
)


CENTURY = Rule(
    name="century",
    pattern=r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<n>1\d|20|21|[1-9])(?:st|nd|rd|th)"
    r"|(?P<w>eighteenth|nineteenth|twentieth|twenty-first|twenty\s+first))[\s-]+century(?!\w)",
    resolve=Resolver.resolve_century,
    example="The town was founded in the 19th century.",
)


SPELLED_YEAR = Rule(
    name="spelled_year",
    pattern=r"the\s+year\s+(?P<c>two\s+thousand(?:\s+and)?(?:\s+" + p.TEENS + r"|\s+" + p.UNITS + r")?)"
    r"|(?:the\s+year\s+)?(?:nineteen(?:\s+hundred(?:\s+and)?)?\s+(?P<a>"
    + p.TENS
    + r"(?:[\s-]"
    + p.UNITS
    + r")?|"
    + p.TEENS
    + r"|oh[\s-]"
    + p.UNITS
    + r")|(?P<b>two\s+thousand(?:\s+and)?(?:\s+"
    + p.TEENS
    + r"|\s+"
    + p.UNITS
    + r")?)(?=\s*[,.;)]|\s+(?:and|or|when|as|to|in|the|because|but)\b))(?!\w)",
    resolve=Resolver.resolve_spelled_year,
    example="It happened in nineteen ninety-four, when the war ended.",
)


YEAR_RANGE = Rule(
    name="year_range",
    pattern=r"(?P<y1>(?:1[5-9]|20)\d\d)\s?[-–]\s?(?P<y2>(?:1[5-9]|20)\d\d|\d\d)(?![\w%$]|[:.,/-]\d)",
    resolve=Resolver.resolve_year_range,
    accept=accept_year_range,
    example="He served as mayor in 2016-2017.",
)


YEAR = Rule(
    name="year",
    pattern=r"(?:(?P<mod>" + p.MOD_PRE + r"|post|pre|around|about)(?:\s+|-))?"
    r"(?P<f>(?:the\s+)?(?:fiscal|calendar)(?:\s+year)?\s+|the\s+year\s+|fy\s*)?(?P<y>" + p.YEAR + r")"
    r"(?P<later>\s+(?:or\s+later|and\s+beyond|or\s+earlier|and\s+later|onward|onwards))?",
    resolve=Resolver.resolve_year,
    accept=accept_year,
    example="The plant opened in 1998.",
)


FISCAL_PERIOD = Rule(
    name="fiscal_period",
    pattern=r"the\s+(?:(?P<y>"
    + p.YEAR
    + r")|(?P<w>latest|year-earlier|year-ago|comparable|corresponding|same|first|second|"
    r"third|fourth|fiscal))\s+(?:fiscal\s+)?period(?!\w)"
    r"(?P<rel>\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))(?!\w))?",
    resolve=Resolver.resolve_fiscal_period,
    accept=accept_fiscal_period,
    example="Sales were flat in the year-earlier period.",
)


SEASON = Rule(
    name="season",
    pattern=r"(?P<the0>the\s+(?=early|mid|late))?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<the>the\s+)?(?P<s>"
    + p.SEASON
    + r")(?:\s+(?:of\s+)?(?P<y>"
    + p.YEAR
    + r"|"
    + p.SPELLED_YEAR
    + r"))?(?!\w)",
    resolve=Resolver.resolve_season,
    accept=accept_season,
    example="The offensive began in the spring of 2015.",
)

RULES: tuple[Rule, ...] = (
    HOLIDAY,
    ISO_DATE,
    SLASH_DATE,
    WEEKDAY,
    MONTH_RANGE,
    MONTH_DAY,
    DAY_MONTH,
    QUARTER,
    HALF_YEAR,
    DECADE,
    CENTURY,
    SPELLED_YEAR,
    YEAR_RANGE,
    YEAR,
    FISCAL_PERIOD,
    SEASON,
)
