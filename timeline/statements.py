"""Dated statements: a body sentence filed under the date of what it reports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from timeline.models import ArticleInfo, Sentence, Statement, TimeExpr

# Expressions that place no event in time on their own: the present of the writer, the vague past.
UNDATING_VALUES = frozenset({"PRESENT_REF", "PAST_REF"})
DATING_TYPES = frozenset({"DATE", "TIME"})
# A date attached to the act of reporting ("said on Monday", "told reporters Tuesday"), not to what is
# reported: when a sentence holds another date, the statement is filed under that other one.
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+\w+|announced|reported|stated|added|confirmed|wrote|tweeted|"
    r"according\s+to\s+(?:a|an|the)?\s*\w*\s*(?:statement|report)?)\s*(?:on|late|early)?\s*$",
    re.IGNORECASE,
)
REPORTING_AFTER = re.compile(r"^\W{0,3}(?:'s|’s)\s+(?:statement|announcement|report)\b", re.IGNORECASE)

ATTRIBUTION_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"according to (?P<who>(?:the |a |an )?[A-Z][\w.'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'’-]*){0,5}"
        r"(?:\s+(?:statement|report|officials?|sources?))?|a separate statement|a statement|sources|"
        r"officials|witnesses|activists|residents)",
        r"[,\"”]\s*(?P<who>(?:[A-Z][\w.'’-]*\s+){0,6}?[A-Za-z][\w.'’-]*)\s+(?:said|says|reported|"
        r"told\s+\w+|added|announced|stated|wrote|tweeted)\b",
        r"[,\"”]\s*(?:said|says|reported|added)\s+(?P<who>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5})",
    )
)


def is_dating(expr: TimeExpr) -> bool:
    """Whether an expression can date a statement: a resolved calendar time, or the future."""
    if expr.type not in DATING_TYPES or expr.value in UNDATING_VALUES:
        return False
    if expr.value == "FUTURE_REF":
        return True
    return expr.first_day is not None and expr.last_day is not None


def find_attribution(text: str) -> str | None:
    """Who a statement is credited to: 'activists', "Russia's TASS", 'the Turkish statement'."""
    for pattern in ATTRIBUTION_PATTERNS:
        match = pattern.search(text)
        if match:
            who = match.group("who").strip(" ,.")
            if who and who.lower() not in {"he", "she", "it", "they", "we", "i", "you"}:
                return who
            if who:
                return who.lower()
    return None


def _is_reporting_date(sentence: str, expr: TimeExpr) -> bool:
    """Whether the expression dates the act of reporting rather than what is reported."""
    return bool(
        REPORTING_BEFORE.search(sentence[max(0, expr.start - 40) : expr.start])
        or REPORTING_AFTER.match(sentence[expr.end : expr.end + 20])
    )


def choose_dates(sentence: str, exprs: Sequence[TimeExpr]) -> list[TimeExpr]:
    """The expressions a sentence is filed under: one per distinct date, reporting dates last resort."""
    dating = [expr for expr in exprs if is_dating(expr)]
    reported = [expr for expr in dating if not _is_reporting_date(sentence, expr)]
    chosen = reported or dating
    distinct: dict[tuple[object, ...], TimeExpr] = {}
    for expr in chosen:
        key = (expr.first_day, expr.last_day, expr.value if expr.first_day is None else None)
        distinct.setdefault(key, expr)
    return list(distinct.values())


def _shift(expr: TimeExpr, by: int) -> TimeExpr:
    """The expression with offsets relative to its sentence."""
    return replace(expr, start=expr.start - by, end=expr.end - by)


def find_statements(
    article: ArticleInfo, sentences: Sequence[Sentence], exprs: Iterable[TimeExpr]
) -> list[Statement]:
    """Dated statements of an article, from its sentences and the expressions found in its body."""
    by_sentence: list[list[TimeExpr]] = [[] for _ in sentences]
    starts = [sentence.start for sentence in sentences]
    index = 0
    for expr in sorted(exprs, key=lambda e: e.start):
        while index + 1 < len(sentences) and starts[index + 1] <= expr.start:
            index += 1
        if sentences and sentences[index].start <= expr.start < sentences[index].start + len(sentences[index].text):
            by_sentence[index].append(_shift(expr, sentences[index].start))
    statements = []
    for order, (sentence, found) in enumerate(zip(sentences, by_sentence, strict=True)):
        if not found:
            continue
        who = find_attribution(sentence.text)
        for expr in choose_dates(sentence.text, found):
            statements.append(Statement(article, sentence.text, expr, order, who))
    return statements
