"""Fit the text cleaner's body classifier on the dev pages of both boilerplate corpora, choose the model by
site-grouped cross-validation, and write it to timeline/data/clean_model.json with its provenance.

    python bench/train_clean.py --shared ../shared [--folds 5] [--seed 0] [--no-write]

Rows are the units `timeline.clean.text.model_inputs` returns for every w3m and lynx dump; a unit is body
when most of its tokens (the scorer's tokenisation) stand next to a neighbour they stand next to in the
gold body. Folds are grouped by site: no site's pages (in either rendering, in either corpus) are in both
the fitted and the scored part. Each fold's model is scored as it would run: `clean_text` with that
model, token F1 of the kept text against the gold. Needs the `train` extra (scikit-learn, LightGBM).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.clean import clean_text, find_recurring_lines
from timeline.clean.features import FEATURE_NAMES
from timeline.clean.model import BodyModel, model_from_dict, smooth_rows
from timeline.clean.text import model_inputs
from timeline.models import KEPT_LABELS

CORPORA = ("boilerplate", "boilerplate-wide")
RENDERERS = ("w3m", "lynx")
MODEL_PATH = Path(__file__).resolve().parent.parent / "timeline" / "data" / "clean_model.json"


@dataclass
class Page:
    """One dump of one dev page with its gold body and what the features say of its units."""

    corpus: str
    renderer: str
    id: str
    source: str
    site: str
    text: str
    recurring: frozenset[str]
    gold: str
    rows: list[list[float]]
    decided: list[bool]
    labels: list[int]


def load_scorer(shared: Path) -> Any:
    """The shared scorer module (its tokenisation and F1), imported from its file."""
    spec = importlib.util.spec_from_file_location(
        "score_boilerplate", shared / "tools" / "score_boilerplate.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label_units(texts: list[str], gold: str, tokens: Any) -> list[int]:
    """1 for a unit most of whose tokens stand next to a token they stand next to in the gold too."""
    pairs = set(itertools.pairwise(tokens(gold)))
    stream: list[str] = []
    owner: list[int] = []
    for i, text in enumerate(texts):
        toks = tokens(text)
        stream += toks
        owner += [i] * len(toks)
    matched = [0] * len(texts)
    counts = [0] * len(texts)
    for k, tok in enumerate(stream):
        counts[owner[k]] += 1
        before = k > 0 and (stream[k - 1], tok) in pairs
        after = k + 1 < len(stream) and (tok, stream[k + 1]) in pairs
        matched[owner[k]] += before or after
    return [int(count > 0 and 2 * hit > count) for hit, count in zip(matched, counts, strict=True)]


def site_of(gold: dict[str, Any]) -> str:
    """The page's site: the gold's `site`, else its URL's host, else the page itself."""
    if gold.get("site"):
        return str(gold["site"])
    url = gold.get("url") or ""
    host = url.split("/")[2] if url.count("/") >= 2 else ""
    return host.removeprefix("www.") or f"page:{gold['id']}"


def load_pages(shared: Path, scorer: Any) -> list[Page]:
    """Every dev dump with a gold body, in both corpora and both renderings, with its units' rows."""
    pages = []
    for corpus in CORPORA:
        dev = shared / "corpora" / corpus / "dev"
        golds = [
            json.loads(line) for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
        ]
        for renderer in RENDERERS:
            folder = dev if renderer == "w3m" else dev / "lynx"
            texts = {
                f.stem: f.read_text(encoding="utf-8", errors="replace") for f in sorted(folder.glob("*.txt"))
            }
            recurring = find_recurring_lines(texts.values())
            for gold in golds:
                if not gold.get("body") or gold["id"] not in texts:
                    continue
                text = texts[gold["id"]]
                units = model_inputs(text, recurring)
                labels = label_units([u[0] for u in units], gold["body"], scorer.tokens)
                pages.append(
                    Page(corpus, renderer, gold["id"], gold.get("source") or corpus, site_of(gold), text,
                         recurring, gold["body"], [u[1] for u in units], [u[2] for u in units], labels)
                )  # fmt: skip
    return pages


def assign_folds(pages: list[Page], folds: int, seed: int) -> list[int]:
    """A fold per page, by site: sites shuffled with the seed, then dealt to the folds by page count."""
    sizes: dict[str, int] = defaultdict(int)
    for page in pages:
        sizes[page.site] += 1
    sites = sorted(sizes)
    np.random.default_rng(seed).shuffle(sites)
    load = [0] * folds
    fold_of = {}
    for site in sorted(sites, key=lambda s: -sizes[s]):  # stable: ties keep the shuffled order
        k = load.index(min(load))
        fold_of[site] = k
        load[k] += sizes[site]
    return [fold_of[page.site] for page in pages]


def training_arrays(pages: list[Page]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows the model decides, their labels, and the index of their page."""
    xs, ys, owners = [], [], []
    for p, page in enumerate(pages):
        for row, decided, label in zip(page.rows, page.decided, page.labels, strict=True):
            if decided:
                xs.append(row)
                ys.append(label)
                owners.append(p)
    return np.array(xs, dtype=np.float64), np.array(ys), np.array(owners)


def fit_logistic(x: np.ndarray, y: np.ndarray, seed: int) -> dict[str, Any]:
    """A logistic regression on standardised features, the scaling folded into the weights."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fitted = LogisticRegression(C=1.0, max_iter=2000, random_state=seed).fit((x - mean) / scale, y)
    weights = fitted.coef_[0] / scale
    bias = float(fitted.intercept_[0] - (weights * mean).sum())
    return {"kind": "logistic", "bias": bias, "weights": [round(float(w), 12) for w in weights],
            "raw": lambda rows: fitted.decision_function((np.array(rows) - mean) / scale)}  # fmt: skip


def _tree(node: dict[str, Any]) -> Any:
    if "leaf_value" in node:
        return round(float(node["leaf_value"]), 6)
    assert node.get("decision_type", "<=") == "<="
    return [
        int(node["split_feature"]),
        float(node["threshold"]),
        _tree(node["left_child"]),
        _tree(node["right_child"]),
    ]


def fit_trees(x: np.ndarray, y: np.ndarray, seed: int, params: dict[str, Any]) -> dict[str, Any]:
    """Gradient-boosted trees (LightGBM), dumped as nested arrays."""
    import lightgbm

    options = {"objective": "binary", "verbose": -1, "seed": seed, "deterministic": True, "num_threads": 1}
    booster = lightgbm.train({**options, **params["lgb"]}, lightgbm.Dataset(x, y), params["rounds"])
    trees = [_tree(info["tree_structure"]) for info in booster.dump_model()["tree_info"]]
    return {
        "kind": "trees",
        "bias": 0.0,
        "trees": trees,
        "raw": lambda rows: booster.predict(rows, raw_score=True),
    }


def fit_smoothing(
    model: dict[str, Any], pages: list[Page], folds: int, seed: int, spec: dict[str, Any]
) -> None:
    """Add the smoothing stage, fitted on out-of-fold first-stage log-odds of the training pages."""
    from sklearn.linear_model import LogisticRegression

    inner = assign_folds(pages, folds, seed + 1)
    xs, ys = [], []
    for k in range(folds):
        train = [p for p, f in zip(pages, inner, strict=True) if f != k]
        first = fit_stage(train, seed, spec | {"smooth": False})
        for page, f in zip(pages, inner, strict=True):
            if f == k:
                rows = smooth_rows(first.scores(page.rows))
                for row, label, decided in zip(rows, page.labels, page.decided, strict=True):
                    if decided:
                        xs.append(row)
                        ys.append(label)
    fitted = LogisticRegression(C=1.0, max_iter=1000, random_state=seed).fit(np.array(xs), np.array(ys))
    model["smooth"] = [round(float(fitted.intercept_[0]), 6), *(round(float(w), 6) for w in fitted.coef_[0])]


def fit_stage(pages: list[Page], seed: int, spec: dict[str, Any]) -> BodyModel:
    """Fit one candidate (`spec`: kind, parameters, smoothing or not) on `pages`."""
    return model_from_dict(fit_dict(pages, seed, spec))


def fit_dict(pages: list[Page], seed: int, spec: dict[str, Any]) -> dict[str, Any]:
    """The JSON form of a candidate fitted on `pages`."""
    x, y, _ = training_arrays(pages)
    model = fit_logistic(x, y, seed) if spec["kind"] == "logistic" else fit_trees(x, y, seed, spec)
    model["features"] = list(FEATURE_NAMES)
    if spec.get("veto"):
        model["veto"] = list(VETO)
    raw = model.pop("raw")
    check = x[:: max(1, len(x) // 2000)]
    if np.abs(np.array(model_from_dict(model).scores(check.tolist())) - raw(check)).max() > 1e-4:
        raise SystemExit("train_clean: the exported model does not reproduce the library's scores")
    if spec.get("smooth"):
        fit_smoothing(model, pages, 3, seed, spec)
    return model


def score_page(page: Page, model: BodyModel | None, scorer: Any) -> float:
    """Body F1 of the text `clean_text` keeps with `model` (None: the rules alone)."""
    cleaned = clean_text(page.text, page.recurring, model=model)
    kept = "\n".join(line.text for line in cleaned.lines if line.label in KEPT_LABELS)
    return float(scorer.prf(scorer.tokens(page.gold), scorer.tokens(kept))[2])


def cross_validate(
    pages: list[Page], spec: dict[str, Any], folds: int, seed: int, scorer: Any
) -> list[float]:
    """Each page's F1 under the model fitted on the folds that hold none of its site's pages."""
    fold_of = assign_folds(pages, folds, seed)
    scores = [0.0] * len(pages)
    for k in range(folds):
        model = fit_stage([p for p, f in zip(pages, fold_of, strict=True) if f != k], seed, spec)
        for i, (page, f) in enumerate(zip(pages, fold_of, strict=True)):
            if f == k:
                scores[i] = score_page(page, model, scorer)
    return scores


def summarise(pages: list[Page], scores: list[float]) -> dict[str, float]:
    """Mean F1 per corpus and renderer, and per source inside them."""
    groups: dict[str, list[float]] = defaultdict(list)
    for page, score in zip(pages, scores, strict=True):
        groups[f"{page.corpus}/{page.renderer}"].append(score)
        groups[f"{page.corpus}/{page.renderer}/{page.source}"].append(score)
    return {key: round(sum(v) / len(v), 4) for key, v in sorted(groups.items())}


# The rules that name what a line is by a pattern (a copyright notice, an e-mail contact, a form, an embedded
# post's frame, a bulleted or one-line menu, a cue word, ...) or by a census (a line recurring across the
# run's pages, prose repeated above), as opposed to the shape-and-place rules ('short', 'body') the model
# re-decides. A candidate with `veto` leaves these rules' drops as they are.
VETO = (
    "recurring", "no words", "embed", "form field, button or image name", "menu item", "menu",
    "boilerplate cue", "contact", "timestamp or file name", "comment header", "dateline-like", "byline-like",
    "link or address", "legal", "teaser", "repeat", "comments",
)  # fmt: skip

CANDIDATES: dict[str, dict[str, Any]] = {
    "logistic": {"kind": "logistic"},
    "trees": {
        "kind": "trees", "rounds": 60,
        "lgb": {"num_leaves": 15, "learning_rate": 0.15, "min_data_in_leaf": 40},
    },
    "trees+veto": {
        "kind": "trees", "veto": True, "rounds": 60,
        "lgb": {"num_leaves": 15, "learning_rate": 0.15, "min_data_in_leaf": 40},
    },
    "trees+smooth": {
        "kind": "trees", "smooth": True, "rounds": 60,
        "lgb": {"num_leaves": 15, "learning_rate": 0.15, "min_data_in_leaf": 40},
    },
}  # fmt: skip


FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "clean_fixture"


def fixture_record(model: BodyModel, scorer: Any) -> dict[str, Any]:
    """What the test of the shipped file checks: per fixture page, its units' scores, its kept text's F1."""
    golds = [
        json.loads(line) for line in (FIXTURE / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    record = {}
    for gold in golds:
        text = (FIXTURE / f"{gold['id']}.txt").read_text(encoding="utf-8")
        rows = [row for _, row, _ in model_inputs(text)]
        cleaned = clean_text(text, model=model)
        kept = "\n".join(line.text for line in cleaned.lines if line.label in KEPT_LABELS)
        record[gold["id"]] = {
            "scores": [round(z, 4) for z in model.scores(rows)],
            "f1": round(float(scorer.prf(scorer.tokens(gold["body"]), scorer.tokens(kept))[2]), 6),
        }
    return record


# Summed over the four corpus-and-renderer means, a difference smaller than this is noise (one standard
# error of one mean is about 0.005 here): within it, the candidate that leaves the named-line rules' drops
# alone wins.
TIE = 0.005


def choose(results: dict[str, dict[str, float]]) -> str:
    """The candidate with the best summed CV means; its `+veto` variant when that one is within `TIE`."""
    total = {name: sum(cv[f"{c}/{r}"] for c in CORPORA for r in RENDERERS) for name, cv in results.items()}
    best = max(total, key=total.__getitem__)
    vetoed = best + "+veto"
    return vetoed if vetoed in total and total[vetoed] >= total[best] - TIE else best


def commit() -> str:
    """The repository's HEAD commit (the code the model was fitted with)."""
    out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or "unknown"


def main() -> int:
    """Cross-validate the candidates, fit the best on every page, write the model file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    parser.add_argument("--no-write", action="store_true", help="measure only")
    args = parser.parse_args()
    shared = Path(args.shared)
    scorer = load_scorer(shared)
    pages = load_pages(shared, scorer)
    print(
        f"{len(pages)} dumps, {len({p.site for p in pages})} sites, {sum(len(p.rows) for p in pages)} units",
        flush=True,
    )
    rules = summarise(pages, [score_page(page, None, scorer) for page in pages])
    print("rules only:", json.dumps(rules), flush=True)
    results = {}
    for name in args.candidates.split(","):
        cv = summarise(pages, cross_validate(pages, CANDIDATES[name], args.folds, args.seed, scorer))
        results[name] = cv
        print(f"cv {name}:", json.dumps(cv), flush=True)
    best = choose(results)
    print(f"chosen: {best}")
    if args.no_write:
        return 0
    model = fit_dict(pages, args.seed, CANDIDATES[best])
    fitted = summarise(pages, [score_page(page, model_from_dict(model), scorer) for page in pages])
    model["threshold"] = 0.5
    model["provenance"] = {
        "corpora": [f"{c}/dev" for c in CORPORA],
        "renderers": list(RENDERERS),
        "commit": commit(),
        "seed": args.seed,
        "candidate": best,
        "spec": CANDIDATES[best],
        "cv_folds": args.folds,
        "cv_grouped_by": "site",
        "cv_mean_f1": results[best],
        "fitted_mean_f1": fitted,
        "rules_mean_f1": rules,
        "candidates_cv": {n: {k: v for k, v in r.items() if k.count("/") == 1} for n, r in results.items()},
        "fixture": fixture_record(model_from_dict(model), scorer),
    }
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} kB); fitted: {json.dumps(fitted)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
