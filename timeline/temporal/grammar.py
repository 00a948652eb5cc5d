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

from timeline.temporal.context import TOKEN
from timeline.temporal.first_chars import first_chars
from timeline.temporal.records import Candidate, Rule
from timeline.temporal.rules import RULES
from timeline.temporal.words import MONTHS, NUMBERS, WEEKDAYS

_UNIT_WORDS = "second minute hour day night week weekend fortnight month quarter year decade".split()
# Every expression holds a digit or one of these words: the big pattern only runs around them.
TRIGGERS: frozenset[str] = frozenset(
    list(MONTHS)
    + list(WEEKDAYS)
    + [w + "s" for w in WEEKDAYS]
    + _UNIT_WORDS
    + [w + "s" for w in _UNIT_WORDS]
    + "mon tue tues wed thu thur thurs fri sat sun century centuries millennium millennia morning "
    "afternoon evening overnight spring summer fall autumn winter now nowadays current currently recent "
    "recently lately formerly soon future past present presently daily weekly monthly quarterly annually "
    "yearly hourly nightly biweekly bimonthly semiannually biannually annually once twice noon midnight "
    "midday clock tonight tomorrow today yesterday twenties thirties forties fifties sixties seventies "
    "eighties nineties nineteen thousand christmas easter thanksgiving halloween valentine independence "
    "labor memorial veterans boxing good election black cyber half period date term q fy hourlong daylong "
    "weeklong monthlong yearlong then".split()
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
START_WORDS: frozenset[str] = (
    TRIGGERS
    | frozenset(NUMBERS)
    | frozenset(
        "the a an last this next early mid late earlier later about around approximately roughly nearly "
        "almost some more less over under at no not up well just upwards fewer within every each per once "
        "twice that right coming fiscal calendar post pre several few many dozen dozens hundreds thousands "
        "first second third fourth final latest previous following same prior preceding new latter "
        "eighteenth nineteenth twentieth twenty these then".split()
    )
)


def _rules_by_first_char(rules: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    """For each ASCII character, the rules (in precedence order) whose match can begin with it."""
    starts = [(rule, first_chars(rule.pattern)) for rule in rules]
    keys = {ch for _, chars in starts for ch in chars if ch.isascii()}
    return {ch: tuple(rule for rule, chars in starts if ch in chars) for ch in sorted(keys)}


RULES_BY_FIRST_CHAR: dict[str, tuple[Rule, ...]] = _rules_by_first_char(RULES)


def match_at(text: str, start: int) -> tuple[Rule, re.Match[str]] | None:
    """The first rule (in precedence order) matching at `start`, with its match; None when none does."""
    for rule in RULES_BY_FIRST_CHAR.get(text[start], ()) if text[start].isascii() else RULES:
        m = rule.regex.match(text, start)
        if m is not None:
            return rule, m
    return None


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
        if start and text[start - 1] in "'’" and word[0].isdigit() and start - 1 >= pos:
            start -= 1  # "'90s"
        found = match_at(text, start)
        if found is None and start < tok.start():
            found = match_at(text, tok.start())
        if found is None:
            continue
        rule, m = found
        if rule.accept(m, text):
            yield Candidate(rule, m.start(), m.end(), m)
            pos = m.end()
