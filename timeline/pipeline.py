"""The pipeline: a per-article map (document -> dated statements) followed by one merge."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from timeline.clean import clean_document, find_recurring_lines
from timeline.dating import describe_article
from timeline.load import DEFAULT_MAX_BYTES, decode_document, iter_paths, load_document
from timeline.merge import merge_statements
from timeline.models import (
    ArticleResult,
    Document,
    Event,
    Kind,
    Problem,
    Sentence,
    Timeline,
)
from timeline.sentences import split_sentences
from timeline.statements import find_statements
from timeline.temporal import find_expressions


@dataclass(frozen=True, slots=True)
class Options:
    """What a run is asked to do."""

    default_date: dt.date | None = None  # publication date for articles whose date is not found
    since: dt.date | None = None
    until: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def process_document(
    doc: Document, options: Options = Options(), recurring: frozenset[str] = frozenset()
) -> ArticleResult:
    """The per-article map: clean, date, split, find expressions, file statements."""
    cleaned = clean_document(doc, recurring)
    info = describe_article(doc.path, cleaned, options.default_date)
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for line in cleaned.body_lines:
        sentences.extend(split_sentences(line.text, offset, line.label))
        parts.append(line.text)
        offset += len(line.text) + 1
    body = "\n".join(parts)
    anchor = info.published if info.has_time else info.published_day
    exprs = find_expressions(body, anchor)
    statements = find_statements(info, sentences, exprs)
    problems: list[Problem] = []
    if not cleaned.body_lines:
        problems.append(Problem(doc.path, "no article text found (only boilerplate)", fatal=False))
    elif info.published is None:
        problems.append(
            Problem(doc.path, "no publication date found: relative dates left unresolved (see --date)", fatal=False)
        )
    return ArticleResult(doc.path, info, tuple(statements), tuple(problems), len(sentences))


def safe_process(doc: Document, options: Options, recurring: frozenset[str]) -> ArticleResult:
    """process_document, with any failure turned into a reported problem instead of a crash."""
    try:
        return process_document(doc, options, recurring)
    except RecursionError:
        return ArticleResult(doc.path, None, (), (Problem(doc.path, "too deeply nested to read"),))
    except Exception as exc:  # a bug must cost one file, not the run; the message names it
        reason = f"internal error while reading it ({type(exc).__name__}: {exc})"
        return ArticleResult(doc.path, None, (), (Problem(doc.path, reason),))


def iter_documents(paths: Iterable[str], options: Options) -> Iterator[Document | Problem]:
    """Every input as a decoded Document, or the Problem that kept it out."""
    for path in iter_paths(paths):
        if isinstance(path, Problem):
            yield path
        elif path == "-":
            yield decode_document("-", sys.stdin.buffer.read(options.max_bytes + 1))
        else:
            yield load_document(path, options.max_bytes)


def in_range(event: Event, options: Options) -> bool:
    """Whether an event overlaps the --since/--until window (undated events only without one)."""
    if options.since is None and options.until is None:
        return True
    if event.first_day is None or event.last_day is None:
        return False
    if options.since and event.last_day < options.since:
        return False
    return not (options.until and event.first_day > options.until)


def build_timeline(paths: Iterable[str], options: Options = Options()) -> Timeline:
    """Load every input, run the per-article map, merge into one chronology."""
    docs: list[Document] = []
    problems: list[Problem] = []
    for item in iter_documents(paths, options):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            docs.append(item)
    recurring = find_recurring_lines(doc.text for doc in docs if doc.kind is Kind.TEXT)
    results = [safe_process(doc, options, recurring) for doc in docs]
    return assemble(results, problems, options)


def assemble(results: Sequence[ArticleResult], problems: Sequence[Problem], options: Options) -> Timeline:
    """The merge step: events from all statements, articles and problems in stable order."""
    results = sorted(results, key=lambda result: result.path)
    statements = [statement for result in results for statement in result.statements]
    events = tuple(event for event in merge_statements(statements) if in_range(event, options))
    all_problems = [*problems, *(problem for result in results for problem in result.problems)]
    return Timeline(events, tuple(results), tuple(sorted(all_problems, key=lambda p: (p.path, p.reason))))
