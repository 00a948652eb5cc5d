"""Calendar arithmetic on TIMEX3 values: shifting days, and the interval of days a value denotes."""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; each season lasts three months
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_WEEK = re.compile(r"(\d{4})-W(\d\d)(-WE)?")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_YEAR = re.compile(r"\d{4}")
_DECADE = re.compile(r"\d{3}")
_CENTURY = re.compile(r"\d\d")


def last_of_month(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, n: int) -> dt.date:
    """`day` moved by `n` months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_years(day: dt.date, n: int) -> dt.date:
    """`day` moved by `n` years (Feb 29 becomes Feb 28 in a common year)."""
    return add_months(day, 12 * n)


def week_value(day: dt.date) -> str:
    """The ISO week of a day, as a TIMEX3 value ('2020-W24')."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    """The calendar quarter (1-4) of a day."""
    return (day.month - 1) // 3 + 1


def season_of(day: dt.date) -> tuple[int, str]:
    """The (year, code) of the meteorological season holding a day; winter belongs to its December's year."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[day.month - 3]


def interval_of(value: str) -> tuple[dt.date, dt.date] | None:
    """The inclusive interval of days a TIMEX3 date value denotes, or None ('P3M', 'PAST_REF', 'XXXX-06')."""
    try:
        return _interval(value)
    except (ValueError, OverflowError):
        return None


def _interval(value: str) -> tuple[dt.date, dt.date] | None:
    if "/" in value:
        a, _, b = value.partition("/")
        ia, ib = _interval(a), _interval(b)
        return (ia[0], ib[1]) if ia and ib and ia[0] <= ib[1] else None
    value = value.split("T", 1)[0]
    if m := _DAY.fullmatch(value):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _WEEK.fullmatch(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if m := _MONTH.fullmatch(value):
        y, mo = int(m[1]), int(m[2])
        return dt.date(y, mo, 1), last_of_month(y, mo)
    if m := _QUARTER.fullmatch(value):
        y, q = int(m[1]), int(m[2])
        return dt.date(y, 3 * q - 2, 1), last_of_month(y, 3 * q)
    if m := _HALF.fullmatch(value):
        y, h = int(m[1]), int(m[2])
        return dt.date(y, 6 * h - 5, 1), last_of_month(y, 6 * h)
    if m := _SEASON.fullmatch(value):
        first = dt.date(int(m[1]), SEASON_MONTHS[m[2]], 1)
        return first, add_months(first, 3) - dt.timedelta(days=1)
    if _YEAR.fullmatch(value):
        y = int(value)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if _DECADE.fullmatch(value):
        y = int(value) * 10
        return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31)
    if _CENTURY.fullmatch(value):
        y = int(value) * 100
        return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31)
    return None


def narrow(first: dt.date, last: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """The part of an interval that START / MID / END select: thirds (days 1-10, 11-20, 21-end of a month)."""
    if mod not in ("START", "MID", "END") or first == last:
        return first, last
    if first.day == 1 and last == last_of_month(last.year, last.month):
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months == 1:
            cut1, cut2 = first.replace(day=11), first.replace(day=21)
        else:
            cut1, cut2 = add_months(first, months // 3), add_months(first, 2 * months // 3)
    else:
        n = (last - first).days + 1
        cut1 = first + dt.timedelta(days=max(1, n // 3))
        cut2 = first + dt.timedelta(days=max(2, n - n // 3))
    if mod == "START":
        return first, cut1 - dt.timedelta(days=1)
    if mod == "MID":
        return cut1, cut2 - dt.timedelta(days=1)
    return cut2, last
