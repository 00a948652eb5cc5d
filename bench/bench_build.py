"""Throughput of `timeline build` on a corpus of real article files, against the naive pass and the floor.

    python bench/bench_build.py --shared ../shared [--files 2000] [--naive-sample 300]
                                [--sizes 1000,5000,20000,50000] [--no-dask] [--cache-only]
                                [--dask-only ROUNDS]

Builds bench/work/corpus-N/ (copies of the Syria articles and of the boilerplate pages' w3m and lynx
text dumps, under new names: about 7.4 KB an article) once, then prints, in this one run:
articles/s with --jobs 1 and --jobs 2; the ratio to the naive pass (dateparser's search_dates over
every text, on a sample) and to the floor (read, decode and split sentences, one process); the
cached re-run of the unchanged folder and the run after adding 10 % new files, against the cold
run, with the files computed; the Dask run on a LocalCluster of two one-thread workers against
--jobs 2 (byte-identical or not); then peak memory (summed over the process tree) and time at
each of --sizes. Wall-clock times: on a shared machine, compare figures of one run only; the cache
figures also give CPU time (user + system of the whole process tree), which others' load disturbs less.
--cache-only measures the cache runs alone; --dask-only ROUNDS the Dask comparison alone, alternating
with --jobs 2, best of ROUNDS, with the CPU time of the client, the scheduler and the workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
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


def process_tree(pid: int) -> tuple[list[int], dict[int, list[str]]]:
    """A process and its live descendants (the process first), and every process's /proc stat fields."""
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stats[int(entry)] = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
    children: dict[int, list[int]] = {}
    for child, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(child)
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        stack.extend(children.get(current, []))
    return tree, stats


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, and of the process alone, in KB (from /proc)."""
    total = own = 0
    for current in process_tree(pid)[0]:
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        own = own or int(line.split()[1])  # the first read is the process itself
        except OSError:
            pass
    return total, own


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """Run a command; return wall seconds, peak tree memory in KB, exit code."""
    seconds, peak, _, code = run_profiled(cmd)
    return seconds, peak, code


def run_timed(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return wall seconds and CPU seconds (user + system of it and all its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, _, _ = run_measured(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_profiled(cmd: list[str]) -> tuple[float, int, int, int]:
    """Run a command; return wall seconds, peak tree memory and peak of the main process in KB, exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peak = main = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, main
        while not done.is_set():
            tree, own = tree_rss_kb(proc.pid)
            peak, main = max(peak, tree), max(main, own)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak, main, code


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


def floor_rate(files: list[Path]) -> float:
    """Articles per second of the least any tool must do: read, decode, split each line into sentences."""
    from timeline.load import load_document
    from timeline.models import Document
    from timeline.sentences import split_sentences

    start = time.perf_counter()
    for path in files:
        doc = load_document(str(path))
        if isinstance(doc, Document):
            for line in doc.text.splitlines():
                split_sentences(line, 0)
    return len(files) / (time.perf_counter() - start)


def build_cmd(folder: Path, *args: str) -> list[str]:
    return [*TIMELINE, "build", str(folder), "--format", "json", "-q", *args]


def result_entries(cache: Path) -> int:
    """The per-article results a cache holds (not the records of the files read)."""
    return sum(1 for path in cache.rglob("*.json") if not {"files", "runs"} & set(path.parts[-3:]))


def print_row(
    name: str, seconds: float, files: int, size: int, peak: int, naive: float, floor: float
) -> None:
    rate = files / seconds
    print(
        f"{name:<22}{seconds:>9.2f}{rate:>12.1f}{size / 1e6 / seconds:>8.2f}{peak / 1024:>9.0f}"
        f"{rate / naive:>9.1f}{floor / rate:>10.1f}"
    )


def measure_cache(shared: Path, count: int) -> None:
    """Cold run with --cache, the unchanged re-run, and the run after adding 10 % new files."""
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        folder, cache = Path(scratch) / "articles", Path(scratch) / "cache"
        shutil.copytree(make_corpus(shared, count, WORK / f"corpus-{count}"), folder)
        cold, cold_cpu = run_timed(build_cmd(folder, "--jobs", "2", "--cache", str(cache)))
        computed = result_entries(cache)
        warm, warm_cpu = run_timed(build_cmd(folder, "--jobs", "2", "--cache", str(cache)))
        same = result_entries(cache) - computed
        sources = source_files(shared)
        for i in range(count // 10):  # new articles: real texts with a line of their own
            src = sources[i % len(sources)]
            text = src.read_bytes() + f"\nBench addition {i}.\n".encode()
            (folder / f"new_{i:06d}_{src.stem}{src.suffix}").write_bytes(text)
        grown, grown_cpu = run_timed(build_cmd(folder, "--jobs", "2", "--cache", str(cache)))
        added = result_entries(cache) - computed - same
        print(
            f"cache, {count} files (--jobs 2): cold {cold:.2f} s, {cold_cpu:.2f} s CPU "
            f"({computed} distinct results stored)"
        )
        print(
            f"  unchanged re-run {warm:.2f} s: {cold / warm:.1f}x faster; {warm_cpu:.2f} s CPU: "
            f"{cold_cpu / warm_cpu:.1f}x less; {same} new results"
        )
        print(
            f"  after adding {count // 10} new files {grown:.2f} s: {cold / grown:.1f}x faster than cold; "
            f"{grown_cpu:.2f} s CPU: {cold_cpu / grown_cpu:.1f}x less; {added} new results"
        )


def measure_dask(corpus: Path, files: int, rounds: int = 1) -> None:
    """The same build on a LocalCluster of two one-thread workers, against --jobs 2 (alternating, best of N).

    CPU: the client and --jobs 2 from the rusage of reaped children; the scheduler (a thread of this
    process, so this process's CPU while the client runs) and the workers and nannies from /proc.
    """
    try:
        from distributed import LocalCluster
    except ImportError:
        print("dask: the cluster extra is not installed")
        return
    dask_out, local_out = WORK / "dask.json", WORK / "local.json"
    walls: dict[str, list[float]] = {"dask": [], "local": []}
    cpus: dict[str, list[tuple[float, ...]]] = {"dask": [], "local": []}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        for _ in range(rounds):
            workers, scheduler = tree_cpu_seconds(os.getpid()), time.process_time()
            remote, client = run_timed([*build_cmd(corpus, "--cluster", address), "-o", str(dask_out)])
            scheduler = time.process_time() - scheduler
            workers = tree_cpu_seconds(os.getpid()) - workers
            walls["dask"].append(remote)
            cpus["dask"].append((client + scheduler + workers, client, scheduler, workers))
            sampler = time.process_time()
            local, local_cpu = run_timed([*build_cmd(corpus, "--jobs", "2"), "-o", str(local_out)])
            walls["local"].append(local)
            cpus["local"].append((local_cpu, time.process_time() - sampler))
    remote, local = min(walls["dask"]), min(walls["local"])
    same = dask_out.read_bytes() == local_out.read_bytes()
    print(
        f"dask, {files} files: 2 one-thread workers {remote:.2f} s, --jobs 2 {local:.2f} s: "
        f"{remote / local:.2f}x the local time, output {'byte-identical' if same else 'DIFFERENT'}"
    )
    if rounds > 1:
        total, client, scheduler, workers = min(cpus["dask"])
        print(
            f"  best of {rounds}, CPU s: dask {total:.2f} (client {client:.2f}, scheduler {scheduler:.2f}, "
            f"workers {workers:.2f}), --jobs 2 {min(cpus['local'])[0]:.2f} "
            f"(this process's memory sampler alone: {min(cpus['local'])[1]:.2f}); "
            f"walls dask {' '.join(f'{w:.2f}' for w in walls['dask'])}, "
            f"local {' '.join(f'{w:.2f}' for w in walls['local'])}; load {os.getloadavg()[0]:.2f}"
        )


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the live descendants of a process (not itself), from /proc."""
    tree, stats = process_tree(pid)
    ticks = sum(int(stats[current][11]) + int(stats[current][12]) for current in tree[1:] if current in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


def main() -> None:
    """Build the corpus, measure, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--naive-sample", type=int, default=300)
    parser.add_argument("--sizes", default="1000,5000,20000,50000", help="files for the memory curve")
    parser.add_argument("--no-dask", action="store_true", help="leave the Dask comparison out")
    parser.add_argument("--cache-only", action="store_true", help="measure the cache runs only")
    parser.add_argument("--dask-only", type=int, metavar="N", help="the Dask comparison alone, best of N")
    args = parser.parse_args()
    shared = Path(args.shared)
    if args.cache_only:
        measure_cache(shared, args.files)
        return
    corpus = make_corpus(shared, args.files, WORK / f"corpus-{args.files}")
    if args.dask_only:
        measure_dask(corpus, args.files, args.dask_only)
        return
    files = sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith("."))
    size = folder_bytes(corpus)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB ({corpus.relative_to(ROOT)})")
    step = max(1, len(files) // args.naive_sample)
    sample = files[::step][: args.naive_sample]
    naive = naive_rate(sample)
    floor = floor_rate(files)
    print(f"naive pass (search_dates, {len(sample)} files sampled): {naive:.1f} articles/s")
    print(f"floor (read, decode, split sentences; one process): {floor:.1f} articles/s")
    print()
    print(
        f"{'run':<22}{'seconds':>9}{'articles/s':>12}{'MB/s':>8}{'peak MB':>9}{'x naive':>9}{'floor/x':>10}"
    )
    for jobs in (1, 2):
        seconds, peak, code = run_measured(build_cmd(corpus, "--jobs", str(jobs)))
        print_row(f"timeline --jobs {jobs}", seconds, len(files), size, peak, naive, floor)
        if code not in (0, 1):
            print(f"  (exit {code})")
    print()
    measure_cache(shared, args.files)
    if not args.no_dask:
        measure_dask(corpus, len(files))
    print()
    print("scaling (--jobs 2):")
    for count in (int(n) for n in args.sizes.split(",") if n):
        part = make_corpus(shared, count, WORK / f"corpus-{count}")
        seconds, peak, main, _ = run_profiled(build_cmd(part, "--jobs", "2"))
        rate = count / seconds
        print(
            f"  {count:>6} files {seconds:>8.2f} s {rate:>8.1f} articles/s {peak / 1024:>7.0f} MB peak "
            f"(main process {main / 1024:.0f} MB)"
        )


if __name__ == "__main__":
    main()
