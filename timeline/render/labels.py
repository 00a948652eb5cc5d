"""Shared wording of dates and sources, and terminal-safe text, for every renderer."""

from __future__ import annotations

import re

from timeline.models import Event, Source, TimeExpr

MOD_WORDS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "about",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "by",
    "ON_OR_AFTER": "from",
    "LESS_THAN": "under",
    "MORE_THAN": "over",
    "EQUAL_OR_LESS": "at most",
    "EQUAL_OR_MORE": "at least",
}
REF_WORDS = {"FUTURE_REF": "future", "PAST_REF": "past", "PRESENT_REF": "now"}
# TimeML writes a decade by its first three digits ('199': the 1990s) and a century by its first two
# ('19': the 1900s): right for data, cut short for a reader.
DECADE = re.compile(r"\d{3}")
CENTURY = re.compile(r"\d{2}")
# A comparative on a point ('over a month ago': 2011-10, MORE_THAN) puts the date farther from the
# day counted from than the value, or nearer to it: one side of the value, the value's unit included.
FARTHER = frozenset({"MORE_THAN", "EQUAL_OR_MORE"})
NEARER = frozenset({"LESS_THAN", "EQUAL_OR_LESS"})
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def safe(text: str) -> str:
    """Text that cannot drive a terminal: control and bidi characters shown as escapes, never raw."""
    if text.isascii() and text.isprintable():  # nothing to escape: most text, at C speed
        return text
    text = text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    return UNSAFE.sub(
        lambda match: (
            f"\\x{ord(match.group()):02x}" if ord(match.group()) < 256 else f"\\u{ord(match.group()):04x}"
        ),
        text,
    )


def safe_path(path: str) -> str:
    """A file name as printable UTF-8: undecodable bytes and control characters escaped."""
    if path.isascii() and path.isprintable():  # nothing to escape (safe's shortcut, without two copies)
        return path
    return safe(path.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace"))


def tense_label(expr: TimeExpr) -> str:
    """The tense that chose an expression's date and where its marker stands: 'past (own clause)', or ''."""
    return f"{expr.tense} ({expr.tense_from})" if expr.tense else ""


def days_label(expr: TimeExpr) -> str:
    """The days an expression denotes: '2020-06-14', '2020-06-14..2020-06-15', or '' when none."""
    if expr.first_day is None or expr.last_day is None:
        return ""
    if expr.last_day == expr.first_day:
        return expr.first_day.isoformat()
    return f"{expr.first_day.isoformat()}..{expr.last_day.isoformat()}"


def value_label(value: str) -> str:
    """A TIMEX value as a reader writes it: '199' -> '1990s', '19' -> '1900s', 'A/B' -> 'A..B'."""
    if value in REF_WORDS:
        return REF_WORDS[value]
    return "..".join(_spelled(part) for part in value.split("/"))


def _spelled(part: str) -> str:
    """One date of a value, a decade or century written out in years."""
    if DECADE.fullmatch(part):
        return f"{part}0s"
    if CENTURY.fullmatch(part):
        return f"{part}00s"
    return part


def _counted_back(event: Event) -> bool | None:
    """Whether every source counted the event back from its publication day (True), ahead (False), or unknown.

    Known only when each source's expression was resolved against its own publication day and the
    event lies before (or after) each of those days, reaching it at most ('less than a week ago'
    runs up to the publication); a count from another date of the text ('a decade later', after
    1990) does not say which side of the publication it lies on.
    """
    if event.first_day is None or event.last_day is None or not event.sources:
        return None
    days = []
    for source in event.sources:
        day = source.statement.article.published_day
        if source.statement.expr.anchor != "publication" or day is None:
            return None
        days.append(day)
    if event.first_day < min(days) and event.last_day <= min(days):
        return True
    if event.first_day >= max(days) and event.last_day > max(days):
        return False
    return None


def mod_word(event: Event) -> str:
    """The word before an event's date: 'early', 'about'; a comparative as the side of the value it is on.

    'over a month ago' is 'by 2011-10' (on or before), 'less than a month ago' 'from 2011-10'; ahead
    of the publication the sides swap; 'about' when the side is unknown; a length keeps 'over'.
    """
    mod = event.mod or ""
    if (mod in FARTHER or mod in NEARER) and event.first_day is not None:
        back = _counted_back(event)
        if back is None:
            return MOD_WORDS["APPROX"]
        return MOD_WORDS["ON_OR_BEFORE" if back == (mod in FARTHER) else "ON_OR_AFTER"]
    return MOD_WORDS.get(mod, mod.lower())


def date_label(event: Event) -> str:
    """A short label of an event's date: '2020-06-14', 'early 2020-03', 'late 2010s', 'by 2011-10'."""
    base = value_label(event.value)
    word = mod_word(event) or ("by" if event.kind == "deadline" else "")
    return f"{word} {base}" if word else base


def event_tags(event: Event) -> list[str]:
    """What a reader must know before taking an event as a happening of its date: its kind when it did not
    happen ('deadline', 'scheduled'), other days its sources give, a sentence filed under several dates."""
    tags = [] if event.kind == "happened" else [event.kind]
    if event.other_dates:
        tags.append("also dated " + ", ".join(value_label(value) for value in event.other_dates))
    parts = max((source.statement.parts for source in event.sources), default=1)
    if parts > 1:
        tags.append(f"one of {parts} dates of its sentence")
    return tags


def tagged_text(event: Event) -> str:
    """An event's statement, led by its tags: '[deadline] France decided to close its reactors by 2022.'"""
    tags = event_tags(event)
    return f"[{'; '.join(tags)}] {event.text}" if tags else event.text


def source_label(source: Source) -> str:
    """'file (outlet, published, updates)' with what is known."""
    article = source.statement.article
    details = [part for part in (article.outlet, article.published_iso, source.relation) if part]
    if source.caption:
        details.append("caption")
    if source.statement.attributed_to:
        details.append(f"per {source.statement.attributed_to}")
    path = safe_path(article.path)
    return f"{path} ({', '.join(details)})" if details else path
