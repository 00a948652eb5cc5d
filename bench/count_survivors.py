"""Lines the cleaner keeps that it should not: URL fragments, split tickers, newsletter and copyright lines.

    python bench/count_survivors.py --shared ../shared [--paths w3m,lynx,html] [--show N]

For both corpora's dev pages (boilerplate, boilerplate-wide) and each path (the w3m and lynx dumps through
the text path with the shipped model, the original HTML through `clean_html`), every kept line (body,
subhead, caption) is sorted by shape into the kinds below, and counted as outside the gold body (a
survivor) or inside it (the gold keeps it too: dropping it would cost recall). The mean body F1 of the path
is printed beside the counts. The shapes here are broad on purpose and belong to this measurement only:
they find candidates, the cleaner does not use them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.train_clean import CORPORA, load_scorer
from timeline.clean import clean_html, clean_text, find_recurring_lines
from timeline.models import KEPT_LABELS

URL_TOKEN = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*|(?<!\S)/[\w.-]+/\S*")
KINDS = {
    "url fragment": lambda text: bool(URL_TOKEN.search(text)) and len(URL_TOKEN.sub(" ", text).split()) < 5,
    # a closing parenthesis before any opening one, in the line's first few characters ('N) is up ...')
    "ticker fragment": lambda text: bool(re.match(r"^[^\s(]{0,12}\)", text)),
    "newsletter/copyright": lambda text: bool(
        re.search(r"sign[ -]?up|subscri|newsletter|copyright|©|\bissn\b|rights reserved", text, re.IGNORECASE)
    ),
}


def kind_of(text: str) -> str | None:
    """The first kind whose shape the line has, else None."""
    return next((name for name, test in KINDS.items() if test(text)), None)


def in_gold(text: str, gold_tokens: str, tokens: object) -> bool:
    """Whether the line's tokens stand, in order and together, in the gold body."""
    toks = tokens(text)  # type: ignore[operator]
    return bool(toks) and f" {' '.join(toks)} " in gold_tokens


def pages_of(dev: Path, path: str) -> dict[str, str]:
    """The inputs of one path, by page id."""
    folder = {"w3m": dev, "lynx": dev / "lynx", "html": dev}[path]
    suffix = "*.html" if path == "html" else "*.txt"
    return {f.stem: f.read_text(encoding="utf-8", errors="replace") for f in sorted(folder.glob(suffix))}


def measure(dev: Path, path: str, scorer: object, show: int) -> None:
    """Print one corpus and path's survivor counts and mean body F1."""
    golds = [
        json.loads(line) for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    inputs = pages_of(dev, path)
    recurring = find_recurring_lines(inputs.values()) if path != "html" else frozenset()
    counts: Counter[tuple[str, bool]] = Counter()
    examples: dict[str, list[str]] = {name: [] for name in KINDS}
    scores = []
    for gold in golds:
        if not gold.get("body") or gold["id"] not in inputs:
            continue
        text = inputs[gold["id"]]
        cleaned = clean_html(text) if path == "html" else clean_text(text, recurring)
        kept = [line.text for line in cleaned.lines if line.label in KEPT_LABELS]
        scores.append(scorer.prf(scorer.tokens(gold["body"]), scorer.tokens("\n".join(kept)))[2])  # type: ignore[attr-defined]
        gold_tokens = f" {' '.join(scorer.tokens(gold['body']))} "  # type: ignore[attr-defined]
        for line in kept:
            kind = kind_of(line)
            if kind:
                inside = in_gold(line, gold_tokens, scorer.tokens)  # type: ignore[attr-defined]
                counts[kind, inside] += 1
                if not inside and len(examples[kind]) < show:
                    examples[kind].append(f"{gold['id']}: {line[:110]}")
    f1 = sum(scores) / len(scores)
    cells = "  ".join(f"{name} {counts[name, False]} (+{counts[name, True]} in gold)" for name in KINDS)
    print(f"{dev.parent.name:<17} {path:<5} pages {len(scores):>3}  body F1 {f1:.4f}  {cells}", flush=True)
    for name, lines in examples.items():
        for line in lines:
            print(f"    {name}: {line}")


def main() -> int:
    """Parse options and measure every corpus and path."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default="../shared", help="the shared folder (corpora, tools)")
    parser.add_argument("--paths", default="w3m,lynx,html", help="comma-separated: w3m,lynx,html")
    parser.add_argument("--corpora", default=",".join(CORPORA), help="comma-separated corpus names")
    parser.add_argument("--show", type=int, default=0, help="print this many survivors of each kind")
    args = parser.parse_args()
    scorer = load_scorer(Path(args.shared))
    for corpus in args.corpora.split(","):
        for path in args.paths.split(","):
            measure(Path(args.shared) / "corpora" / corpus / "dev", path, scorer, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
