"""Boilerplate removal: labelled lines of a page, the article body among them."""

from __future__ import annotations

from collections.abc import Container

from timeline.clean.html import clean_html
from timeline.clean.text import clean_text, find_recurring_lines
from timeline.models import Cleaned, Document, Kind, Label

__all__ = ["clean_document", "clean_html", "clean_text", "explain_lines", "find_recurring_lines"]

_EXPLAIN_WIDTH = 80


def clean_document(doc: Document, recurring: Container[str] = frozenset()) -> Cleaned:
    """Clean one loaded document, through the HTML or the text path by its kind."""
    if doc.kind is Kind.HTML:
        return clean_html(doc.text)
    return clean_text(doc.text, recurring)


def explain_lines(cleaned: Cleaned) -> list[str]:
    """One line per decision: KEEP/DROP, the label, the reason and the start of the text."""
    out = []
    for line in cleaned.lines:
        verb = "KEEP" if line.label in (Label.BODY, Label.SUBHEAD, Label.CAPTION) else "DROP"
        text = line.text if len(line.text) <= _EXPLAIN_WIDTH else line.text[: _EXPLAIN_WIDTH - 3] + "..."
        where = f"{line.first + 1}" if line.first == line.last else f"{line.first + 1}-{line.last + 1}"
        out.append(f"{verb} {line.label.value:<11} | {where:>7} | {line.reason} | {text}")
    return out
