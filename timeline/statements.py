"""Dated statements: a body sentence filed under the date of what it reports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from timeline.models import ArticleInfo, Sentence, Statement, TimeExpr
from timeline.wordlists import data_words

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
# A year that names a thing rather than a time ("WeWork's 2025 bond", "Kopp's 1987 Chevrolet", "the
# 2016 MacBook Pro"): after a determiner or a possessive, right before a word. When a sentence holds
# another date, that is the one the statement is filed under.
DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)|\w(?:'s|’s|s'))\s+$",
    re.IGNORECASE,
)
BARE_YEAR = re.compile(r"\d{4}")
WORD_AFTER = re.compile(r"\s+[A-Za-z]")


def is_dating(expr: TimeExpr) -> bool:
    """Whether an expression can date a statement: a resolved calendar time, or the future."""
    if expr.type not in DATING_TYPES or expr.value in UNDATING_VALUES:
        return False
    if expr.value == "FUTURE_REF":
        return True
    return expr.first_day is not None and expr.last_day is not None


@cache
def reporting_verbs() -> frozenset[str]:
    """Verbs that credit a statement to someone ('said', 'told', 'reported'...), from the package data."""
    return data_words("merge_reporting_verbs.txt")


@cache
def source_nouns() -> frozenset[str]:
    """Common nouns that name a source without a proper name ('activists', 'ministry'...)."""
    return data_words("merge_source_nouns.txt")


@cache
def _attribution_patterns() -> tuple[re.Pattern[str], ...]:
    """Where the source of a statement is named, most explicit pattern first."""
    verbs = "|".join(sorted(reporting_verbs(), key=lambda verb: (-len(verb), verb)))
    phrase = r"(?P<who>[\w'’.&-]+(?:\s+[\w'’.&-]+){0,7}?)"
    adverb = r"(?:\s+(?:also|separately|later|earlier|again|previously|quickly|publicly|then))?"
    return (
        re.compile(
            r"\baccording to (?P<who>(?:(?:the|a|an)\s+)?[\w'’.&-]+"
            r"(?:\s+(?!that\b|which\b|who\b)[\w'’.&-]+){0,6}?)"
            r"(?=\s*(?:[,;:.!?\"”)]|$|\s+(?:on|in|at|as|after|before|to|that|which|who|and)\b))"
        ),
        re.compile(r"(?:[,;:\"“”]|^)\s*" + phrase + adverb + r"\s+(?:" + verbs + r")\b"),
        re.compile(r"^(?P<who>[^,]{2,60}?),\s[^,]{2,80},\s*(?:" + verbs + r")\b"),
        re.compile(
            r"[,\"”]\s*(?:" + verbs + r")\s+"
            r"(?P<who>(?:the\s+)?[\w'’.&-]+(?:\s+[\w'’.&-]+){0,7}?)\s*(?:[,.;]|$)"
        ),
    )


PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "there"})
LEADING_CONJUNCTIONS = frozenset({"and", "but", "while", "as", "although", "though", "because", "so", "or"})
PERSONAL_PRONOUNS = frozenset({"he", "she"})  # resolved to the source named shortly before
PRONOUN_REACH = 3  # sentences back to look for the source a pronoun stands for
NOT_IN_SOURCE = frozenset({"that", "which", "who", "whom", "when", "where", "if", "because", "while", "not"})


def _is_source(who: str) -> bool:
    """Whether a phrase can name a source: a few words, headed by a name or a source noun."""
    words = who.replace("’", "'").split()
    if not words or len(words) > 8 or any(word.lower() in NOT_IN_SOURCE for word in words):
        return False
    if any(word.lower() in reporting_verbs() for word in words):
        return False
    head = words[-1].lower().removesuffix("'s").strip(".")
    return words[-1][:1].isupper() or head in source_nouns()


def find_attribution(text: str) -> str | None:
    """Who a statement is credited to: 'activists', "Russia's TASS", 'the Turkish statement'."""
    for pattern in _attribution_patterns():
        for match in pattern.finditer(text):
            who = match.group("who").strip(' ,.;:"“”')
            if who.lower() in PRONOUNS:
                return who.lower()
            if pattern is _attribution_patterns()[1] or match.start("who") == 0:
                who = _trim_subject(who)
            if pattern is _attribution_patterns()[3] and not _is_name_like(who):
                continue
            if _is_source(who):
                return _lower_common(who) if text.lstrip(" \"“‘'").startswith(who) else who
    return None


def _lower_common(who: str) -> str:
    """'Activists' at the start of a sentence is 'activists': a common noun keeps its case."""
    first, _, rest = who.partition(" ")
    if first.lower() in source_nouns():
        return f"{first.lower()} {rest}".strip()
    return who


def _trim_subject(who: str) -> str:
    """A sentence-initial subject without a leading 'The' and any opening clause before a comma."""
    who = who.rsplit(",", 1)[-1].strip()
    first, _, rest = who.partition(" ")
    if first.lower() in LEADING_CONJUNCTIONS and rest:
        who = rest  # "..., and state media said": the source is 'state media'

    first, _, rest = who.partition(" ")
    if first in {"The", "A", "An"} and rest:
        return rest if rest[:1].isupper() else f"{first.lower()} {rest}"
    return who


FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "in", "on", "de", "al"})


def _is_name_like(who: str) -> bool:
    """Whether a phrase after 'said' is a name ('Patrick Armstrong') or a short source ('an official')."""
    words = who.replace("’", "'").split()
    if all(word[:1].isupper() or word.lower() in FUNCTION_WORDS for word in words):
        return True
    return len(words) <= 4 and words[-1].lower() in source_nouns()


def _is_reporting_date(sentence: str, expr: TimeExpr) -> bool:
    """Whether the expression dates the act of reporting rather than what is reported."""
    return bool(
        REPORTING_BEFORE.search(sentence[max(0, expr.start - 40) : expr.start])
        or REPORTING_AFTER.match(sentence[expr.end : expr.end + 20])
    )


def _is_naming_year(sentence: str, expr: TimeExpr) -> bool:
    """Whether a bare year modifies a noun after a determiner: 'its 2025 bond', 'the 2016 MacBook'."""
    return bool(
        BARE_YEAR.fullmatch(expr.text)
        and DETERMINER_BEFORE.search(sentence[max(0, expr.start - 30) : expr.start])
        and WORD_AFTER.match(sentence, expr.end)
    )


def choose_dates(sentence: str, exprs: Sequence[TimeExpr]) -> list[TimeExpr]:
    """The expressions a sentence is filed under: one per distinct date.

    Dates of the reporting ("said on Monday") and years that name a thing ("its 2025 bond") are a last
    resort, used only when the sentence has no other date.
    """
    dating = [expr for expr in exprs if is_dating(expr)]
    reported = [
        expr
        for expr in dating
        if not _is_reporting_date(sentence, expr) and not _is_naming_year(sentence, expr)
    ]
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
        sentence = sentences[index] if sentences else None
        if sentence is not None and sentence.start <= expr.start < sentence.start + len(sentence.text):
            by_sentence[index].append(_shift(expr, sentence.start))
    statements = []
    speakers: list[tuple[int, str]] = []  # (sentence index, named source), for 'he said'
    for order, (sentence, found) in enumerate(zip(sentences, by_sentence, strict=True)):
        who = find_attribution(sentence.text)
        if who in PERSONAL_PRONOUNS:
            who = speakers[-1][1] if speakers and order - speakers[-1][0] <= PRONOUN_REACH else None
        elif who in PRONOUNS:
            who = None
        elif who and who.split()[-1][:1].isupper():
            speakers.append((order, who))
        if not found:
            continue
        for expr in choose_dates(sentence.text, found):
            statements.append(Statement(article, sentence.text, expr, order, who))
    return statements
