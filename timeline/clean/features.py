"""Features of each unit of a page for the fitted body classifier: its own measures, the rules' verdict,
its neighbours and where it stands against the page's main run of prose.

The measures are the ones the rule cascade of `text.py` computes; the rules' class and reason enter as
features too, so the fitted weights decide how much each rule is worth. Every feature is a float, in the
order of `FEATURE_NAMES`, which the model file records and `model.py` checks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from timeline.models import KEPT_LABELS, Label

# The rule reasons' heads (the text before ':' of `_Unit.reason`), one feature each.
REASONS = (
    "recurring", "no words", "embed", "form field, button or image name", "credit", "menu item",
    "boilerplate cue", "contact", "timestamp or file name", "comment header", "dateline-like",
    "byline-like", "link or address", "menu", "legal", "teaser", "body", "short", "repeat", "comments",
    "caption", "title", "byline", "dateline", "subhead",
)  # fmt: skip
CLASSES = ("good", "short", "bad", "special")
NEIGHBOURS = (-2, -1, 1, 2)
WINDOW = 3  # units on either side whose prose is summed
BOX_CHARS = frozenset("│┃┆┊║━─═┏┓┗┛┣┫╋┼")

OWN = (
    "log_words", "function_share", "ends_sentence", "bullet", "log_chars", "caps_share", "has_digit",
    "recurring", "indent", "box_chars", "gap_before", "gap_after", "rule_kept", "rule_subhead",
    "rule_caption", "rule_before_run", "rule_after_run", "rule_link_list", "rule_list_item",
)  # fmt: skip
PAGE = (
    "in_run", "log_distance_to_run", "relative_position", "run_share", "run_units_share", "log_page_units",
    "after_title", "log_distance_to_title", "window_prose", "window_kept",
)  # fmt: skip
NEIGHBOUR = ("log_words", "function_share", "ends_sentence", "good", "rule_kept")

FEATURE_NAMES: tuple[str, ...] = (
    OWN
    + tuple(f"class_{c}" for c in CLASSES)
    + tuple(f"reason_{r.replace(' ', '_').replace(',', '')}" for r in REASONS)
    + PAGE
    + tuple(f"n{offset:+d}_{name}" for offset in NEIGHBOURS for name in NEIGHBOUR)
)
_REASON_INDEX = {reason: i for i, reason in enumerate(REASONS)}
_CLASS_INDEX = {cls: i for i, cls in enumerate(CLASSES)}


class UnitLike(Protocol):
    """What the features read of a unit of `text.py` after the rules have labelled it."""

    text: str
    first: int
    last: int
    indent: int
    bullet: bool
    recurring: bool
    words: int
    function: int
    ends_sentence: bool
    cls: str
    reason: str
    label: Label


def reason_head(reason: str) -> tuple[str, str]:
    """The rules' decision prefix ('before the article', 'link list', ...) and the first class's head."""
    prefix = ""
    if "; " in reason:
        prefix, _, reason = reason.partition("; ")
        prefix = prefix.split(":")[0].split(" after")[0]
    return prefix, reason.split(":")[0]


def _own(unit: UnitLike, gap_before: int, gap_after: int) -> list[float]:
    words = unit.words
    text = unit.text
    caps = sum(1 for word in text.split() if word[:1].isupper())
    prefix, _ = reason_head(unit.reason)
    return [
        math.log1p(words),
        unit.function / words if words else 0.0,
        float(unit.ends_sentence),
        float(unit.bullet),
        math.log1p(len(text)),
        caps / words if words else 0.0,
        float(any(ch.isdigit() for ch in text)),
        float(unit.recurring),
        min(unit.indent, 40) / 40,
        float(any(ch in BOX_CHARS for ch in text)),
        float(min(gap_before, 2)),
        float(min(gap_after, 2)),
        float(unit.label in KEPT_LABELS),
        float(unit.label is Label.SUBHEAD),
        float(unit.label is Label.CAPTION),
        float(prefix == "before the article"),
        float(prefix == "after the article"),
        float(prefix == "link list"),
        float(prefix == "list item"),
    ]


def _neighbour(units: Sequence[UnitLike], i: int) -> list[float]:
    if not 0 <= i < len(units):
        return [0.0, 0.0, 0.0, 0.0, 0.0]
    unit = units[i]
    words = unit.words
    return [
        math.log1p(words),
        unit.function / words if words else 0.0,
        float(unit.ends_sentence),
        float(unit.cls == "good"),
        float(unit.label in KEPT_LABELS),
    ]


def page_features(units: Sequence[UnitLike], start: int, end: int, title: int) -> list[list[float]]:
    """One feature row per unit; `start`..`end` is the rules' densest run (-1 if none), `title` its headline."""
    n = len(units)
    total_words = sum(unit.words for unit in units) or 1
    run_words = sum(unit.words for unit in units[start : end + 1]) if start >= 0 else 0
    run_share = run_words / total_words
    run_units_share = (end - start + 1) / n if start >= 0 and n else 0.0
    log_units = math.log1p(n)
    prose = [unit.words if unit.cls == "good" else 0 for unit in units]
    kept = [1 if unit.label in KEPT_LABELS else 0 for unit in units]
    classes = len(CLASSES)
    rows = []
    for i, unit in enumerate(units):
        gap_before = unit.first - units[i - 1].last - 1 if i else 2
        gap_after = units[i + 1].first - unit.last - 1 if i + 1 < n else 2
        row = _own(unit, gap_before, gap_after)
        onehot = [0.0] * (classes + len(REASONS))
        onehot[_CLASS_INDEX.get(unit.cls, 0)] = 1.0
        reason = _REASON_INDEX.get(reason_head(unit.reason)[1])
        if reason is not None:
            onehot[classes + reason] = 1.0
        row += onehot
        if start < 0:
            distance = n
        else:
            distance = start - i if i < start else i - end if i > end else 0
        low, high = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        row += [
            float(start <= i <= end),
            math.log1p(distance),
            i / n,
            run_share,
            run_units_share,
            log_units,
            float(title >= 0 and i > title),
            math.log1p(abs(i - title)) if title >= 0 else log_units,
            math.log1p(sum(prose[low:high])),
            sum(kept[low:high]) / (high - low),
        ]
        for offset in NEIGHBOURS:
            row += _neighbour(units, i + offset)
        rows.append(row)
    return rows
