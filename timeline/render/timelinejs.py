"""TimelineJS 3 JSON: the events as the TimelineJS embed reads them, dates never more precise than known."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from timeline.merge import describe_evolution
from timeline.models import Event, Timeline
from timeline.render.citations import CitationStyle, citation, citation_style
from timeline.render.labels import UNSAFE, date_label

# How precisely an event's days may be written: a month's event gets {year, month}, never an invented day.
MONTH_GRAINS = frozenset({"month", "quarter", "season", "half"})
YEAR_GRAINS = frozenset({"year", "decade", "century", "millennium"})
HEADLINE_WORDS = 12  # TimelineJS shows the headline large on its slide and its marker: a short lead


def timeline_date(day: dt.date, granularity: str) -> dict[str, str]:
    """A TimelineJS date object at the event's precision: {year}, {year, month} or {year, month, day}."""
    date = {"year": str(day.year)}
    if granularity not in YEAR_GRAINS:
        date["month"] = str(day.month)
        if granularity not in MONTH_GRAINS:
            date["day"] = str(day.day)
    return date


def event_group(event: Event) -> str:
    """The TimelineJS row of an event: whether later reports changed its story, else its kind."""
    if describe_evolution(event):
        return "story changed"
    return "reported" if event.kind == "happened" else event.kind


def headline(text: str) -> str:
    """The statement's first words, for the slide's title and the marker."""
    words = text.split()
    return " ".join(words[:HEADLINE_WORDS]) + (" ..." if len(words) > HEADLINE_WORDS else "")


def slide(event: Event, style: CitationStyle, number: int) -> dict[str, Any]:
    """One TimelineJS slide: start and end dates, the date as written, the statement and its sources."""
    first, last = event.first_day or dt.date.min, event.last_day or dt.date.min  # only dated events come here
    start = timeline_date(first, event.granularity)
    end = timeline_date(last, event.granularity)
    sources = "".join(f"<li>{html.escape(citation(source, style))}</li>" for source in event.sources)
    story = describe_evolution(event)
    body = f"<p>{html.escape(event.text)}</p>"
    if story:
        body += f"<p><strong>Story:</strong> {html.escape(story)}</p>"
    record: dict[str, Any] = {
        "start_date": start,
        "display_date": date_label(event),
        "text": {"headline": html.escape(headline(event.text)), "text": body + f"<ul>{sources}</ul>"},
        "group": event_group(event),
        "unique_id": f"event-{number}",
    }
    if end != start:
        record["end_date"] = end
    return record


def render_timelinejs(timeline: Timeline) -> str:
    """`{"events": [...]}` for TimelineJS 3; undated events (the future, 'at a later date') are left out."""
    style = citation_style(timeline)
    dated = [event for event in timeline.events if event.first_day is not None and event.last_day is not None]
    slides = [slide(event, style, number) for number, event in enumerate(dated, start=1)]
    text = json.dumps({"events": slides}, ensure_ascii=False, indent=2)
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
