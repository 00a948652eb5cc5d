"""Boilerplate benchmark: clean the dev pages (w3m text, lynx text, HTML), score them, time the text path.

    python bench/bench_clean.py --shared ../shared [--keep DIR] [--paths w3m,lynx,html]

For each path the kept text of every page (body, subheads, captions: what `timeline clean` prints) is
written to `<dir>/<path>/<id>.txt`, then `score_boilerplate.py` prints its table (per-page scores go
to `<dir>/<path>.jsonl`). Throughput, measured first: `clean_text` alone over the w3m and lynx dumps, one
process, best of several passes; CPU time is reported beside wall-clock time because the machine may be
shared.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.clean import clean_html, clean_text, find_recurring_lines
from timeline.models import Cleaned

PATHS = ("w3m", "lynx", "html")


def _inputs(dev: Path, path: str) -> dict[str, str]:
    if path == "w3m":
        files = sorted(dev.glob("*.txt"))
    elif path == "lynx":
        files = sorted((dev / "lynx").glob("*.txt"))
    else:
        files = sorted(dev.glob("*.html"))
    return {f.stem: f.read_text(encoding="utf-8", errors="replace") for f in files}


def _kept_text(cleaned: Cleaned) -> str:
    return "\n".join(line.text for line in cleaned.body_lines) + "\n"


def run_path(dev: Path, path: str, out: Path, scorer: Path, use_recurring: bool) -> None:
    """Clean every page of one rendering into `out/<path>/` and print the scorer's table."""
    pages = _inputs(dev, path)
    target = out / path
    target.mkdir(parents=True, exist_ok=True)
    clean: Callable[[str], Cleaned]
    if path == "html":
        clean = clean_html
    else:
        recurring = find_recurring_lines(pages.values()) if use_recurring else frozenset()

        def clean(text: str) -> Cleaned:
            return clean_text(text, recurring)

    started = time.perf_counter()
    for stem, text in pages.items():
        (target / f"{stem}.txt").write_text(_kept_text(clean(text)), encoding="utf-8")
    elapsed = time.perf_counter() - started
    print(f"== {path}: {len(pages)} pages in {elapsed:.1f} s ({len(pages) / elapsed:.0f} docs/s)")
    subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(dev / "gold.jsonl"),
            str(target),
            "--per-doc",
            str(out / f"{path}.jsonl"),
        ],
        check=True,
    )


def measure_speed(dev: Path, passes: int = 10) -> None:
    """Documents per second of `clean_text` on the w3m and lynx dumps (one process, one core).

    Each pass cleans every page once; the best pass is reported (like `timeit`), in CPU time and by
    the wall clock, so that other work on a shared machine disturbs the figure as little as possible.
    """
    for path in ("w3m", "lynx"):
        texts = list(_inputs(dev, path).values())
        recurring = find_recurring_lines(texts)
        best_cpu = best_wall = float("inf")
        for _ in range(passes):
            wall, cpu = time.perf_counter(), time.process_time()
            for text in texts:
                clean_text(text, recurring)
            best_cpu = min(best_cpu, time.process_time() - cpu)
            best_wall = min(best_wall, time.perf_counter() - wall)
        size = sum(len(t) for t in texts) / len(texts) / 1000
        print(
            f"speed {path}: {len(texts) / best_cpu:.0f} docs/s of CPU time, {len(texts) / best_wall:.0f} by "
            f"the wall clock (best of {passes} passes over {len(texts)} pages of {size:.1f} kB, one process)"
        )


def main() -> int:
    """Parse options, run the chosen paths, print the tables and the throughput."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default="../shared", help="the shared folder (corpora, tools)")
    parser.add_argument("--keep", metavar="DIR", help="write outputs here instead of a temp dir")
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated: w3m,lynx,html")
    parser.add_argument("--no-recurring", action="store_true", help="do not use lines recurring across pages")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    args = parser.parse_args()
    shared = Path(args.shared)
    dev = shared / "corpora" / "boilerplate" / "dev"
    scorer = shared / "tools" / "score_boilerplate.py"
    if not dev.is_dir() or not scorer.is_file():
        print(f"bench_clean: no corpus or scorer under {shared}", file=sys.stderr)
        return 2
    paths = [p for p in args.paths.split(",") if p]
    if not args.no_speed:
        measure_speed(dev)
    with tempfile.TemporaryDirectory(prefix="bench_clean_") as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        for path in paths:
            run_path(dev, path, out, scorer, not args.no_recurring)
    return 0


if __name__ == "__main__":
    sys.exit(main())
