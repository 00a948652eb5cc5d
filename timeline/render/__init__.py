"""Renderers: one function per output format, each from a Timeline to text."""

from __future__ import annotations

from collections.abc import Callable

from timeline.models import Timeline
from timeline.render.data import render_csv, render_json, render_jsonl
from timeline.render.plain import render_expression_lines, render_markdown, render_text
from timeline.render.timelinejs import render_timelinejs

FORMATS = ("auto", "rich", "text", "json", "jsonl", "markdown", "csv", "html", "timelinejs")


def render_page(timeline: Timeline) -> str:
    """The HTML page, links relative to the current folder (jinja2 imported only when a page is asked for)."""
    from timeline.render.html import render_html

    return render_html(timeline)


PLAIN_RENDERERS: dict[str, Callable[[Timeline], str]] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "markdown": render_markdown,
    "csv": render_csv,
    "html": render_page,
    "timelinejs": render_timelinejs,
}

__all__ = [
    "FORMATS",
    "PLAIN_RENDERERS",
    "render_csv",
    "render_expression_lines",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_page",
    "render_text",
    "render_timelinejs",
]
