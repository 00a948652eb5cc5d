"""Throughput of `timeline build` on a corpus of real article files, against the naive pass.

    python bench/bench_build.py --shared ../shared [--files 2000] [--naive-sample 300]

Builds bench/work/corpus-N/ (copies of the Syria articles and of the boilerplate pages' w3m and lynx
text dumps, under new names: about 8.5 KB an article, the texts the naive figure of issue 6 was
measured on) once, then runs `timeline build` on it with --jobs 1 and
--jobs 2, and the naive pass (dateparser's search_dates over every text) on a sample of the same
files, in this one run. Prints articles/s, MB/s, peak memory (summed over the process tree) and the
ratio to the naive pass; then the scaling curve over 500, 1,000, 2,000 and 10,000 files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
TIMELINE = [sys.executable, "-m", "timeline"]


def source_files(shared: Path) -> list[Path]:
    """Every real article file the shared corpora hold, in a stable order."""
    syria = sorted((shared / "corpora" / "tls" / "syria" / "articles").glob("*.txt"))
    pages = shared / "corpora" / "boilerplate" / "dev"
    w3m = sorted(pages.glob("*.txt"))
    lynx = sorted((pages / "lynx").glob("*.txt"))
    return syria + w3m + lynx


def make_corpus(shared: Path, count: int, folder: Path) -> Path:
    """`count` files copied round-robin from the real ones, under new names; reused when present."""
    marker = folder.parent / f"{folder.name}.complete"  # beside the corpus: inside it, it would be an input
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = source_files(shared)
    for i in range(count):
        src = sources[i % len(sources)]
        shutil.copyfile(src, folder / f"{i:06d}_{src.stem}{src.suffix}")
    marker.touch()
    return folder


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KB (from /proc)."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """Run a command; return wall seconds, peak tree memory in KB, exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak, code


def naive_rate(files: list[Path]) -> float:
    """Articles per second of dateparser's search_dates over each file's text (the obvious approach)."""
    from dateparser.search import search_dates

    texts = [path.read_text(encoding="utf-8", errors="replace") for path in files]
    search_dates("warm up on Sunday, June 14, 2020", languages=["en"])
    start = time.perf_counter()
    for text in texts:
        search_dates(text, languages=["en"])
    return len(texts) / (time.perf_counter() - start)


def folder_bytes(folder: Path) -> int:
    """Total size of the files in a folder."""
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


def main() -> None:
    """Build the corpus, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--naive-sample", type=int, default=300)
    parser.add_argument("--curve", default="500,1000,2000,10000")
    args = parser.parse_args()
    shared = Path(args.shared)
    corpus = make_corpus(shared, args.files, WORK / f"corpus-{args.files}")
    files = sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith("."))
    size = folder_bytes(corpus)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB ({corpus.relative_to(ROOT)})")
    step = max(1, len(files) // args.naive_sample)
    naive = naive_rate(files[::step][: args.naive_sample])
    sampled = min(args.naive_sample, len(files))
    print(f"naive pass (search_dates, {sampled} files sampled): {naive:.1f} articles/s")
    print()
    print(f"{'run':<22}{'seconds':>9}{'articles/s':>12}{'MB/s':>8}{'peak MB':>9}{'x naive':>9}")
    for jobs in (1, 2):
        cmd = [*TIMELINE, "build", str(corpus), "--format", "json", "-q", "--jobs", str(jobs)]
        seconds, peak, code = run_measured(cmd)
        rate = len(files) / seconds
        status = "" if code in (0, 1) else f"  (exit {code})"
        print(
            f"{f'timeline --jobs {jobs}':<22}{seconds:>9.2f}{rate:>12.1f}{size / 1e6 / seconds:>8.2f}"
            f"{peak / 1024:>9.0f}{rate / naive:>9.1f}{status}"
        )
    print()
    print("scaling (--jobs 2):")
    for count in (int(n) for n in args.curve.split(",")):
        part = make_corpus(shared, count, WORK / f"corpus-{count}")
        cmd = [*TIMELINE, "build", str(part), "--format", "json", "-q", "--jobs", "2"]
        seconds, peak, _ = run_measured(cmd)
        rate = count / seconds
        print(f"  {count:>6} files {seconds:>8.2f} s {rate:>8.1f} articles/s {peak / 1024:>7.0f} MB peak")


if __name__ == "__main__":
    main()
