"""Fit the share of prose that makes two files copies of one article (census.COPY_SHARE), by cross-validation.

    python bench/fit_copies.py --shared ../shared

The labelled pairs: the boilerplate corpora hold each page twice, as a w3m and as a lynx text dump:
two dumps of one page are copies, dumps of two different pages are not. Every candidate pair (files
sharing a sketched hash, as `group_copies` finds them) is scored by its resemblance; the threshold
that maximises F1 over copy pairs is chosen on four fifths of the pages and scored on the other
fifth (5 folds grouped by page, so no page is on both sides). Two sketches are compared: prose
lines (what a line-wrapping renderer such as lynx breaks) and 5-word shingles of the prose lines.
"""

from __future__ import annotations

import argparse
import itertools
import zlib
from collections import defaultdict
from pathlib import Path

from timeline.census import SKETCH_SIZE, _resemblance, hash_line, sketch_prose
from timeline.clean import find_recurring_lines
from timeline.clean.text import PROSE_WORDS
from timeline.load import load_document
from timeline.models import Document

FOLDS = 5


def sketches(text: str) -> dict[str, frozenset[int]]:
    """Both sketches of a text: its prose lines, and the shingles of its prose lines (the one shipped)."""
    keys = find_recurring_lines([text], min_count=1)
    prose = [key for key in keys if len(key.split()) >= PROSE_WORDS]
    return {
        "lines": frozenset(sorted(hash_line(key) for key in prose)[:SKETCH_SIZE]),
        "shingles": frozenset(sketch_prose(keys)),
    }


def labelled_pairs(files: list[tuple[str, frozenset[int]]]) -> list[tuple[float, bool, str]]:
    """(resemblance, same page, page) of every pair of files sharing a sketched hash."""
    postings: dict[int, list[int]] = defaultdict(list)
    for index, (_, sketch) in enumerate(files):
        for value in sketch:
            postings[value].append(index)
    pairs = {
        pair for found in postings.values() if len(found) <= 64 for pair in itertools.combinations(found, 2)
    }
    return [
        (_resemblance(files[i][1], files[j][1]), files[i][0] == files[j][0], files[i][0])
        for i, j in sorted(pairs)
    ]


def f1(pairs: list[tuple[float, bool, str]], threshold: float) -> float:
    tp = sum(1 for r, same, _ in pairs if r > threshold and same)
    fp = sum(1 for r, same, _ in pairs if r > threshold and not same)
    fn = sum(1 for r, same, _ in pairs if r <= threshold and same)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(pairs: list[tuple[float, bool, str]]) -> float:
    candidates = [step / 100 for step in range(5, 96)]
    return max(candidates, key=lambda t: (f1(pairs, t), -abs(t - 0.5)))


def main() -> None:
    """Score both sketches: 5-fold CV grouped by page, then fitted on all pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared")
    args = parser.parse_args()
    dev = Path(args.shared) / "corpora" / "boilerplate" / "dev"
    paths = sorted(dev.glob("*.txt")) + sorted((dev / "lynx").glob("*.txt"))
    found: dict[str, list[tuple[str, frozenset[int]]]] = {"lines": [], "shingles": []}
    for path in paths:
        doc = load_document(str(path))
        if isinstance(doc, Document):
            for kind, sketch in sketches(doc.text).items():
                found[kind].append((path.stem, sketch))
    print(f"{len(paths)} dumps of {len({p.stem for p in paths})} pages (boilerplate/dev, w3m and lynx)")
    for kind, files in found.items():
        pairs = labelled_pairs(files)
        fold = {page: zlib.crc32(page.encode()) % FOLDS for _, _, page in pairs}
        scores, chosen = [], []
        for k in range(FOLDS):
            train = [pair for pair in pairs if fold[pair[2]] != k]
            test = [pair for pair in pairs if fold[pair[2]] == k]
            threshold = best_threshold(train)
            chosen.append(threshold)
            scores.append(f1(test, threshold))
        fitted = best_threshold(pairs)
        copies = sum(1 for _, same, _ in pairs if same)
        print(
            f"{kind:<9} {len(pairs)} candidate pairs ({copies} copies): CV F1 {sum(scores) / FOLDS:.3f} "
            f"(thresholds {', '.join(f'{t:.2f}' for t in chosen)}); fitted: threshold {fitted:.2f}, "
            f"F1 {f1(pairs, fitted):.3f}; at 0.50: F1 {f1(pairs, 0.5):.3f}"
        )


if __name__ == "__main__":
    main()
