"""What a pattern's match can begin with, read from the parsed pattern: for dispatching on a token.

Its first characters (`first_chars`) and its literal starts (`literal_starts`: "the", "early", "january",
...), which tell whether it can begin with a given word (`may_begin_with_word`). The analysis may only
over-approximate (a construct it does not know counts as "anything"), so a rule left out of a character's
or a word's bucket can never match there.
"""

from __future__ import annotations

import re
import string
from importlib import import_module
from typing import Any

# the parsed form of a pattern: no public API offers it (typeshed has no stubs for these modules either)
sre: Any = import_module("re._constants")
sre_parse: Any = import_module("re._parser")

ANY = frozenset(string.printable)  # "may begin with anything", as far as dispatch on ASCII keys goes
_CATEGORIES = {
    sre.CATEGORY_DIGIT: frozenset(string.digits),
    sre.CATEGORY_UNI_DIGIT: frozenset(string.digits),
    sre.CATEGORY_SPACE: frozenset(string.whitespace),
    sre.CATEGORY_UNI_SPACE: frozenset(string.whitespace),
}
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _fold(chars: frozenset[str]) -> frozenset[str]:
    """Both cases of every letter: the rules match regardless of case."""
    return frozenset(c for ch in chars for c in (ch.lower(), ch.upper()))


def _first_of_set(items: list[tuple[Any, Any]]) -> frozenset[str]:
    """The characters a character class `[...]` admits (ANY when negated or not understood)."""
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE:
            chars.update(chr(c) for c in range(arg[0], min(arg[1], 127) + 1))
        elif op is sre.CATEGORY and arg in _CATEGORIES:
            chars |= _CATEGORIES[arg]
        else:
            return ANY
    return frozenset(chars)


def _first_of_item(op: Any, arg: Any) -> tuple[frozenset[str], bool]:
    """The first characters of one parsed item and whether it can match the empty string."""
    if op is sre.LITERAL:
        return frozenset(chr(arg)), False
    if op is sre.IN:
        return _first_of_set(arg), False
    if op in _ZERO_WIDTH:
        return frozenset(), True
    if op is sre.SUBPATTERN:
        return first_of_sequence(arg[3])
    if op is sre.ATOMIC_GROUP:
        return first_of_sequence(arg)
    if op in _REPEATS:
        chars, empty = first_of_sequence(arg[2])
        return chars, empty or arg[0] == 0
    if op is sre.BRANCH:
        found = [first_of_sequence(seq) for seq in arg[1]]
        return frozenset().union(*(f[0] for f in found)), any(f[1] for f in found)
    return ANY, True


def first_of_sequence(items: Any) -> tuple[frozenset[str], bool]:
    """The first characters of a parsed sequence and whether all of it can match the empty string."""
    chars: frozenset[str] = frozenset()
    for op, arg in items:
        first, empty = _first_of_item(op, arg)
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def first_chars(pattern: str) -> frozenset[str]:
    """Every character (both cases of letters) that a match of `pattern` can begin with."""
    chars, empty = first_of_sequence(sre_parse.parse(pattern, re.IGNORECASE))
    return ANY if empty else _fold(chars)


_LETTERS = frozenset(string.ascii_letters)
_NO_LETTER = "\0"  # stands for a character that is no letter
_MAX_PREFIXES = 20_000  # beyond this a rule counts as able to begin with any word (never reached today)


class _TooMany(Exception):
    pass


def _walk(items: list[tuple[Any, Any]], acc: str, out: set[str]) -> None:
    """Add to `out` the lower-cased literal starts of every match of `items` read after `acc`.

    A start stops at the first character that is no letter or at the first construct that is no literal: what
    follows cannot change which words the match may begin with.
    """
    if len(out) > _MAX_PREFIXES:
        raise _TooMany
    for i, (op, arg) in enumerate(items):
        rest = items[i + 1 :]
        if op is sre.LITERAL:
            acc += chr(arg).lower()
            if chr(arg) not in _LETTERS:
                break
        elif op is sre.IN:
            admits = _first_of_set(arg)
            if admits is not ANY and not admits & _LETTERS:
                acc += _NO_LETTER  # a digit or a space comes next: the word must end here
            break
        elif op in _ZERO_WIDTH:
            continue
        elif op is sre.SUBPATTERN:
            _walk(list(arg[3]) + rest, acc, out)
            return
        elif op is sre.BRANCH:
            for alternative in arg[1]:
                _walk(list(alternative) + rest, acc, out)
            return
        elif op in _REPEATS:
            low, high, body = arg
            # once, then the rest when it repeats at most once; once and stop when it may repeat more
            _walk(list(body) + (rest if high == 1 else [(None, None)]), acc, out)
            if low == 0:
                _walk(rest, acc, out)
            return
        else:
            break
    out.add(acc)


def literal_starts(pattern: str) -> frozenset[str] | None:
    """Lower-cased strings, one of which begins every match of `pattern` (None: too many to list)."""
    out: set[str] = set()
    try:
        _walk(list(sre_parse.parse(pattern, re.IGNORECASE)), "", out)
    except _TooMany:
        return None
    return frozenset(out)


def may_begin_with_word(starts: frozenset[str] | None, word: str) -> bool:
    """Whether a match with these literal starts may begin at a token `word` (lower-case letters) that is
    followed by no letter: a start is part of the word, or the word and then a character that is no letter."""
    if starts is None:
        return True
    n = len(word)
    return any(word.startswith(s) or (s.startswith(word) and s[n] not in _LETTERS) for s in starts)
