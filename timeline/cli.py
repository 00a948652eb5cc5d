"""The command line: options in, one library call, render, exit status. Nothing else lives here."""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import io
import logging
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from enum import IntEnum
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer

from timeline import __version__
from timeline.load import DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET
from timeline.models import Problem, Timeline
from timeline.render import PLAIN_RENDERERS, render_expression_lines, render_text
from timeline.render.data import iter_json
from timeline.render.labels import safe, safe_path

if TYPE_CHECKING:
    from timeline.cache import Cache
    from timeline.cluster import TlsFiles

# With --format auto, `-o FILE` takes its format from the file's suffix.
SUFFIX_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}
MIN_WIDTH = 20  # columns: narrower, a date label alone would not fit on a line
MAX_WIDTH = 1000  # columns: wider than any screen; a rich table pads every line to its width
FILE_WIDTH = 160  # columns of a rich table written to a file (no terminal to measure)
MAX_TIME_BUDGET = 1_000_000  # seconds (11 days): far above any real need, within every timer's range
MAX_STEM_BYTES = 200  # room for '-<hash>', '-<n>' and '.txt' within a file name's 255 bytes


class ExitCode(IntEnum):
    """What a run's exit status says."""

    OK = 0  # every input was used
    SKIPPED = 1  # the output was made, but some files were skipped (named on stderr)
    USAGE = 2  # the command line was wrong
    NOTHING = 3  # no input could be used at all
    UNWRITABLE = 4  # the output file could not be written


MAIN_EPILOG = """Examples:

\b
  timeline build articles/                 # the chronology, as a table in a terminal
  timeline build articles/ -f json -o timeline.json
  timeline clean page.txt --explain        # why each line of a page was kept or dropped
  timeline tag article.txt                 # the time expressions of one article, resolved

Run `timeline COMMAND --help` for each command's options.
"""

app = typer.Typer(
    name="timeline",
    help="Turn a folder of news articles into one merged, dated, sourced chronology.",
    epilog=MAIN_EPILOG,
    no_args_is_help=True,
    add_completion=True,  # --install-completion for bash, zsh, fish and PowerShell
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


def usage_error(message: str) -> NoReturn:
    """A value no run can use: one line, exit status 2."""
    warn(message)
    raise typer.Exit(ExitCode.USAGE)


def _check_max_bytes(value: int) -> None:
    """--max-bytes is a size a file can have and a read can ask for."""
    if not 1 <= value < sys.maxsize:
        usage_error(f"--max-bytes {value}: give a number of bytes from 1 to {sys.maxsize - 1}")


def _parse_day(value: str | None) -> dt.date | None:
    """An ISO day given on the command line."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2020-06-14") from None


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (tests pretend either way by replacing this)."""
    return sys.stdout.isatty()


def warn(message: str) -> None:
    """One line on standard error, safe for the terminal."""
    sys.stderr.write(f"timeline: {safe(message)}\n")


def write_atomically(path: str, text: str | Iterable[str]) -> None:
    """Write a file so that a crash never leaves half of it: a temporary file, then a rename."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", path)
    if target.exists() and not target.is_file():  # /dev/stdout, a FIFO: write through, never replace it
        with open(target, "w", encoding="utf-8", newline="") as out:
            write_text(out, text)
        return
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=".timeline-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            write_text(out, text)
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(out: TextIO, text: str | Iterable[str]) -> None:
    """A text, or the pieces of one (a large JSON run is never one string in memory)."""
    if isinstance(text, str):
        out.write(text)
    else:
        out.writelines(text)


def _file_mode(target: Path) -> int:
    """The mode a written file gets: the old file's, else what the umask gives a new file (as `>` does)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(path: str, text: str | Iterable[str]) -> None:
    """write_atomically, with a failure turned into one message and exit status 4."""
    try:
        write_atomically(path, text)
    except OSError as exc:
        warn(f"{safe_path(path)}: cannot write the output: {(exc.strerror or str(exc)).lower()}")
        raise typer.Exit(ExitCode.UNWRITABLE) from None


@contextmanager
def stdout_errors() -> Iterator[None]:
    """Writing to standard output, flushed; a full disk, an I/O error or a closed pipe is one line, exit 4."""
    try:
        yield
        sys.stdout.flush()
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        _silence_stdout()
        warn(f"standard output: cannot write the output: {reason}")
        raise typer.Exit(ExitCode.UNWRITABLE) from None


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's buffer): nothing to silence
        pass


def write_stdout(text: str | Iterable[str]) -> None:
    """Text, or its pieces, on standard output (see stdout_errors)."""
    with stdout_errors():
        write_text(sys.stdout, text)


def _check_run_options(jobs: int | None, time_budget: float, max_bytes: int) -> int:
    """Refuse run settings no run can have (exit 2); the number of workers asked for."""
    if not 0 < time_budget <= MAX_TIME_BUDGET:  # NaN too
        usage_error(f"--time-budget {time_budget}: give seconds above 0, at most {MAX_TIME_BUDGET:,}")
    _check_max_bytes(max_bytes)
    if jobs is not None and jobs < 1:
        usage_error(f"--jobs {jobs}: the number of worker processes is 1 or more")
    return jobs or os.cpu_count() or 1


def cluster_mapper(stack: ExitStack, address: str, tls: TlsFiles | None, shared: bool = False) -> Any:
    """The per-article map on the cluster at `address`; a bad address exits 2, an unreachable one 3."""
    from timeline.cluster import ClusterAddressError, ClusterUnavailable, connect, map_on_cluster

    try:
        client = stack.enter_context(connect(address, tls))
    except ClusterAddressError as exc:
        warn(str(exc))
        raise typer.Exit(ExitCode.USAGE) from None
    except ClusterUnavailable as exc:
        warn(str(exc))
        raise typer.Exit(ExitCode.NOTHING) from None
    return partial(map_on_cluster, client, shared=shared)


def tls_files(ca_file: str | None, cert: str | None, key: str | None) -> TlsFiles | None:
    """The TLS options as one value: all three, or none (then Dask's configuration is used)."""
    from timeline.cluster import TlsFiles

    given = [value for value in (ca_file, cert, key) if value]
    if not given:
        return None
    if len(given) < 3:
        usage_error("give all three of --tls-ca-file, --tls-cert and --tls-key, or none")
    return TlsFiles(ca_file or "", cert or "", key or "")


def open_cache(folder: str, quiet: bool) -> Cache | None:
    """The run's cache, or None (with one line) when its folder is not safe to read entries from."""
    from timeline.cache import Cache, folder_problem

    problem = folder_problem(Path(folder))
    if problem:
        if not quiet:
            warn(f"{safe_path(folder)}: cache not used: {problem}")
        return None
    return Cache(folder)


def problem_line(problem: Problem) -> str:
    """'path: skipped: reason' (not used), 'path: warning: ...' (used), 'path: note: ...' (not an article)."""
    kind = "skipped" if problem.fatal else "note" if problem.note else "warning"
    return f"{safe_path(problem.path)}: {kind}: {problem.reason}"


def report(timeline: Timeline, quiet: bool) -> ExitCode:
    """Name every file that was skipped or only partly used; return the exit status."""
    skipped = [problem for problem in timeline.problems if problem.fatal]
    used = [result for result in timeline.articles if result.info is not None]
    if not quiet:
        for problem in timeline.problems:
            warn(problem_line(problem))
        statements = sum(len(result.statements) for result in used)
        warn(
            f"{len(used)} article(s) read, {len(skipped)} file(s) skipped; "
            f"{statements} dated statement(s) in {len(timeline.events)} event(s)"
        )
    if not used:
        if not quiet and not timeline.problems:
            warn("no files found under the given paths")
        return ExitCode.NOTHING
    return ExitCode.SKIPPED if skipped else ExitCode.OK


BUILD_EPILOG = """Examples:

\b
  timeline build articles/                 # a table in a terminal, plain lines in a pipe
  timeline build articles/ -f json -o timeline.json
  timeline build articles/ -o timeline.html   # one self-contained page to open in a browser
  timeline build a.txt b.html --since 2020-06-01 --until 2020-06-30 -f markdown
  timeline build archive/ --glob '*.html' --exclude 'drafts/*'
  find archive -newer last.txt -name '*.txt' | timeline build --files-from -
  cat article.txt | timeline build - --date 2020-06-14

Exit status: 0 all files used, 1 some files skipped (named on stderr), 2 bad command line,
3 no usable article, 4 the output could not be written.
"""


def _parse_kinds(value: str | None) -> frozenset[str] | None:
    """The --kinds list as a set, every name checked."""
    if value is None:
        return None
    from timeline.models import EVENT_KINDS

    names = frozenset(name.strip().lower() for name in value.split(",") if name.strip())
    unknown = sorted(names - set(EVENT_KINDS))
    if unknown or not names:
        raise typer.BadParameter(
            f"{', '.join(unknown) or repr(value)}: choose among {', '.join(EVENT_KINDS)}",
            param_hint="--kinds",
        )
    return names


# The file selection options, the same on `build` and `clean`
GlobOption = Annotated[
    list[str] | None,
    typer.Option("--glob", metavar="PATTERN", help="In folders, read only files matching (repeatable)."),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(metavar="PATTERN", help="In folders, skip files matching (repeatable)."),
]


@app.command(epilog=BUILD_EPILOG)
def build(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", hidden=True, show_default=False),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="auto (a table in a terminal, text in a pipe, by suffix with -o), rich, text, json, jsonl, "
            "markdown, csv, html, timelinejs.",
        ),
    ] = "auto",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically); - is stdout."),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(metavar="N", help="Wrap text (and the rich table) to N columns.", show_default=False),
    ] = None,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    files_from: Annotated[
        str | None,
        typer.Option(
            metavar="FILE", help="Read the paths from FILE (- for stdin), one a line or NUL-separated."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DAY", help="Only events ending on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DAY", help="Only events starting on or before this day.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DAY", help="Publication date to assume where none is found (YYYY-MM-DD)."
        ),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(metavar="N", help="Skip files larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    time_budget: Annotated[
        float,
        typer.Option(
            metavar="SECONDS", help="Skip a file whose reading and processing take longer than this."
        ),
    ] = DEFAULT_TIME_BUDGET,
    about: Annotated[
        str | None, typer.Option(metavar="QUERY", help="Keep the statements relevant to this query.")
    ] = None,
    top: Annotated[
        int | None,
        typer.Option("--top-dates", metavar="N", help="A summary: the N most important dates only."),
    ] = None,
    per_date: Annotated[
        int | None,
        typer.Option(
            metavar="K", help="With --top-dates: K statements per date (default 1).", show_default=False
        ),
    ] = None,
    kinds: Annotated[
        str | None,
        typer.Option(
            metavar="LIST",
            help="Only events of these kinds, comma-separated: happened, scheduled, expected, deadline, "
            "ongoing (default: all, plans and deadlines marked).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="Worker processes, 1 or more (default: the number of cores; never more than the files, "
            "the cores or what memory holds).",
            show_default=False,
        ),
    ] = None,
    cache: Annotated[
        str | None,
        typer.Option(metavar="DIR", help="Keep per-article results here; re-runs skip unchanged files."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(metavar="ADDRESS", help="Run the per-article map on a Dask cluster (tcp://host:8786)."),
    ] = None,
    workers_read_files: Annotated[
        bool,
        typer.Option(
            help="With --cluster: the workers read the files from the same paths (a shared file system)."
        ),
    ] = False,
    tls_ca_file: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="With --cluster tls://: the CA of the cluster's certificates."),
    ] = None,
    tls_cert: Annotated[
        str | None, typer.Option(metavar="FILE", help="With --cluster tls://: this client's certificate.")
    ] = None,
    tls_key: Annotated[
        str | None, typer.Option(metavar="FILE", help="With --cluster tls://: this client's private key.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on stderr.")] = False,
) -> None:
    """Build the chronology of the articles under each PATH.

    PATH is a file, a folder (walked recursively) or - for one article on standard input.
    """
    from timeline.cluster import ClusterUnavailable  # heavy imports only when there is work
    from timeline.load import Selection
    from timeline.pipeline import Options, build_timeline, collection

    with collection(enabled=False):  # a build gathers results: no cycles to collect (the workers' are)
        chosen = choose_format(output_format, output)
        workers = _check_run_options(jobs, time_budget, max_bytes)
        _check_build_options(top, per_date, width, cluster, cache)
        options = Options(
            default_date=_parse_day(date),
            since=_parse_day(since),
            until=_parse_day(until),
            max_bytes=max_bytes,
            time_budget=time_budget,
            about=about,
            top_dates=top,
            per_date=per_date or 1,
            kinds=_parse_kinds(kinds),
            select=Selection(tuple(glob or ()), tuple(exclude or ())),
        )
        if options.since and options.until and options.since > options.until:
            usage_error(f"--since {options.since} is after --until {options.until}: the window keeps nothing")
        inputs = gather_inputs(paths or [], files_from)
        store = open_cache(cache, quiet) if cache else None
        with ExitStack() as stack:
            mapper = None
            if cluster:
                tls = tls_files(tls_ca_file, tls_cert, tls_key)
                mapper = cluster_mapper(stack, cluster, tls, workers_read_files)
            run = partial(build_timeline, inputs, options, workers, store, mapper=mapper)
            try:
                if quiet or not sys.stderr.isatty():
                    timeline = run()
                else:
                    from timeline.load import iter_paths
                    from timeline.render.terminal import progress_bar

                    total = sum(1 for _ in iter_paths(inputs, options.select))
                    with progress_bar(total) as advance:
                        timeline = run(progress=advance)
            except ClusterUnavailable as exc:  # the cluster failed during the run
                warn(str(exc))
                raise typer.Exit(ExitCode.NOTHING) from None
        status = report(timeline, quiet)
        if not quiet:
            report_filters(timeline, options)
        if store and store.rejected and not quiet:
            warn(
                f"{safe_path(str(store.folder))}: {len(store.rejected)} cache entr(ies) did not validate and "
                f"were recomputed (first: {store.rejected[0]})"
            )
        write_timeline(timeline, chosen, output, width)
        raise typer.Exit(status)


def choose_format(output_format: str, output: str | None) -> str:
    """The format to write: as asked, or by the -o file's suffix, or by whether stdout is a terminal."""
    formats = ("auto", "rich", *PLAIN_RENDERERS)
    if output_format not in formats:
        raise typer.BadParameter(
            f"{output_format!r}: choose one of {', '.join(formats)}", param_hint="--format"
        )
    if output_format != "auto":
        return output_format
    if output is not None and output != "-":
        return SUFFIX_FORMATS.get(Path(output).suffix.lower(), "text")
    return "rich" if stdout_is_terminal() else "text"


def _check_build_options(
    top: int | None, per_date: int | None, width: int | None, cluster: str | None, cache: str | None
) -> None:
    """Refuse build options no run can use (exit 2, one line)."""
    if top is not None and top < 1:
        usage_error(f"--top-dates {top}: give a number of dates, 1 or more")
    if per_date is not None and top is None:
        usage_error("--per-date only applies to a summary: give --top-dates N with it")
    if per_date is not None and per_date < 1:
        usage_error(f"--per-date {per_date}: give a number of statements per date, 1 or more")
    if width is not None and not MIN_WIDTH <= width <= MAX_WIDTH:
        usage_error(f"--width {width}: give a number of columns from {MIN_WIDTH} to {MAX_WIDTH}")
    if cluster and cache:
        usage_error("--cache works on this machine's runs only: leave it out with --cluster")


def gather_inputs(paths: list[str], files_from: str | None) -> list[str]:
    """The paths given and those listed by --files-from; none at all is a usage error."""
    from timeline.load import read_path_list

    inputs = list(paths)
    if files_from is not None:
        if files_from == "-" and "-" in inputs:
            usage_error("--files-from - and the path - both want standard input: give one of them")
        listed = read_path_list(files_from)
        if isinstance(listed, Problem):
            usage_error(f"--files-from {safe_path(listed.path)}: {listed.reason}")
        inputs.extend(listed)
    if not inputs and files_from is None:
        usage_error("give the files or folders to read (or --files-from FILE)")
    return inputs


def report_filters(timeline: Timeline, options: Any) -> None:
    """Say so when --about or the --since/--until window left nothing of a run that had events."""
    if timeline.events or not any(result.statements for result in timeline.articles):
        return
    asked = [
        f"{name} {value}"
        for name, value in (
            ("--about", options.about),
            ("--since", options.since),
            ("--until", options.until),
        )
        if value
    ]
    if asked:
        warn(f"no event left after {' and '.join(asked)}: the output is empty")


def write_timeline(timeline: Timeline, chosen: str, output: str | None, width: int | None) -> None:
    """Render in the chosen format to the -o file (atomically) or to standard output (`-o -` included)."""
    to_stdout = output is None or output == "-"
    if chosen == "rich":
        from timeline.render.terminal import render_rich

        if to_stdout:
            with stdout_errors():
                render_rich(timeline, sys.stdout, width=width)
            return

        buffer = io.StringIO()
        render_rich(timeline, buffer, width=width or FILE_WIDTH)
        write_output(str(output), buffer.getvalue())
        return
    text: str | Iterable[str]
    if chosen == "text":
        text = render_text(timeline, width)
    elif chosen == "json":
        text = iter_json(timeline)
    elif chosen == "html" and not to_stdout:  # links to the articles go from the page's own folder
        from timeline.render.html import render_html

        text = render_html(timeline, base=os.path.dirname(str(output)) or ".")
    else:
        text = PLAIN_RENDERERS[chosen](timeline)
    if to_stdout:
        write_stdout(text)
    else:
        write_output(str(output), text)


def tag_documents(path: str, handle: IO[bytes] | None = None) -> ExitCode:
    """`timeline tag DOCS.jsonl`: one tagged line per good line; a bad line is named and skipped."""
    from timeline.temporal.tag import tag_line

    try:
        handle = handle or open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        warn(f"{safe_path(path)}: {(exc.strerror or str(exc)).lower()}")
        return ExitCode.NOTHING
    tagged = skipped = 0
    with handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = tag_line(raw.decode("utf-8"), number)
            except UnicodeDecodeError:
                warn(f"{safe_path(path)}: line {number}: not UTF-8, skipped")
                skipped += 1
                continue
            except ValueError as exc:
                warn(f"{safe_path(path)}: {exc}, skipped")
                skipped += 1
                continue
            if line is not None:
                write_stdout(line + "\n")
                tagged += 1
    if skipped:
        return ExitCode.SKIPPED if tagged else ExitCode.NOTHING
    return ExitCode.OK


def is_json_lines(data: bytes) -> bool:
    """Whether input is JSON Lines (its first non-blank line opens an object) rather than an article."""
    first = next((line.strip() for line in data.lstrip(codecs.BOM_UTF8).splitlines() if line.strip()), b"")
    return first.startswith(b"{")


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM: raised past click, which would print "Aborted!" and exit 1."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def main() -> None:
    """Entry point of the console script: Ctrl-C ends the run with one line and exit status 130."""
    logging.getLogger().setLevel(logging.ERROR)  # libraries' chatter is not ours to print: we report problems
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        app()
    except Interrupted as stop:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the goodbye
        sys.stderr.write("timeline: interrupted\n")
        sys.stderr.flush()
        # Out now: every `with` has run; the exit handlers would wait for the worker pool's thread,
        # which waits forever for the rest of a result a worker was writing when it was killed.
        os._exit(128 + int(stop.args[0]))


CLEAN_EPILOG = """Examples:

\b
  timeline clean page.txt                  # the article body, on standard output
  timeline clean saved/ --output-dir clean/   # one clean/<stem>.txt per input
  timeline clean page.html --explain       # each line's decision and its reason
"""


@app.command(epilog=CLEAN_EPILOG)
def clean(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", hidden=True, show_default=False)],
    output_dir: Annotated[
        str | None,
        typer.Option("--output-dir", "-d", metavar="DIR", help="Write one <stem>.txt per input here."),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every line's decision and its reason.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(metavar="N", help="Skip files larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on stderr.")] = False,
) -> None:
    """Print each article's body as kept (no title, byline, dateline or boilerplate).

    PATH is a file, a folder (walked recursively) or - for one article on standard input.
    """
    from timeline.clean import clean_document, explain_lines, find_recurring_lines
    from timeline.load import Selection
    from timeline.models import Kind
    from timeline.pipeline import NO_ARTICLE_TEXT, Options, iter_documents

    _check_max_bytes(max_bytes)
    select = Selection(tuple(glob or ()), tuple(exclude or ()))
    items = list(iter_documents(paths, Options(max_bytes=max_bytes, select=select)))
    docs = [item for item in items if not isinstance(item, Problem)]
    problems = [item for item in items if isinstance(item, Problem)]
    recurring = find_recurring_lines(doc.text for doc in docs if doc.kind is Kind.TEXT)
    inputs = {os.path.realpath(doc.path) for doc in docs if doc.path != "-"}
    used_names: set[str] = set()
    for doc in docs:
        cleaned = clean_document(doc, recurring)
        # what loading noted (a page nested past the parser, bytes replaced), a lost article: as `build` says
        problems.extend(Problem(doc.path, note, fatal=False) for note in doc.notes)
        if not cleaned.body_lines:
            problems.append(Problem(doc.path, NO_ARTICLE_TEXT, fatal=False))
        if explain:
            text = "".join(line + "\n" for line in explain_lines(cleaned))
        else:
            text = "".join(line.text + "\n" for line in cleaned.body_lines)
        if output_dir is None:
            heading = f"==> {safe_path(doc.path)} <==\n" if len(docs) > 1 else ""
            write_stdout(heading + safe_lines(text))
            continue
        name, renamed = output_name(doc.path, paths, used_names)
        problems.extend(write_clean_file(doc.path, text, os.path.join(output_dir, name), renamed, inputs))
    if not quiet:
        for problem in problems:
            warn(problem_line(problem))
    if not docs:
        raise typer.Exit(ExitCode.NOTHING)
    raise typer.Exit(ExitCode.SKIPPED if any(problem.fatal for problem in problems) else ExitCode.OK)


def output_name(path: str, given: list[str], used: set[str]) -> tuple[str, bool]:
    """`sub/<stem>.txt` for a file found in sub/ below a given folder, `<stem>.txt` for a file given by name;
    numbered (and True) when an earlier input took that name."""
    relative = os.path.basename(path) if path != "-" else "stdin"
    for folder in given:
        prefix = os.path.join(folder, "")
        if folder != "-" and path.startswith(prefix) and os.path.isdir(folder):
            relative = path[len(prefix) :]
            break
    folder, base = os.path.split(relative)
    name, renamed = _unique_name(os.path.splitext(base)[0], used, folder)
    return os.path.join(folder, name), renamed


def write_clean_file(path: str, text: str, target: str, renamed: bool, inputs: set[str]) -> list[Problem]:
    """Write one cleaned article under --output-dir; a failure is a problem, a numbered name a note."""
    if os.path.realpath(target) in inputs:
        return [Problem(path, f"not written: {target} is one of the inputs")]
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        write_atomically(target, text)
    except OSError as exc:
        return [Problem(path, f"not written to {target}: {(exc.strerror or str(exc)).lower()}")]
    if renamed:
        return [Problem(path, f"written as {target}: an earlier input took its name", fatal=False, note=True)]
    return []


def safe_lines(text: str) -> str:
    """Terminal-safe text, line by line (newlines kept)."""
    return "\n".join(safe(line) for line in text.split("\n"))


def _unique_name(stem: str, used: set[str], folder: str = "") -> tuple[str, bool]:
    """`<stem>.txt`, numbered when two inputs share a stem in a folder, cut to fit a name's 255 bytes."""
    if len(os.fsencode(stem)) > MAX_STEM_BYTES:
        digest = hashlib.sha1(os.fsencode(stem)).hexdigest()[:10]
        stem = os.fsencode(stem)[:MAX_STEM_BYTES].decode("utf-8", errors="ignore") + "-" + digest
    name, number = f"{stem}.txt", 1
    while os.path.join(folder, name) in used:
        number += 1
        name = f"{stem}-{number}.txt"
    used.add(os.path.join(folder, name))
    return name, number > 1


TAG_EPILOG = """Examples:

\b
  timeline tag docs.jsonl > tagged.jsonl   # {"id","dct","text"} lines in, scorer's format out
  timeline tag article.txt                 # a table of the article's expressions and values
"""


@app.command(epilog=TAG_EPILOG)
def tag(
    path: Annotated[
        str,
        typer.Argument(metavar="INPUT", hidden=True),
    ],
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DAY", help="Publication date for an article that has none."),
    ] = None,
) -> None:
    """Find and resolve time expressions: TempEval-style JSON Lines, or a table for one article.

    INPUT is a .jsonl file of {"id", "dct", "text"} lines, an article file, or - for either on
    standard input.
    """
    from timeline.load import decode_document
    from timeline.pipeline import Options, article_expressions, read_document

    day = _parse_day(date)
    if path.endswith((".jsonl", ".json")):
        raise typer.Exit(tag_documents(path))
    if path == "-":  # standard input holds JSON Lines or one article: its first line tells which
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
        if is_json_lines(data):
            raise typer.Exit(tag_documents(path, io.BytesIO(data)))
        item = decode_document(path, data[:DEFAULT_MAX_BYTES])
    else:
        item = read_document(path, Options())
    if isinstance(item, Problem):
        warn(f"{safe_path(item.path)}: {item.reason}")
        raise typer.Exit(ExitCode.NOTHING)
    info, body, exprs = article_expressions(item, day)
    if stdout_is_terminal():
        from timeline.render.terminal import render_expressions

        with stdout_errors():
            render_expressions(info, body, exprs, sys.stdout)
    else:
        write_stdout(render_expression_lines(info, exprs))
    raise typer.Exit(ExitCode.OK)
