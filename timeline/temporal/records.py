"""A rule of the time-expression grammar as one record, and a match of it (a candidate expression).

A rule is a name, a pattern, when it applies (a guard over the match in its text) and how it resolves (a
method of the Resolver), with an example sentence that it finds; the rules live in `rules/`, grouped by what
they match, and `rules.RULES` lists them in the order they are tried at a position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.temporal.resolve import Found, Resolver

# A match never starts inside a word, a number, an amount or a handle ("$2020", "#2019", "co-2020").
LEFT_EDGE = r"(?<![\w$£€¥#@+.'’-])"


def always(m: re.Match[str], text: str) -> bool:
    """The guard of a rule whose pattern alone decides."""
    return True


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the grammar: what it matches, when a match counts, how it resolves, an example."""

    name: str
    pattern: str
    resolve: Callable[[Resolver, Candidate], Found | None]
    accept: Callable[[re.Match[str], str], bool] = always
    example: str = ""
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(LEFT_EDGE + "(?:" + self.pattern + ")", re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A match of the grammar: the rule that matched, its span and match object."""

    rule: Rule
    start: int
    end: int
    match: re.Match[str]

    @property
    def kind(self) -> str:
        """The name of the rule that matched ('month_day')."""
        return self.rule.name
