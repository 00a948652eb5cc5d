"""`timeline tag`: TIMEX3 tagging of JSON Lines documents, and a table of one article's expressions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from timeline.temporal import find_expressions, find_resolved


def parse_dct(value: str | None) -> dt.date | None:
    """The date part of an ISO date or date-time ('1998-12-05T09:42' -> 1998-12-05), None when absent."""
    if not value:
        return None
    return dt.date.fromisoformat(str(value).strip()[:10])


def timexes(text: str, dct: dt.date | dt.datetime | None) -> list[dict[str, object]]:
    """The TimeML reading of every expression in `text`: start, end, text, type, value, mod."""
    out: list[dict[str, object]] = []
    for found in find_resolved(text, dct):
        e = found.expr
        for start, end, type_, value, mod in found.timeml or ((e.start, e.end, e.type, e.value, e.mod),):
            item: dict[str, object] = {
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": type_,
                "value": value,
            }
            if mod:
                item["mod"] = mod
            out.append(item)
    return out


def tag_jsonl(lines: Iterable[str]) -> Iterator[str]:
    """One `{"id", "timexes": [...]}` JSON line per `{"id", "dct", "text"}` line (blank lines skipped)."""
    for n, line in enumerate(lines, 1):
        tagged = tag_line(line, n)
        if tagged is not None:
            yield tagged


def tag_line(line: str, n: int = 1) -> str | None:
    """The scorer's JSON line for one `{"id","dct","text"}` line, None for a blank one; ValueError if bad."""
    if not line.strip():
        return None
    try:
        doc = json.loads(line)
    except ValueError as err:
        raise ValueError(f"line {n}: invalid JSON ({err})") from None
    if not isinstance(doc, dict) or "text" not in doc:
        raise ValueError(f"line {n}: not a JSON object with a 'text'")
    try:
        dct = parse_dct(doc.get("dct"))
    except ValueError:
        raise ValueError(f"line {n}: 'dct' is not an ISO date: {doc.get('dct')!r}") from None
    out = {"id": doc.get("id", str(n)), "timexes": timexes(str(doc["text"]), dct)}
    return json.dumps(out, ensure_ascii=False)


def expression_rows(text: str, dct: dt.date | dt.datetime | None) -> list[dict[str, str]]:
    """One row per expression for a table view: span, text, type, value, mod, days, anchor and tense."""
    rows = []
    for e in find_expressions(text, dct):
        rows.append(
            {
                "span": f"{e.start}-{e.end}",
                "text": e.text,
                "type": e.type,
                "value": e.value,
                "mod": e.mod or "",
                "first_day": e.first_day.isoformat() if e.first_day else "",
                "last_day": e.last_day.isoformat() if e.last_day else "",
                "granularity": e.granularity,
                "anchor": e.anchor,
                "tense": f"{e.tense} ({e.tense_from})" if e.tense else "",
            }
        )
    return rows
