"""Which of the text path's own-line rules should drop a line trafilatura kept: site-grouped cross-validation.

    python bench/cv_html_lines.py --shared ../shared [--folds 5] [--seed 13]

Every dev page of both corpora with a gold body goes through `clean_html`. Each line the extractor kept is
given the text path's first decision on that line alone (`classify_line`); a policy drops the lines whose
rule head (the reason before ':') is in a chosen set. The set is chosen on the training folds (greedily:
the head that lifts their mean body F1 most, while one does) and scored on the held-out fold, sites never
in both. Printed: the mean body F1 of today's HTML path, of the cross-validated choice (the figure that
counts), of the choice fitted on all pages, and each head's lines and effect.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.train_clean import CORPORA, load_scorer, site_of
from timeline.clean import clean_html, html
from timeline.clean.text import BAD, classify_line
from timeline.models import KEPT_LABELS

EXTRACTOR = "body: kept by trafilatura"
COPYRIGHT_TEST = "copyright test of the HTML path"
OLD_COPYRIGHT_YEAR = re.compile(r"\s*copyright\s+(?:\(c\)\s*)?\d{4}\b", re.IGNORECASE)


@dataclass
class HtmlPage:
    """One page: its gold tokens, the lines kept whatever the policy, and the extractor's lines by head."""

    key: str
    site: str
    gold: Counter[str]
    fixed: Counter[str]  # the tokens of the kept lines the policy does not touch (the fallback's)
    # an extractor line's tokens, its rule head if the rules drop it, whether the path of 5a5d3d9 dropped it
    candidates: list[tuple[Counter[str], str | None, bool]]


def dropped_before(text: str) -> bool:
    """Whether the HTML path of 5a5d3d9 dropped an extractor's line (its copyright test, for comparison)."""
    notice = "©" in text or "rights reserved" in text.lower() or OLD_COPYRIGHT_YEAR.match(text)
    return bool(notice) and len(text.split()) <= 40


def load(shared: Path, scorer: object) -> list[HtmlPage]:
    """Every HTML dev page with a gold body, cleaned once, every line the extractor kept marked as such."""
    html.DROPPED_HEADS = frozenset()  # type: ignore[misc]
    html.COPYRIGHT_WORDS = -1  # type: ignore[misc]  # every line the extractor kept stays body here
    pages = []
    for corpus in CORPORA:
        dev = shared / "corpora" / corpus / "dev"
        for raw in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(raw) if raw else {}
            file = dev / f"{gold.get('id')}.html"
            if not gold.get("body") or not file.is_file():
                continue
            cleaned = clean_html(file.read_text(encoding="utf-8", errors="replace"))
            tokens = scorer.tokens  # type: ignore[attr-defined]
            fixed: Counter[str] = Counter()
            candidates = []
            for line in cleaned.lines:
                if line.reason.startswith(EXTRACTOR):
                    cls, reason = classify_line(line.text)
                    head = reason.partition(":")[0] if cls == BAD else None
                    old = dropped_before(line.text)
                    candidates.append((Counter(tokens(line.text)), head, old))
                elif line.label in KEPT_LABELS:
                    fixed.update(tokens(line.text))
            key = f"{corpus}/{gold['id']}"
            pages.append(HtmlPage(key, site_of(gold), Counter(tokens(gold["body"])), fixed, candidates))
    return pages


def f1(page: HtmlPage, dropped: set[str] | None) -> float:
    """Body F1 of the page when the extractor's lines with a head in `dropped` go (None: as the HTML path
    of 5a5d3d9 chose; its copyright test is the head COPYRIGHT_TEST)."""
    kept = page.fixed.copy()
    for counts, head, old in page.candidates:
        if dropped is None:
            drop = old
        else:
            drop = (head is not None and head in dropped) or (old and COPYRIGHT_TEST in dropped)
        if not drop:
            kept.update(counts)
    # the scorer's `prf` on bags of tokens
    found, total, gold = sum((page.gold & kept).values()), kept.total(), page.gold.total()
    return 2 * found / (total + gold) if found else 0.0


def mean_f1(pages: list[HtmlPage], dropped: set[str] | None) -> float:
    """Mean body F1 over the pages."""
    return sum(f1(page, dropped) for page in pages) / max(len(pages), 1)


def choose(pages: list[HtmlPage], heads: list[str]) -> set[str]:
    """Heads added greedily while one lifts the pages' mean F1."""
    chosen: set[str] = set()
    best = mean_f1(pages, chosen)
    while True:
        trials = {head: mean_f1(pages, chosen | {head}) for head in heads if head not in chosen}
        if not trials:
            return chosen
        head, score = max(sorted(trials.items()), key=lambda item: item[1])
        if score <= best:
            return chosen
        chosen.add(head)
        best = score


def main() -> int:
    """Load, cross-validate, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default="../shared", help="the shared folder (corpora, tools)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", metavar="FILE", help="keep the cleaned pages here (made if missing)")
    args = parser.parse_args()
    scorer = load_scorer(Path(args.shared))
    shipped = {*html.DROPPED_HEADS, COPYRIGHT_TEST}  # as `label_extracted` decides
    cache = Path(args.cache) if args.cache else None
    if cache and cache.is_file():
        pages = pickle.loads(cache.read_bytes())
    else:
        pages = load(Path(args.shared), scorer)
        if cache:
            cache.write_bytes(pickle.dumps(pages))
    # 'legal' (a line of up to 40 words with 'copyright' anywhere) would drop a sentence about a copyright
    # case: the text path's model weighs it against the line's shape, a hand rule here would not
    heads = sorted({head for page in pages for _, head, _ in page.candidates if head} - {"legal"})
    heads.append(COPYRIGHT_TEST)
    sites = sorted({page.site for page in pages})
    random.Random(args.seed).shuffle(sites)
    fold_of_site = {site: k % args.folds for k, site in enumerate(sites)}
    scores: dict[str, float] = {}
    chosen_by_fold = []
    for k in range(args.folds):
        train = [p for p in pages if fold_of_site[p.site] != k]
        chosen = choose(train, heads)
        chosen_by_fold.append(sorted(chosen))
        for page in pages:
            if fold_of_site[page.site] == k:
                scores[page.key] = f1(page, chosen)
    fitted = choose(pages, heads)
    groups: dict[str, list[HtmlPage]] = defaultdict(list)
    for page in pages:
        groups[page.key.split("/")[0]].append(page)
        groups[page.key.split("/")[0] + "/" + page.key.split("/")[1][:3]].append(page)
    print(
        f"{len(pages)} pages, {len(sites)} sites; heads chosen per fold: {chosen_by_fold}; "
        f"on all: {sorted(fitted)}"
    )
    print(f"{'group':<24} {'pages':>5} {'5a5d3d9':>8} {'none':>8} {'shipped':>8} {'cv':>8} {'fitted':>8}")
    for name in sorted(groups):
        group = groups[name]
        cv = sum(scores[p.key] for p in group) / len(group)
        print(
            f"{name:<24} {len(group):>5} {mean_f1(group, None):>8.4f} {mean_f1(group, set()):>8.4f} "
            f"{mean_f1(group, shipped):>8.4f} {cv:>8.4f} {mean_f1(group, fitted):>8.4f}"
        )
    print(f"{'head':<36} {'lines':>6} {'mean F1 change when dropped alone':>34}")
    base = mean_f1(pages, set())
    for head in heads:
        lines = sum(
            1
            for page in pages
            for _, h, old in page.candidates
            if h == head or (old and head == COPYRIGHT_TEST)
        )
        print(f"{head:<36} {lines:>6} {mean_f1(pages, {head}) - base:>+34.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
