"""Detection of time expressions: the rules (`rules/`) tried at the start of each token that can begin one.

Every rule's pattern is linear (no nested unbounded repetition) and anchored on a word start; at a position
the first rule of `rules.PRECEDENCE` that matches wins. For speed a token is only tried when it can begin an
expression (a digit, a modifier, a number word or a trigger word) and lies within reach of a trigger word, and
then only with the rules whose pattern can begin with its first character (`first_chars`): the same first
match as trying them all, without the cost of the rules that cannot start there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from timeline.temporal.context import TOKEN
from timeline.temporal.first_chars import first_chars, literal_starts, may_begin_with_word
from timeline.temporal.records import Candidate, Rule
from timeline.temporal.rules import RULES
from timeline.temporal.words import MONTHS, NUMBERS, WEEKDAY_ABBREVIATIONS, WEEKDAYS, load_words

_UNIT_WORDS = "second minute hour day night week weekend fortnight month quarter year decade".split()
# Every expression holds a digit or one of these words: the rules only run around them.
TRIGGERS: frozenset[str] = frozenset(
    list(MONTHS)
    + list(WEEKDAYS)
    + [w + "s" for w in WEEKDAYS]
    + _UNIT_WORDS
    + [w + "s" for w in _UNIT_WORDS]
    + list(WEEKDAY_ABBREVIATIONS)
    + list(load_words("trigger_words"))
)
_REACH = 45  # no expression reaches further than this from its trigger word


def _windows(text: str) -> list[list[int]]:
    """Merged [start, end) ranges of text around trigger tokens."""
    spans: list[list[int]] = []
    for m in TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isdigit() or tok.lower() in TRIGGERS:
            s, e = m.start() - _REACH, m.end() + _REACH
            if spans and s <= spans[-1][1]:
                spans[-1][1] = e
            else:
                spans.append([max(0, s), e])
    return spans


# Words an expression can start with (besides digits and trigger words): modifiers, determiners, numbers.
START_WORDS: frozenset[str] = TRIGGERS | frozenset(NUMBERS) | frozenset(load_words("start_words"))


def _rules_by_first_char(rules: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    """For each ASCII character, the rules (in precedence order) whose match can begin with it."""
    starts = [(rule, first_chars(rule.pattern)) for rule in rules]
    keys = {ch for _, chars in starts for ch in chars if ch.isascii()}
    return {ch: tuple(rule for rule, chars in starts if ch in chars) for ch in sorted(keys)}


_LITERAL_STARTS = tuple((rule, literal_starts(rule.pattern)) for rule in RULES)
RULES_BY_FIRST_CHAR: dict[str, tuple[Rule, ...]] = _rules_by_first_char(RULES)


@cache
def rules_for_start_word(word: str) -> tuple[Rule, ...]:
    """The rules (in precedence order) whose match can begin with `word` (lower-case letters); worked out
    the first time the word is met."""
    return tuple(rule for rule, starts in _LITERAL_STARTS if may_begin_with_word(starts, word))


def match_at(
    text: str, start: int, rules: tuple[Rule, ...] | None = None
) -> tuple[Rule, re.Match[str]] | None:
    """The first of `rules` (by default those that can begin with the character at `start`) matching at
    `start`, with its match; None when none does."""
    if rules is None:
        rules = RULES_BY_FIRST_CHAR.get(text[start], ()) if text[start].isascii() else RULES
    for rule in rules:
        m = rule.regex.match(text, start)
        if m is not None:
            return rule, m
    return None


def _rules_for_word(text: str, tok: re.Match[str]) -> tuple[Rule, ...] | None:
    """The rules that can begin with a token of letters, when the word alone tells: when an ASCII character
    or nothing follows it (a letter beyond ASCII might match a pattern's letter regardless of case)."""
    end = tok.end()
    if tok.group()[0].isdigit() or (end < len(text) and not text[end].isascii()):
        return None
    return rules_for_start_word(tok.group().lower())


def _match_token(text: str, tok: re.Match[str], pos: int) -> tuple[Rule, re.Match[str]] | None:
    """The first rule matching at a token (at a digit's apostrophe first: "'90s"), with its match."""
    start = tok.start()
    if tok.group()[0].isdigit():
        if start and text[start - 1] in "'’" and start - 1 >= pos:
            found = match_at(text, start - 1)
            if found is not None:
                return found
        return match_at(text, start)
    return match_at(text, start, _rules_for_word(text, tok))


def iter_candidates(text: str) -> Iterator[Candidate]:
    """Every accepted grammar match in `text`, left to right, non-overlapping."""
    windows = _windows(text)
    if not windows:
        return
    wi, n_windows = 0, len(windows)
    pos = 0  # the end of the last accepted match
    for tok in TOKEN.finditer(text):
        start = tok.start()
        if start < pos:
            continue
        while wi < n_windows and windows[wi][1] <= start:
            wi += 1
        if wi == n_windows:
            return
        if start < windows[wi][0]:
            continue
        word = tok.group()
        if not (word[0].isdigit() or word.lower() in START_WORDS):
            continue
        found = _match_token(text, tok, pos)
        if found is None:
            continue
        rule, m = found
        if rule.accept(m, text):
            yield Candidate(rule, m.start(), m.end(), m)
            pos = m.end()
