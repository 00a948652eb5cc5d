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
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def safe(text: str) -> str:
    """Text that cannot drive a terminal: control and bidi characters shown as escapes, never raw."""
    text = text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    return UNSAFE.sub(
        lambda match: (
            f"\\x{ord(match.group()):02x}" if ord(match.group()) < 256 else f"\\u{ord(match.group()):04x}"
        ),
        text,
    )


def safe_path(path: str) -> str:
    """A file name as printable UTF-8: undecodable bytes and control characters escaped."""
    return safe(path.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace"))


def days_label(expr: TimeExpr) -> str:
    """The days an expression denotes: '2020-06-14', '2020-06-14..2020-06-15', or '' when none."""
    if expr.first_day is None or expr.last_day is None:
        return ""
    if expr.last_day == expr.first_day:
        return expr.first_day.isoformat()
    return f"{expr.first_day.isoformat()}..{expr.last_day.isoformat()}"


def date_label(event: Event) -> str:
    """A short, sortable label of an event's date: '2020-06-14', 'early 2020-03', '2020-06-14..2020-06-15'."""
    base = REF_WORDS.get(event.value, event.value.replace("/", ".."))
    word = MOD_WORDS.get(event.mod or "", (event.mod or "").lower())
    return f"{word} {base}" if word else base


def source_label(source: Source) -> str:
    """'file (outlet, published, updates)' with what is known."""
    article = source.statement.article
    details = [part for part in (article.outlet, article.published_iso, source.relation) if part]
    if source.statement.attributed_to:
        details.append(f"per {source.statement.attributed_to}")
    path = safe_path(article.path)
    return f"{path} ({', '.join(details)})" if details else path
