"""Dates of an article written in another language than English, read with dateparser's language data.

Found and resolved: the dateline ("14 июня 2020, 16:38", "Dimanche 14 juin 2020") and the body's
absolute dates: day, month name and year; month name and year; day and month name, in the year of the
publication date nearest to it (no tense is read in these languages). Relative expressions ("в
воскресенье", "geçen hafta") are found with the same data and left unresolved: the English grammar's
rules are never applied to another language.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader

from timeline.models import KEPT_LABELS, Cleaned, Label, TimeExpr
from timeline.sentences import UPPER
from timeline.wordlists import MONTH_NAMES, WEEKDAY_NAMES

# Shorter month names ('Ha', 'so') are ordinary words too; a month name stands by a number, but a weekday
# name stands alone, so its abbreviations ('die', 'mar') are left out too.
MIN_NAME = 3
# A month name inflects ('январь', 'января', 'в январе'): a word made of the stem the language's full
# names share and at most this many more letters is that month.
INFLECTION = 2
MIN_STEM = 4
EARLIEST_YEAR, LATEST_YEAR = 1800, 2200
LETTERS = r"[^\W\d_]"
# A clock time after a dateline's date: "16:38", "16.38", "16h38"
CLOCK = r"(?:\s*+[,|•·-]?\s*+(?:[^\W\d_]{1,3}\.?\s+)?(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s*[ap]\.?m\.?)?)?"
# "МОСКВА, 14 июня. ", "ANKARA, 14 Haziran (AA) - ": a wire story's place in capitals (whatever the
# flags), its day, maybe its agency, before the lead
PLACE = "(?-i:[" + re.escape(UPPER) + "][" + re.escape(UPPER) + r"\s'’./-]{1,40}),\s*+"
AGENCY_AND_DASH = r"\s*+(?:\([^()]{1,30}\)\s*+)?(?:[.–—-]+\s*+|(?=\s*+[" + re.escape(UPPER) + "]))"
# A dateline is a short line: the cleaner's bound for a date line near the title (clean/text.py)
DATELINE_WORDS = 12


@dataclass(frozen=True, slots=True)
class DatePatterns:
    """One language's compiled date patterns and the month number of each spelling of a month."""

    full: re.Pattern[str]  # day month year (with a weekday and clock time around it, if any)
    month_year: re.Pattern[str]
    day_month: re.Pattern[str]
    lead_dateline: re.Pattern[str]
    relative: re.Pattern[str] | None
    months: tuple[tuple[re.Pattern[str], int], ...]


def _alternation(names: list[str]) -> str:
    """A regex alternation of names, longest first, each escaped."""
    return "|".join(re.escape(name) for name in sorted(set(names), key=lambda n: (-len(n), n)))


def _common_prefix(names: list[str]) -> str:
    """The longest prefix every name shares."""
    prefix = names[0] if names else ""
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _name_words(info: dict[str, Any], key: str, shortest: int = MIN_NAME) -> str:
    """A regex for a month's or weekday's names in a language: its spellings, and inflections of its stem."""
    names = [name.lower() for name in info.get(key, []) if len(name) >= shortest]
    full = [name for name in names if len(name) > MIN_NAME]
    stem = _common_prefix(full)
    stems = [re.escape(stem) + LETTERS + "{0," + str(INFLECTION) + "}"] if len(stem) >= MIN_STEM else []
    return "|".join([*stems, _alternation(names)]) if names else ""


@cache
def date_patterns(language: str) -> DatePatterns | None:
    """The date patterns of a language dateparser knows (built once per language), else None."""
    try:
        info = default_loader.get_locale(language).info
    except (KeyError, ValueError):
        return None
    # dateparser keys its language data by the English full names ("january", "monday")
    per_month = [_name_words(info, month) for month in MONTH_NAMES]
    if not all(per_month):
        return None
    month = r"\b(?P<month>" + "|".join(f"(?:{words})" for words in per_month) + r")\b\.?"
    skip = [word for word in info.get("skip", []) if any(char.isalpha() for char in word)]
    gap = r"(?:[\s,.'/-]++(?:(?:" + _alternation(skip) + r")\b[\s,.'/-]*+)?)" if skip else r"[\s,.'/-]++"
    day = r"(?<![\d.,:/-])\b(?P<day>[0-3]?\d)(?!\d)(?:\.|-?" + LETTERS + r"{1,3}\b)?"
    year = r"(?P<year>1[89]\d\d|2[01]\d\d)(?![\d.,:]\d)"
    weekdays = "|".join(filter(None, (_name_words(info, name, MIN_NAME + 1) for name in WEEKDAY_NAMES)))
    weekday = r"(?:\b(?:" + weekdays + r")\b\.?,?\s*+)?"
    weekday_after = r"(?:\s*+,?\s*(?:" + weekdays + r")\b)?"
    flags = re.IGNORECASE
    return DatePatterns(
        full=re.compile(weekday + day + gap + month + gap + year + weekday_after + CLOCK, flags),
        month_year=re.compile(month + gap + year, flags),
        day_month=re.compile(weekday + day + gap + month, flags),
        lead_dateline=re.compile(PLACE + day + gap + month + f"(?:{gap}{year})?" + AGENCY_AND_DASH, flags),
        relative=_relative_pattern(info, weekdays),
        months=tuple((re.compile(f"^(?:{words})$", flags), n) for n, words in enumerate(per_month, 1)),
    )


def _relative_pattern(info: dict[str, Any], weekdays: str) -> re.Pattern[str] | None:
    """Relative expressions of a language: 'yesterday', 'last week', 'three days ago', weekday names."""
    phrases = [p for values in info.get("relative-type", {}).values() for p in values if len(p) >= MIN_NAME]
    regexes = [r for values in info.get("relative-type-regex", {}).values() for r in values]
    parts = [f"\\b(?:{_alternation(phrases)})\\b"] if phrases else []
    # dateparser's groups capture the number; made non-capturing, the regexes join into one pattern
    parts += [f"\\b(?:{regex.replace('(', '(?:').replace('(?:?', '(?')})" for regex in regexes]
    if weekdays:
        parts.append(f"\\b(?:{weekdays})\\b")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def mark_datelines(cleaned: Cleaned, language: str, lead: int) -> Cleaned:
    """The page with those of its first `lead` kept lines that are a dateline in `language` labelled so.

    The cleaner knows English month names only: "Publié le dimanche 14 juin 2020 à 16h38" under a
    headline is kept as body, where it would be a statement of its own.
    """
    lines = list(cleaned.lines)
    kept = [i for i, line in enumerate(lines) if line.label in KEPT_LABELS][:lead]
    for i in kept:
        line = lines[i]
        if len(line.text.split()) <= DATELINE_WORDS and find_dateline_date(line.text, language):
            lines[i] = replace(line, label=Label.DATELINE, reason=f"dateline: a full date ({language})")
    return replace(cleaned, lines=tuple(lines))


def strip_lead_dateline(text: str, language: str) -> str:
    """A lead paragraph without the place and day a wire story opens with ("МОСКВА, 14 июня. ")."""
    patterns = date_patterns(language)
    match = patterns.lead_dateline.match(text) if patterns else None
    return text[match.end() :] if match else text


def _month_number(patterns: DatePatterns, name: str) -> int | None:
    """The number of the month a spelling names."""
    word = name.rstrip(".")
    return next((number for pattern, number in patterns.months if pattern.match(word)), None)


def _day(year: int, month: int, day: int) -> dt.date | None:
    """The calendar day, None when there is none or it is out of bounds."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@cache
def _dateline_parser(language: str) -> DateDataParser:
    """dateparser's parser for one language and English, built once; needs a full date, never the clock."""
    languages = [language] if language == "en" else [language, "en"]
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_TIME_AS_PERIOD": True}
    return DateDataParser(languages=languages, settings=settings)


def find_dateline_date(text: str, language: str) -> tuple[dt.datetime, bool] | None:
    """The first full date of a header line (and its clock time), in the article's language."""
    patterns = date_patterns(language)
    if patterns is None:
        return None
    for match in patterns.full.finditer(text):
        data = _dateline_parser(language).get_date_data(match.group().strip(" ,|•·-"))
        when = data.date_obj
        if when is not None and _day(when.year, when.month, when.day):
            return when.replace(tzinfo=None, second=0, microsecond=0), data.period == "time"
    return None


def find_foreign_expressions(text: str, language: str, published: dt.date | None) -> tuple[TimeExpr, ...]:
    """Absolute dates of a text in `language`, resolved; relative ones found and left unresolved."""
    patterns = date_patterns(language)
    if patterns is None:
        return ()
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for kind in ("full", "month_year", "day_month"):
        for match in getattr(patterns, kind).finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            expr = _absolute(match, kind, patterns, published)
            if expr is not None:
                found.append(expr)
            if expr is not None or kind == "full":  # "29. Februar 2021" is no day, nor February 2021
                taken.append(match.span())
    if patterns.relative is not None:
        for match in patterns.relative.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end in taken):
                found.append(_unresolved(match))
                taken.append(match.span())
    return tuple(sorted(found, key=lambda expr: expr.start))


def _absolute(
    match: re.Match[str], kind: str, patterns: DatePatterns, published: dt.date | None
) -> TimeExpr | None:
    """A TimeExpr of a day-month-year, month-year or day-month match, or None when it is no date."""
    month = _month_number(patterns, match.group("month"))
    if month is None:
        return None
    start = match.start() if kind == "month_year" else match.start("day")
    end = match.end("month") if kind == "day_month" else match.end("year")
    text = match.string[start:end]
    if kind == "month_year":
        year = int(match.group("year"))
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            return None
        first, last = dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])
        return TimeExpr(
            start, end, text, "DATE", f"{year}-{month:02d}", None, first, last, "month", "absolute"
        )
    day = int(match.group("day"))
    if kind == "full":
        when = _day(int(match.group("year")), month, day)
        anchor = "absolute"
    else:
        when = _nearest(published, month, day) if published else None
        anchor = "publication"
    if when is None:
        if kind == "full" or not 1 <= day <= 31:
            return None
        value = f"XXXX-{month:02d}-{day:02d}"
        return TimeExpr(start, end, text, "DATE", value, None, None, None, "day", "unresolved")
    return TimeExpr(start, end, text, "DATE", when.isoformat(), None, when, when, "day", anchor)


def _nearest(published: dt.date, month: int, day: int) -> dt.date | None:
    """The day of that month and day nearest the publication day (the year before or after at a year end)."""
    candidates = [_day(published.year + shift, month, day) for shift in (-1, 0, 1)]
    days = [when for when in candidates if when is not None]
    if not days:
        return None
    return min(days, key=lambda when: abs((when - published).days))


def _unresolved(match: re.Match[str]) -> TimeExpr:
    """A relative expression, kept with no date (an unknown TIMEX3 value: no rule of ours reads it)."""
    return TimeExpr(
        match.start(), match.end(), match.group(), "DATE", "XXXX", None, None, None, "ref", "unresolved"
    )
