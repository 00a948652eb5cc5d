"""Mean body F1 of `clean_text` per corpus, dump and source, in one process (no files written).

    python bench/score_clean_sources.py --shared ../shared [--corpora boilerplate,boilerplate-wide]
        [--paths w3m,lynx] [--per-doc FILE]

Each dump folder is cleaned as `timeline clean <folder>` would (recurring lines found over the folder's
pages), the kept lines are scored with the shared scorer's tokens and F1, and the mean F1 is printed
per source and over all pages.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.clean import clean_text, find_recurring_lines


def load_scorer(shared: Path) -> ModuleType:
    """The shared scorer, imported from its file."""
    spec = importlib.util.spec_from_file_location("scorer", shared / "tools" / "score_boilerplate.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_folder(dev: Path, path: str, scorer: ModuleType, rows: list[dict]) -> dict[str, list[float]]:
    """Per-source lists of page F1 for one dump folder of one corpus."""
    folder = dev if path == "w3m" else dev / "lynx"
    lines = (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line]
    texts = {f.stem: f.read_text(encoding="utf-8", errors="replace") for f in sorted(folder.glob("*.txt"))}
    recurring = find_recurring_lines(texts.values())
    by_source: dict[str, list[float]] = defaultdict(list)
    for doc in gold:
        if not (doc.get("body") or "").strip():
            continue
        text = texts.get(doc["id"], "")
        kept = "".join(line.text + "\n" for line in clean_text(text, recurring).body_lines) if text else ""
        p, r, f = scorer.prf(scorer.tokens(doc["body"]), scorer.tokens(kept))
        by_source[doc.get("source") or "?"].append(f)
        rows.append({"corpus": dev.parent.name, "path": path, "id": doc["id"], "p": p, "r": r, "f1": f})
    return by_source


def main() -> int:
    """Score the chosen corpora and dumps, print one line per source."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--corpora", default="boilerplate,boilerplate-wide")
    parser.add_argument("--paths", default="w3m,lynx")
    parser.add_argument("--per-doc", metavar="FILE", help="write per-page P, R, F1 as JSON lines")
    args = parser.parse_args()
    shared = Path(args.shared)
    scorer = load_scorer(shared)
    rows: list[dict] = []
    for corpus in args.corpora.split(","):
        dev = shared / "corpora" / corpus / "dev"
        for path in args.paths.split(","):
            by_source = score_folder(dev, path, scorer, rows)
            every = [f for fs in by_source.values() for f in fs]
            parts = " ".join(f"{s} {sum(fs) / len(fs):.3f}" for s, fs in sorted(by_source.items()))
            print(f"{corpus:17} {path:4} all {sum(every) / len(every):.3f} ({len(every)})  {parts}")
    if args.per_doc:
        Path(args.per_doc).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
