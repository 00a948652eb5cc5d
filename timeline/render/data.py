"""Data renderers: JSON, JSON Lines and CSV, with every source's provenance."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from timeline.merge import describe_evolution
from timeline.models import ArticleResult, Event, Problem, Source, Timeline
from timeline.render.labels import UNSAFE, date_label, safe, safe_path


def source_record(source: Source) -> dict[str, Any]:
    """One source of an event: the article it comes from and its own statement."""
    statement, article = source.statement, source.statement.article
    return {
        "file": safe_path(article.path),
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published_iso,
        "text": statement.text,
        "expression": statement.expr.text,
        "span": [statement.expr.start, statement.expr.end],
        "attributed_to": statement.attributed_to,
        "relation": source.relation,
        "kind": statement.kind,
        "caption": statement.caption,
        "parts": statement.parts,
    }


def event_record(event: Event) -> dict[str, Any]:
    """An event as the JSON contract describes it."""
    relations = sorted({source.relation for source in event.sources if source.relation})
    return {
        "date": event.value,
        "start": event.first_day.isoformat() if event.first_day else None,
        "end": event.last_day.isoformat() if event.last_day else None,
        "granularity": event.granularity,
        "modifier": event.mod,
        "label": date_label(event),
        "kind": event.kind,
        "other_dates": list(event.other_dates),
        "text": event.text,
        "story": relations[0] if len(relations) == 1 else ("/".join(relations) or None),
        "evolution": describe_evolution(event),
        "sources": [source_record(source) for source in event.sources],
    }


def article_record(result: ArticleResult) -> dict[str, Any]:
    """An article, its identity and counts."""
    info = result.info
    return {
        "file": safe_path(result.path),
        "published": info.published_iso if info else None,
        "date_source": info.date_source if info else None,
        "title": info.title if info else None,
        "outlet": info.outlet if info else None,
        "author": info.author if info else None,
        "language": info.language if info else None,
        "sentences": result.sentences,
        "statements": len(result.statements),
        "unresolved": result.unresolved,
    }


def error_record(problem: Problem) -> dict[str, Any]:
    """A file that failed or was noted, and why."""
    return {
        "file": safe_path(problem.path),
        "reason": problem.reason,
        "skipped": problem.fatal or problem.note,
    }


def iter_records(timeline: Timeline) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """The whole run's three lists, each record made when it is asked for."""
    yield "events", (event_record(event) for event in timeline.events)
    yield "articles", (article_record(result) for result in timeline.articles if result.info)
    yield "errors", (error_record(problem) for problem in timeline.problems)


def timeline_record(timeline: Timeline) -> dict[str, Any]:
    """The whole run: events, articles, errors."""
    return {name: list(records) for name, records in iter_records(timeline)}


def _dumps(record: dict[str, Any], indent: int | None = None) -> str:
    """JSON with control and bidi characters as \\u escapes: the same data, but inert on a terminal."""
    if indent is None:
        text = json.dumps(record, ensure_ascii=False)
    else:
        parts: list[str] = []
        _write_indented(record, parts, "\n", " " * indent)
        text = "".join(parts)
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _write_indented(value: Any, out: list[str], newline: str, step: str) -> None:
    """Append the bytes of `json.dumps(value, ensure_ascii=False, indent=...)` to `out`.

    Python's encoder indents only in pure Python, one generator per container; this walk appends
    to one list and escapes strings with the C `encode_basestring`, for the same text about a
    third faster. Other scalars (floats) go to json.dumps itself.
    """
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif (kind is dict or kind is list) and not value:
        out.append("{}" if kind is dict else "[]")
    elif kind is dict:
        inner, separator = newline + step, "{"
        for key, item in value.items():
            out.append(f"{separator}{inner}{_key_text(key)}: ")
            _write_indented(item, out, inner, step)
            separator = ","
        out.append(newline + "}")
    elif kind is list:
        inner, separator = newline + step, "["
        for item in value:
            out.append(separator + inner)
            _write_indented(item, out, inner, step)
            separator = ","
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif kind is bool:
        out.append("true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif isinstance(value, dict):
        _write_indented(dict(value), out, newline, step)
    elif isinstance(value, (list, tuple)):
        _write_indented(list(value), out, newline, step)
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def _key_text(key: object) -> str:
    """A key as JSON writes it: a string, or a number, boolean or null turned into one."""
    if type(key) is str:
        return encode_basestring(key)
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]  # '{"1": 0}' -> '"1"'


def render_json(timeline: Timeline) -> str:
    """`{"events": [...], "articles": [...], "errors": [...]}`, indented, stable."""
    return "".join(iter_json(timeline))


def iter_json(timeline: Timeline) -> Iterator[str]:
    """render_json in pieces, one record at a time: a run of 50,000 files is never one string in memory.

    Each record is indented on its own and shifted under its list (JSON strings hold no raw newline), which
    gives the bytes of json.dumps(timeline_record(...), indent=2).
    """
    yield "{"
    for number, (name, records) in enumerate(iter_records(timeline)):
        yield f"{',' if number else ''}\n  {json.dumps(name)}: ["
        empty = True
        for record in records:
            yield ("\n    " if empty else ",\n    ") + _dumps(record, indent=2).replace("\n", "\n    ")
            empty = False
        yield "]" if empty else "\n  ]"
    yield "\n}\n"


def render_jsonl(timeline: Timeline) -> str:
    """One event per line."""
    return "".join(_dumps(event_record(event)) + "\n" for event in timeline.events)


CSV_COLUMNS = (
    "event",
    "date",
    "start",
    "end",
    "granularity",
    "modifier",
    "kind",
    "event_text",
    "file",
    "outlet",
    "title",
    "published",
    "relation",
    "caption",
    "attributed_to",
    "expression",
    "source_text",
)


def render_csv(timeline: Timeline) -> str:
    """One row per (event, source), so a spreadsheet keeps every source's provenance."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # cells pass through safe(): CSV has no escapes of its own
    writer.writerow(CSV_COLUMNS)
    for number, event in enumerate(timeline.events, start=1):
        record = event_record(event)
        for source in record["sources"]:
            row = [
                number,
                record["date"],
                record["start"],
                record["end"],
                record["granularity"],
                record["modifier"],
                record["kind"],
                record["text"],
                source["file"],
                source["outlet"],
                source["title"],
                source["published"],
                source["relation"],
                source["caption"],
                source["attributed_to"],
                source["expression"],
                source["text"],
            ]
            writer.writerow([safe(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()
