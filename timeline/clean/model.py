"""The fitted body classifier of the text cleaner, read from `timeline/data/clean_model.json`.

The file is written by `make train-clean` (bench/train_clean.py) and records its provenance (corpora,
commit, cross-validated score). It holds either a logistic regression (`weights`, `bias`) or boosted
trees (`trees`: a leaf is a number, a node `[feature, threshold, left, right]`, left when the feature is
at most the threshold), optionally followed by a smoothing stage over the neighbours' probabilities.
Only the standard library is needed to evaluate it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from timeline.clean.features import FEATURE_NAMES

MODEL_FILE = "clean_model.json"
SMOOTH_OFFSETS = (-2, -1, 1, 2)  # the neighbours whose probabilities the smoothing stage reads


@dataclass(frozen=True)
class BodyModel:
    """A fitted classifier of units: body (kept) or not."""

    kind: str  # "logistic" or "trees"
    bias: float
    weights: tuple[float, ...] = ()
    trees: tuple[Any, ...] = ()
    smooth: tuple[float, ...] = ()  # weights of the smoothing stage: bias, own logit, neighbours' probs
    threshold: float = 0.5
    # the rule reasons (`features.reason_head`) whose drop the model does not overrule
    veto: frozenset[str] = frozenset()
    provenance: dict[str, Any] = field(default_factory=dict, compare=False)
    _score: Callable[[Sequence[float]], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind == "trees":
            score = compile_trees(self.trees, self.bias)
        else:
            weights, bias = self.weights, self.bias
            score = lambda row: bias + sum(map(float.__mul__, weights, row))  # noqa: E731
        object.__setattr__(self, "_score", score)

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The first stage's log-odds of each row."""
        return list(map(self._score, rows))

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probability that each unit is body, after smoothing over its neighbours."""
        logits = self.scores(rows)
        if not self.smooth:
            return [_sigmoid(z) for z in logits]
        return smooth_logits(logits, self.smooth)


def smooth_logits(logits: Sequence[float], weights: Sequence[float]) -> list[float]:
    """Second stage: each unit's log-odds plus its neighbours' probabilities, weighted, then a sigmoid."""
    probs = [_sigmoid(z) for z in logits]
    n = len(probs)
    out = []
    for i, z in enumerate(logits):
        total = weights[0] + weights[1] * z
        for k, offset in enumerate(SMOOTH_OFFSETS, start=2):
            j = i + offset
            total += weights[k] * (probs[j] if 0 <= j < n else 0.0)
        out.append(_sigmoid(total))
    return out


def smooth_rows(logits: Sequence[float]) -> list[list[float]]:
    """The smoothing stage's inputs, one row per unit (without the constant), for training it."""
    probs = [_sigmoid(z) for z in logits]
    n = len(probs)
    return [
        [z, *(probs[i + off] if 0 <= i + off < n else 0.0 for off in SMOOTH_OFFSETS)]
        for i, z in enumerate(logits)
    ]


def compile_trees(trees: Sequence[Any], bias: float) -> Callable[[Sequence[float]], float]:
    """The trees' summed leaf as one Python expression of a row: several times faster than walking them.

    Each feature the trees test is read from the row once, into a local name (a node then compares a
    local, not an indexed row). The source is built from the file's numbers only (each cast by `int` or
    `float`), never its text.
    """
    used: set[int] = set()

    def expression(node: Any) -> str:
        if type(node) is list:
            index = int(node[0])
            used.add(index)
            left, right = expression(node[2]), expression(node[3])
            return f"({left} if f{index} <= {float(node[1])!r} else {right})"
        return repr(float(node))

    terms = [repr(float(bias)), *map(expression, trees)]
    reads = "".join(f"    f{index} = r[{index}]\n" for index in sorted(used))
    source = f"def score(r):\n{reads}    return {' + '.join(terms)}\n"
    namespace: dict[str, Any] = {"__builtins__": {}}
    exec(source, namespace)  # numbers and indices only (see above)
    score: Callable[[Sequence[float]], float] = namespace["score"]
    return score


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z)) if z < 30 else 1.0


def model_from_dict(data: dict[str, Any]) -> BodyModel:
    """A model from its JSON form; its feature names must be the ones `features.py` computes."""
    names = tuple(data.get("features", ()))
    if names != FEATURE_NAMES:
        raise ValueError("clean model: its features differ from timeline.clean.features (retrain it)")
    return BodyModel(
        kind=data["kind"],
        bias=float(data["bias"]),
        weights=tuple(map(float, data.get("weights", ()))),
        trees=tuple(data.get("trees", ())),
        smooth=tuple(map(float, data.get("smooth", ()))),
        threshold=float(data.get("threshold", 0.5)),
        veto=frozenset(data.get("veto", ())),
        provenance=dict(data.get("provenance", {})),
    )


@cache
def load_model() -> BodyModel | None:
    """The shipped model, or None when the package holds none (the rules then decide alone)."""
    path = resources.files("timeline").joinpath(f"data/{MODEL_FILE}")
    if not path.is_file():
        return None
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))
