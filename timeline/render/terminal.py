"""The rich table for a terminal: the one module that imports rich."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from timeline.models import Timeline
from timeline.render.labels import date_label, safe, source_label


def render_rich(timeline: Timeline, file: IO[str], width: int | None = None) -> None:
    """A table of events; article text is shown literally (never read as rich markup)."""
    console = Console(file=file, width=width, highlight=False, emoji=False, markup=False)
    table = Table(show_lines=True, expand=True, title=f"{len(timeline.events)} events")
    table.add_column("Date", style="bold cyan", no_wrap=True)
    table.add_column("Statement", ratio=3)
    table.add_column("Sources", ratio=2, style="dim")
    for event in timeline.events:
        sources = Text()
        for i, source in enumerate(event.sources):
            if i:
                sources.append("\n")
            style = "bold yellow" if source.relation else ""
            sources.append(safe(source_label(source)), style=style)
        table.add_row(Text(date_label(event)), Text(safe(event.text)), sources)
    console.print(table)


def stderr_console() -> Console:
    """A console on standard error for messages and progress."""
    return Console(stderr=True, highlight=False, emoji=False, markup=False)
