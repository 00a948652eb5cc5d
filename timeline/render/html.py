"""The HTML page: one self-contained file (inline CSS, no scripts, nothing fetched); the one jinja2 import."""

from __future__ import annotations

import os
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from timeline.merge import describe_evolution
from timeline.models import Event, Source, Timeline
from timeline.render.citations import CitationStyle, citation, citation_style
from timeline.render.labels import date_label, event_tags, safe

# Autoescaping on for every template: article text is data, never markup.
ENVIRONMENT = Environment(
    loader=PackageLoader("timeline", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True, slots=True)
class SourceView:
    """A source as the page cites it; `source` is there for the template (source.caption, ...)."""

    source: Source
    citation: str
    href: str | None  # a link to the article file, relative to the page's folder; None for stdin
    relation: str | None


@dataclass(frozen=True, slots=True)
class EventView:
    """An event under its date heading, led by the tags a reader needs first (a kind, other dates)."""

    event: Event
    text: str
    tags: tuple[str, ...]
    story: str | None
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, slots=True)
class DateView:
    """A date heading and the events filed under it."""

    heading: str
    events: tuple[EventView, ...]


def file_link(path: str, base: str) -> str | None:
    """A relative URL from the page's folder to an article file, so the pair can move together."""
    if path == "-":
        return None
    relative = os.path.relpath(path, base).replace(os.sep, "/")
    return quote(relative.encode("utf-8", errors="surrogateescape"), safe="/")


def view_source(source: Source, style: CitationStyle, base: str) -> SourceView:
    """One source's citation and link."""
    path = source.statement.article.path
    return SourceView(
        source, safe(citation(source, style, relation=False)), file_link(path, base), source.relation
    )


def view_event(event: Event, style: CitationStyle, base: str) -> EventView:
    """One event's statement, story and sources."""
    story = describe_evolution(event)
    sources = tuple(view_source(source, style, base) for source in event.sources)
    tags = tuple(safe(tag) for tag in event_tags(event))
    return EventView(event, safe(event.text), tags, safe(story) if story else None, sources)


def view_dates(timeline: Timeline, base: str) -> list[DateView]:
    """The events grouped under their date headings, in chronological order."""
    style = citation_style(timeline)
    return [
        DateView(safe(label), tuple(view_event(event, style, base) for event in events))
        for label, events in groupby(timeline.events, key=date_label)
    ]


def render_html(timeline: Timeline, base: str = ".") -> str:
    """The whole page; links to the articles are relative to `base`, the folder the page is written to."""
    articles = [result for result in timeline.articles if result.info is not None]
    changed = sum(1 for event in timeline.events if any(source.relation for source in event.sources))
    return ENVIRONMENT.get_template("timeline.html.j2").render(
        dates=view_dates(timeline, base),
        events=len(timeline.events),
        articles=len(articles),
        changed=changed,
    )
