"""Fit which tense markers decide among a relative expression's dates, on TempEval-3 dev, by grouped CV.

    python bench/fit_tense.py --shared ../shared [--folds 5] [--write]

Every combination of the model's choices (which marker sources are trusted beyond the expression's own
clause, what an infinitive counts as, a weekday with no tense) is scored by TIMEX3 value F1. The
cross-validated figure comes first: documents are split into folds by their month of publication (a story,
told in several documents of the same weeks, never straddles two folds), the best combination on the other
folds tags each fold, and the pooled tags are scored once. Then the
combination fitted on all of dev and its score. `--write` stores that combination in
`timeline/data/temporal_tense.json`, with the corpus, the commit and both scores.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.temporal import resolve
from timeline.temporal.tag import tag_line
from timeline.temporal.tense import TenseModel

ROOT = Path(__file__).resolve().parent.parent
OPTIONAL_SOURCES = ("other clause", "reporting verb")
# How many days before the publication an undated "would" may have been told (None: the nearest date). A tie
# goes to the option listed first: a telling a few days back, the reading grammar gives "would"
WOULD_REACHES = (3, 1, 7, 0, None)


def load_scorer(shared: Path) -> ModuleType:
    """The shared TIMEX3 scorer, imported from its file."""
    spec = importlib.util.spec_from_file_location("score_timex", shared / "tools" / "score_timex.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def iter_models() -> list[TenseModel]:
    """Every combination of the model's choices (the own clause is always trusted)."""
    models = []
    for n in range(len(OPTIONAL_SOURCES) + 1):
        for extra in itertools.combinations(OPTIONAL_SOURCES, n):
            choices = itertools.product(("future", None), ("nearest", "past"), WOULD_REACHES)
            for infinitive, weekday, reach in choices:
                models.append(TenseModel(frozenset(("own clause", *extra)), infinitive, weekday, reach))
    return models


def tag_all(docs: dict[str, dict], model: TenseModel) -> dict[str, dict]:
    """Every document tagged under `model`, by id."""
    resolve.TENSE_MODEL = model
    out = {}
    for doc_id, d in docs.items():
        line = json.dumps({"id": doc_id, "dct": d.get("dct_value") or d["dct"], "text": d["text"]})
        out[doc_id] = json.loads(tag_line(line) or "{}")
    return out


def fold_of(doc: dict, folds: int) -> int:
    """A document's fold, from a hash of its month of publication (stable across runs and machines)."""
    month = str(doc.get("dct_value") or doc["dct"])[:7]
    return int(hashlib.sha256(month.encode()).hexdigest(), 16) % folds


def value_f1(scorer: ModuleType, gold: dict[str, dict], system: dict[str, dict], ids: list[str]) -> float:
    """TIMEX3 value F1 of `system` against `gold` over the documents `ids`."""
    res = scorer.score({i: gold[i] for i in ids}, {i: system[i] for i in ids})
    return float(res["value"]["f1"])


def describe(model: TenseModel) -> str:
    """A short name for a combination."""
    trusted = "+".join(sorted(model.trusted))
    return (
        f"trusted={trusted} infinitive={model.infinitive} weekday={model.weekday_without_tense} "
        f"would_reach={model.would_reach}"
    )


def main(argv: list[str] | None = None) -> int:
    """Score every combination, print the cross-validated and fitted figures, optionally store the fit."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", help="the shared folder (corpora/, tools/)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="store the fitted combination in timeline/data/")
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    scorer = load_scorer(shared)
    gold = scorer.load_jsonl(shared / "corpora" / "tempeval3" / "dev.jsonl")
    models = iter_models()
    tagged = [tag_all(gold, m) for m in models]
    folds = {k: [i for i in gold if fold_of(gold[i], a.folds) == k] for k in range(a.folds)}
    pooled: dict[str, dict] = {}
    for k, held in folds.items():
        train = [i for i in gold if fold_of(gold[i], a.folds) != k]
        best = max(range(len(models)), key=lambda j: (value_f1(scorer, gold, tagged[j], train), -j))
        print(f"fold {k}: {len(held)} documents, chose {describe(models[best])}")
        pooled.update({i: tagged[best][i] for i in held})
    ids = list(gold)
    cv = value_f1(scorer, gold, pooled, ids)
    scores = [value_f1(scorer, gold, t, ids) for t in tagged]
    best = max(range(len(models)), key=lambda j: (scores[j], -j))
    print(f"cross-validated value F1 ({a.folds} folds grouped by month of publication): {100 * cv:.2f}")
    print(f"fitted on all of dev: {describe(models[best])}: value F1 {100 * scores[best]:.2f}")
    for j in sorted(range(len(models)), key=lambda j: -scores[j]):
        print(f"  {100 * scores[j]:6.2f}  {describe(models[j])}")
    if a.write:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
        model = models[best]
        data = {
            "trusted": sorted(model.trusted),
            "infinitive": model.infinitive,
            "weekday_without_tense": model.weekday_without_tense,
            "would_reach": model.would_reach,
            "provenance": {
                "corpus": "shared/corpora/tempeval3/dev.jsonl (TempEval-3 TBAQ-cleaned, 256 documents)",
                "commit": commit,
                "metric": "TIMEX3 value F1",
                "cross_validated": round(cv, 4),
                "folds": f"{a.folds}, grouped by month of publication (a story stays in one fold)",
                "fitted": round(scores[best], 4),
                "command": "make train-tense",
            },
        }
        path = ROOT / "timeline" / "data" / "temporal_tense.json"
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
