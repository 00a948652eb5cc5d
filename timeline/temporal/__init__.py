"""Time expressions: detection by our own grammar, resolution against the publication date.

find_expressions(text, dct) -> tuple[TimeExpr, ...]
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from timeline.models import TimeExpr

if TYPE_CHECKING:
    from timeline.temporal.resolve import Found

__all__ = ["find_expressions", "find_resolved"]


def _as_date(dct: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(dct, dt.datetime):
        return dct.date()
    return dct


def find_resolved(text: str, dct: dt.date | dt.datetime | None) -> list[Found]:
    """Every time expression of `text` with its TimeML reading, in order; never reads the clock."""
    # Imported at the first text to tag, not with the package: the merge and a fully cached run use
    # timeline.temporal's word lists only, and the grammar and dateparser take 0.3 s to load.
    from timeline.temporal.grammar import iter_candidates
    from timeline.temporal.resolve import Resolver, compose_offsets, date_clock_times, join_ranges

    resolver = Resolver(text, _as_date(dct))
    out: list[Found] = []
    for cand in iter_candidates(text):
        found = resolver.resolve(cand)
        if found is not None:
            out.append(found)
    return join_ranges(text, compose_offsets(text, date_clock_times(text, out)))


def find_expressions(text: str, dct: dt.date | dt.datetime | None) -> tuple[TimeExpr, ...]:
    """Every time expression in `text`, resolved against `dct` (or left unresolved), sorted by start."""
    return tuple(f.expr for f in find_resolved(text, dct))
