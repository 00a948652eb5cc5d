"""Resolution of detected time expressions: TIMEX3 values, modifiers and the days they denote.

Relative expressions are anchored on the publication date (dct), or on the last date mentioned in
the text when news style does so ("the next day", "two days later", a bare clock time); weekday
names, bare months and month-days without a year are read by the tense of their sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from timeline.models import TimeExpr
from timeline.temporal.calendar import (
    PARTS_OF_DAY,
    add_months,
    add_years,
    interval_of,
    last_of_month,
    narrow,
    quarter_of,
    season_of,
    week_value,
)
from timeline.temporal.context import money_before
from timeline.temporal.patterns import MONTH, full_year
from timeline.temporal.records import Candidate
from timeline.temporal.tense import (
    NO_MARKER,
    TENSE_MODEL,
    Marker,
    reporting_verb_before,
    reporting_verb_next_to,
    sentence_start,
    tense_at,
    tense_marker,
)
from timeline.temporal.words import (
    CENTURY_WORDS,
    DECADE_WORDS,
    MOD_WORDS,
    MONTHS,
    NUMBERS,
    REFS,
    SET_ADVERBS,
    UNIT_CODES,
    WEEKDAYS,
    WEEKEND_SIDES,
)

Span = tuple[int, int, str, str, str | None]  # start, end, type, value, mod (a TimeML reading)


@dataclass(frozen=True, slots=True)
class Found:
    """A resolved expression, plus how TimeML would annotate it when that differs (span, type, value, mod)."""

    expr: TimeExpr
    timeml: tuple[Span, ...] | None = None


class Unresolved(Exception):
    """Raised when an expression needs a publication date and there is none; carries an X-ed value."""

    def __init__(self, value: str, granularity: str, type_: str = "DATE") -> None:
        super().__init__(value)
        self.value = value
        self.granularity = granularity
        self.type = type_


@dataclass(slots=True)
class Context:
    """What resolution knows while it walks through one text."""

    text: str
    dct: dt.date | None
    last_dated: TimeExpr | None = None  # the last expression with a calendar interval (for "until then")
    last_dated_pos: int = -1
    last_day: dt.date | None = None  # the last specific day mentioned (for "the next day", "10 p.m.")
    last_day_pos: int = -1
    report_day: dt.date | None = None  # the day of the last report dated in the text ("said on Saturday")
    report_verb: int = -1  # where that report's verb begins
    last_named: dt.date | None = None  # the last day written out as a date ("May 30", "2020-05-30")
    last_named_pos: int = -1
    last_any: dt.date | None = None  # first day of the last mentioned date of any granularity
    last_any_pos: int = -1
    last_year: int | None = None  # the last year written out ("in 1988", "June 1998")
    last_year_pos: int = -1
    last_quarter: tuple[int, int] | None = None  # (year, quarter) last reported on, however far back

    def base(self, value: str, granularity: str, type_: str = "DATE") -> dt.date:
        """The publication day, or Unresolved with the X-ed `value` when there is none."""
        if self.dct is None:
            month_day = _X_MONTH_DAY.fullmatch(value)
            if month_day:  # "February 30" is no day in any year (2000 is a leap year): not a date at all
                dt.date(2000, int(month_day.group(1)), int(month_day.group(2)))
            raise Unresolved(value, granularity, type_)
        return self.dct

    def anchor_day(self, start: int, window: int = 1500) -> tuple[dt.date, str]:
        """The day to count from: the last mentioned day when near enough, else the publication day."""
        if self.last_day is not None and start - self.last_day_pos <= window:
            return self.last_day, "previous"
        return self.base("XXXX-XX-XX", "day"), "publication"


# the rules that write a day out as a date ("May 30", "30 May", "2020-05-30", "5/30/2020")
NAMED_DAY_RULES = frozenset(("month_day", "day_month", "iso_date", "slash_date"))
_X_MONTH_DAY = re.compile(r"XXXX-(\d\d)-(\d\d)")
# a quarter's reported figures: "this quarter's loss", "this quarter's results"
_RESULTS_OF = re.compile(
    r"(?:'s|’s)\s+(?:\w+\s+)?(?:loss|losses|results|earnings|profit|profits|net|income|sales|revenue|charges?)\b"
)
_QUARTER_ENDED = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends)\s+(" + MONTH + r")\s*\d{1,2}(?:,\s*(\d{4}))?",
    re.IGNORECASE,
)

REPORTING_BEFORE = re.compile(
    r"(?:\b(?:said|says|say|announced|announces|reported|reports|comes|come|is|are|was|were|came|added|told)\W*)$",
    re.IGNORECASE,
)
_WEEKDAY_NAME = "(?:" + "|".join(WEEKDAYS) + ")"
SCHEDULE_BEFORE = re.compile(
    _WEEKDAY_NAME + r"s?\s*(?:through|thru|to|-|–)\s*" + _WEEKDAY_NAME + "|" + _WEEKDAY_NAME + r"s\b"
    r"|\b(?:daily|every|each|weekdays|weekends|opening hours|open from|hours:)",
    re.IGNORECASE,
)
THAN_AFTER = re.compile(r"\s+than\b", re.IGNORECASE)
BOUNDED_AGO = frozenset(["MORE_THAN", "EQUAL_OR_MORE", "LESS_THAN", "EQUAL_OR_LESS"])
# "earlier this month", "later this week": the part of the period before or after the publication day
EARLIER_LATER = re.compile(r"(earlier|later)\s+(?:this|that|in\s+the)\b", re.IGNORECASE)
# "Forty years later", "a decade earlier": counted from the last date told of, whatever its precision
YEARLIKE_UNITS = frozenset(["year", "decade", "century"])
YEARLIKE_REACH = 1500  # characters back to that date
# advice to the reader, not a report: "you can take it in the afternoon", "the choice you make that day"
ADDRESSED_TO_READER = re.compile(
    r"\byou(?:'ll|’ll)?\s+(?:\w+ly\s+|also\s+|still\s+|just\s+)?"
    r"(?:can|can't|can’t|should|must|need|needs|make|take|eat|want|have|get|may|might)\b",
    re.IGNORECASE,
)
# a modal (optionally with its subject's adverb) right before "one day": "will one day be", "may one day"
MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|can|may|might|shall|should|must|'ll|’ll)(?:\s+\w+ly)?\s+$", re.IGNORECASE
)
THEN_REACH = 300  # characters after a dated expression in which "until then" refers to it
SEVERAL_QUARTERS = re.compile(r"\b(?:nine|six)\s+months\b|\bfirst\s+half\b", re.IGNORECASE)
_EVENT_AFTER = re.compile(r"\s+(?:\w+ing\b|the\b|a\b|an\b|his\b|her\b|its\b|their\b|[A-Z]\w*)")
_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s.strip().lower())


def _month_num(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _day_num(word: str) -> int:
    return int(re.match(r"\d+", word)[0])  # type: ignore[index]


def parse_number(words: str) -> float | None:
    """The number that words or digits spell ('twenty-five', '2 1/2', 'a couple of'), None when vague."""
    w = _norm(words)
    if w in ("a couple of", "couple of"):
        return 2
    if w in ("a few", "few", "several", "many", "some", "dozens of", "hundreds of", "thousands of"):
        return None
    if w == "a dozen":
        return 12
    if w in ("a hundred", "a thousand"):
        return 100 if w == "a hundred" else 1000
    if w == "a half":
        return 0.5
    w = w.split(" to ")[0].split(" or ")[0]
    half = 0.5 if w.endswith("and a half") else 0.0
    w = w.removesuffix("and a half").strip()
    if m := re.fullmatch(r"(\d[\d,]*)(?:\.(\d+))?(?: (\d)/(\d))?", w):
        n = float(m[1].replace(",", "") + ("." + m[2] if m[2] else ""))
        if m[3]:
            n += int(m[3]) / int(m[4])
        return n + half
    if m := re.fullmatch(r"(\d)/(\d)", w):
        return int(m[1]) / int(m[2])
    total, current = 0, 0
    for part in re.split(r"[\s-]+", w):
        if part == "and":
            continue
        if part not in NUMBERS:
            return None
        n = NUMBERS[part]
        if n in (100, 1000):
            current = max(current, 1) * n
            if n == 1000:
                total, current = total + current, 0
        else:
            current += n
    return total + current + half


def year_number(word: str) -> int:
    """The year a year word spells: '1998', "'98", 'nineteen ninety-eight'."""
    if word.startswith("'"):
        n = int(word[1:])
        return n + (1900 if n > 40 else 2000)
    if word[:1].isdigit():
        return int(word)
    rest = parse_number(_norm(word).split(None, 1)[1])
    if rest is None:
        raise ValueError(word)
    return 1900 + int(rest)


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """A TIMEX3 duration ('P3M', 'PT2H', 'PXY'); decades and centuries in years."""
    unit = unit.lower().rstrip("s") if unit.lower() not in ("centuries", "century") else "century"
    if unit.startswith("millenni"):
        unit = "millennium"
    if unit == "fortnight":
        n = None if n is None else 2 * n
    if unit in ("decade", "century", "millennium") and n is not None:
        return "P" + _fmt_num(n * {"decade": 10, "century": 100, "millennium": 1000}[unit]) + "Y"
    if unit == "decade":
        return "PXY"  # "for decades": some years, as counted decades are written in years
    t, code = UNIT_CODES.get(unit, ("", "D"))
    if n is not None and n != int(n) and unit == "week":
        return f"P{round(n * 7)}D"
    if n is not None and n != int(n) and unit in _SMALLER:
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M: the fraction in the next smaller unit
        factor, code2 = _SMALLER[unit]
        whole, rest = int(n), round((n - int(n)) * factor)
        t2 = "T" if t or code2 == "H" else ""
        head = f"{whole}{code}" if whole else ""
        if t2 and not t:
            return f"P{head}T{rest}{code2}"
        return f"P{t}{head}{rest}{code2}"
    if unit == "weekend":
        return "P" + ("X" if n is None else _fmt_num(2 * n)) + "D"
    if unit == "century":
        code = "C"
    return "P" + t + _fmt_num(n) + code


_SMALLER = {
    "year": (12, "M"),
    "month": (30, "D"),
    "week": (7, "D"),
    "day": (24, "H"),
    "hour": (60, "M"),
    "minute": (60, "S"),
}


# "the 1800s", "the 1900s" name a century; "the 2000s" is a decade
LAST_CENTURY_OF_HUNDREDS = 19


def _unit(word: str) -> str:
    w = word.lower()
    if w in ("centuries", "century"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w[:-1] if w.endswith("s") else w


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """`day` moved by n units (day, week, month, quarter, year, decade)."""
    if unit in ("day", "night"):
        return day + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(day, n)
    if unit == "quarter":
        return add_months(day, 3 * n)
    if unit == "year":
        return add_years(day, n)
    if unit == "decade":
        return add_years(day, 10 * n)
    if unit == "century":
        return add_years(day, 100 * n)
    return day


def value_at(day: dt.date, unit: str) -> tuple[str, str]:
    """The value and granularity of the unit-sized period holding `day`."""
    if unit in ("week", "fortnight"):
        return week_value(day), "week"
    if unit == "weekend":
        return week_value(day) + "-WE", "week"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    if unit == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}", "quarter"
    if unit == "year":
        return f"{day.year:04d}", "year"
    if unit == "decade":
        return f"{day.year // 10:03d}", "decade"
    if unit == "century":
        return f"{day.year // 100:02d}", "century"
    return day.isoformat(), "day"


# ---------------------------------------------------------------- choosing a year by tense


def pick_day(month: int, day: int, anchor: dt.date, tense: str | None) -> dt.date | None:
    """A month-day: past, the latest on or before the anchor; future, the next on or after; else nearest."""
    cands = []
    for y in range(anchor.year - 4, anchor.year + 5):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None
    past = [c for c in cands if c <= anchor]
    future = [c for c in cands if c >= anchor]
    if tense == "past" and past:
        return max(past)
    if tense in ("future", "prog") and future:
        return min(future)
    return min(cands, key=lambda c: (abs((c - anchor).days), c > anchor))


def pick_month(month: int, anchor: dt.date, tense: str | None, strict: bool = False) -> int:
    """The year of a named month: past, the latest up to the anchor's; future, the next; else the nearest.

    `strict` ("last February", "next June"): the month itself is not this month, nor, looking back, the month
    just gone ("last month" says that).
    """
    here = anchor.year * 12 + anchor.month - 1
    cands = [y * 12 + month - 1 for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if tense == "past" or (strict and tense is None):
        return max(c for c in cands if c <= here and not (strict and c >= here - 1)) // 12
    if tense in ("future", "prog"):
        return min(c for c in cands if c >= here and not (strict and c == here)) // 12
    return min(cands, key=lambda c: (abs(c - here), c > here)) // 12


def pick_weekday(wd: int, anchor: dt.date, tense: str | None) -> dt.date:
    """A named weekday: past, the latest on or before the anchor; future, the next on or after; else nearest.

    With no tense at all, the fitted model may prefer the one before; "would" told on an unknown day
    ('would' as the tense) takes the nearest.
    """
    back = (anchor.isoweekday() - wd) % 7
    ahead = (wd - anchor.isoweekday()) % 7
    if tense == "past" or (tense is None and TENSE_MODEL.weekday_without_tense == "past"):
        return anchor - dt.timedelta(days=back)
    if tense in ("future", "prog") or ahead < back:
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def pick_weekend(anchor: dt.date, tense: str | None, strict: bool = False) -> dt.date:
    """The Saturday of a weekend: the one holding the anchor (unless `strict`); else the last one before it
    (past) or the next one after it (any other tense)."""
    wd = anchor.isoweekday()
    back, ahead = (wd - 6) % 7, (6 - wd) % 7
    if wd >= 6 and not strict:
        return anchor - dt.timedelta(days=back)
    if tense == "past":
        return anchor - dt.timedelta(days=back + (7 if wd >= 6 else 0))
    return anchor + dt.timedelta(days=ahead or 7)


# ---------------------------------------------------------------- building results


class Resolver:
    """Resolves the candidates of one text in order, keeping the anchoring context."""

    def __init__(self, text: str, dct: dt.date | None) -> None:
        self.ctx = Context(text, dct)
        self.text = text
        self.marker = NO_MARKER  # the tense that chose the candidate being resolved, for its provenance

    def resolve(self, cand: Candidate) -> Found | None:
        """The resolved reading of one candidate, or None when it turns out not to be a time expression."""
        self.marker = NO_MARKER
        try:
            found = cand.rule.resolve(self, cand)
        except Unresolved as u:
            typ = u.type
            found = self.make(cand, typ, u.value, u.granularity, "unresolved", self._mod(cand))
        except (ValueError, OverflowError, KeyError):
            return None
        if found is None:
            return None
        e = found.expr
        if e.type in ("DATE", "TIME") and e.first_day is not None:
            self.ctx.last_dated, self.ctx.last_dated_pos = e, e.end
        if e.type in ("DATE", "TIME") and e.first_day is not None and e.granularity in ("day", "time"):
            self.ctx.last_day, self.ctx.last_day_pos = e.last_day, e.end
            verb = reporting_verb_next_to(self.text, e.start, e.end)
            if verb is not None and e.first_day == e.last_day:
                self.ctx.report_day, self.ctx.report_verb = e.first_day, verb
        if cand.rule.name in NAMED_DAY_RULES and e.first_day is not None and e.first_day == e.last_day:
            self.ctx.last_named, self.ctx.last_named_pos = e.first_day, e.end
        if (
            e.type == "DATE"
            and e.first_day is not None
            and e.granularity in ("day", "week", "month", "season")
        ):
            self.ctx.last_any, self.ctx.last_any_pos = e.first_day, e.end
        if e.anchor == "absolute" and e.type == "DATE" and e.first_day and e.granularity != "decade":
            self.ctx.last_year, self.ctx.last_year_pos = e.first_day.year, e.end
        if (
            cand.rule.name == "quarter"
            and re.fullmatch(r"\d{4}-Q[1-4]", e.value)
            and not re.search(r"year-earlier|year-ago|last year|prior|previous|a year", e.text, re.I)
            and not self._forecast(cand, e)
        ):
            # the quarter being reported on; a forecast ("losses through the third quarter of 1990") is not
            quarter = (int(e.value[:4]), int(e.value[-1]))
            # a fiscal quarter is the company's own count, not comparable with a calendar one before it
            fiscal = "fiscal" in self.text[max(0, cand.start - 8) : cand.end].lower()
            if fiscal or not self._background_quarter(quarter):
                self.ctx.last_quarter = quarter
        return found

    def _background_quarter(self, quarter: tuple[int, int]) -> bool:
        """Whether a quarter predates the one just reported ("after a flat second quarter"): background."""
        return self.ctx.last_quarter is not None and quarter < self.ctx.last_quarter

    def _forecast(self, cand: Candidate, e: TimeExpr) -> bool:
        """Whether a period lies ahead of the dct, or is still running and spoken of in the future tense."""
        dct = self.ctx.dct
        if dct is None or e.first_day is None or e.last_day is None:
            return False
        if e.first_day > dct:
            return True
        return e.last_day >= dct and self.tense(cand, weak=True) in ("future", "weak_future", "prog", "would")

    def _mod(self, cand: Candidate) -> str | None:
        """The TIMEX3 mod of a candidate's modifier word ("early", "about"), None without one."""
        word = cand.match.groupdict().get("mod")
        return mod_of(word) if word else None

    def make(
        self,
        cand: Candidate | tuple[int, int],
        type_: str,
        value: str,
        granularity: str,
        anchor: str,
        mod: str | None = None,
        first: dt.date | None = None,
        last: dt.date | None = None,
        timeml: Span | tuple[Span, ...] | None = None,
    ) -> Found:
        """A Found with the interval computed from the value unless given."""
        start, end = (cand.start, cand.end) if isinstance(cand, Candidate) else cand
        if first is None and type_ in ("DATE", "TIME") and anchor != "unresolved":
            if value == "PRESENT_REF":
                first = last = self.ctx.dct
            else:
                iv = interval_of(value)
                if iv:
                    first, last = self._part(iv[0], iv[1], mod, start)
        if first is None or last is None or first > last:
            first = last = None
        tense, source = self.marker if anchor not in ("absolute", "unresolved") else NO_MARKER
        text = self.text[start:end]
        expr = TimeExpr(start, end, text, type_, value, mod, first, last, granularity, anchor, tense, source)
        spans: tuple[Span, ...] | None
        if timeml is None or isinstance(timeml[0], tuple):
            spans = timeml
        else:
            spans = (timeml,)
        return Found(expr, spans)

    def _part(self, first: dt.date, last: dt.date, mod: str | None, start: int) -> tuple[dt.date, dt.date]:
        """The days a modified period denotes: its first or last third, or the part before or after now.

        "early this month" is its first third, but "earlier this month" any day of it up to the
        publication day, and "later this week" any day from the publication day to its end.
        """
        dct = self.ctx.dct
        relative = EARLIER_LATER.match(self.text, start)
        if relative and dct is not None and first <= dct <= last:
            return (first, dct) if relative.group(1).lower() == "earlier" else (dct, last)
        return narrow(first, last, mod)

    def reading(self, cand: Candidate, weak: bool = True, reported: bool = False) -> str | None:
        """The tense that picks among a candidate's calendar dates (None: the nearest), noted for provenance.

        `reported`: the candidate counts from the day of a report, which "would" looks ahead of; told on an
        unknown day, "would" only says the date is near ('would', read as the nearest).
        """
        marker = tense_marker(self.text, cand.start, cand.end, weak)
        tense = {"weak_future": TENSE_MODEL.infinitive, "would": "future" if reported else "would"}.get(
            marker.tense or "", marker.tense
        )
        if marker.source not in TENSE_MODEL.trusted or tense is None:
            self.marker = NO_MARKER
            return None
        self.marker = Marker(tense, marker.source)
        return tense

    def reported_day(self, cand: Candidate) -> dt.date | None:
        """The day of the report whose complement holds a candidate ("said on Saturday that ... <it>")."""
        if self.ctx.report_day is None:
            return None
        verb = reporting_verb_before(self.text, cand.start, cand.end)
        return self.ctx.report_day if verb is not None and verb[0] == self.ctx.report_verb else None

    def tense_anchor(self, cand: Candidate, value: str, granularity: str) -> tuple[dt.date, str]:
        """The day a tensed expression counts from: the day of the report governing it, else the dct."""
        reported = self.reported_day(cand)
        if reported is not None:
            return reported, "reported"
        return self.ctx.base(value, granularity), "publication"

    def tensed(
        self, cand: Candidate, value: str, granularity: str, weak: bool = True
    ) -> tuple[dt.date, str, str | None]:
        """The day a tensed candidate counts from, how that day is anchored, the tense picking its date."""
        base, anchor = self.tense_anchor(cand, value, granularity)
        tense = self.reading(cand, weak, reported=anchor == "reported")
        if tense == "would" and TENSE_MODEL.would_reach is not None:
            # "announced that he would not run in September", told on a day the text does not give: after
            # the telling, which lies up to `would_reach` days before the publication
            return base - dt.timedelta(days=TENSE_MODEL.would_reach), anchor, "future"
        return base, anchor, tense

    def tense(self, cand: Candidate, weak: bool = False) -> str | None:
        """The tense of the sentence around a candidate (`weak`: let an infinitive point to the future)."""
        return tense_at(self.text, cand.start, cand.end, weak)

    # ------------------------------------------------------------ one method per rule (rules/*.py)

    def resolve_holiday(self, c: Candidate) -> Found | None:
        g = c.match.group
        name = _norm(g("w"))
        det = (g("det") or "").lower()

        week = name.endswith(" week")  # "Easter week": the week holding the holiday, from its Monday

        def day_in(year: int) -> dt.date:
            d = holiday(name.removesuffix(" week"), year)
            return d - dt.timedelta(days=d.weekday()) if week else d

        if g("y"):
            d = day_in(int(g("y")))
            return self.make(c, "DATE", *value_at(d, "week" if week else "day"), "absolute")
        dct = self.ctx.base("XXXX-XX-XX", "day")
        this = day_in(dct.year)
        if det == "last":
            d = this if this < dct else day_in(dct.year - 1)
        elif det == "next":
            d = this if this > dct else day_in(dct.year + 1)
        elif det == "this":
            d = this
        else:
            tense = self.reading(c, weak=False)
            prev = this if this <= dct else day_in(dct.year - 1)
            nxt = this if this >= dct else day_in(dct.year + 1)
            if tense in ("future", "prog"):
                d = nxt
            elif tense is None:  # "the polls open on Election Day": the nearer one
                d = min((prev, nxt), key=lambda x: abs((x - dct).days))
            else:
                d = prev
        return self.make(c, "DATE", *value_at(d, "week" if week else "day"), "publication")

    def resolve_iso_date(self, c: Candidate) -> Found | None:
        g = c.match.group
        d = dt.date(int(g("y")), int(g("m")), int(g("d")))
        if g("h"):
            return self.make(
                c, "TIME", f"{d.isoformat()}T{g('h')}:{g('min')}", "time", "absolute", first=d, last=d
            )
        return self.make(c, "DATE", d.isoformat(), "day", "absolute")

    def resolve_slash_date(self, c: Candidate) -> Found | None:
        g = c.match.group
        a, b, y = int(g("a")), int(g("b")), int(g("y"))
        if y < 100:
            y += 1900 if y > 40 else 2000
        month, day = (a, b) if a <= 12 else (b, a)
        d = dt.date(y, month, day)
        return self.make(c, "DATE", d.isoformat(), "day", "absolute")

    def resolve_clock_time(self, c: Candidate) -> Found | None:
        g = c.match.group
        if g("w"):
            w = g("w").lower()
            hh, mm = (24, 0) if w == "midnight" else (12, 0)
        elif g("oc"):
            o = g("oc").lower()
            hh, mm = (int(o) if o.isdigit() else NUMBERS[o]), 0
        elif g("ih"):
            # "4 in the morning", "eight in the evening"
            o = g("ih").lower()
            hh, mm = (int(o) if o.isdigit() else NUMBERS[o]), 0
            if g("ipod").lower() != "morning" and hh < 12:
                hh += 12
            elif g("ipod").lower() == "morning" and hh == 12:
                hh = 0
        elif g("h24") is not None:
            hh, mm = int(g("h24")), int(g("min24"))
        else:
            hh, mm = int(g("h")), int(g("min") or 0)
            pm = g("ap").lower().startswith("p")
            if pm and hh < 12:
                hh += 12
            elif not pm and hh == 12:
                hh = 0
        clock = f"T{hh:02d}:{mm:02d}"
        mod = mod_of(g("mod")) if g("mod") else None
        anchor = "previous"
        if g("day"):
            day, anchor = self._day_word(c, g("day"))
        else:
            if SCHEDULE_BEFORE.search(self.text, max(0, c.start - 80), c.start):
                # "Sunday through Thursday between 07:00 and 14:00": opening hours, on no particular day
                return self.make(c, "TIME", "XXXX-XX-XX" + clock, "time", "unresolved", mod)
            try:
                day, anchor = self.ctx.anchor_day(c.start, window=600)
            except Unresolved:
                return self.make(c, "TIME", "XXXX-XX-XX" + clock, "time", "unresolved", mod)
        return self.make(c, "TIME", day.isoformat() + clock, "time", anchor, mod, first=day, last=day)

    def _day_word(self, c: Candidate, word: str) -> tuple[dt.date, str]:
        """A day named after a clock time: today, yesterday, a weekday, a month-day."""
        w = _norm(word)
        if w in ("today", "tonight"):
            return self.ctx.base("XXXX-XX-XX", "day"), "publication"
        if w == "yesterday":
            return self.ctx.base("XXXX-XX-XX", "day") - dt.timedelta(days=1), "publication"
        if w == "tomorrow":
            return self.ctx.base("XXXX-XX-XX", "day") + dt.timedelta(days=1), "publication"
        if w in WEEKDAYS:
            dct = self.ctx.base(f"XXXX-WXX-{WEEKDAYS[w]}", "day")
            return pick_weekday(WEEKDAYS[w], dct, self.reading(c, weak=False)), "publication"
        mon, _, day = w.partition(" ")
        dct = self.ctx.base(f"XXXX-{_month_num(mon):02d}-{_day_num(day):02d}", "day")
        d = pick_day(_month_num(mon), _day_num(day), dct, self.reading(c))
        if d is None:
            raise ValueError(word)
        return d, "publication"

    def resolve_weekday(self, c: Candidate) -> Found | None:
        g = c.match.group
        word = (g("d") or g("ab")).lower().rstrip(".")
        wd = WEEKDAYS.get(word) or next(n for name, n in WEEKDAYS.items() if name.startswith(word[:3]))
        if g("q") or g("pl") or g("pods"):
            pod = PARTS_OF_DAY.get((g("pod") or "").lower())
            return self.make(c, "SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), "set", "absolute")
        # "Friday night", "Tuesday morning": TimeBank annotates the day (a DATE), not a time of day
        mod = mod_of(g("mod")) if g("mod") else None
        if g("m") or g("m2"):
            month = _month_num(g("m") or g("m2"))
            day = _day_num(g("day") or g("day2"))
            if g("y"):
                d = dt.date(int(g("y")), month, day)
                anchor = "absolute"
            else:
                base, anchor, tense = self.tensed(c, f"XXXX-{month:02d}-{day:02d}", "day")
                d = pick_day(month, day, base, tense) or base
            return self.make(c, "DATE", d.isoformat(), "day", anchor, mod, d, d)
        det = _norm(g("det") or "")
        dct = self.ctx.base(f"XXXX-WXX-{wd}", "day")
        diff = wd - dct.isoweekday()
        anchor = "publication"
        if det in ("last", "this past", "past"):
            d = dct - dt.timedelta(days=(-diff) % 7 or 7)
        elif det in ("next", "coming", "this coming"):
            d = dct + dt.timedelta(days=diff % 7 or 7)
        elif det == "this":
            d = dct + dt.timedelta(days=diff)
        elif det in ("the previous", "the following"):
            # "down 4.5% from the previous Friday": counted from the last day named, not the dct
            base, anchor = self.ctx.anchor_day(c.start)
            step = -1 if det == "the previous" else 1
            days = (base + dt.timedelta(days=step * k) for k in range(1, 8))
            d = next(x for x in days if x.isoweekday() == wd)
        elif self.text[c.end : c.end + 2] in ("'s", "’s") and diff % 7 == 1:
            d = dct + dt.timedelta(days=1)  # "Sunday's race" in a Saturday paper: tomorrow's, not last week's
        else:
            base, anchor, tense = self.tensed(c, f"XXXX-WXX-{wd}", "day", weak=False)
            d = pick_weekday(wd, base, tense)
        return self.make(c, "DATE", d.isoformat(), "day", anchor, mod, d, d)

    def _addressed_to_reader(self, c: Candidate) -> bool:
        """Whether the expression sits in advice to the reader ("you can ... in the afternoon")."""
        return ADDRESSED_TO_READER.search(self.text, sentence_start(self.text, c.start), c.start) is not None

    def resolve_month_range(self, c: Candidate) -> Found | None:
        g = c.match.group
        m1, m2 = _month_num(g("m1")), _month_num(g("m2"))
        s1, e1 = c.match.span("m1")
        s2, e2 = c.match.span("m2")
        if g("y"):
            y1 = y2 = int(g("y"))
            anchor = "absolute"
        else:
            base, anchor, tense = self.tensed(c, f"XXXX-{m1:02d}/XXXX-{m2:02d}", "month")
            y1 = pick_month(m1, base, tense)
            y2 = y1
        if m2 < m1:
            y2 = y1 + 1
        first, last = dt.date(y1, m1, 1), last_of_month(y2, m2)
        v1, v2 = f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}"
        timeml = ((s1, e1, "DATE", v1, None), (s2, c.end if g("y") else e2, "DATE", v2, None))
        return self.make(c, "DATE", f"{v1}/{v2}", "month", anchor, None, first, last, timeml=timeml)

    def resolve_year_range(self, c: Candidate) -> Found | None:
        """'2016-2017', '1975-90': the years from one to the other; TimeML has the two years."""
        g = c.match.group
        y1, y2 = int(g("y1")), full_year(g("y1"), g("y2"))
        timeml = (
            (*c.match.span("y1"), "DATE", f"{y1:04d}", None),
            (*c.match.span("y2"), "DATE", f"{y2:04d}", None),
        )
        first, last = dt.date(y1, 1, 1), dt.date(y2, 12, 31)
        value = f"{y1:04d}/{y2:04d}"
        return self.make(c, "DATE", value, "year", "absolute", None, first, last, timeml=timeml)

    def resolve_month_day(self, c: Candidate) -> Found | None:
        g = c.match.group
        found = self._month_day(
            c,
            g("m"),
            g("d"),
            g("m2"),
            g("d2") or g("d3"),
            g("y"),
            g("det"),
            g("rel"),
            g("mod"),
        )
        first = found.expr.first_day if found is not None else None
        if found is not None and g("wk") and first is not None:
            # "the week of March 6": the ISO week holding that day
            value, gran = value_at(first, "week")
            return self.make(c, "DATE", value, gran, found.expr.anchor, found.expr.mod)
        if found is not None and g("joined"):
            e = found.expr
            if e.first_day is not None and e.last_day is not None:
                # "April 24 and 25": TimeML tags each day on its own
                timeml = (
                    (c.start, c.match.end("d"), "DATE", e.first_day.isoformat(), e.mod),
                    (c.match.start("d3"), c.end, "DATE", e.last_day.isoformat(), None),
                )
                found = Found(e, timeml)
        return found

    def resolve_day_month(self, c: Candidate) -> Found | None:
        g = c.match.group
        return self._month_day(c, g("m"), g("d"), None, g("d2"), g("y"), None, None, g("mod"))

    def _month_day(
        self,
        c: Candidate,
        mon: str,
        day: str | None,
        mon2: str | None,
        day2: str | None,
        year: str | None,
        det: str | None,
        rel: str | None,
        modw: str | None,
    ) -> Found | None:
        month = _month_num(mon)
        mod = mod_of(modw) if modw else None
        y: int | None = None
        anchor = "absolute"
        if year:
            y = year_number(year)
        if day is None:
            if y is None:
                dct = self.ctx.base(f"XXXX-{month:02d}", "month")
                anchor = "publication"
                detn, reln = _norm(det or ""), (rel or "").lower()
                if reln:
                    y = dct.year + {"last": -1, "next": 1, "this": 0}[reln]
                elif detn in ("last", "this past", "past"):
                    y = pick_month(month, dct, "past", strict=True)
                elif detn in ("next", "coming", "this coming"):
                    y = pick_month(month, dct, "future", strict=True)
                elif detn == "this":
                    y = dct.year
                else:
                    base, anchor, tense = self.tensed(c, f"XXXX-{month:02d}", "month")
                    y = pick_month(month, base, tense)
            return self.make(c, "DATE", f"{y:04d}-{month:02d}", "month", anchor, mod)
        d1 = _day_num(day)
        if y is None:
            dct = self.ctx.base(f"XXXX-{month:02d}-{d1:02d}", "day")
            anchor = "publication"
            if rel:
                y = dct.year + {"last": -1, "next": 1, "this": 0}[rel.lower()]
                first = dt.date(y, month, d1)
            else:
                base, anchor, tense = self.tensed(c, f"XXXX-{month:02d}-{d1:02d}", "day")
                picked = pick_day(month, d1, base, tense)
                if picked is None:
                    return None
                first = picked
                if day2 is not None and tense in ("future", "prog"):
                    first = self._running_stretch(first, month, mon2, day2, base)
        else:
            first = dt.date(y, month, d1)
        if day2 is None:
            return self.make(c, "DATE", first.isoformat(), "day", anchor, mod, first, first)
        month2 = _month_num(mon2) if mon2 else month
        last = dt.date(first.year, month2, _day_num(day2))
        if last < first:
            last = dt.date(first.year + 1, month2, _day_num(day2))
        if (last - first).days > 62:
            return None
        value = f"{first.isoformat()}/{last.isoformat()}"
        timeml: tuple[Span, ...] = ((c.start, c.end, "DATE", first.isoformat(), mod),)
        if mon2 and day2:
            # "Aug. 26 to Oct. 20": TimeML tags each end on its own
            gap = re.search(r"\s*(?:[-–—]|\s(?:to|through|thru|until|till)\s)\s*", self.text[c.start : c.end])
            if gap:
                timeml = (
                    (c.start, c.start + gap.start(), "DATE", first.isoformat(), mod),
                    (c.start + gap.end(), c.end, "DATE", last.isoformat(), None),
                )
        return self.make(c, "DATE", value, "day", anchor, mod, first, last, timeml=timeml)

    def _running_stretch(
        self, first: dt.date, month: int, mon2: str | None, day2: str, base: dt.date
    ) -> dt.date:
        """The first day of a stretch told in the future tense ("will be in Turkey June 14-15"): the one
        that has not ended by the anchor, though it began before it, else `first`."""
        started = pick_day(month, first.day, base, "past")
        if started is None or started == first:
            return first
        last_month = _month_num(mon2) if mon2 else month
        try:
            last = dt.date(started.year, last_month, _day_num(day2))
        except ValueError:
            return first
        if last < started:
            last = add_years(last, 1)
        return started if last >= base else first

    def resolve_quarter(self, c: Candidate) -> Found | None:
        g = c.match.group
        if g("qq") or g("qq2"):
            q = int((g("qq") or g("qq2"))[1])
            ys = g("qq_y") or g("qq_y2")
            if ys:
                ys = ys.lstrip("'")
                y = int(ys) if len(ys) == 4 else int(ys) + (1900 if int(ys) > 40 else 2000)
                return self.make(c, "DATE", f"{y:04d}-Q{q}", "quarter", "absolute")
            dct = self.ctx.base(f"XXXX-Q{q}", "quarter")
            return self.make(c, "DATE", f"{dct.year:04d}-Q{q}", "quarter", "publication")
        det = _norm(g("det") or "")
        ordw = (g("ord") or "").lower()
        if ordw and g("det") and re.match(r"-\s*quarter", self.text[c.match.end("ord") : c.end], re.I):
            # "the third-quarter results": an adjective, TimeML leaves the determiner out
            c = Candidate(c.rule, c.match.start("ord"), c.end, c.match)
        q_of = {
            "first": 1,
            "1st": 1,
            "second": 2,
            "2nd": 2,
            "third": 3,
            "3rd": 3,
            "fourth": 4,
            "4th": 4,
            "final": 4,
        }
        year_s = g("y") or g("y2")
        if ordw:
            q = q_of[ordw]
            if year_s:
                return self.make(c, "DATE", f"{year_s}-Q{q}", "quarter", "absolute")
            dct = self.ctx.base(f"XXXX-Q{q}", "quarter")
            y = dct.year
            shift_y = {"last": -1, "next": 1, "this": 0}.get((g("rel") or "").lower(), 0)
            if g("ago"):
                shift_y = -1
            if "last year's" in det or "year-earlier" in det or "year-ago" in det:
                shift_y = -1
            elif "next year's" in det:
                shift_y = 1
            elif (
                not g("rel")
                and q > quarter_of(dct)
                and self.reading(c, weak=False) == "past"
                and self.text[max(0, c.start - 8) : c.start].split()[-1:]
                not in (["to"], ["until"], ["by"], ["into"])
            ):
                shift_y = -1
            return self.make(c, "DATE", f"{y + shift_y:04d}-Q{q}", "quarter", "publication")
        recent = self.ctx.last_quarter
        if year_s:
            # "the 1988 quarter" after "third-quarter profit": that quarter of 1988, like "the 1988 period"
            return self.make(c, "DATE", f"{year_s}-Q{recent[1] if recent else 'X'}", "quarter", "absolute")
        dct = self.ctx.base("XXXX-QX", "quarter")
        cur = dct.year * 4 + quarter_of(dct) - 1
        if "last" in det.split() or "previous" in det or "prior" in det or "preceding" in det:
            idx = cur - 1
        elif "next" in det or "coming" in det or "following" in det:
            idx = cur + 1
        elif "this" in det.split() and recent and _RESULTS_OF.match(self.text, c.end):
            idx = recent[0] * 4 + recent[1] - 1  # "this quarter's loss" in a report: the quarter reported
        elif "this" in det.split() or "current" in det:
            idx = cur
        elif recent:  # the quarter the article just named, by its own (maybe fiscal) count
            idx = recent[0] * 4 + recent[1] - 1
        elif (ended := self._quarter_ended(c)) is not None:
            idx = ended
        else:
            idx = cur - 1
        if "year-earlier" in det or "year-ago" in det or "last year's" in det or g("ago"):
            idx -= 4  # "the year-ago quarter", "the quarter a year ago"
        y, qi = divmod(idx, 4)
        return self.make(c, "DATE", f"{y:04d}-Q{qi + 1}", "quarter", "publication")

    def _quarter_ended(self, c: Candidate) -> int | None:
        """The quarter (year * 4 + index) that "the quarter ended July 31" means: the calendar quarter
        holding most of its three months (May to July: the second), in the year its end names or the
        last year that end was reached."""
        m = _QUARTER_ENDED.match(self.text, c.end)
        if m is None or self.ctx.dct is None:
            return None
        month = _month_num(m.group(1))
        year = int(m.group(2)) if m.group(2) else self.ctx.dct.year - (month > self.ctx.dct.month)
        middle = year * 12 + month - 2  # months counted from 0: the quarter's middle month
        return (middle // 12) * 4 + (middle % 12) // 3

    def resolve_half_year(self, c: Candidate) -> Found | None:
        g = c.match.group
        h = 1 if g("ord").lower() == "first" else 2
        if g("dec"):  # "the last half of the '80s": the decade's end
            digits = g("dec").strip("'s")
            decade = digits[:3] if len(digits) == 4 else self._century_of(int(digits[0])) + digits[0]
            first = dt.date(int(decade) * 10 + 5 * (h - 1), 1, 1)
            last = dt.date(first.year + 4, 12, 31)
            return self.make(
                c, "DATE", decade, "decade", "absolute", "START" if h == 1 else "END", first, last
            )
        ys = _norm(g("y") or "")
        if ys.isdigit():
            return self.make(c, "DATE", f"{ys}-H{h}", "half", "absolute")
        dct = self.ctx.base(f"XXXX-H{h}", "half")
        y = dct.year + {"last year": -1, "next year": 1}.get(ys, 0)
        return self.make(c, "DATE", f"{y:04d}-H{h}", "half", "publication")

    def resolve_decade(self, c: Candidate) -> Found | None:
        g = c.match.group
        mod = mod_of(g("mod")) if g("mod") else None
        if g("c") and g("d") == "0" and int(g("c")) <= LAST_CENTURY_OF_HUNDREDS:
            return self.make(c, "DATE", g("c"), "century", "absolute", mod)  # "the 1300s": a century
        if g("c"):
            return self.make(c, "DATE", g("c") + g("d"), "decade", "absolute", mod)
        digit = int(g("s")) if g("s") else DECADE_WORDS[g("w").lower()]
        return self.make(c, "DATE", f"{self._century_of(digit)}{digit}", "decade", "absolute", mod)

    def _century_of(self, digit: int) -> str:
        """The century of a decade written without it ("the '80s", "the twenties"): 20 once it is over."""
        if self.ctx.dct is not None and self.ctx.dct.year >= 2000 + digit * 10 + 10 and digit <= 2:
            return "20"
        return "19"

    def resolve_century(self, c: Candidate) -> Found | None:
        g = c.match.group
        n = int(g("n")) if g("n") else CENTURY_WORDS[_norm(g("w"))]
        mod = mod_of(g("mod")) if g("mod") else None
        return self.make(c, "DATE", f"{n - 1:02d}", "century", "absolute", mod)

    def resolve_spelled_year(self, c: Candidate) -> Found | None:
        g = c.match.group
        if g("a"):
            a = _norm(g("a")).replace("oh ", "").replace("oh-", "")
            n = parse_number(a)
            if n is None:
                return None
            y = 1900 + int(n)
        else:
            n = parse_number(_norm(g("b") or g("c")))
            if n is None:
                return None
            y = int(n)
        return self.make(c, "DATE", f"{y:04d}", "year", "absolute")

    def resolve_year(self, c: Candidate) -> Found | None:
        g = c.match.group
        mod = mod_of(g("mod")) if g("mod") else None
        later = _norm(g("later") or "")
        if later:
            mod = "ON_OR_BEFORE" if "earlier" in later else "ON_OR_AFTER"
        return self.make(c, "DATE", g("y"), "year", "absolute", mod)

    def resolve_year_ago(self, c: Candidate) -> Found | None:
        g = c.match.group
        w = _norm(g("w"))
        unit = (g("u") or "").lower()
        if "end" in w:
            dct = self.ctx.base("XXXX", "year")
            return self.make(c, "DATE", f"{dct.year:04d}", "year", "publication", "END")
        dct = self.ctx.base("XXXX", "year")
        recent = self.ctx.last_quarter
        if unit == "quarter" or (recent and unit in ("", "period") and not self._longer_stretch(c)):
            if recent:
                y, q = recent
            else:
                y, q = divmod(dct.year * 4 + quarter_of(dct) - 2, 4)
                q += 1
            return self.make(c, "DATE", f"{y - 1:04d}-Q{q}", "quarter", "publication")
        return self.make(c, "DATE", f"{dct.year - 1:04d}", "year", "publication")

    def resolve_anchored(self, c: Candidate) -> Found | None:
        g = c.match.group
        det = _norm(g("det") or "")
        unit = (g("u") or g("u2")).lower()
        direction = (g("dir") or "").lower()
        mod = mod_of(g("mod")) if g("mod") else None
        if g("rel"):
            dct = self.ctx.base("XXXX-XX-XX", "day")
            d = dct + dt.timedelta(days=-2 if g("rel").lower() == "yesterday" else 2)
            return self.make(c, "DATE", d.isoformat(), "day", "publication", mod)
        if det in ("the previous", "the prior", "the preceding") or direction == "before":
            n = -1
        elif det in ("the next", "the following") or direction == "after":
            n = 1
        else:
            n = 0
        pod = PARTS_OF_DAY.get(unit)
        if ((n == 0 and unit == "day") or pod) and self._addressed_to_reader(c):
            # "the choice you make that day": advice to the reader, on no particular day
            return self.make(c, "DATE", "XXXX-XX-XX", "day", "unresolved", mod)
        if (
            unit == "year"
            and self.ctx.last_year is not None
            and self.ctx.last_year_pos > self.ctx.last_any_pos
            and c.start - self.ctx.last_year_pos < 4000
        ):
            # "watch imports totaled $37 million in 1988, ... that year": the year just written out
            base, anchor = dt.date(self.ctx.last_year, 1, 1), "previous"
        elif (
            unit in ("month", "year", "quarter")
            and self.ctx.last_any
            and c.start - self.ctx.last_any_pos < 4000
        ):
            base, anchor = self.ctx.last_any, "previous"
        else:
            try:
                base, anchor = self.ctx.anchor_day(c.start, window=4000)
            except Unresolved:
                raise Unresolved(*_unresolved(unit)) from None
            if anchor == "publication":
                # "that day", "the next morning" point back at a day told of; with none told of, the
                # publication day would be a guess ("that day" is not how news writes "today")
                raise Unresolved(*_unresolved(unit))
        if pod:
            # "the next morning", "that night": a day named by its part, a DATE like "Friday night"
            d = base + dt.timedelta(days=n)
            return self.make(c, "DATE", d.isoformat(), "day", anchor, mod, d, d)
        if unit == "weekend" and n:
            # "the following weekend" after a Monday is that week's, not the next week's
            d = pick_weekend(base, "past" if n < 0 else "future", strict=True)
        else:
            d = shift(base, n, unit)
        value, gran = value_at(d, unit)
        return self.make(c, "DATE", value, gran, anchor, mod)

    def _the_last_units(self, c: Candidate) -> Found:
        """'The past few weeks', 'the coming weekend', 'over the past year': a stretch named from now."""
        g = c.match.group
        unit = _unit(g("unit2"))
        plural = g("unit2").lower().endswith("s") or "centuries" in g("unit2").lower()
        n = None if (plural or g("num2")) and g("num2") != "couple of" else 1.0
        if g("num2") and _norm(g("num2")) == "couple of":
            n = 2
        mod = mod_of(g("mod2")) if g("mod2") else ("APPROX" if g("orso2") else None)
        rel = g("rel2").lower()
        if unit == "weekend" and n == 1 and not mod and rel in WEEKEND_SIDES:
            return self._named_weekend(c, rel, None)  # "the coming weekend" is a weekend, not two days
        if n == 1 and rel in ("past", "last") and unit == "year" and not mod:
            # "over the past year": TimeBank dates the calendar year just gone, not a 12-month stretch
            dct = self.ctx.base(*_unresolved(unit))
            value, gran = value_at(shift(dct, -1, unit), unit)
            return self.make(c, "DATE", value, gran, "publication")
        return self.make(c, "DURATION", duration_value(n, unit), "duration", "absolute", mod)

    def resolve_duration(self, c: Candidate) -> Found | None:
        """'three days', 'the past two years': a length; 'two weeks ago', 'a decade later': a date."""
        g = c.match.group
        if g("unit2"):
            return self._the_last_units(c)
        unit = _unit(g("unit"))
        n = parse_number(g("num"))
        if n is not None and g("half"):
            n += 0.5
        mod = mod_of(g("mod")) if g("mod") else ("APPROX" if g("orso") else None)
        direction = _norm(g("dir") or "")
        dur_end = max(c.match.end("unit"), c.match.end("half"), c.match.end("orso"))
        if (
            g("the")
            and not g("rel")
            and not g("dir")
            and "-" in self.text[c.match.end("num") : c.match.start("unit")]
        ):
            c = Candidate(c.rule, c.match.start("num"), c.end, c.match)
        core = (c.start, dur_end)
        dvalue = duration_value(n, unit)
        if not direction or direction == "old":
            return self._length(c, unit, dvalue, mod)
        if direction in ("after", "before") and not self._event_offset(c):
            return self.make(core, "DURATION", dvalue, "duration", "absolute", mod)
        if direction in ("later", "earlier") and THAN_AFTER.match(self.text, c.end):
            # "about three months later than planned": a difference between two dates, not a date
            return self.make(core, "DURATION", dvalue, "duration", "absolute", mod)
        return self._offset_date(c, core, n, unit, direction, mod)

    def _length(self, c: Candidate, unit: str, dvalue: str, mod: str | None) -> Found:
        """A length with no direction: a DURATION, or a rate's period ("$30 a day"), or "in a day" ahead."""
        g = c.match.group
        if self._one_day_ahead(c):
            return self.make(c, "DATE", "FUTURE_REF", "ref", "unresolved")
        if (
            _norm(g("num")) in ("a", "an")
            and not g("the")
            and not g("mod")
            and money_before(self.text, c.start)
            and unit in ("day", "week", "month", "year", "hour", "quarter")
        ):
            return self.make(c, "SET", duration_value(1, unit), "set", "absolute")
        return self.make(c, "DURATION", dvalue, "duration", "absolute", mod)

    def _offset_date(
        self, c: Candidate, core: tuple[int, int], n: float | None, unit: str, direction: str, mod: str | None
    ) -> Found:
        """The date a length leads to from its anchor: 'two weeks ago', 'three days later', 'a year after'."""
        dvalue = duration_value(n, unit)
        timeml: Span | None = None
        if direction in ("later", "after", "before"):
            timeml = (core[0], core[1], "DURATION", dvalue, mod)
        if direction in ("ago", "from now", "hence", "after", "before"):
            base = self.ctx.base(*_unresolved(unit))
            anchor = "publication"
        else:
            base, anchor = self._told_of(c, unit)
        sign = -1 if direction in ("ago", "earlier", "after") else 1
        if unit in ("hour", "minute", "second"):
            return self.make(core, "DURATION", dvalue, "duration", "absolute", mod)
        if anchor == "publication" and direction == "later":
            # "two days later" with nothing told of before: from the publication day it would be a day to
            # come, which news writes "in two days"; no day is safer than a wrong one
            value, gran = _unresolved(unit)
            return self.make(c, "DATE", value, gran, "unresolved", mod, timeml=timeml)
        if n is None:
            if direction in ("after", "before"):
                return self._vague_offset(c, unit, sign, base, timeml)
            return self.make(
                c, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "ref", anchor, mod, timeml=timeml
            )
        steps = (
            round(n) if unit not in ("week", "fortnight") else round(n * (2 if unit == "fortnight" else 1))
        )
        if n != int(n) and unit == "year":
            d = shift(base, sign * round(n * 12), "month")
            value, gran = value_at(d, "month")
        else:
            unit_s = "week" if unit == "fortnight" else unit
            d = shift(base, sign * steps, unit_s)
            point = "year" if unit_s in ("decade", "century") else unit_s
            value, gran = value_at(d, "day" if unit_s in ("day", "night") else point)
        if (
            direction in ("earlier", "ago")
            and unit == "year"
            and steps == 1
            and self.ctx.last_quarter
            and not self._longer_stretch(c)
        ):
            # "net was $2 million in the quarter, up from $1 million a year earlier": the year-ago quarter,
            # unless the sentence compares a longer stretch ("for the nine months ... a year earlier")
            y, q = self.ctx.last_quarter
            value, gran = f"{y - steps:04d}-Q{q}", "quarter"
        if direction == "ago" and mod in BOUNDED_AGO and (iv := interval_of(value)) is not None:
            # "over a month ago" on Nov 4 is on or before Oct 4, "less than a week ago" since then
            first, last = (iv[0], min(iv[1], d)) if mod in ("MORE_THAN", "EQUAL_OR_MORE") else (d, base)
            return self.make(c, "DATE", value, gran, anchor, mod, first, last, timeml=timeml)
        return self.make(c, "DATE", value, gran, anchor, mod, timeml=timeml)

    def resolve_then(self, c: Candidate) -> Found | None:
        """'Until then', 'by then': the time the text has just named (news anchors them to it), if any."""
        last = self.ctx.last_dated
        if last is None or c.start - self.ctx.last_dated_pos > THEN_REACH:
            return None
        return self.make(
            c, last.type, last.value, last.granularity, "previous", last.mod, last.first_day, last.last_day
        )

    def _longer_stretch(self, c: Candidate) -> bool:
        """Whether this sentence or the one before compares a stretch longer than a quarter ("in the first
        nine months, net was ... up from a year earlier", "... in the 1988 period. The year-ago results"):
        its year-ago figure is the year's."""
        start = sentence_start(self.text, c.start)
        previous = sentence_start(self.text, max(0, start - 2))
        return SEVERAL_QUARTERS.search(self.text, previous, c.start) is not None

    def _told_of(self, c: Candidate, unit: str) -> tuple[dt.date, str]:
        """What 'N units later/earlier' counts from: the day just told of; for years, any date told of."""
        told = [(self.ctx.last_any_pos, self.ctx.last_any)]
        if self.ctx.last_year is not None:
            told.append((self.ctx.last_year_pos, dt.date(self.ctx.last_year, 1, 1)))
        pos, last = max(told, key=lambda item: item[0])
        if unit in YEARLIKE_UNITS and last is not None and c.start - pos <= YEARLIKE_REACH:
            return last, "previous"  # "In 1978 the state passed a law. Forty years later, ..."
        try:
            return self.ctx.anchor_day(c.start, window=400)
        except Unresolved:
            raise Unresolved(*_unresolved(unit)) from None

    def _one_day_ahead(self, c: Candidate) -> bool:
        """Whether "one day" means some day to come ("it will one day be"), not a day's length."""
        g = c.match.group
        if _norm(g(0)) != "one day":
            return False
        return bool(MODAL_BEFORE.search(self.text, max(0, c.start - 30), c.start))

    def _event_offset(self, c: Candidate) -> bool:
        """Whether 'N days after/before <event>' dates that event from a clause set at the reporting time."""
        before = self.text[max(0, c.start - 40) : c.start]
        after = self.text[c.end : c.end + 40]
        return bool(REPORTING_BEFORE.search(before)) and bool(_EVENT_AFTER.match(after))

    def _vague_offset(self, c: Candidate, unit: str, sign: int, base: dt.date, timeml: Span | None) -> Found:
        spans = {"day": (1, 10), "week": (7, 42), "month": (28, 180), "year": (365, 365 * 5)}
        lo, hi = spans.get(unit, (1, 10))
        if sign < 0:
            first, last = base - dt.timedelta(days=hi), base - dt.timedelta(days=lo)
        else:
            first, last = base + dt.timedelta(days=lo), base + dt.timedelta(days=hi)
        value = f"{first.isoformat()}/{last.isoformat()}"
        return self.make(c, "DATE", value, "day", "publication", "APPROX", first, last, timeml=timeml)

    def resolve_day_word(self, c: Candidate) -> Found | None:
        g = c.match.group
        w = g("w").lower()
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
        podw = (g("pod") or g("pod0") or "").lower().replace("mid-", "").replace("mid", "").strip()
        pod = PARTS_OF_DAY.get(podw)  # "tonight" is a day, like "Friday night"; "this morning" a time
        mod = mod_of(g("mod")) if g("mod") else None
        if g("pod0") and "mid" in g("pod0").lower():
            mod = "MID"
        suffix = f"T{pod}" if pod else ""
        dct = self.ctx.base("XXXX-XX-XX" + suffix, "time" if pod else "day", "TIME" if pod else "DATE")
        d = dct + dt.timedelta(days=offset)
        return self.make(
            c,
            "TIME" if pod else "DATE",
            d.isoformat() + suffix,
            "time" if pod else "day",
            "publication",
            mod,
            d,
            d,
        )

    def resolve_the_weekend(self, c: Candidate) -> Found | None:
        """'The weekend': the one the tense points to; told of with no tense, the one just gone."""
        base, anchor, tense = self.tensed(c, "XXXX-WXX-WE", "week")
        d = pick_weekend(base, tense or "past")
        return self.make(c, "DATE", week_value(d) + "-WE", "week", anchor)

    def _named_weekend(self, c: Candidate, det: str, mod: str | None) -> Found:
        """'This weekend' (by tense; with none, the coming one), 'the coming weekend', 'this past weekend'."""
        base, anchor, tense = self.tensed(c, "XXXX-WXX-WE", "week")
        side = WEEKEND_SIDES[det]
        if side == "this":
            d = pick_weekend(base, tense)
        else:
            d = pick_weekend(base, side, strict=side == "future")
        return self.make(c, "DATE", week_value(d) + "-WE", "week", anchor, mod)

    def resolve_the_year(self, c: Candidate) -> Found | None:
        after = self.text[c.end : c.end + 12].lower().lstrip()
        unit = c.match.group("u").lower()
        if after.startswith(("ended", "ending", "ends", "to date", "through")):
            return self.make(c, "DURATION", "P1" + unit[0].upper(), "duration", "absolute")
        dct = self.ctx.base(*_unresolved(unit))
        if unit == "week" and not c.match.group("adj"):
            # "For the week, the index fell": the week of the last day named; TimeML leaves the week open
            day, anchor = self.ctx.anchor_day(c.start, window=1500)
            value, gran = value_at(day, unit)
            timeml: Span = (c.start, c.end, "DATE", f"{day.year:04d}-WXX", None)
            return self.make(c, "DATE", value, gran, anchor, timeml=timeml)
        value, gran = value_at(dct, unit)
        return self.make(c, "DATE", value, gran, "publication")

    def resolve_relative_unit(self, c: Candidate) -> Found | None:
        g = c.match.group
        det = _norm(g("det") or g("det_a"))
        unit = _norm(g("u"))
        mod = mod_of(g("mod")) if g("mod") else None
        step = {"last": -1, "this past": -1, "past": -1, "next": 1, "coming": 1, "this coming": 1}.get(det, 0)
        if unit in PARTS_OF_DAY:
            pod = PARTS_OF_DAY[unit]
            dct = self.ctx.base(f"XXXX-XX-XXT{pod}", "time", "TIME")
            d = dct + dt.timedelta(days=step)
            return self.make(c, "TIME", f"{d.isoformat()}T{pod}", "time", "publication", mod, d, d)
        if unit in ("spring", "summer", "fall", "autumn", "winter"):
            code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[unit]
            if g("y"):
                return self.make(c, "DATE", f"{g('y')}-{code}", "season", "absolute", mod)
            dct = self.ctx.base(f"XXXX-{code}", "season")
            return self.make(
                c, "DATE", f"{season_year(code, dct, step, None):04d}-{code}", "season", "publication", mod
            )
        if unit == "fiscal year":
            unit = "year"
        if g("y"):
            return None
        if unit == "weekend" and det in WEEKEND_SIDES:
            return self._named_weekend(c, det, mod)
        dct = self.ctx.base(*_unresolved(unit))
        d = shift(dct, step, unit)
        value, gran = value_at(d, unit)
        return self.make(c, "DATE", value, gran, "publication", mod)

    def resolve_season(self, c: Candidate) -> Found | None:
        g = c.match.group
        code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[g("s").lower()]
        mod = mod_of(g("mod")) if g("mod") else None
        if g("y"):
            return self.make(c, "DATE", f"{year_number(g('y')):04d}-{code}", "season", "absolute", mod)
        dct = self.ctx.base(f"XXXX-{code}", "season")
        y = season_year(code, dct, 0, self.reading(c))
        return self.make(c, "DATE", f"{y:04d}-{code}", "season", "publication", mod)

    def resolve_part_of_day(self, c: Candidate) -> Found | None:
        g = c.match.group
        pod = PARTS_OF_DAY[g("w").lower()]
        mod = mod_of(g("mod")) if g("mod") else None
        if self._addressed_to_reader(c):
            return self.make(c, "TIME", f"XXXX-XX-XXT{pod}", "time", "unresolved", mod)
        try:
            d, anchor = self.ctx.anchor_day(c.start, window=600)
        except Unresolved:
            raise Unresolved(f"XXXX-XX-XXT{pod}", "time", "TIME") from None
        return self.make(c, "TIME", f"{d.isoformat()}T{pod}", "time", anchor, mod, d, d)

    def resolve_frequency(self, c: Candidate) -> Found | None:
        g = c.match.group
        if g("adv"):
            return self.make(c, "SET", SET_ADVERBS[g("adv").lower()], "set", "absolute")
        if g("f"):
            return self.make(c, "SET", duration_value(1, _unit(g("u2"))), "set", "absolute")
        u = g("u").lower().rstrip(".")
        if u in MONTHS:
            return self.make(c, "SET", f"XXXX-{MONTHS[u]:02d}", "set", "absolute")
        if u in PARTS_OF_DAY:
            return self.make(c, "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[u]}", "set", "absolute")
        if u in ("spring", "summer", "fall", "autumn", "winter"):
            code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[u]
            return self.make(c, "SET", f"XXXX-{code}", "set", "absolute")
        n = parse_number(g("n")) if g("n") else 1.0
        if g("other"):
            n = 2.0
        return self.make(c, "SET", duration_value(n, _unit(u)), "set", "absolute")

    def resolve_reference(self, c: Candidate) -> Found | None:
        w = _norm(c.match.group("w"))
        w = w.removeprefix("right ")
        if w.startswith("recent ") and w.split()[1] in ("days", "weeks", "months", "quarters"):
            # "in recent weeks": a stretch of time up to now, of unknown length
            return self.make(c, "DURATION", duration_value(None, _unit(w.split()[1])), "duration", "absolute")
        if w in REFS:
            value = REFS[w]
        elif w.startswith(("recent", "past")) and not w.endswith("term"):
            value = "PAST_REF"
        else:
            value = "FUTURE_REF"
        if value == "PRESENT_REF" and self.ctx.dct is None:
            return self.make(c, "DATE", value, "ref", "unresolved")
        anchor = "publication" if value == "PRESENT_REF" else "unresolved"
        return self.make(c, "DATE", value, "ref", anchor)

    def resolve_fiscal_period(self, c: Candidate) -> Found | None:
        g = c.match.group
        recent = self.ctx.last_quarter
        w = (g("w") or "").lower()
        if g("y"):
            y = int(g("y"))
            if recent and not self._longer_stretch(c):
                return self.make(c, "DATE", f"{y:04d}-Q{recent[1]}", "quarter", "previous")
            return self.make(c, "DATE", f"{y:04d}", "year", "absolute")
        dct = self.ctx.base("XXXX-QX", "quarter")
        if recent:
            y, q = recent
        else:
            y, q = divmod(dct.year * 4 + quarter_of(dct) - 2, 4)
            q += 1
        if w in ("year-earlier", "year-ago") or g("rel"):
            y -= 1  # "the year-earlier period", "the corresponding period last year"
        return self.make(c, "DATE", f"{y:04d}-Q{q}", "quarter", "publication")

    def resolve_vague_offset(self, c: Candidate) -> Found | None:
        g = c.match.group
        unit = _unit(g("u"))
        direction = g("dir").lower()
        core = (c.start, c.match.end("u"))
        dvalue = duration_value(None, unit)
        timeml: Span = (core[0], core[1], "DURATION", dvalue, None)
        if direction in ("after", "before"):
            if self.text[max(0, c.start - 4) : c.start].lower() == "the ":
                # "in the weeks before the shooting": a stretch of time tied to an event we cannot date;
                # TimeBank dates it by the month of the day the story last named (a guess: TimeML only)
                named = self.ctx.last_named
                guess: Span | None = None
                if named is not None and unit in ("day", "week"):
                    guess = (core[0], core[1], "DATE", f"{named.year:04d}-{named.month:02d}", None)
                return self.make(core, "DATE", "XXXX-XX-XX", "day", "unresolved", timeml=guess)
            if not self._event_offset(c):
                return self.make(core, "DURATION", dvalue, "duration", "absolute")
            base = self.ctx.base("XXXX-XX-XX", "day")
            return self._vague_offset(c, unit, -1 if direction == "after" else 1, base, timeml)
        value = "PAST_REF" if direction == "earlier" else "FUTURE_REF"
        return self.make(c, "DATE", value, "ref", "unresolved", timeml=timeml)

    def resolve_length_adjective(self, c: Candidate) -> Found | None:
        """A length used as an adjective ("day-long", "two-week-long", "decades-long"): a DURATION."""
        g = c.match.group
        word = g("u").lower()
        n = parse_number(g("num")) if g("num") else (None if word.endswith("s") else 1.0)
        return self.make(c, "DURATION", duration_value(n, _unit(word)), "duration", "absolute")

    def resolve_vague_stretch(self, c: Candidate) -> Found | None:
        """A DURATION of unstated length: "the first hours", "the early years", "over the years"."""
        unit = _unit(c.match.group("u"))
        return self.make(c, "DURATION", duration_value(None, unit), "duration", "absolute")

    def resolve_bare_units(self, c: Candidate) -> Found | None:
        return self.make(
            c, "DURATION", duration_value(None, _unit(c.match.group("u"))), "duration", "absolute"
        )


def season_year(code: str, dct: dt.date, step: int, tense: str | None) -> int:
    """The year of a named season: this one (step 0, by tense), the last one (-1) or the next (+1)."""
    here_y, here_code = season_of(dct)
    order = ["WI", "SP", "SU", "FA"]

    def index(y: int, cd: str) -> int:
        return y * 4 + order.index(cd) if cd != "WI" else y * 4 + 4  # winter Y follows fall Y

    here = index(here_y, here_code)
    cands = [(index(y, code), y) for y in (dct.year - 2, dct.year - 1, dct.year, dct.year + 1)]
    if tense == "weak_future":
        tense = None
    if step < 0 or tense == "past":
        ok = [c for c in cands if c[0] < here or (c[0] == here and step == 0)]
        return max(ok)[1]
    if step > 0 or tense in ("future", "prog"):
        ok = [c for c in cands if c[0] > here or (c[0] == here and step == 0)]
        return min(ok)[1]
    return min(cands, key=lambda c: (abs(c[0] - here), c[0] > here))[1]


def mod_of(word: str | None) -> str | None:
    """The TIMEX3 mod of a modifier word ('early' -> START, 'more than' -> MORE_THAN)."""
    if not word:
        return None
    w = _norm(word).rstrip("-")
    if w.startswith("the "):
        w = w.split()[1]
    return MOD_WORDS.get(w)


# The X-ed TIMEX value and the granularity of an unresolved "last week", "two months ago", ...
_UNRESOLVED = {
    "week": ("XXXX-WXX", "week"),
    "weekend": ("XXXX-WXX-WE", "week"),
    "month": ("XXXX-XX", "month"),
    "quarter": ("XXXX-QX", "quarter"),
    "year": ("XXXX", "year"),
    "decade": ("XXX", "decade"),
    "century": ("XX", "century"),
}


def _unresolved(unit: str) -> tuple[str, str]:
    """The X-ed value and granularity of an expression counted in `unit` with no publication date."""
    return _UNRESOLVED.get(unit, ("XXXX-XX-XX", "day"))


def holiday(name: str, year: int) -> dt.date:
    """The date of a named holiday in a year (US conventions for the movable ones)."""
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's": (1, 1),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "independence day": (7, 4),
        "halloween": (10, 31),
        "valentine's day": (2, 14),
        "veterans day": (11, 11),
        "boxing day": (12, 26),
    }
    if name in fixed:
        return dt.date(year, *fixed[name])
    if name.startswith("thanksgiving") or name in ("black friday", "cyber monday"):
        first = dt.date(year, 11, 1)
        thanksgiving = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)  # the fourth Thursday
        return thanksgiving + dt.timedelta(days={"black friday": 1, "cyber monday": 4}.get(name, 0))
    if name == "labor day":
        first = dt.date(year, 9, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7)
    if name == "election day":
        # US general elections: the Tuesday after the first Monday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    if name == "memorial day":
        last = last_of_month(year, 5)
        return last - dt.timedelta(days=last.weekday())
    easter = _easter(year)
    if name == "good friday":
        return easter - dt.timedelta(days=2)
    if name.endswith("monday"):
        return easter + dt.timedelta(days=1)
    return easter


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


# --- offsets from a named day ---------------------------------------------------------------------------

# "two days after March 5", "a week before the June 3 vote": a definite length, then the word linking it
# to the day it counts from; "the day before last Tuesday" links by itself ("the day before" + a day).
OFFSET_LINK = re.compile(r"\s+(before|after)\s+(?:the\s+)?$|\s+(?:the\s+)?$", re.IGNORECASE)
OFFSET_LENGTH = re.compile(r"P(\d+)([DWMY])")
OFFSET_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}
THE_UNIT_LINKED = re.compile(r"the\s+(day|week)\s+(before|after)", re.IGNORECASE)
OFFSET_SCOPE = re.compile(r"\b(?:for|within|over|during|in)\s+$", re.IGNORECASE)


def join_neighbours(
    text: str, found: list[Found], join: Callable[[str, Found, Found], Found | None]
) -> list[Found]:
    """Expressions in order, each pair of neighbours that `join` makes one replaced by the joined one."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        joined = join(text, found[i], found[i + 1]) if i + 1 < len(found) else None
        if joined is None:
            out.append(found[i])
            i += 1
        else:
            out.append(joined)
            i += 2
    return out


def compose_offsets(text: str, found: list[Found]) -> list[Found]:
    """Join a definite length and the named day right after it that it counts from into one dated day.

    "He was freed two days after March 5" happened on March 7, not March 5: the chronology must not file
    it under the day named. TimeML annotates such a phrase as the length and the day (a DURATION and a
    DATE with a signal between), so that reading is kept for `timeline tag`; "the day before last Tuesday"
    is one DATE in TimeML too. An approximate length gives an approximate day ("about two days after");
    a length that scopes a stretch ("for two days after March 5", "within a week after the vote") or
    bounds one ("at least two days after") is not an offset and is left alone.
    """
    return join_neighbours(text, found, _offset_pair)


def _offset_pair(text: str, length: Found, named: Found) -> Found | None:
    """The day `length` counts to from `named`, when the text between them links them; else None."""
    a, b = length.expr, named.expr
    if b.type != "DATE" or b.granularity != "day" or b.first_day is None or b.first_day != b.last_day:
        return None
    link = OFFSET_LINK.fullmatch(text, a.end, b.start)
    if link is None or b.start - a.end > 12:
        return None
    if link.group(1):  # "two days after": the length is a DURATION of whole days, weeks, months or years
        parts = (
            OFFSET_LENGTH.fullmatch(a.value) if a.type == "DURATION" and a.mod in (None, "APPROX") else None
        )
        if parts is None or OFFSET_SCOPE.search(text, max(0, a.start - 8), a.start):
            return None
        n, unit = int(parts.group(1)), OFFSET_UNITS[parts.group(2)]
        sign = 1 if link.group(1).lower() == "after" else -1
        spans = (length.timeml or ((a.start, a.end, a.type, a.value, a.mod),)) + (
            named.timeml or ((b.start, b.end, b.type, b.value, b.mod),)
        )
    else:  # "the day before" + a day
        the = THE_UNIT_LINKED.fullmatch(a.text)
        if the is None:
            return None
        n, unit, sign = 1, the.group(1).lower(), 1 if the.group(2).lower() == "after" else -1
        spans = None
    try:
        day = shift(b.first_day, n * sign, unit)
    except (OverflowError, ValueError):
        return None
    value = day.isoformat()
    if spans is None:
        spans = ((a.start, b.end, "DATE", value, None),)
    mod = "APPROX" if a.mod == "APPROX" else None  # "about two days after March 5"
    expr = TimeExpr(a.start, b.end, text[a.start : b.end], "DATE", value, mod, day, day, "day", b.anchor)
    return Found(expr, spans)


# "6:38 p.m. on Saturday, May 18", "9 a.m., Tuesday", "midday prayers on Friday": the day a clock time is on
CLOCK_DAY_LINK = re.compile(
    r"\s*,?\s*(?:on\s+)?|\s+(?:(?!(?:and|or|but|then|until|till|to|before|after|from)\b)[a-z]+\s+){1,2}on\s+"
)
_CLOCK = re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)(T.+)")


def date_clock_times(text: str, found: list[Found]) -> list[Found]:
    """Put a clock time on the day named right after it, instead of the day told of before it.

    Resolution walks left to right, so "at 6:38 p.m. on Saturday, May 18" first dates the time by the
    day told of before (or the publication day); the day written right after it is the one meant.
    """
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i].expr, out[i + 1].expr
        clock = _CLOCK.fullmatch(a.value)
        if (
            a.type != "TIME"
            or clock is None
            or out[i].timeml is not None
            or a.anchor == "absolute"
            or b.type != "DATE"
            or b.granularity != "day"
            or b.first_day is None
            or b.first_day != b.last_day
            or CLOCK_DAY_LINK.fullmatch(text, a.end, b.start) is None
        ):
            continue
        day = b.first_day
        value = day.isoformat() + clock.group(1)
        out[i] = Found(replace(a, value=value, first_day=day, last_day=day, anchor=b.anchor), None)
    return out


# "between 2009 and 2018", "from March 3 to March 5", "from 2010 through 2015": one stretch of time
RANGE_OPENERS = {
    "between": re.compile(r"\s+and\s+"),
    "from": re.compile(r"\s*(?:to|until|till|through|thru|[-–])\s*"),
}
RANGE_OPENER = re.compile(r"\b(between|from)\s+(?:the\s+)?$", re.IGNORECASE)


def join_ranges(text: str, found: list[Found]) -> list[Found]:
    """Join the two ends of a stretch written out ("between 2009 and 2018") into one dated range.

    The chronology files "26 cases between 2009 and 2018" under the years 2009 to 2018, not under each
    end as if the cases were in 2009 and again in 2018. TimeML tags the two ends apart, so that reading is
    kept for `timeline tag`. The ends must be dates of one granularity, the first before the second.
    """
    return join_neighbours(text, found, _range_pair)


def _range_pair(text: str, first: Found, second: Found) -> Found | None:
    """The stretch from `first` to `second` when the text around them says so; else None."""
    a, b = first.expr, second.expr
    if (
        a.type != "DATE"
        or b.type != "DATE"
        or a.granularity != b.granularity
        or a.first_day is None
        or a.last_day is None
        or b.first_day is None
        or b.last_day is None
        or a.last_day >= b.first_day
    ):
        return None
    opener = RANGE_OPENER.search(text, max(0, a.start - 12), a.start)
    if opener is None or RANGE_OPENERS[opener.group(1).lower()].fullmatch(text, a.end, b.start) is None:
        return None
    spans = (first.timeml or ((a.start, a.end, a.type, a.value, a.mod),)) + (
        second.timeml or ((b.start, b.end, b.type, b.value, b.mod),)
    )
    value = f"{a.value}/{b.value}"
    anchor = a.anchor if a.anchor == b.anchor else "publication"
    expr = TimeExpr(
        a.start,
        b.end,
        text[a.start : b.end],
        "DATE",
        value,
        None,
        a.first_day,
        b.last_day,
        a.granularity,
        anchor,
    )
    return Found(expr, spans)
