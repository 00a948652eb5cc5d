"""Features of each unit of a page for the fitted body classifier: its own measures, the rules' verdict,
its neighbours and where it stands against the page's main run of prose.

The measures are the ones the rule cascade of `text.py` computes; the rules' class and reason enter as
features too, so the fitted weights decide how much each rule is worth. Every feature is a float, in the
order of `FEATURE_NAMES`, which the model file records and `model.py` checks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
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
BOX_RE = re.compile("[│┃┆┊║━─═┏┓┗┛┣┫╋┼]")
DIGIT_RE = re.compile(r"\d")
CAP_WORD_RE = re.compile(r"[A-Z](?<![\w'’][A-Z])")  # a capital that starts a word

OWN = (
    "log_words", "function_share", "ends_sentence", "bullet", "log_chars", "caps_share", "has_digit",
    "recurring", "indent", "box_chars", "gap_before", "gap_after", "separators", "rule_kept", "rule_subhead",
    "rule_caption", "rule_before_run", "rule_after_run", "rule_link_list", "rule_list_item",
)  # fmt: skip
PAGE = (
    "in_run", "log_distance_to_run", "relative_position", "run_share", "run_units_share", "log_page_units",
    "after_title", "log_distance_to_title", "window_prose", "window_kept", "length_against_run",
    "in_table", "in_run_column",
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
    table: int
    column: int
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


def _own(unit: UnitLike, gaps: tuple[int, int], prefix: str, common: list[float]) -> list[float]:
    """The unit's own measures; `common` is what its neighbours see of it too (`_common`)."""
    text = unit.text
    return [
        *common[:3],
        float(unit.bullet),
        math.log1p(len(text)),
        min(len(CAP_WORD_RE.findall(text)) / unit.words, 1.0) if unit.words else 0.0,
        float(DIGIT_RE.search(text) is not None),
        float(unit.recurring),
        min(unit.indent, 40) / 40,
        float(BOX_RE.search(text) is not None),
        float(min(gaps[0], 2)),
        float(min(gaps[1], 2)),
        min(text.count("|") + text.count("»") + text.count("›"), 5) / 5,
        float(unit.label in KEPT_LABELS),
        float(unit.label is Label.SUBHEAD),
        float(unit.label is Label.CAPTION),
        float(prefix == "before the article"),
        float(prefix == "after the article"),
        float(prefix == "link list"),
        float(prefix == "list item"),
    ]


def _common(unit: UnitLike) -> list[float]:
    """The measures of a unit its neighbours' rows carry (`NEIGHBOUR`)."""
    words = unit.words
    return [
        math.log1p(words),
        unit.function / words if words else 0.0,
        float(unit.ends_sentence),
        float(unit.cls == "good"),
        float(unit.label in KEPT_LABELS),
    ]


def page_features(units: Sequence[UnitLike], start: int, end: int, title: int) -> list[list[float]]:
    """A feature row per unit; `start`..`end` is the rules' densest run (-1 if none), `title` the headline."""
    n = len(units)
    total_words = sum(unit.words for unit in units) or 1
    run_words = sum(unit.words for unit in units[start : end + 1]) if start >= 0 else 0
    run_share = run_words / total_words
    run_units_share = (end - start + 1) / n if start >= 0 and n else 0.0
    log_units = math.log1p(n)
    run_lengths = sorted(len(unit.text) for unit in units[start : end + 1] if unit.cls == "good")
    typical = math.log1p(run_lengths[len(run_lengths) // 2]) if run_lengths else 0.0
    # the table column most of the run's prose stands in (w3m lays a page out side by side)
    columns: Counter[tuple[int, int]] = Counter()
    for unit in units[start : end + 1]:
        if unit.cls == "good":
            columns[unit.table, unit.column] += unit.words
    run_column = columns.most_common(1)[0][0] if columns else (-1, 0)
    prose = [unit.words if unit.cls == "good" else 0 for unit in units]
    kept = [1 if unit.label in KEPT_LABELS else 0 for unit in units]
    nothing = [0.0] * len(NEIGHBOUR)
    commons = [nothing] * 2 + [_common(unit) for unit in units] + [nothing] * 2  # padded for the neighbours
    classes = len(CLASSES)
    rows = []
    for i, unit in enumerate(units):
        gap_before = unit.first - units[i - 1].last - 1 if i else 2
        gap_after = units[i + 1].first - unit.last - 1 if i + 1 < n else 2
        prefix, head = reason_head(unit.reason)
        row = _own(unit, (gap_before, gap_after), prefix, commons[i + 2])
        onehot = [0.0] * (classes + len(REASONS))
        onehot[_CLASS_INDEX.get(unit.cls, 0)] = 1.0
        reason = _REASON_INDEX.get(head)
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
            row[4] - typical,  # log characters against the run's median paragraph
            float(unit.table >= 0),
            float((unit.table, unit.column) == run_column),
        ]
        for offset in NEIGHBOURS:
            row += commons[i + 2 + offset]
        rows.append(row)
    return rows
