"""Boilerplate benchmark: clean the dev pages (w3m text, lynx text, HTML), score them, time the text path.

    python bench/bench_clean.py --shared ../shared [--keep DIR] [--paths w3m,lynx,html]

For each path `timeline clean <pages> --output-dir <dir>/<path>/` writes the kept text of every page
(body, subheads, captions) to `<id>.txt`, then `score_boilerplate.py` prints its table (per-page scores
go to `<dir>/<path>.jsonl`). Throughput, measured first: `clean_text` alone over the w3m and lynx dumps, one
process, best of several passes; CPU time is reported beside wall-clock time because the machine may be
shared.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.clean import clean_text, find_recurring_lines

PATHS = ("w3m", "lynx", "html")


def _inputs(dev: Path, path: str) -> dict[str, str]:
    if path == "w3m":
        files = sorted(dev.glob("*.txt"))
    elif path == "lynx":
        files = sorted((dev / "lynx").glob("*.txt"))
    else:
        files = sorted(dev.glob("*.html"))
    return {f.stem: f.read_text(encoding="utf-8", errors="replace") for f in files}


def _files(dev: Path, path: str) -> list[Path]:
    if path == "w3m":
        return sorted(dev.glob("*.txt"))
    if path == "lynx":
        return sorted((dev / "lynx").glob("*.txt"))
    return sorted(dev.glob("*.html"))


def run_path(dev: Path, path: str, out: Path, scorer: Path) -> None:
    """`timeline clean <pages> --output-dir out/<path>/`, as a user runs it, then the scorer's table."""
    files = _files(dev, path)
    target = out / path
    command = [sys.executable, "-m", "timeline", "clean", *map(str, files), "--output-dir", str(target), "-q"]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parent.parent)
    elapsed = time.perf_counter() - started
    print(
        f"== {path}: `timeline clean` on {len(files)} pages in {elapsed:.2f} s "
        f"({len(files) / elapsed:.0f} docs/s, start-up and file reading included)"
    )
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
            run_path(dev, path, out, scorer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
