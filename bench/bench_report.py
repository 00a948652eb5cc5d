"""What a reader gets from a big folder: line lengths of the text report, and the other readable outputs.

    python bench/bench_report.py --shared ../shared [--folder corpora/tls/syria] [--jobs 2]

Runs `timeline build FOLDER` as a user does (a subprocess, standard output to a file) and prints, for
the default text report: lines, events, the median and the longest line in characters, and the median
of the lines that carry a date and a statement (each event's first line); for `--width 100`: the
longest line; for `--format rich --width 60` (a narrow terminal): how many of the sources are still
shown; and the sizes of the HTML page and the TimelineJS slides. Each figure comes from this run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def build(folder: Path, jobs: int, *options: str) -> str:
    """`timeline build FOLDER OPTIONS` as a user runs it; its standard output."""
    command = [sys.executable, "-m", "timeline", "build", str(folder), "-q", "-j", str(jobs), *options]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=HERE)
    if done.returncode not in (0, 1):
        raise SystemExit(f"timeline build failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent / "shared")
    parser.add_argument("--folder", default="corpora/tls/syria")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    folder = (args.shared / args.folder).resolve()
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        build(folder, args.jobs, "--cache", cache, "-f", "json")  # fills the cache the other runs read
        print(f"{folder}: first build {time.perf_counter() - started:.1f} s (wall clock)")
        events = json.loads(build(folder, args.jobs, "--cache", cache, "-f", "json"))["events"]
        text = build(folder, args.jobs, "--cache", cache, "-f", "text").splitlines()
        lengths = [len(line) for line in text]
        firsts = [len(line) for line in text if not line.startswith(" ")]
        median, first_median = statistics.median(lengths), statistics.median(firsts)
        print(f"text report: {len(text):,} lines for {len(events):,} events; line median {median} chars,")
        print(f"  longest {max(lengths):,}; the date-and-statement lines: median {first_median}")
        wrapped = build(folder, args.jobs, "--cache", cache, "-f", "text", "--width", "100").splitlines()
        print(f"--width 100: {len(wrapped):,} lines, longest {max(len(line) for line in wrapped)}")
        narrow = build(folder, args.jobs, "--cache", cache, "-f", "rich", "--width", "60")
        sources = sum(len(event["sources"]) for event in events)
        shown = sum(1 for line in narrow.splitlines() if "]" in line and "[" in line)
        print(
            f"rich at 60 columns: {shown:,} citation lines for {sources:,} sources, widest line "
            f"{max(len(line) for line in narrow.splitlines())}"
        )
        page = build(folder, args.jobs, "--cache", cache, "-f", "html")
        slides = json.loads(build(folder, args.jobs, "--cache", cache, "-f", "timelinejs"))["events"]
        print(
            f"html: {len(page.encode()):,} bytes; timelinejs: {len(slides):,} slides "
            f"({len(events) - len(slides)} undated events left out)"
        )


if __name__ == "__main__":
    main()
