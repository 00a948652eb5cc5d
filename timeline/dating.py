"""An article's identity: publication date and time, title, outlet and byline.

A cascade, cheapest and surest first (after htmldate): the page's own metadata, then the header
lines the cleaner set apart (dateline, byline, title), then any line above the body, then the
date the user gave with --date. Every candidate is checked against explicit bounds, and where the
date came from is recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.foreign import find_dateline_date
from timeline.models import ArticleInfo, Cleaned, Label, Line
from timeline.wordlists import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES

EARLIEST = dt.date(1800, 1, 1)
HEADER_WORDS = 16  # a dateline is short: a longer line above the body is a caption, a teaser or a menu
# A line giving when a page was changed rather than published: a last resort for the publication date.
UPDATED = re.compile(r"\b(?:updated|modified|last edited|revised)\b", re.IGNORECASE)
LATEST = dt.date(2200, 12, 31)

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# "Tues.", "Thursday,": an abbreviation, maybe completed to the full name ("thu" + "rsday")
_WEEKDAY_ENDS = dict.fromkeys(
    name[len(short) :] for short in WEEKDAY_ABBREVIATIONS for name in WEEKDAY_NAMES if name.startswith(short)
)
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAY_ABBREVIATIONS) + ")(?:" + "|".join(_WEEKDAY_ENDS) + r")?\.?,?\s+)?"
# Possessive white space: "\s*[,|]?\s*" backtracks quadratically on a long run of spaces after a date.
_TIME = (
    r"(?:\s*+(?:[,|•·-]\s*+)?(?:at\s+)?(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)"
    r"(?::[0-5]\d)?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
# "21:17 18.11.2019": a clock time written before the date (possessive white space, as above)
# "10:01 pm PST, Tuesday, November 19, 2019": a zone may follow it
_ZONE = r"(?:(?:E|C|M|P|AK|H)[SD]?T|[ECMP]T|GMT|UTC|BST|CES?T|IST|AE[SD]T)\b"
_LEAD_TIME = (
    r"(?:(?P<lead_hour>[01]?\d|2[0-3]):(?P<lead_minute>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*+(?P<lead_ampm>[ap]\.?m\.?))?(?:\s++" + _ZONE + r")?\s*+(?:[,|•·-]\s*+)?)?"
)
# A two-digit year is 20YY up to this, 19YY above it (the core has no clock to compare with).
LAST_YY_IN_2000S = 69
DATE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # 2020-06-14, 2020-06-14T08:35, 2020/06/14 08:35
        r"\b(?P<year>(?:18|19|20|21)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)(?:[T\s]"
        r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d))?",
        # Sun 14 Jun 2020 | 04:38 PM; 14 June 2020, 08:35
        r"(?<![\d:])"
        + _LEAD_TIME
        + r"\b"
        + _WEEKDAY
        + r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTH
        + r",?\s+(?P<year>(?:18|19|20|21)\d\d)\b"
        + _TIME,
        # JUNE 14, 2020 08:35; Thu Oct 6, 2011 10:36 am; 11:11 PM EST Nov 19, 2019
        r"(?<![\d:])"
        + _LEAD_TIME
        + r"\b"
        + _WEEKDAY
        + _MONTH
        + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:18|19|20|21)\d\d)\b"
        + _TIME,
        # 11/19/19 06:56 AM, 21:17 18.11.2019, 11.14.2019 09:00 AM: day and month told apart in
        # `_numeric_day`; text may be glued to the year ('18.11.2019Get short URL')
        r"(?<![\d./-])"
        + _LEAD_TIME
        + r"(?P<first>[0-3]?\d)(?P<sep>[/.])(?P<second>[0-3]?\d)(?P=sep)(?P<year>\d{4}|\d\d)(?!\d|[./-]\d)"
        + _TIME,
    )
)
TIME_ONLY = re.compile(r"\b(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?", re.I)
# "By Jane Doe | ...", "By Jane Doe - 11/19/19 06:56 AM EST": the name ends at a separator
BYLINE = re.compile(
    r"^\s*(?:by|written by|words by)\s*:?\s+(?P<name>[^|•\n]{2,80}?)\s*(?:[|•,]|\s[-–—]\s|$)", re.I
)
OUTLET_BEFORE_DASH = re.compile(
    r"^(?P<name>(?:The\s+)?(?:[A-Z][\w&.'’]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w&.'’]*){0,4})\s+[-|–—:]\s+\S"
)
AGENCY_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,40}\((?P<name>[A-Z][A-Za-z&. ]{1,30})\)\s+[-–—]")
# "LONDON | Thu Oct 6, 2011 10:36 am BST " (a wire site's header glued to the lead), the place optional;
# possessive white space, else a long run of spaces after the time backtracks quadratically
WIRE_STAMP = re.compile(
    r"^(?:[A-Z][A-Za-z0-9 .,'’/\\-]{1,40}?\s*\|\s*)?(?:[A-Z][a-z]{2,8},?\s+)?"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}\s+\d{1,2}:\d{2}(?:\s*+[ap]\.?m\.?)?(?:\s++[A-Z]{2,4})?\s++(?=\S)"
)
# "BEIRUT (Reuters) - ", "WASHINGTON, June 3 (AP) — ", "May 29 (Reuters) - ": the dateline of a wire story
_PLACE = (
    r"[A-Z][A-Z.'’/\\-]+(?:[ ,]+[A-Z][A-Z.'’/\\-]+){0,4}"  # 'BEIRUT', 'CHICAGO/MEMPHIS', 'KUALA LUMPUR'
    r"(?:,\s*[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?){0,2})*[ ,]*"  # ', Germany', ', Tenn.'
)
_DATELINE_END = (
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?\((?:[A-Z][A-Za-z&.]*)(?:\s+[A-Z][A-Za-z&.]*){0,3}\)"
    r"\s*+(?:-{1,2}|–|—)(?:\s*-)?\s*+(?=[A-Z0-9\"“‘'])"
)
LEAD_DATELINE = re.compile(r"^(?:\([^()]{1,80}\)\s*)?(?:" + _PLACE + ")?" + _DATELINE_END)
# ... or after a summary glued in front of it: "Oil drops * Sanctions bite NEW YORK Aug 18 (Reuters) - "
GLUED_DATELINE = re.compile(r"^.{0,400}?(?<![\w'’])" + _PLACE + _DATELINE_END)
# Possessive white space throughout: three optional runs of \s* in a row backtrack cubically on "©" + spaces.
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*+(?:©\s*+)?(?:\d{4}(?:\s*+[-–]\s*+\d{4})?)?\s*+,?\s*+"
    r"(?P<name>[A-Z][\w&.'’ ]{1,40}?)(?:[.,]|\s+all rights|\s*$)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A publication-date candidate and the line it was read from."""

    value: dt.datetime
    has_time: bool
    where: str


def find_date_in(text: str) -> tuple[dt.datetime, bool] | None:
    """The first full calendar date (with its time, if any) in a header line, within bounds."""
    best: tuple[int, dt.datetime, bool] | None = None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _parse_match(match)
            if parsed and (best is None or match.start() < best[0]):
                best = (match.start(), *parsed)
                break
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=256)
def read_date(text: str, language: str = "en") -> tuple[dt.datetime, bool] | None:
    """A header line's full date: in the article's own language first (month names), then as numbers.

    Kept for the last lines read: the lines above the body are read for a date, then again for its time.
    """
    if language != "en":
        found = find_dateline_date(text, language)
        if found:
            return found
    return find_date_in(text)


def _parse_match(match: re.Match[str]) -> tuple[dt.datetime, bool] | None:
    """Turn a date match into a datetime, or None when it is no real date."""
    parts = match.groupdict()
    if parts.get("first"):
        day = _numeric_day(parts["first"], parts["second"], parts["year"])
    else:
        day = _calendar_day(parts["year"], parts["month"], parts["day"])
    if day is None or not EARLIEST <= day <= LATEST:
        return None
    hour, minute, ampm = parts.get("hour"), parts.get("minute"), parts.get("ampm")
    if hour is None or minute is None:
        hour, minute, ampm = parts.get("lead_hour"), parts.get("lead_minute"), parts.get("lead_ampm")
    if hour is None or minute is None:
        return dt.datetime.combine(day, dt.time()), False
    return dt.datetime.combine(day, _clock(int(hour), int(minute), ampm)), True


def _calendar_day(year: str, month_text: str, day: str) -> dt.date | None:
    """The day of a year-month-day or a named-month date, None when there is no such day."""
    month_text = month_text.lower().rstrip(".")
    month = MONTHS.get(month_text) if not month_text.isdigit() else int(month_text)
    try:
        return dt.date(int(year), month or 0, int(day))
    except ValueError:
        return None


def _numeric_day(first: str, second: str, year: str) -> dt.date | None:
    """The day of '11/19/19' or '18.11.2019', None when the order of day and month is in doubt.

    A number above 12 is the day. Both orders are written with slashes and with dots (US '11/19/19',
    '11.14.2019'; European '18/11/2019', '18.11.2019'), so with both numbers up to 12 there is no
    telling, unless both orders give the same day: no date is better than a silently wrong one.
    """
    a, b = int(first), int(second)
    if a > 12 >= b:
        month, day = b, a
    elif b > 12 >= a or a == b:
        month, day = a, b
    else:
        return None
    full_year = int(year)
    if len(year) == 2:
        full_year += 2000 if full_year <= LAST_YY_IN_2000S else 1900
    try:
        return dt.date(full_year, month, day)
    except ValueError:
        return None


def _clock(hour: int, minute: int, ampm: str | None) -> dt.time:
    """A clock time from 12- or 24-hour parts."""
    if ampm and hour <= 12:  # "13:00 PM" is 13:00, not 01:00
        pm = ampm.lower().startswith("p")
        if hour == 12:
            hour = 0
        if pm:
            hour += 12
    return dt.time(hour % 24, minute)


def find_publication(
    cleaned: Cleaned, language: str = "en", heads: list[Line] | None = None
) -> FoundDate | None:
    """The publication date: page metadata, then dateline lines, then any line above the body.

    `heads`: the cleaned text's `_header_lines`, when the caller has them already.
    """
    if heads is None:
        heads = _header_lines(cleaned)
    if cleaned.metadata.date:
        found = find_date_in(cleaned.metadata.date)
        if found:
            when, has_time = found
            stamp = FoundDate(when, has_time, "html metadata")
            return _shown_on_page(stamp, cleaned.metadata.page, language) or _with_time_from_header(
                stamp, heads, language
            )
    for line in heads:
        found = read_date(line.text, language)
        if found:
            when, has_time = found
            return _with_time_from_header(FoundDate(when, has_time, _where(line)), heads, language)
    if cleaned.metadata.page:  # a page with no date in its markup: the date line a reader sees
        shown = find_publication(Cleaned(lines=cleaned.metadata.page), language)
        return FoundDate(shown.value, shown.has_time, f"html page {shown.where}") if shown else None
    return None


def _shown_on_page(stamp: FoundDate, page: tuple[Line, ...], language: str = "en") -> FoundDate | None:
    """The date line a page shows, in its own local time, when it tells more than its UTC stamp.

    A page stamped "2019-11-20T05:14Z" that shows "11:14 pm CST, Tuesday, November 19, 2019" was
    published on the 19th where it was written: the line is taken when it names the stamp's day or
    the day next to it, and gives a clock time or another day. A line further off is another story's.
    """
    for line in _header_lines(Cleaned(lines=page)):
        found = read_date(line.text, language)
        if found is None or abs((found[0].date() - stamp.value.date()).days) > 1:
            continue
        if found[1] or found[0].date() != stamp.value.date():
            return FoundDate(found[0], found[1], f"html page {_where(line)}")
        return None  # the same day without a clock time: the stamp tells more
    return None


def _where(line: Line) -> str:
    """Provenance of a header line."""
    shown = line.text if len(line.text) <= 60 else line.text[:57] + "..."
    return f"line {line.first + 1}: {shown}"


def _header_lines(cleaned: Cleaned) -> list[Line]:
    """Datelines, then the other short lines above the body; nearest the body first.

    The publication date stands by the title and byline, right above the article; a date at the very
    top of a page is often today's, and one in a photo caption or a teaser is another story's.
    """
    lines = cleaned.lines
    kept = (Label.BODY, Label.CAPTION)
    first_body = next((i for i, line in enumerate(lines) if line.label in kept), len(lines))
    body_line = lines[first_body].first if first_body < len(lines) else (lines[-1].last + 1 if lines else 0)
    datelines = sorted(
        cleaned.lines_labelled(Label.DATELINE),
        key=lambda line: (bool(UPDATED.search(line.text)), abs(body_line - line.first)),
    )
    above = [
        line
        for line in reversed(lines[:first_body])
        if line.label not in (Label.DATELINE, Label.CAPTION, Label.CREDIT)
        and len(line.text.split()) <= HEADER_WORDS
    ]
    return [*datelines, *above]


def _with_time_from_header(found: FoundDate, heads: list[Line], language: str = "en") -> FoundDate:
    """Add a clock time from another header line (of `heads`, see `_header_lines`) that names the same day."""
    if found.has_time:
        return found
    for line in heads:
        other = read_date(line.text, language)
        if other and other[1] and other[0].date() == found.value.date():
            return FoundDate(other[0], True, f"{found.where}; time from {_where(line)}")
    return found


def find_title(cleaned: Cleaned) -> str | None:
    """The headline: the cleaner's title line, else the page's metadata title."""
    titles = cleaned.lines_labelled(Label.TITLE)
    if titles:
        return titles[0].text
    return cleaned.metadata.title


def find_author(cleaned: Cleaned) -> str | None:
    """The byline's name, in its natural case."""
    if cleaned.metadata.author:
        return cleaned.metadata.author
    for line in cleaned.lines_labelled(Label.BYLINE):
        match = BYLINE.match(line.text)
        name = (match.group("name") if match else line.text).strip(" ,|·•\u00a0")
        if 1 < len(name) <= 80:
            return name.title() if name.isupper() else name
    # a byline sharing its line with the date ("By Jane Doe - 11/19/19 06:56 AM") is labelled a dateline
    for line in cleaned.lines_labelled(Label.DATELINE):
        match = BYLINE.match(line.text)
        name = match.group("name").strip(" ,|·•\u00a0") if match else ""
        if 1 < len(name) <= 80 and not find_date_in(name):
            return name.title() if name.isupper() else name
    return None


def find_outlet(cleaned: Cleaned, heads: list[Line] | None = None) -> str | None:
    """The outlet: page metadata, an agency dateline, a 'Name - tagline' header, a copyright line."""
    if cleaned.metadata.outlet:
        return cleaned.metadata.outlet
    if heads is None:
        heads = _header_lines(cleaned)
    for line in (*cleaned.body_lines[:3], *heads):
        match = AGENCY_DATELINE.match(_strip_wire_stamp(line.text))
        if match:
            return match.group("name").strip()
    for line in heads:
        text = _strip_leading_date(line.text)
        # 'By Jane Doe - 11/19/19' names a writer; 'LONDON | Thu Oct 6, 2011 10:36 am' a place
        if BYLINE.match(text) or WIRE_STAMP.match(line.text):
            continue
        match = OUTLET_BEFORE_DASH.match(text)
        if match:
            return match.group("name")
    for line in reversed(cleaned.lines):
        match = COPYRIGHT.search(line.text)
        if match and line.label is not Label.BODY:
            return match.group("name").strip()
    return None


def _strip_wire_stamp(text: str) -> str:
    """A line without the wire site's 'LONDON | Thu Oct 6, 2011 10:36 am BST ' header in front."""
    stamp = WIRE_STAMP.match(text)
    return text[stamp.end() :] if stamp else text


def strip_dateline(text: str) -> str:
    """A lead sentence without the wire dateline glued to its start ("BEIRUT (Reuters) - ")."""
    rest = _strip_wire_stamp(text)
    dateline = LEAD_DATELINE.match(rest) or GLUED_DATELINE.match(rest)
    return rest[dateline.end() :] if dateline else rest


DATE_WORD_LEAD = re.compile(r"^\s*(?:date|published|updated|posted)\s*:?\s*", re.IGNORECASE)


def _strip_leading_date(text: str) -> str:
    """Drop a leading 'date 2020-06-14' or similar from a header line."""
    text = DATE_WORD_LEAD.sub("", text, count=1)
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return text[match.end() :].strip()
    return text


def describe_article(
    path: str, cleaned: Cleaned, default_date: dt.date | None = None, language: str = "en"
) -> ArticleInfo:
    """Everything the timeline needs to know about an article besides its body."""
    heads = _header_lines(cleaned)  # the lines above the body, read for the date and for the outlet
    found = find_publication(cleaned, language, heads)
    if found:
        published: dt.datetime | None = found.value
        has_time, source = found.has_time, found.where
    elif default_date:
        published, has_time, source = dt.datetime.combine(default_date, dt.time()), False, "--date"
    else:
        published, has_time, source = None, False, "none"
    return ArticleInfo(
        path=path,
        title=find_title(cleaned),
        outlet=find_outlet(cleaned, heads),
        author=find_author(cleaned),
        published=published,
        has_time=has_time,
        date_source=source,
        language=language,
    )
