"""HTML pages: trafilatura for the article and its metadata, the text classifier as a fallback."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from html import unescape

import lxml.html
import trafilatura
from lxml import etree

from timeline.clean.text import BAD, classify_line, clean_text
from timeline.models import Cleaned, Label, Line, Metadata

# Below this many words, trafilatura is taken to have missed the article.
MIN_BODY_WORDS = 60
# Below this many words, the precision extraction is checked against a recall extraction ...
RECALL_RETRY_WORDS = 200
# ... and replaced by it when it holds less than this share of the recall extraction's words.
FRAGMENT_SHARE = 0.4

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
SKIP_BLOCK_RE = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
BLOCK_TAG_RE = re.compile(r"</?(?:" + "|".join(sorted(BLOCK_TAGS)) + r")\b[^>]*>", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]*>")
# Entities decode after the loader's clean-up ("&#x1b;"): control characters are dropped again here.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# htmldate's extensive search guesses a date from any digits on the page ("31 April 2019" -> 1 January):
# only the page's own date markup is trusted.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
_WS = re.compile(r"[ \t\r\f\v]+")
# The text path's rules that drop a line by its own text, applied to the extractor's lines: its cues
# (newsletter, sign-up, copyright, ...) and its link shape. Not 'legal' (up to 40 words with 'copyright'
# anywhere): it drops a sentence about a copyright case. Measured by bench/cv_html_lines.py, which also
# cross-validates a greedy choice among all the rule heads by site: it scores higher on the L3S-GN1 pages
# of 2008 and lower on every other source, so this fixed set stays.
DROPPED_HEADS = frozenset(("boilerplate cue", "link or address"))
# A copyright notice: short, with the sign, "rights reserved", or "Copyright 2019 ..." at its start.
COPYRIGHT_WORDS = 40
COPYRIGHT_YEAR = re.compile(r"\s*copyright\s+(?:\(c\)\s*)?\d{4}\b", re.IGNORECASE)
# Where a page states when it was first published, with the clock time (htmldate keeps only the day).
PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "article.published",
    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date", "dc.date.issued",
    "dc.date",
)  # fmt: skip
META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
TIME_TAG = re.compile(r"<time\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
STAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?P<zone>Z|[+-]\d\d:?\d\d)?")
UTC_ZONE = re.compile(r"Z|[+-]00:?00")


def render_text(html: str) -> str:
    """A plain-text rendering of a page: block elements become line breaks, scripts go."""
    text = _render_tree(html)
    if not text.strip():
        # lxml drops text nested deeper than its limit; a crude tag strip still finds it.
        text = _render_regex(html)
    return CONTROL_RE.sub("", text)


def _render_regex(html: str) -> str:
    html = SKIP_BLOCK_RE.sub(" ", html)
    html = BLOCK_TAG_RE.sub("\n", html)
    text = unescape(TAG_RE.sub(" ", html))
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _render_tree(html: str) -> str:
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError, RecursionError):
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

    try:
        walk(root)
    except RecursionError:
        return ""
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _words(text: str) -> int:
    return len(text.split())


def _extract(html: str, precision: bool) -> tuple[str, Metadata]:
    """trafilatura's text and metadata for one setting; empty when it fails."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            favor_precision=precision,
            favor_recall=not precision,
            date_extraction_params=DATE_PARAMS,
            fast=True,
        )
    except Exception:  # trafilatura raises many kinds of errors on broken pages
        return "", Metadata()
    if doc is None or isinstance(doc, dict):
        return "", Metadata()
    meta = Metadata(
        title=_plain(doc.title),
        author=_plain(doc.author),
        outlet=_plain(doc.sitename),
        date=_plain(doc.date),
    )
    return CONTROL_RE.sub("", doc.text or ""), meta


def _plain(value: str | None) -> str | None:
    """A metadata string without control characters, or None when empty."""
    value = CONTROL_RE.sub("", value or "").strip()
    return value or None


def _attributes(tag: str) -> dict[str, str]:
    """The attributes of one tag, names in lower case."""
    return {
        m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None) for m in ATTRIBUTE.finditer(tag)
    }


def published_stamp(html: str) -> str | None:
    """The page's own publication time stamp with its clock time ('2019-11-19T23:14:00-06:00'), if any.

    Looked for in the meta tags named for it, in the order of PUBLISHED_KEYS, then JSON-LD's
    datePublished, then a <time> element marked as the publication time.
    """
    found: dict[str, str] = {}
    for tag in META_TAG.findall(html):
        attributes = _attributes(tag)
        key = (
            attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
        ).lower()
        if key in PUBLISHED_KEYS and STAMP.match(attributes.get("content", "").strip()):
            found.setdefault(key, attributes["content"].strip())
    for key in PUBLISHED_KEYS:
        if key in found:
            return found[key]
    for value in JSON_LD_PUBLISHED.findall(html):
        if STAMP.match(value.strip()):
            return value.strip()
    for tag in TIME_TAG.findall(html):
        attributes = _attributes(tag)
        marked = attributes.get("itemprop", "").lower() == "datepublished" or "pubdate" in attributes
        if marked and STAMP.match(attributes.get("datetime", "").strip()):
            return attributes["datetime"].strip()
    return None


def is_local_stamp(stamp: str | None) -> bool:
    """Whether a time stamp is written in the page's local time: a clock time with a zone other than UTC."""
    match = STAMP.match(stamp or "")
    return bool(match and match.group("zone") and not UTC_ZONE.fullmatch(match.group("zone")))


def _stamped(meta: Metadata, stamp: str | None) -> Metadata:
    """The metadata dated by the page's own time stamp, when that names htmldate's day or the next.

    htmldate gives the day only, and from a UTC stamp the UTC day, which is the next day for an evening
    article in America: the stamp keeps the clock time and its zone for the dating stage.
    """
    if stamp and (meta.date is None or _within_a_day(stamp, meta.date)):
        return replace(meta, date=stamp)
    return meta


def _within_a_day(a: str, b: str) -> bool:
    """Whether the dates that open two metadata strings are the same day or next to each other."""
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days) <= 1
    except ValueError:
        return False


def clean_html(html: str) -> Cleaned:
    """Clean an HTML page: trafilatura's body and metadata, else the text path on a rendering."""
    # Precision mode scores best, but sometimes keeps only a fragment: then recall mode decides.
    body, meta = _extract(html, precision=True)
    reason = "body: kept by trafilatura (precision)"
    if _words(body) < RECALL_RETRY_WORDS:
        recall_body, recall_meta = _extract(html, precision=False)
        if _words(body) < FRAGMENT_SHARE * _words(recall_body):
            body, reason = recall_body, "body: kept by trafilatura (recall)"
            meta = recall_meta if recall_meta.title or not meta.title else meta
    meta = _stamped(meta, published_stamp(html))
    # A stamp in a local zone is the publication's local time; otherwise the page as a reader sees it
    # is kept, for the dating stage to prefer the date line it shows. It is also the fallback below.
    rendered = None if is_local_stamp(meta.date) else clean_text(render_text(html))
    if rendered is not None:
        meta = replace(meta, page=rendered.lines)
    if _words(body) < MIN_BODY_WORDS:
        fallback = rendered if rendered is not None else clean_text(render_text(html))
        fallback_words = sum(_words(line.text) for line in fallback.body_lines)
        if fallback_words > _words(body):
            merged = Metadata(
                title=meta.title or fallback.metadata.title,
                author=meta.author or fallback.metadata.author,
                outlet=meta.outlet,
                date=meta.date,
                page=meta.page,
            )
            return Cleaned(lines=fallback.lines, metadata=merged)
    lines = tuple(
        label_extracted(" ".join(text.split()), reason, i)
        for i, text in enumerate(body.splitlines())
        if text.strip()
    )
    return Cleaned(lines=lines, metadata=meta)


def label_extracted(text: str, reason: str, index: int) -> Line:
    """A line the extractor kept: body, unless the text path's own-line rules drop it as a DROPPED_HEADS kind.

    A newsletter offer, a copyright notice or a bare link inside the article's container is kept by
    trafilatura; the text path's cue and shape tests (`classify_line`) find it on either path.
    """
    cls, why = classify_line(text)
    if cls == BAD and why.partition(":")[0] in DROPPED_HEADS:
        return Line(text, Label.BOILERPLATE, why, index, index)
    notice = "©" in text or "rights reserved" in text.lower() or COPYRIGHT_YEAR.match(text)
    if notice and len(text.split()) <= COPYRIGHT_WORDS:
        return Line(text, Label.BOILERPLATE, "legal: copyright notice", index, index)
    return Line(text, Label.BODY, reason, index, index)
