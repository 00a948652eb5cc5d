"""Detection of time expressions: the rules (`rules/`) tried at the start of each token that can begin one.

Every rule's pattern is linear (no nested unbounded repetition) and anchored on a word start; at a position
the first rule of `rules.PRECEDENCE` that matches wins. For speed a token is only tried when it can begin an
expression (a digit, a modifier, a number word or a trigger word) and lies within reach before a trigger word
(every expression holds one: a test checks that trying every token finds no more), and then only with the
rules whose pattern can begin with that word (or, for a digit, that character), as read from the patterns by
`starts`: the same first match as trying them all, without the cost of those that cannot start there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from itertools import accumulate, compress
from operator import or_
from typing import NamedTuple

from timeline.temporal.context import TOKEN
from timeline.temporal.records import Candidate, Rule
from timeline.temporal.rules import RULES
from timeline.temporal.starts import first_chars, literal_starts, may_begin_with_word
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
_REACH = 45  # no expression begins further than this before its trigger word


class Tokens(NamedTuple):
    """A text's tokens (runs of ASCII letters, runs of digits): where each starts and ends, lower-cased."""

    starts: list[int]
    ends: list[int]
    lower: list[str]


_TOKEN_SPLIT = re.compile("(" + TOKEN.pattern + ")")
# The only characters whose lower case is longer (U+0130) or is a token's while they are none (the Kelvin
# sign's "k"): in a text without them, the lower-cased text splits into the lower-cased tokens
_KELVIN = "\u212a"


def tokenize(text: str) -> Tokens:
    """The tokens of `text` (those of TOKEN.finditer), read in one split rather than one match at a time."""
    lowered = text.lower()  # the whole text at once, not token by token
    if len(lowered) == len(text) and _KELVIN not in text:
        pieces = _TOKEN_SPLIT.split(lowered)  # gap, token, gap, token, ..., gap
        lower = pieces[1::2]
    else:
        pieces = _TOKEN_SPLIT.split(text)
        lower = list(map(str.lower, pieces[1::2]))
    offsets = list(accumulate(map(len, pieces)))
    return Tokens(offsets[0:-1:2], offsets[1::2], lower)


def _flagged(tokens: Tokens, words: frozenset[str]) -> list[int]:
    """The indices of the tokens that are digits or, lower-cased, one of `words`."""
    flags = map(or_, map(words.__contains__, tokens.lower), map(str.isdigit, tokens.lower))
    return list(compress(range(len(tokens.lower)), flags))


def _windows(tokens: Tokens) -> list[list[int]]:
    """Merged [start, end) ranges of text where an expression may begin: up to _REACH before a trigger
    token (an expression holds its trigger, so none begins after it)."""
    spans: list[list[int]] = []
    for i in _flagged(tokens, TRIGGERS):
        s, e = tokens.starts[i] - _REACH, tokens.starts[i] + 1
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


def _rules_for_word(text: str, end: int, word: str) -> tuple[Rule, ...] | None:
    """The rules that can begin with a lower-cased token of letters ending at `end`, when the word alone
    tells: when an ASCII character or nothing follows it (a letter beyond ASCII might match a pattern's
    letter regardless of case)."""
    if word[0].isdigit() or (end < len(text) and not text[end].isascii()):
        return None
    return rules_for_start_word(word)


def _match_token(text: str, start: int, end: int, word: str, pos: int) -> tuple[Rule, re.Match[str]] | None:
    """The first rule matching at a token, lower-cased (at a digit's apostrophe first: "'90s"), with its
    match."""
    if word[0].isdigit():
        if start and text[start - 1] in "'’" and start - 1 >= pos:
            found = match_at(text, start - 1)
            if found is not None:
                return found
        return match_at(text, start)
    return match_at(text, start, _rules_for_word(text, end, word))


def iter_candidates(text: str) -> Iterator[Candidate]:
    """Every accepted grammar match in `text`, left to right, non-overlapping."""
    tokens = tokenize(text)
    windows = _windows(tokens)
    if not windows:
        return
    starts, ends, lower = tokens.starts, tokens.ends, tokens.lower
    tried = _flagged(tokens, START_WORDS)  # the tokens that can begin an expression
    tried_starts = [starts[i] for i in tried]
    pos = 0  # the end of the last accepted match
    for window_start, window_end in windows:
        # the first token of the window not inside the last match, found by bisection, not token by token
        k = bisect_left(tried_starts, max(window_start, pos))
        while k < len(tried) and tried_starts[k] < window_end:
            i = tried[k]
            found = _match_token(text, starts[i], ends[i], lower[i], pos)
            if found is not None and found[0].accept(found[1], text):
                rule, m = found
                yield Candidate(rule, m.start(), m.end(), m)
                pos = m.end()
                k = bisect_left(tried_starts, pos, k + 1)
            else:
                k += 1
