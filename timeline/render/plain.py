"""Plain-text renderers: stable lines for pipes and reports (text, markdown)."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.merge import describe_evolution
from timeline.models import ArticleInfo, TimeExpr, Timeline
from timeline.render.labels import date_label, days_label, safe, source_label, tagged_text, tense_label


def render_text(timeline: Timeline) -> str:
    """One event per line: a date column, the statement, its sources; no wrapping, no colour."""
    labels = [date_label(event) for event in timeline.events]
    width = max((len(label) for label in labels), default=0)
    lines = []
    for label, event in zip(labels, timeline.events, strict=True):
        sources = "; ".join(source_label(source) for source in event.sources)
        evolution = describe_evolution(event)
        story = f"  story: {evolution}" if evolution else ""
        lines.append(safe(f"{label:<{width}}  {tagged_text(event)}  [{sources}]{story}"))
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, no line breaks."""
    return safe(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(timeline: Timeline) -> str:
    """A Markdown table: date, statement, sources."""
    lines = ["| Date | Statement | Sources | Story |", "| --- | --- | --- | --- |"]
    for event in timeline.events:
        sources = "<br>".join(_cell(source_label(source)) for source in event.sources)
        story = _cell(describe_evolution(event) or "")
        lines.append(f"| {_cell(date_label(event))} | {_cell(tagged_text(event))} | {sources} | {story} |")
    return "\n".join(lines) + "\n"


def render_expression_lines(info: ArticleInfo, exprs: Sequence[TimeExpr]) -> str:
    """An article's time expressions as tab-separated lines: text, type, value, mod, days, anchor, tense."""
    header = f"# {info.path}: published {info.published_iso or 'unknown'} ({info.date_source})"
    lines = [safe(header), "expression\ttype\tvalue\tmod\tdays\tanchor\ttense"]
    for expr in exprs:
        days = days_label(expr)
        cells = (expr.text, expr.type, expr.value, expr.mod or "", days, expr.anchor, tense_label(expr))
        lines.append("\t".join(safe(" ".join(cell.split())) for cell in cells))
    return "".join(line + "\n" for line in lines)
