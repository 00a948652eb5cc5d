"""One event from many sources: statements about the same happening on the same dates merged.

Merging is a pure function of the set of statements: every grouping and every tie is decided by
stable keys, so the order in which files were read never changes the output.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from timeline.models import Event, Source, Statement

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
STEM_LENGTH = 5  # a prefix stem: 'Russia'/'Russian', 'postponed'/'postpones' compare equal
MIN_SHARED = 3  # content words two statements must share to be one event
MIN_OVERLAP = 0.4  # shared content words over the smaller statement's

# Words by which a later report changes the story an earlier one told.
UPDATE_CUES = re.compile(
    r"\b(?:postpon\w*|put off|puts off|call(?:s|ed)? off|cancel\w*|delay\w*|scrap\w*|suspend\w*|"
    r"reschedul\w*|halt\w*|abandon\w*|withdr[ae]w\w*|revised|raised|lowered|rose to|climbed to|"
    r"now says|has been moved|moved to|pushed back)\b",
    re.IGNORECASE,
)
CONTRADICT_CUES = re.compile(
    r"\b(?:den(?:y|ies|ied)|refut\w*|reject(?:s|ed)? (?:reports?|claims?)|not true|false|"
    r"no such|never happened|did not take place|didn't take place)\b",
    re.IGNORECASE,
)


@cache
def stopwords() -> frozenset[str]:
    """General English function words, from the package data."""
    text = resources.files("timeline").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    words = (word for line in text.splitlines() if not line.startswith("#") for word in line.split())
    return frozenset(words)


def content_stems(statement: Statement) -> frozenset[str]:
    """Stems of a statement's content words, its time expression left out."""
    text = statement.text[: statement.expr.start] + " " + statement.text[statement.expr.end :]
    stop = stopwords()
    words = (word.lower().strip("'’-") for word in WORD.findall(text))
    return frozenset(word[:STEM_LENGTH] for word in words if len(word) > 2 and word not in stop)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two stem sets (0 when they share fewer than MIN_SHARED)."""
    shared = len(a & b)
    if shared < MIN_SHARED:
        return 0.0
    return shared / min(len(a), len(b))


def statement_key(statement: Statement) -> tuple[str, str, int, int, str]:
    """A stable sort key: publication time, file, position in the file."""
    published = statement.article.published
    return (
        published.isoformat() if published else "9999",
        statement.article.path,
        statement.order,
        statement.expr.start,
        statement.text,
    )


def date_key(statement: Statement) -> tuple[dt.date | None, dt.date | None, str]:
    """Statements are only merged when they denote the same days."""
    expr = statement.expr
    return (expr.first_day, expr.last_day, expr.value if expr.first_day is None else "")


def cluster(statements: Sequence[Statement]) -> list[list[Statement]]:
    """Group same-date statements that share enough content words (single link, stable order)."""
    ordered = sorted(statements, key=statement_key)
    stems = [content_stems(statement) for statement in ordered]
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            if similarity(stems[i], stems[j]) >= MIN_OVERLAP:
                a, b = root(i), root(j)
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Statement]] = defaultdict(list)
    for i, statement in enumerate(ordered):
        groups[root(i)].append(statement)
    return [groups[key] for key in sorted(groups)]


def relate(statements: Sequence[Statement]) -> tuple[Source, ...]:
    """Sources in publication order, a later report that changes the story marked as such."""
    sources = []
    earlier_text = ""
    first_published = statements[0].article.published
    for statement in statements:
        relation = None
        later = statement.article.published and first_published and statement.article.published > first_published
        if later and earlier_text:
            if _new_cue(CONTRADICT_CUES, statement.text, earlier_text):
                relation = "contradicts"
            elif _new_cue(UPDATE_CUES, statement.text, earlier_text):
                relation = "updates"
        sources.append(Source(statement, relation))
        earlier_text += " " + statement.text
    return tuple(sources)


def _new_cue(cues: re.Pattern[str], text: str, earlier: str) -> bool:
    """Whether `text` has a cue word that no earlier report had."""
    found = {match.group().lower() for match in cues.finditer(text)}
    return bool(found) and not found <= {match.group().lower() for match in cues.finditer(earlier)}


def headline_statement(statements: Sequence[Statement]) -> Statement:
    """The most informative statement: the most central, then the longest, then the earliest."""
    stems = [content_stems(statement) for statement in statements]

    def score(i: int) -> tuple[float, int, int]:
        centrality = sum(len(stems[i] & stems[j]) for j in range(len(statements)) if j != i)
        return (-centrality, -len(stems[i]), i)

    return statements[min(range(len(statements)), key=score)]


def event_sort_key(event: Event) -> tuple[int, str, str, str, str, str]:
    """Chronological order; undated events (the future, unresolved) last; ties by text and source."""
    first = event.sources[0].statement.article.path if event.sources else ""
    if event.first_day is None or event.last_day is None:
        return (1, event.value, "", "", event.text, first)
    return (0, event.first_day.isoformat(), event.last_day.isoformat(), event.value, event.text, first)


def merge_statements(statements: Iterable[Statement]) -> tuple[Event, ...]:
    """All statements as events: one per happening, each with every source that reports it."""
    by_date: dict[tuple[object, ...], list[Statement]] = defaultdict(list)
    for statement in statements:
        by_date[date_key(statement)].append(statement)
    events = []
    for group in by_date.values():
        for members in cluster(group):
            sources = relate(members)
            head = headline_statement(members)
            expr = head.expr
            events.append(
                Event(
                    value=expr.value,
                    first_day=expr.first_day,
                    last_day=expr.last_day,
                    granularity=expr.granularity,
                    mod=expr.mod,
                    text=head.text,
                    sources=sources,
                )
            )
    return tuple(sorted(events, key=event_sort_key))
