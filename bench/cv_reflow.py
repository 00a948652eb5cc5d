"""Cross-validation of the reflow constants (timeline/clean/paragraphs.py), grouped by site.

    python bench/cv_reflow.py --shared ../shared [--folds 5]

Each setting of a small grid around the shipped constants (one constant moved at a time) cleans the dev
pages of both corpora (w3m and lynx dumps) with `clean_text`; a page whose units do not change keeps the
score it had. Then, for each of k folds of sites (no site in two folds), the setting with the best mean
body F1 on the other folds is chosen and scored on the fold: the cross-validated figure. The fitted
figure is the best setting scored on all pages. Recurring lines are found once per folder, with the
shipped constants.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.score_clean_sources import load_scorer
from timeline.clean import clean_text, find_recurring_lines, paragraphs

CORPORA = ("boilerplate", "boilerplate-wide")
DUMPS = ("w3m", "lynx")
# The constants tried, each moved alone from its shipped value.
GRID = {
    "MIN_SIDE_BY_SIDE": (2, 4, 5),
    "MIN_WIDE_GAPS": (1, 3),
    "WIDTH_SHARE": (0.75, 1.0),
    "RAGGED": (10, 30),
    "PARAGRAPH_LINES": (2, 4),
}


def load_pages(shared: Path) -> list[dict]:
    """Every scored page of both corpora and dumps: its text, gold tokens, site and source."""
    scorer = load_scorer(shared)
    pages = []
    for corpus in CORPORA:
        dev = shared / "corpora" / corpus / "dev"
        gold = [
            json.loads(line) for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
        ]
        for dump in DUMPS:
            folder = dev if dump == "w3m" else dev / "lynx"
            texts = {
                f.stem: f.read_text(encoding="utf-8", errors="replace") for f in sorted(folder.glob("*.txt"))
            }
            recurring = find_recurring_lines(texts.values())
            for doc in gold:
                if (doc.get("body") or "").strip() and doc["id"] in texts:
                    pages.append(
                        {
                            "group": f"{corpus}/{dump}/{doc.get('source')}",
                            "site": doc.get("site") or doc["id"],
                            "text": texts[doc["id"]],
                            "gold": scorer.tokens(doc["body"]),
                            "recurring": recurring,
                        }
                    )
    return pages


def score_setting(pages: list[dict], scorer: object, cache: dict[int, tuple[list, float]]) -> list[float]:
    """Per-page F1 with the module's current constants (pages with unchanged units reuse their score)."""
    scores = []
    for k, page in enumerate(pages):
        units = paragraphs.split_units(page["text"])
        if k in cache and cache[k][0] == units:
            scores.append(cache[k][1])
            continue
        kept = "".join(line.text + "\n" for line in clean_text(page["text"], page["recurring"]).body_lines)
        f1 = scorer.prf(page["gold"], scorer.tokens(kept))[2]  # type: ignore[attr-defined]
        cache.setdefault(k, (units, f1))
        scores.append(f1)
    return scores


def fold_of(site: str, folds: int) -> int:
    """A site's fold: fixed by its name, so that the split is the same on every run."""
    return int(hashlib.sha1(site.encode()).hexdigest(), 16) % folds


def summarise(pages: list[dict], scores: list[float]) -> str:
    """Mean F1 per corpus/dump/source group and over all pages."""
    groups: dict[str, list[float]] = defaultdict(list)
    for page, score in zip(pages, scores, strict=True):
        groups[page["group"]].append(score)
    parts = [f"{name} {sum(v) / len(v):.3f}" for name, v in sorted(groups.items())]
    return f"all {sum(scores) / len(scores):.3f}; " + ", ".join(parts)


def main() -> int:
    """Score the grid, then report the cross-validated and the fitted figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    shared = Path(args.shared)
    scorer = load_scorer(shared)
    pages = load_pages(shared)
    cache: dict[int, tuple[list, float]] = {}
    settings: dict[str, list[float]] = {"shipped": score_setting(pages, scorer, cache)}
    for name, values in GRID.items():
        shipped = getattr(paragraphs, name)
        for value in values:
            setattr(paragraphs, name, value)
            settings[f"{name}={value}"] = score_setting(pages, scorer, cache)
        setattr(paragraphs, name, shipped)
    for name, scores in settings.items():
        print(f"{name:24} {sum(scores) / len(scores):.4f}")
    folds = [fold_of(page["site"], args.folds) for page in pages]
    held_out = [0.0] * len(pages)
    for fold in range(args.folds):
        train = [k for k, f in enumerate(folds) if f != fold]
        best = max(settings, key=lambda name: sum(settings[name][k] for k in train))
        print(f"fold {fold}: chose {best}")
        for k, f in enumerate(folds):
            if f == fold:
                held_out[k] = settings[best][k]
    fitted = max(settings, key=lambda name: sum(settings[name]))
    print(f"cross-validated ({args.folds} folds by site): {summarise(pages, held_out)}")
    print(f"fitted ({fitted}): {summarise(pages, settings[fitted])}")
    print(f"shipped: {summarise(pages, settings['shipped'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
