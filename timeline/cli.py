"""The command line: options in, one library call, render, exit status. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer

from timeline import __version__
from timeline.load import DEFAULT_MAX_BYTES
from timeline.models import Problem, Timeline
from timeline.render import PLAIN_RENDERERS
from timeline.render.labels import safe


class ExitCode(IntEnum):
    """What a run's exit status says."""

    OK = 0  # every input was used
    SKIPPED = 1  # the output was made, but some files were skipped (named on stderr)
    USAGE = 2  # the command line was wrong
    NOTHING = 3  # no input could be used at all


app = typer.Typer(
    name="timeline",
    help="Turn a folder of news articles into one merged, dated, sourced chronology.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    """Print the version and stop."""
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn a folder of news articles into one merged, dated, sourced chronology."""


def _parse_day(value: str | None) -> dt.date | None:
    """An ISO day given on the command line."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2020-06-14") from None


def warn(message: str) -> None:
    """One line on standard error, safe for the terminal."""
    sys.stderr.write(f"timeline: {safe(message)}\n")


def write_atomically(path: str, text: str) -> None:
    """Write a file so that a crash never leaves half of it: a temporary file, then a rename."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report(timeline: Timeline, quiet: bool) -> ExitCode:
    """Name every file that was skipped or only partly used; return the exit status."""
    skipped = [problem for problem in timeline.problems if problem.fatal]
    used = [result for result in timeline.articles if result.info is not None]
    if not quiet:
        for problem in timeline.problems:
            kind = "skipped" if problem.fatal else "warning"
            warn(f"{problem.path}: {kind}: {problem.reason}")
        statements = sum(len(result.statements) for result in used)
        warn(
            f"{len(used)} article(s) read, {len(skipped)} file(s) skipped; "
            f"{statements} dated statement(s) in {len(timeline.events)} event(s)"
        )
    if not used:
        return ExitCode.NOTHING
    return ExitCode.SKIPPED if skipped else ExitCode.OK


def _problem_exit(problems: list[Problem], quiet: bool) -> None:
    """Exit on a problem with the command line itself."""
    if not quiet:
        for problem in problems:
            warn(f"{problem.path}: {problem.reason}")
    raise typer.Exit(ExitCode.USAGE)


BUILD_EPILOG = """Examples:

\b
  timeline build articles/                 # a table in a terminal, plain lines in a pipe
  timeline build articles/ -f json -o timeline.json
  timeline build a.txt b.html --since 2020-06-01 --until 2020-06-30 -f markdown
  cat article.txt | timeline build - --date 2020-06-14

Exit status: 0 all files used, 1 some files skipped (named on stderr), 2 bad command line,
3 no usable article.
"""


@app.command(epilog=BUILD_EPILOG)
def build(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files, folders (walked recursively), or - for stdin.")],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="auto (a table in a terminal, text in a pipe), rich, text, json, jsonl, markdown, csv.",
        ),
    ] = "auto",
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically).")] = None,
    since: Annotated[str | None, typer.Option(metavar="DAY", help="Only events ending on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(metavar="DAY", help="Only events starting on or before this day.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="DAY", help="Publication date to assume where none is found (YYYY-MM-DD).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(metavar="N", help="Skip files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on stderr.")] = False,
) -> None:
    """Build the chronology of the articles under PATHS."""
    from timeline.pipeline import Options, build_timeline  # heavy imports only when there is work

    formats = ("auto", "rich", *PLAIN_RENDERERS)
    if output_format not in formats:
        raise typer.BadParameter(f"{output_format!r}: choose one of {', '.join(formats)}", param_hint="--format")
    options = Options(
        default_date=_parse_day(date), since=_parse_day(since), until=_parse_day(until), max_bytes=max_bytes
    )
    timeline = build_timeline(paths, options)
    status = report(timeline, quiet)
    chosen = output_format
    if chosen == "auto":
        chosen = "rich" if output is None and sys.stdout.isatty() else "text"
    if chosen == "rich":
        from timeline.render.terminal import render_rich

        if output is None:
            render_rich(timeline, sys.stdout)
        else:
            import io

            buffer = io.StringIO()
            render_rich(timeline, buffer, width=160)
            write_atomically(output, buffer.getvalue())
    else:
        text = PLAIN_RENDERERS[chosen](timeline)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomically(output, text)
    raise typer.Exit(status)


def main() -> None:
    """Entry point of the console script."""
    app()
