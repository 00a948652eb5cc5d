"""The pipeline: a per-article map (document -> dated statements) followed by one merge."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import os
import signal
import stat
import sys
import threading
import time
import typing
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from timeline.cache import Cache, Recorded, Scan, Stamp, content_hash, file_stamp, is_unchanged, rebase
from timeline.census import EMPTY, RecurringLines, count_recurring, take_census
from timeline.language import ENGLISH, detect_language
from timeline.load import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIME_BUDGET,
    Selection,
    decode_document,
    iter_paths,
    load_document,
)
from timeline.merge import merge_statements
from timeline.models import (
    ArticleInfo,
    ArticleResult,
    Cleaned,
    Document,
    Event,
    Problem,
    Sentence,
    Statement,
    TimeExpr,
    Timeline,
)
from timeline.statements import find_statements
from timeline.temporal import find_expressions

LEAD_LINES = 3  # a wire dateline opens one of an article's first lines


@dataclass(frozen=True, slots=True)
class Options:
    """What a run is asked to do."""

    default_date: dt.date | None = None  # publication date for articles whose date is not found
    since: dt.date | None = None
    until: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    time_budget: float = DEFAULT_TIME_BUDGET  # seconds per file: reading, decoding, cleaning, dating
    about: str | None = None  # keep the events relevant to this query
    top_dates: int | None = None  # keep only this many most important dates
    per_date: int = 1  # with top_dates: this many events per date
    kinds: frozenset[str] | None = None  # keep only events of these kinds (--kinds); None: all
    select: Selection = field(
        default_factory=Selection
    )  # which files of a walked folder are read (--glob, --exclude)


@dataclass(frozen=True, slots=True)
class Reading:
    """One article read: its identity, labelled lines, body text, sentences and time expressions."""

    info: ArticleInfo
    cleaned: Cleaned
    body: str
    sentences: tuple[Sentence, ...]
    exprs: tuple[TimeExpr, ...]


def read_article(
    doc: Document, default_date: dt.date | None, recurring: Container[str] = frozenset()
) -> Reading:
    """Clean, tell the language, date, split and tag one document."""
    # Imported here, where an article is read: a fully cached run reads none, and loads neither the
    # cleaner (trafilatura, lxml, its model) nor dateparser (0.4 s of imports together), nor the
    # sentence splitter (10 ms).
    from timeline.clean import clean_document
    from timeline.dating import describe_article
    from timeline.foreign import find_foreign_expressions, mark_datelines
    from timeline.sentences import split_sentences

    cleaned = clean_document(doc, recurring)
    language = detect_language("\n".join(line.text for line in cleaned.body_lines or cleaned.lines))
    if language != ENGLISH:
        cleaned = mark_datelines(cleaned, language, LEAD_LINES)
    info = describe_article(doc.path, cleaned, default_date, language)
    parts = [
        _without_dateline(line.text, language) if number < LEAD_LINES else line.text
        for number, line in enumerate(cleaned.body_lines)
    ]
    body = "\n".join(parts)
    if language == ENGLISH:
        exprs = find_expressions(body, info.published if info.has_time else info.published_day)
    else:  # the English grammar would misread another language: its own absolute dates only
        exprs = find_foreign_expressions(body, language, info.published_day)
    spans = [(expr.start, expr.end) for expr in exprs]
    sentences: list[Sentence] = []
    offset = 0
    for text, line in zip(parts, cleaned.body_lines, strict=True):
        sentences.extend(split_sentences(text, offset, line.label, spans))
        offset += len(text) + 1
    return Reading(info, cleaned, body, tuple(sentences), exprs)


def _without_dateline(text: str, language: str) -> str:
    """A lead line without the wire dateline it opens with, in the article's language."""
    from timeline.dating import strip_dateline  # as in read_article, its only caller
    from timeline.foreign import strip_lead_dateline

    return strip_dateline(text) if language == ENGLISH else strip_lead_dateline(text, language)


def unique_statements(statements: Iterable[Statement]) -> list[Statement]:
    """The first of each (sentence, date) an article repeats: a paragraph printed twice says it once."""
    seen: set[tuple[str, object, object, str]] = set()
    unique = []
    for statement in statements:
        expr = statement.expr
        key = (" ".join(statement.text.split()), expr.first_day, expr.last_day, expr.value)
        if key not in seen:
            seen.add(key)
            unique.append(statement)
    return unique


def article_expressions(
    doc: Document, default_date: dt.date | None
) -> tuple[ArticleInfo, str, tuple[TimeExpr, ...]]:
    """An article's identity, body and time expressions (for `timeline tag ARTICLE`)."""
    reading = read_article(doc, default_date)
    return reading.info, reading.body, reading.exprs


NO_ARTICLE_TEXT = "no article text found (only boilerplate)"  # build and clean warn with these words


def process_document(
    doc: Document, options: Options = Options(), recurring: Container[str] = frozenset()
) -> ArticleResult:
    """The per-article map: clean, date, split, find expressions, file statements."""
    reading = read_article(doc, options.default_date, recurring)
    info = reading.info
    statements = unique_statements(find_statements(info, reading.sentences, reading.exprs))
    unresolved = sum(
        1 for expr in reading.exprs if expr.anchor == "unresolved" and expr.type in ("DATE", "TIME")
    )
    problems: list[Problem] = []
    if not reading.cleaned.body_lines:
        problems.append(Problem(doc.path, NO_ARTICLE_TEXT, fatal=False))
    elif info.published is None:
        reason = "no publication date found" + (
            f": {unresolved} relative date(s) left unresolved (use --date DAY)"
            if unresolved
            else " (no relative date needed one)"
        )
        problems.append(Problem(doc.path, reason, fatal=False))
    return ArticleResult(
        doc.path, info, tuple(statements), tuple(problems), len(reading.sentences), unresolved
    )


class OutOfTime(BaseException):
    """A file took longer than the per-file time budget (a BaseException: no `except Exception` eats it)."""


def _out_of_time(signum: int, frame: object) -> None:
    raise OutOfTime


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OutOfTime in this block after `seconds` (main thread of a process only; else no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def over_budget(path: str, options: Options) -> Problem:
    """The problem of a file that took longer than the budget."""
    return Problem(path, f"took longer than the {options.time_budget:g} s budget per file")


def safe_process(doc: Document, options: Options, recurring: Container[str]) -> ArticleResult:
    """process_document, with any failure turned into a reported problem instead of a crash."""
    try:
        return process_document(doc, options, recurring)
    except RecursionError:
        reason = "too deeply nested to read"
    except MemoryError:
        reason = "too large to process in memory"
    except Exception as exc:  # a bug must cost one file, not the run; the message names it
        reason = f"internal error while reading it ({type(exc).__name__}: {exc})"
    return ArticleResult(doc.path, None, (), (Problem(doc.path, reason),))


def iter_documents(paths: Iterable[str], options: Options) -> Iterator[Document | Problem]:
    """Every input as a decoded Document, or the Problem that kept it out."""
    for path in iter_paths(paths, options.select):
        if isinstance(path, Problem):
            yield path
        else:
            yield read_document(path, options)


def read_document(path: str, options: Options) -> Document | Problem:
    """One input (a file, or `-` for standard input) as a Document, or why not."""
    if path == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            return Problem("-", f"too large (> --max-bytes {options.max_bytes:,})")
        return decode_document("-", data)
    return load_document(path, options.max_bytes)


def merge_cached(
    statements: Sequence[Statement], results: Sequence[ArticleResult], cache: Cache | None
) -> tuple[Event, ...]:
    """merge_statements, or the events of the last merge of the very same results (with a cache)."""
    if cache is None:
        return merge_statements(statements)
    key = cache.run_key(results)
    events = cache.get_events(key, statements)
    if events is None:
        events = merge_statements(statements)
        cache.put_events(key, statements, events)
    return events


def in_range(event: Event, options: Options) -> bool:
    """Whether an event overlaps the --since/--until window (undated events only without one)."""
    if options.since is None and options.until is None:
        return True
    if event.first_day is None or event.last_day is None:
        return False
    if options.since and event.last_day < options.since:
        return False
    return not (options.until and event.first_day > options.until)


@dataclass(frozen=True, slots=True)
class Scanned:
    """A file after the first pass: the document read (None when its cached scan made reading needless)."""

    path: str
    item: Document | Problem | None
    scan: Scan | None = None  # content hash, kind, loading notes and census; None for a Problem
    seconds: float = 0.0  # of the file's time budget spent in this pass (the second pass has the rest)
    stamp: Stamp | None = None  # the file's stamp before this pass read it (with a cache)


def scan_path(path: str, options: Options, cache: Cache | None) -> Scanned:
    """The first pass over one file, within the budget: its cached scan if unchanged, else read and census."""
    start = time.monotonic()
    try:
        with time_budget(options.time_budget):
            scanned = _scan(path, options, cache)
    except OutOfTime:
        return Scanned(path, over_budget(path, options))
    return replace(scanned, seconds=time.monotonic() - start)


def _scan(path: str, options: Options, cache: Cache | None) -> Scanned:
    """Read, decode and take the census of a file, once; a file unchanged since a cached run is not opened."""
    info = _stat(path) if cache and path != "-" else None
    stamp = file_stamp(info) if info else None
    if cache and info and info.st_size <= options.max_bytes:
        scan = cache.get_scan(path, info)
        if scan is not None:
            return Scanned(path, None, scan, stamp=stamp)
    item = safe_read(path, options)
    if isinstance(item, Problem):
        return Scanned(path, item)
    scan = Scan(content_hash(item) if cache else "", item.kind, item.notes, take_census(item))
    if cache and info:
        cache.put_scan(path, info, scan)
    return Scanned(path, item, scan, stamp=stamp)


def _stat(path: str) -> os.stat_result | None:
    """A regular file's status, or None (the loader names what is wrong with anything else)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def finish_path(
    scanned: Scanned, options: Options, recurring: frozenset[int], cache: Cache | None, look_up: bool = True
) -> ArticleResult:
    """The second pass over one file, within the budget: its cached result, else the per-article work.

    `look_up`: False when the cache was asked already (and had no valid result). The budget is what the
    first pass left of the file's budget: reading and decoding count too.
    """
    left = options.time_budget - scanned.seconds
    if options.time_budget > 0 and left <= 0:
        return ArticleResult(scanned.path, None, (), (over_budget(scanned.path, options),))
    try:
        with time_budget(left if options.time_budget > 0 else 0):
            return _finish(scanned, options, recurring, cache, look_up)
    except OutOfTime:
        return ArticleResult(scanned.path, None, (), (over_budget(scanned.path, options),))


def _finish(
    scanned: Scanned, options: Options, recurring: frozenset[int], cache: Cache | None, look_up: bool
) -> ArticleResult:
    """A file's result: from the cache when its content, settings and shared lines were seen, else computed.

    `recurring`: the hashes of the file's own lines that recur across the run's articles.
    """
    path, item, scan = scanned.path, scanned.item, scanned.scan
    if isinstance(item, Problem) or scan is None:
        problem = item if isinstance(item, Problem) else Problem(path, "not read")
        return ArticleResult(path, None, (), (problem,))
    key = cache.key(scan.content, options.default_date, recurring) if cache else ""
    if cache and look_up:
        hit = cache.get(key, scan.content, path)
        if hit is not None:
            return with_notes(hit, scan.notes)
    notes = scan.notes
    if item is None:  # its text was dropped after the first pass, or its scan came from the cache: read it
        item = safe_read(path, options)
        if isinstance(item, Problem):
            return ArticleResult(path, None, (), (item,))
        if cache and content_hash(item) != scan.content:
            # a result of other bytes must not be stored under the first read's content
            cache, notes = None, (*notes, CHANGED_DURING_RUN)
    result = safe_process(item, options, RecurringLines(recurring))
    if cache and result.info is not None:
        cache.put(key, scan.content, result)
    return with_notes(result, notes)


CHANGED_DURING_RUN = "changed while the run read it: its result is of the second read, not cached"


def safe_read(path: str, options: Options) -> Document | Problem:
    """read_document, with an unforeseen failure costing this one file, never the run."""
    try:
        return read_document(path, options)
    except RecursionError:
        return Problem(path, "too deeply nested to read")
    except MemoryError:
        return Problem(path, "too large to read in memory")
    except Exception as exc:  # the loader handles every known failure; this is the last resort
        return Problem(path, f"internal error while reading it ({type(exc).__name__}: {exc})")


def with_notes(result: ArticleResult, notes: Sequence[str]) -> ArticleResult:
    """A result with what loading its file noted (invalid bytes replaced, ...) as warnings."""
    if not notes:
        return result
    found = tuple(Problem(result.path, note, fatal=False) for note in notes)
    return replace(result, problems=(*found, *result.problems))


# One worker's memory: its largest peak RSS measured was 155 MB (boilerplate-wide/dev, 1,970 pages).
WORKER_MEMORY = 160 * 1024 * 1024
_WORKER: dict[str, object] = {}


def worker_cap() -> int:
    """The most worker processes this machine can usefully run: its cores, and its free memory per worker."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    memory = available_memory()
    by_memory = memory // WORKER_MEMORY if memory else cores
    return max(1, min(cores, by_memory))


def available_memory() -> int | None:
    """Bytes of memory available for new processes (Linux's MemAvailable, else free pages), or None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        return None


def count_workers(jobs: int, files: int) -> int:
    """Worker processes for a run: what was asked, no more than the files, no more than the machine holds."""
    return max(1, min(jobs, files, worker_cap()))


def _set_worker_state(options: Options, cache: Cache | None) -> None:
    """Keep the run's settings where the batch functions find them."""
    _WORKER.update(options=options, cache=cache)


def _init_worker(options: Options, cache: Cache | None) -> None:
    """A worker process: the run's settings, sent once; Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _set_worker_state(options, cache)


@contextmanager
def collection(enabled: bool) -> Iterator[None]:
    """Python's cycle collector on or off in this block, as it was after.

    Off where a run only gathers results: its results, statements, events and output records are
    hundreds of thousands of objects without cycles, freed by their reference counts, which the
    collector traversed again and again (0.09 s of a cached re-run's 1.2 s of CPU on 2,000 files).
    On again for the per-article work (parsers, dateparser), which leaves cycles behind.
    """
    was = gc.isenabled()
    if enabled:
        gc.enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def _scan_batch(paths: Sequence[str]) -> tuple[list[Scanned], list[str]]:
    """scan_path over a batch with the worker's settings, and the cache entries it found invalid."""
    cache: Cache | None = _WORKER["cache"]  # type: ignore[assignment]
    with collection(enabled=True):
        scanned = [without_document(scan_path(path, _WORKER["options"], cache)) for path in paths]  # type: ignore[arg-type]
    return scanned, cache.take_rejected() if cache else []


def without_document(scanned: Scanned) -> Scanned:
    """A file's first pass without its text, which the second pass reads again."""
    # The run never holds every text at once (at 1,000 files: 17 MB in the main process between the two
    # passes); a second read and decode costs little against the per-article work.
    return replace(scanned, item=None) if isinstance(scanned.item, Document) else scanned


def _finish_batch(
    tasks: Sequence[tuple[Scanned, frozenset[int], bool]],
) -> tuple[list[ArticleResult], list[str]]:
    """finish_path over a batch with the worker's settings, and the cache entries it found invalid."""
    cache: Cache | None = _WORKER["cache"]  # type: ignore[assignment]
    options: Options = _WORKER["options"]  # type: ignore[assignment]
    with collection(enabled=True):
        results = [finish_path(scanned, options, own, cache, look_up) for scanned, own, look_up in tasks]
    return results, cache.take_rejected() if cache else []


@contextmanager
def worker_pool(workers: int, options: Options, cache: Cache | None) -> Iterator[ProcessPoolExecutor]:
    """One pool for the run; on an interrupt or an early exit its workers are stopped, never orphaned."""
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options, cache))
    try:
        yield pool
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now (they ignore Ctrl-C, so they are killed).

    Killed, not terminated: a worker that ran the parent's SIGTERM handler would wait, on its way out,
    to flush the results it queued (whole documents, after the first pass) into a pipe no one reads.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)


def _batches(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def map_articles(
    paths: Sequence[str], options: Options, jobs: int = 1, cache: Cache | None = None
) -> Iterator[ArticleResult]:
    """Run the per-file map over the paths on up to `jobs` processes, yielding results in path order."""
    files = [path for path in paths if path != "-"]
    workers = count_workers(jobs, len(files))
    if workers <= 1:
        _set_worker_state(options, cache)
        yield from _map_files(map, paths, options, cache)
        return
    with ExitStack() as stack:
        pools: list[ProcessPoolExecutor] = []

        def on_pool(function: Callable[..., Any], batches: Sequence[Any]) -> Iterable[Any]:
            """The pool's map, the pool started at its first work (a fully cached run needs none)."""
            if not batches:
                return []
            if not pools:
                pools.append(stack.enter_context(worker_pool(workers, options, cache)))
            return pools[0].map(function, batches, chunksize=1)

        _set_worker_state(options, cache)
        yield from _map_files(on_pool, paths, options, cache, max(1, min(32, len(files) // (workers * 8))))


def _map_files(
    mapper: Callable[..., Iterable[Any]],
    paths: Sequence[str],
    options: Options,
    cache: Cache | None,
    size: int = 32,
) -> Iterator[ArticleResult]:
    """Two passes over batches of files with `mapper` (map or a pool's); a worker holds one batch's texts.

    The first reads, decodes and takes the census of each file, keeping only the census (a file unchanged
    since a cached run is not opened: its census is in the cache); the run's recurring lines follow from
    all of them; the second reads each file again and cleans, dates and tags it with its own recurring
    lines (or finds its result in the cache). Standard input is read here, once, and kept.
    """
    files = [path for path in paths if path != "-"]
    recorded = _recorded_results(files, options, cache) if cache and "-" not in paths else None
    if recorded is not None:
        yield from recorded
        return
    known = {path: scan for path in files if (scan := _known_scan(path, options, cache))}
    fresh = [path for path in files if path not in known]
    read = dict(zip(fresh, _collect(mapper(_scan_batch, _batches(fresh, size)), cache), strict=True))
    scanned = {path: known.get(path) or read[path] for path in files}
    if "-" in paths:
        scanned["-"] = scan_path("-", options, cache)
    recurring = count_recurring([item.scan.census for item in scanned.values() if item.scan is not None])
    tasks = [(without_census(scanned[path]), _own_lines(scanned[path], recurring)) for path in paths]
    scanned.clear()  # the scans travel with the tasks, their censuses counted and dropped
    done = _known_results(tasks, known, options, cache)
    todo = [
        (item, own, item.path not in known) for index, (item, own) in enumerate(tasks) if index not in done
    ]
    computed = iter(_collect(mapper(_finish_batch, _batches(todo, size)), cache))
    record: list[Recorded | None] = []
    for index, (item, _own) in enumerate(tasks):
        result = done[index] if index in done else next(computed)
        record.append(_recorded(item, result, cache))
        yield result
    if cache and "-" not in paths and all(record):
        cache.put_record(files, options.default_date, typing.cast(list[Recorded], record))


def _recorded(scanned: Scanned, result: ArticleResult, cache: Cache | None) -> Recorded | None:
    """What the run's record keeps of a file whose result is cached; None for one it cannot vouch for."""
    scan, key = scanned.scan, cache.keys.get(scanned.path) if cache else None
    if scan is None or scanned.stamp is None or key is None or result.info is None:
        return None
    if any(problem.reason == CHANGED_DURING_RUN for problem in result.problems):
        return None  # its result is of a second read, not of the content recorded
    return Recorded(scanned.stamp, scan.content, scan.notes, key)


def _recorded_results(files: Sequence[str], options: Options, cache: Cache) -> list[ArticleResult] | None:
    """Every file's cached result, by the record of the last run over these files; None unless none changed.

    None when a file's stamp differs, or may hide a change, or an entry is gone: the run then reads what
    changed and counts the shared lines again (a file of the same content keeps its result).
    """
    found = cache.get_record(files, options.default_date)
    if found is None:
        return None
    record, written = found
    for path, file in zip(files, record, strict=True):
        info = _stat(path)
        if info is None or info.st_size > options.max_bytes or not is_unchanged(file.stamp, info, written):
            return None
    files_of: dict[str, list[tuple[int, str, str, tuple[str, ...]]]] = {}
    for index, (path, file) in enumerate(zip(files, record, strict=True)):
        files_of.setdefault(file.key, []).append((index, path, file.content, file.notes))
    rejected = len(cache.rejected)
    results: list[Any] = [None] * len(files)
    for named in _shared_results(cache, files_of):
        if named is None:
            del cache.rejected[rejected:]  # the run that follows reads the entry again, and says so once
            return None
        for index, result in named:
            results[index] = result
    cache.keys.update((path, file.key) for path, file in zip(files, record, strict=True))
    return results


def _shared_results(
    cache: Cache, files_of: dict[str, list[tuple[int, str, str, tuple[str, ...]]]]
) -> Iterator[list[tuple[int, ArticleResult]] | None]:
    """Per result key, its entry read and checked once, then named after each of its files (index, path,
    content, notes) with the file's own notes; None for a key whose entry is missing or invalid."""
    for key, files in files_of.items():
        shared = cache.get_shared(key, files[0][2])
        if shared is None:
            yield None
        else:
            yield [(index, with_notes(rebase(shared, path), notes)) for index, path, _, notes in files]


def without_census(scanned: Scanned) -> Scanned:
    """A file's first pass without its census, once the run's recurring lines are counted."""
    # The second pass needs only the file's own recurring lines: the census held on (about 6.6 MB per
    # 1,000 files of line hashes) and went to the workers again with each task.
    scan = scanned.scan
    return replace(scanned, scan=replace(scan, census=EMPTY)) if scan is not None else scanned


def _known_scan(path: str, options: Options, cache: Cache | None) -> Scanned | None:
    """A file's first pass from the cache when it has not changed since (no pool needed), else None."""
    info = _stat(path) if cache else None
    if cache is None or info is None or info.st_size > options.max_bytes:
        return None
    scan = cache.get_scan(path, info)
    return Scanned(path, None, scan, stamp=file_stamp(info)) if scan else None


def _known_results(
    tasks: Sequence[tuple[Scanned, frozenset[int]]],
    known: Container[str],
    options: Options,
    cache: Cache | None,
) -> dict[int, ArticleResult]:
    """The cached results of the tasks whose file was not read (`known`: found unchanged), by task number.

    Every result's key is noted in the cache, for the key of the run's merge. Files of the same content
    and recurring lines have the same key: its entry is read and checked once, then named after each file
    (and let go: a run of distinct files holds no second copy of its results).
    """
    if cache is None:
        return {}
    files_of: dict[str, list[tuple[int, str, str, tuple[str, ...]]]] = {}  # by result key, in task order
    for index, (item, own) in enumerate(tasks):
        if item.scan is None:
            continue
        key = cache.keys[item.path] = cache.key(item.scan.content, options.default_date, own)
        if item.path in known:
            files_of.setdefault(key, []).append((index, item.path, item.scan.content, item.scan.notes))
    return dict(itertools.chain.from_iterable(named for named in _shared_results(cache, files_of) if named))


def _own_lines(scanned: Scanned, recurring: frozenset[int]) -> frozenset[int]:
    """The hashes of a file's lines that recur across the run."""
    return scanned.scan.census.lines & recurring if scanned.scan is not None and recurring else frozenset()


def _collect(outputs: Iterable[tuple[list[Any], list[str]]], cache: Cache | None) -> Iterator[Any]:
    """The items of each batch in turn; the invalid cache entries it reports go to the run's cache."""
    for items, rejected in outputs:
        if cache is not None:
            cache.rejected.extend(rejected)
        yield from items


def build_timeline(
    paths: Iterable[str],
    options: Options = Options(),
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Callable[[ArticleResult], None] | None = None,
    mapper: Callable[[Sequence[str], Options], Iterable[ArticleResult]] | None = None,
) -> Timeline:
    """Find the inputs, run the per-article map (in parallel, or with `mapper`), merge into one chronology."""
    files: list[str] = []
    problems: list[Problem] = []
    for item in iter_paths(paths, options.select):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            files.append(item)
    results = []
    mapped = mapper(files, options) if mapper else map_articles(files, options, jobs, cache)
    try:
        for result in mapped:
            if progress:
                progress(result)
            results.append(result)
    finally:  # interrupted here, between two results: the map's workers are stopped now, not at exit
        close = getattr(mapped, "close", None)
        if close is not None:
            close()
    return assemble(results, problems, options, None if mapper else cache)


def assemble(
    results: Sequence[ArticleResult],
    problems: Sequence[Problem],
    options: Options,
    cache: Cache | None = None,
) -> Timeline:
    """The merge step: events from all statements, articles and problems in stable order."""
    results = sorted(results, key=lambda result: result.path)
    statements = [statement for result in results for statement in result.statements]
    events = tuple(
        event
        for event in merge_cached(statements, results, cache)
        if in_range(event, options) and (options.kinds is None or event.kind in options.kinds)
    )
    if options.about or options.top_dates:
        from timeline.summarize import focus_events, top_dates  # it loads the cleaner's patterns

        if options.about:
            events = focus_events(events, options.about)
        if options.top_dates:
            events = top_dates(events, options.top_dates, options.per_date)
    all_problems = [*problems, *(problem for result in results for problem in result.problems)]
    return Timeline(events, tuple(results), tuple(sorted(all_problems, key=lambda p: (p.path, p.reason))))
