"""HTML pages: trafilatura for the article and its metadata, the text classifier as a fallback."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from timeline.clean.text import clean_text
from timeline.models import Cleaned, Label, Line, Metadata

# Below this many words, trafilatura is taken to have missed the article.
MIN_BODY_WORDS = 60

BLOCK_TAGS = frozenset(
    (
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "title",
    )
)  # fmt: skip
SKIP_TAGS = frozenset(
    ("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed", "select")
)
_WS = re.compile(r"[ \t\r\f\v]+")


def render_text(html: str) -> str:
    """A plain-text rendering of a page: block elements become line breaks, scripts go."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or not isinstance(el.tag, str):
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _words(text: str) -> int:
    return len(text.split())


def clean_html(html: str) -> Cleaned:
    """Clean an HTML page: trafilatura's body and metadata, else the text path on a rendering."""
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception:  # trafilatura raises many kinds of errors on broken pages
        doc = None
    body = ""
    meta = Metadata()
    if doc is not None and not isinstance(doc, dict):
        body = doc.text or ""
        meta = Metadata(
            title=doc.title or None,
            author=doc.author or None,
            outlet=doc.sitename or None,
            date=doc.date or None,
        )
    if _words(body) < MIN_BODY_WORDS:
        fallback = clean_text(render_text(html))
        fallback_words = sum(_words(line.text) for line in fallback.body_lines)
        if fallback_words > _words(body):
            merged = Metadata(
                title=meta.title or fallback.metadata.title,
                author=meta.author or fallback.metadata.author,
                outlet=meta.outlet,
                date=meta.date,
            )
            return Cleaned(lines=fallback.lines, metadata=merged)
    lines = tuple(
        Line(" ".join(text.split()), Label.BODY, "body: kept by trafilatura", i, i)
        for i, text in enumerate(body.splitlines())
        if text.strip()
    )
    return Cleaned(lines=lines, metadata=meta)
