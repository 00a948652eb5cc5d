"""What `clean_text` makes of every w3m and lynx dump of both boilerplate corpora, as one digest per page.

    python bench/snapshot_clean.py OUT.json [--shared ../shared] [--compare BEFORE.json]

A speed change must leave every output as it was: take a snapshot before it, one after, and compare.
Each page is cleaned by the rules alone and with the shipped model (the run's recurring lines as
`bench_clean.py` finds them); the digest covers every line's text, label, reason and offsets and the
metadata. `--compare` prints the pages whose digest changed and exits 1 when any did.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_clean import _files
from bench.train_clean import CORPORA
from timeline.clean import clean_text, find_recurring_lines


def take_snapshot(shared: Path) -> dict[str, str]:
    """`corpus/renderer/page/rules|model` -> sha256 of the cleaned page's repr."""
    digests = {}
    for corpus in CORPORA:
        dev = shared / "corpora" / corpus / "dev"
        for renderer in ("w3m", "lynx"):
            files = _files(dev, renderer)
            texts = [file.read_text(encoding="utf-8", errors="replace") for file in files]
            recurring = find_recurring_lines(texts)
            for file, text in zip(files, texts, strict=True):
                for name, model in (("rules", None), ("model", "shipped")):
                    cleaned = repr(clean_text(text, recurring, model)).encode("utf-8")
                    digests[f"{corpus}/{renderer}/{file.stem}/{name}"] = hashlib.sha256(cleaned).hexdigest()
    return digests


def main() -> int:
    """Write the snapshot; with --compare, list the pages that differ from an earlier one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="where to write the snapshot (JSON)")
    parser.add_argument("--shared", default="../shared", help="the shared folder (corpora)")
    parser.add_argument("--compare", metavar="BEFORE", help="an earlier snapshot to compare with")
    args = parser.parse_args()
    digests = take_snapshot(Path(args.shared))
    Path(args.out).write_text(json.dumps(digests, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(digests)} cleaned pages -> {args.out}")
    if not args.compare:
        return 0
    before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
    changed = sorted(key for key in before.keys() | digests.keys() if before.get(key) != digests.get(key))
    print(f"{len(changed)} of {len(digests)} differ from {args.compare}", *changed[:20], sep="\n  ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
