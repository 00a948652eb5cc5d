"""Plain-text renderers: stable lines for pipes and reports (text, markdown)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from timeline.merge import describe_evolution
from timeline.models import ArticleInfo, Event, TimeExpr, Timeline
from timeline.render.citations import CitationStyle, citation, citation_style
from timeline.render.labels import date_label, days_label, safe, source_label, tagged_text, tense_label

DATE_SHARE = 3  # the date column takes at most a third of the width; wider, the date gets a line of its own


def render_text(timeline: Timeline, width: int | None = None) -> str:
    """Each event as its date and statement on one line, its sources on the next; or wrapped to `width`."""
    labels = [date_label(event) for event in timeline.events]
    column = max((len(label) for label in labels), default=0)
    style = citation_style(timeline)
    lines: list[str] = []
    for label, event in zip(labels, timeline.events, strict=True):
        if width is None:
            lines.extend(_event_lines(label.ljust(column), event, style))
        else:
            lines.extend(_event_block(label, column, event, style, width))
    return "".join(line + "\n" for line in lines)


def _event_lines(label: str, event: Event, style: CitationStyle) -> list[str]:
    """'date  statement', then under the statement '(source; source)  story: ...', each unwrapped."""
    sources = "; ".join(citation(source, style) for source in event.sources)
    evolution = describe_evolution(event)
    story = f"  story: {evolution}" if evolution else ""
    pad = " " * (len(label) + 2)
    return [safe(f"{label}  {tagged_text(event)}"), safe(f"{pad}({sources}){story}")]


def _event_block(label: str, column: int, event: Event, style: CitationStyle, width: int) -> list[str]:
    """An event wrapped to `width`: the statement beside its date, then one indented line per source."""
    indent = column + 2
    head: list[str] = []
    if indent > width // DATE_SHARE:
        head, indent = _wrap(safe(label), width, "", ""), 2
    pad = " " * indent
    first = f"{label:<{column}}  " if not head else pad
    body = _wrap(safe(tagged_text(event)), width, first, pad) or [first.rstrip()]
    cited = [f"- {citation(source, style)}" for source in event.sources]
    evolution = describe_evolution(event)
    if evolution:
        cited.append(f"story: {evolution}")
    more = [line for text in cited for line in _wrap(safe(text), width, pad, pad + "  ")]
    return [*head, *body, *more]


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """Lines of at most `width` columns (a word longer than that is cut), hyphenated words kept whole."""
    return textwrap.wrap(
        text, max(width, len(first) + 1), initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


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
