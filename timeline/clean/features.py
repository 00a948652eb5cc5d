"""Features of each unit of a page for the fitted body classifier: its own measures, the rules' verdict,
its neighbours and where it stands against the page's main run of prose.

The measures are the ones the rule cascade of `text.py` computes; the rules' class and reason enter as
features too, so the fitted weights decide how much each rule is worth. Every feature is a float, in the
order of `FEATURE_NAMES`, which the model file records and `model.py` checks.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
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
# A byte of ASCII text as its shape: 'A' a capital, '0' a digit, 'a' any other character of a word (or an
# apostrophe), ' ' the rest. A capital first or after a ' ' starts a word: one `bytes.translate` and two
# counts find what CAP_WORD_RE and DIGIT_RE find, several times faster on a paragraph.
ASCII_SHAPES = bytes(
    65 if 65 <= byte <= 90 else 48 if 48 <= byte <= 57 else 97 if chr(byte).isalnum() or byte in b"_'" else 32
    for byte in range(256)
)

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


def reason_head(reason: str) -> tuple[tuple[str, ...], str]:
    """The rules' decision prefixes ('before the article', 'link list', ...) and the first class's head."""
    *prefixes, first = reason.split("; ")
    return tuple(prefix.split(":")[0].split(" after ")[0] for prefix in prefixes), first.split(":")[0]


def rule_head(reason: str) -> str:
    """`reason_head(reason)[1]` alone, without splitting the prefixes (read for every unit)."""
    return reason.rpartition("; ")[2].partition(":")[0]


def _own_measures(unit: UnitLike) -> tuple[list[float], float, float]:
    """What a unit's text says: its first `OWN` features (up to `recurring`), box-drawing and separators.

    The same for every copy of a text on the page (`text.py` copies a unit's measures to its copies).
    """
    text, words = unit.text, unit.words
    caps, digit = count_capitals_and_digits(text)
    if text.isascii():  # no box-drawing, no '»' or '›': two scans spared (most lines)
        box, separators = 0.0, min(text.count("|"), 5) / 5
    else:
        box = 1.0 if BOX_RE.search(text) else 0.0
        separators = min(text.count("|") + text.count("»") + text.count("›"), 5) / 5
    head = [
        math.log1p(words),
        unit.function / words if words else 0.0,
        float(unit.ends_sentence),
        1.0 if unit.bullet else 0.0,
        math.log1p(len(text)),
        min(caps / words, 1.0) if words else 0.0,
        1.0 if digit else 0.0,
        1.0 if unit.recurring else 0.0,
    ]
    return head, box, separators


def count_capitals_and_digits(text: str) -> tuple[int, bool]:
    """How many capitals start a word (`CAP_WORD_RE`), and whether the text holds a digit (`DIGIT_RE`)."""
    if not text.isascii():
        return len(CAP_WORD_RE.findall(text)), DIGIT_RE.search(text) is not None
    shape = text.encode("ascii").translate(ASCII_SHAPES)
    return shape.count(b" A") + shape.startswith(b"A"), b"0" in shape


def _verdict(prefix: str, head: str, cls: str, label: Label) -> list[float]:
    """What the rules decided: label and decision prefix, then one-hot class and reason head.

    `prefix` and `head` are a reason's decisions before its last '; ' and the head of its last part.
    """
    prefixes = {part.split(":")[0].split(" after ")[0] for part in prefix.split("; ")} if prefix else set()
    decided = [
        1.0 if label in KEPT_LABELS else 0.0,
        1.0 if label is Label.SUBHEAD else 0.0,
        1.0 if label is Label.CAPTION else 0.0,
        1.0 if "before the article" in prefixes else 0.0,
        1.0 if "after the article" in prefixes else 0.0,
        1.0 if "link list" in prefixes else 0.0,
        1.0 if "list item" in prefixes else 0.0,
    ]
    onehot = [0.0] * (len(CLASSES) + len(REASONS))
    onehot[_CLASS_INDEX.get(cls, 0)] = 1.0
    index = _REASON_INDEX.get(head)
    if index is not None:
        onehot[len(CLASSES) + index] = 1.0
    return decided + onehot


def _common(unit: UnitLike) -> tuple[float, ...]:
    """The measures of a unit its neighbours' rows carry (`NEIGHBOUR`), the first three its own too."""
    words = unit.words
    return (
        math.log1p(words),
        unit.function / words if words else 0.0,
        float(unit.ends_sentence),
        float(unit.cls == "good"),
        float(unit.label in KEPT_LABELS),
    )


def _run_column(units: Sequence[UnitLike], start: int, end: int) -> tuple[int, int]:
    """The table column most of the run's prose stands in (w3m lays a page out side by side)."""
    columns: Counter[tuple[int, int]] = Counter()
    for unit in units[start : end + 1]:
        if unit.cls == "good":
            columns[unit.table, unit.column] += unit.words
    return columns.most_common(1)[0][0] if columns else (-1, 0)


def page_features(
    units: Sequence[UnitLike], start: int, end: int, title: int, which: Iterable[int] | None = None
) -> list[list[float]]:
    """Feature rows of the units (or of `which`); `start`..`end`: the densest run (-1: none); `title`: H1."""
    n = len(units)
    total_words = sum(unit.words for unit in units) or 1
    run_words = sum(unit.words for unit in units[start : end + 1]) if start >= 0 else 0
    log_units = math.log1p(n)
    # the same in every row of the page: run_share, run_units_share, log_page_units
    shares = (run_words / total_words, (end - start + 1) / n if start >= 0 and n else 0.0, log_units)
    run_lengths = sorted(len(unit.text) for unit in units[start : end + 1] if unit.cls == "good")
    typical = math.log1p(run_lengths[len(run_lengths) // 2]) if run_lengths else 0.0
    run_table, run_column = _run_column(units, start, end)
    prose_sums = [0, *itertools.accumulate(unit.words if unit.cls == "good" else 0 for unit in units)]
    kept_sums = [0, *itertools.accumulate(1 if unit.label in KEPT_LABELS else 0 for unit in units)]
    nothing = (0.0,) * len(NEIGHBOUR)
    commons = [nothing, nothing, *map(_common, units), nothing, nothing]  # padded for the neighbours
    # Menus and footers repeat their texts and the rules repeat their verdicts: each is computed once.
    verdicts: dict[tuple[str, str, str, Label], list[float]] = {}
    measures: dict[str, tuple[list[float], float, float]] = {}
    log1p = math.log1p
    rows = []
    for i in range(n) if which is None else which:
        unit = units[i]
        measured = measures.get(unit.text)
        if measured is None:
            measured = measures[unit.text] = _own_measures(unit)
        head, box, separators = measured
        # the figures in a reason ('body: 40 words, ...') do not count: its heads and prefixes do
        prefix, _, last = unit.reason.rpartition("; ")
        key = (prefix, last.partition(":")[0], unit.cls, unit.label)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _verdict(*key)
        if start < 0:
            distance = n
        else:
            distance = start - i if i < start else i - end if i > end else 0
        low, high = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        rows.append(
            [
                *head,
                min(unit.indent, 40) / 40,
                box,
                min(unit.first - units[i - 1].last - 1.0, 2.0) if i else 2.0,
                min(units[i + 1].first - unit.last - 1.0, 2.0) if i + 1 < n else 2.0,
                separators,
                *verdict,
                1.0 if start <= i <= end else 0.0,
                log1p(distance),
                i / n,
                *shares,
                1.0 if title >= 0 and i > title else 0.0,
                log1p(abs(i - title)) if title >= 0 else log_units,
                log1p(prose_sums[high] - prose_sums[low]),
                (kept_sums[high] - kept_sums[low]) / (high - low),
                head[4] - typical,  # log characters against the run's median paragraph
                1.0 if unit.table >= 0 else 0.0,
                1.0 if unit.table == run_table and unit.column == run_column else 0.0,
                *commons[i],
                *commons[i + 1],
                *commons[i + 3],
                *commons[i + 4],
            ]
        )
    return rows
