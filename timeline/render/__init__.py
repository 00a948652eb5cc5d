"""Renderers: one function per output format, each from a Timeline to text."""

from __future__ import annotations

from collections.abc import Callable

from timeline.models import Timeline
from timeline.render.data import render_csv, render_json, render_jsonl
from timeline.render.plain import render_expression_lines, render_markdown, render_text

FORMATS = ("auto", "rich", "text", "json", "jsonl", "markdown", "csv")

PLAIN_RENDERERS: dict[str, Callable[[Timeline], str]] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "markdown": render_markdown,
    "csv": render_csv,
}

__all__ = [
    "FORMATS",
    "PLAIN_RENDERERS",
    "render_csv",
    "render_expression_lines",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_text",
]
