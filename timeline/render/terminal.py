"""The rich table for a terminal: the one module that imports rich."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from timeline.merge import describe_evolution
from timeline.models import ArticleInfo, ArticleResult, TimeExpr, Timeline
from timeline.render.citations import citation, citation_style
from timeline.render.labels import date_label, days_label, event_tags, safe

CONTEXT_REACH = 40  # characters of the article shown on each side of an expression in `timeline tag`
NARROW = 100  # columns: below this the sources go under their statement, where they keep their width


def render_rich(timeline: Timeline, file: IO[str], width: int | None = None) -> None:
    """A table of events; article text is shown literally (never read as rich markup)."""
    console = Console(file=file, width=width, highlight=False, emoji=False, markup=False)
    narrow = console.width < NARROW
    style = citation_style(timeline)
    table = Table(show_lines=True, expand=True, title=f"{len(timeline.events)} events")
    if narrow:  # one column: the date as a heading, the statement, then its sources at full width
        table.add_column("Date, statement and sources")
    else:
        table.add_column("Date", style="bold cyan", no_wrap=True)
        table.add_column("Statement", ratio=3)
        table.add_column("Sources", ratio=2)
    for event in timeline.events:
        sources = Text("\n").join(
            Text(safe(citation(source, style)), style="bold yellow" if source.relation else "dim")
            for source in event.sources
        )
        tags = event_tags(event)
        statement = Text()
        if tags:
            statement.append(f"[{'; '.join(tags)}] ", style="bold magenta")
        statement.append(safe(event.text))
        evolution = describe_evolution(event)
        if evolution:
            statement.append("\nstory: " + safe(evolution), style="bold yellow")
        date = Text(date_label(event), style="bold cyan" if narrow else "")
        if narrow:
            table.add_row(Text("\n").join([date, statement, sources]))
        else:
            table.add_row(date, statement, sources)
    console.print(table)


def stderr_console() -> Console:
    """A console on standard error for messages and progress."""
    return Console(stderr=True, highlight=False, emoji=False, markup=False)


def render_expressions(info: ArticleInfo, body: str, exprs: Sequence[TimeExpr], file: IO[str]) -> None:
    """A table of an article's time expressions, their values and the days they denote."""
    console = Console(file=file, highlight=False, emoji=False, markup=False)
    published = info.published_iso or "unknown"
    table = Table(title=f"{safe(info.path)}: published {published} ({safe(info.date_source)})", expand=True)
    for name in ("Expression", "Type", "Value", "Mod", "Days", "Anchor", "Context"):
        table.add_column(name, no_wrap=name != "Context", ratio=3 if name == "Context" else None)
    for expr in exprs:
        days = days_label(expr)
        context = context_words(body, expr.start, expr.end)
        table.add_row(
            *(
                Text(safe(cell))
                for cell in (expr.text, expr.type, expr.value, expr.mod or "", days, expr.anchor, context)
            )
        )
    console.print(table)


def context_words(body: str, start: int, end: int, reach: int = CONTEXT_REACH) -> str:
    """The words around body[start:end], about `reach` characters each side, never cut mid-word."""
    left = max(0, start - reach)
    if left and not body[left - 1].isspace():  # inside a word: start at the next one
        left = next((i + 1 for i in range(left, start) if body[i].isspace()), start)
    right = min(len(body), end + reach)
    if right < len(body) and not body[right].isspace():  # inside a word: stop before it
        right = next((i for i in range(right, end, -1) if body[i - 1].isspace()), end)
    return " ".join(body[left:right].split())


@contextmanager
def progress_bar(total: int, console: Console | None = None) -> Iterator[Callable[[ArticleResult], None]]:
    """A progress bar on stderr (files done, statements, errors, rate); yields the per-file callback."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[statements]} statements, {task.fields[errors]} errors"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[rate]}"),
    )
    with Progress(*columns, console=console or stderr_console(), transient=True) as progress:
        task = progress.add_task("articles", total=total, statements=0, errors=0, rate="")
        counts = {"statements": 0, "errors": 0}

        def advance(result: ArticleResult) -> None:
            counts["statements"] += len(result.statements)
            counts["errors"] += sum(1 for problem in result.problems if problem.fatal)
            speed = progress.tasks[0].speed
            rate = f"{speed:.0f} files/s" if speed else ""
            progress.update(
                task, advance=1, rate=rate, statements=counts["statements"], errors=counts["errors"]
            )

        yield advance
