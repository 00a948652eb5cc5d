"""TempEval-3 dev scores and throughput of the time-expression tagger.

    python bench/bench_temporal.py --shared ../shared [--errors N] [--out FILE] [--repeat N]

Tags `corpora/tempeval3/dev.jsonl`, runs the official-style scorer on the result, prints its table,
then the tagging throughput (characters and documents per second, one core, best of --repeat runs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.temporal.tag import tag_jsonl


def main(argv: list[str] | None = None) -> int:
    """Tag the dev set, print the scorer's table and the throughput."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", help="the shared folder (corpora/, tools/)")
    ap.add_argument("--errors", type=int, default=0, help="list up to N errors of each kind")
    ap.add_argument("--out", help="keep the tagged JSON Lines here")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (the best one is reported)")
    ap.add_argument("--by-type", action="store_true", help="per-type breakdown")
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    gold = shared / "corpora" / "tempeval3" / "dev.jsonl"
    scorer = shared / "tools" / "score_timex.py"
    lines = gold.read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    inputs = [
        json.dumps({"id": d["id"], "dct": d.get("dct_value") or d["dct"], "text": d["text"]}) for d in docs
    ]
    chars = sum(len(d["text"]) for d in docs)

    best = best_cpu = float("inf")
    out: list[str] = []
    for _ in range(max(1, a.repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        out = list(tag_jsonl(inputs))
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(a.out) if a.out else Path(tmp) / "dev.tagged.jsonl"
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        cmd = [sys.executable, str(scorer), str(gold), str(path)]
        if a.errors:
            cmd += ["--errors", str(a.errors)]
        if a.by_type:
            cmd.append("--by-type")
        result = subprocess.run(cmd, check=False, capture_output=True, text=True)
        print(result.stdout, end="")
        if result.returncode:
            print(result.stderr, end="", file=sys.stderr)
            return result.returncode
    print()
    print(
        f"tagging: {len(docs)} documents, {chars:,} characters in {best:.3f} s wall, {best_cpu:.3f} s CPU"
        f" (best of {a.repeat}, one process)"
    )
    print(
        f"throughput: {chars / best_cpu / 1e6:.2f} M characters/s, {len(docs) / best_cpu:.0f} documents/s"
        f" of CPU time on one core ({chars / best / 1e6:.2f} M characters/s wall clock)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
