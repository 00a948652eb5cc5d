"""Fuzzing run: mutated articles through the loader, the cleaner and the time-expression grammar.

    python bench/fuzz.py --count 100000 [--seed 0] [--whole 0.1] [--limit 1.0] [--tolerate-known]
    python bench/fuzz.py --replay bench/work/fuzz-findings/<name>.json

Each input is made from the two sample articles by a deterministic mutator (`random.Random` seeded
with the run's seed and the input's number, so any input can be rebuilt alone): windows of an
article with date-like junk ("February 30", "2020-13-45", long runs of "1-2-3-..." and "12:12:..."),
control characters, escape sequences, rich markup, unicode digits, bidi marks, byte flips, other
encodings and HTML wrappings. Every input goes through decode_document, the text or HTML cleaner,
describe_article, split_sentences and find_expressions (with and without a publication date); a
share of them (--whole) through the whole per-article map, process_document. Further shares go to
the cache reader (damaged and forged entries: the very result or InvalidEntry), the decoder (other
codepages, UTF-8 with stray bytes) and the command line (random options and values through the
typer app, writing only into a scratch folder). The invariants are those of tests/test_fuzz.py.
A finding is an exception, a broken invariant, or an input slower than --limit seconds (CPU time;
every pattern must be linear-time); each is written, with the input, to bench/work/fuzz-findings/.
Prints inputs run, inputs/s and findings; exits 1 on any finding.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import test_fuzz  # noqa: E402  (the invariants and the mutator live beside the property tests)
from tests.test_fuzz import (  # noqa: E402
    SAMPLE_BYTES,
    mutate,
    run_cache_reader,
    run_command_line,
    run_decoder,
    run_record_reader,
    run_stages,
)

FINDINGS = ROOT / "bench" / "work" / "fuzz-findings"
HARD_LIMIT = 30.0  # seconds: an input still running after this is stopped and reported as a hang
DCTS: tuple[dt.date | dt.datetime | None, ...] = (
    dt.date(2020, 6, 14),
    None,
    dt.datetime(2020, 6, 14, 16, 38),
    dt.date(2000, 2, 29),
    dt.date(1800, 1, 1),
    dt.date(2200, 12, 31),
)


# Shares of the inputs that go to the other targets (the rest go through the stages).
TARGET_SHARES: tuple[tuple[str, float], ...] = (
    ("cache", 0.05),
    ("decoder", 0.05),
    ("command line", 0.01),
    ("record", 0.02),  # the run's record of its files (after the others: their inputs keep their numbers)
)


class Hang(Exception):
    """An input ran past the hard limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


@dataclass(slots=True)
class Tally:
    """Findings of a run, grouped by signature, with the smallest reproducer of each kept."""

    out: Path
    per_kind: Counter[str] = field(default_factory=Counter)
    smallest: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, case: dict[str, object], data: bytes) -> None:
        """Count a finding, list it in index.tsv; write its reproducer when the smallest of its kind."""
        self.per_kind[kind] += 1
        self.out.mkdir(parents=True, exist_ok=True)
        with open(self.out / "index.tsv", "a", encoding="utf-8") as index:
            details = json.dumps(case.get("seconds") or str(case.get("error", ""))[-200:])
            index.write(f"{case['seed']}\t{case['number']}\t{len(data)}\t{kind}\t{details}\n")
        if kind in self.smallest and self.smallest[kind] <= len(data):
            return
        self.smallest[kind] = len(data)
        self.out.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", kind)[:60].strip("-")
        record = {**case, "kind": kind, "size": len(data), "data": base64.b64encode(data).decode("ascii")}
        (self.out / f"{slug}.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        (self.out / f"{slug}.bin").write_bytes(data)


def signature(exc: BaseException) -> str:
    """A stable name for a failure: its type, where it was raised, and its message without numbers."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [frame for frame in frames if "/timeline/" in frame.filename or "test_fuzz" in frame.filename]
    where = f"{Path(own[-1].filename).name}:{own[-1].name}" if own else "?"
    message = re.sub(r"\d+", "N", str(exc).splitlines()[0] if str(exc) else "")[:80]
    return f"{type(exc).__name__} in {where}: {message}"


def build_input(seed: int, number: int) -> tuple[bytes, str, dt.date | dt.datetime | None, float]:
    """Input `number` of a run: bytes, file name, publication date, a draw for the whole-map share."""
    rng = random.Random(f"{seed}:{number}")
    data, name = mutate(rng, rng.choice(SAMPLE_BYTES))
    return data, name, rng.choice(DCTS), rng.random()


def pick_target(seed: int, number: int) -> str:
    """Which target input `number` of a run goes to: 'stages' or one of TARGET_SHARES."""
    draw = random.Random(f"target:{seed}:{number}").random()
    for target, share in TARGET_SHARES:
        if draw < share:
            return target
        draw -= share
    return "stages"


def run_other(target: str, seed: int, number: int, scratch: Path) -> BaseException | None:
    """One input of the cache or record reader, decoder or command-line target, under the hard time limit."""
    rng = random.Random(f"{target}:{seed}:{number}")
    signal.setitimer(signal.ITIMER_REAL, HARD_LIMIT)
    try:
        if target == "cache":
            run_cache_reader(rng)
        elif target == "record":
            run_record_reader(rng)
        elif target == "decoder":
            run_decoder(rng)
        else:
            folder = scratch / str(number)
            folder.mkdir()
            try:
                run_command_line(rng, folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
    except Exception as exc:
        return exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def run_one(
    data: bytes,
    name: str,
    dct: dt.date | dt.datetime | None,
    whole: bool,
    timings: dict[str, float] | None = None,
) -> BaseException | None:
    """Every stage on one input, under the hard time limit; the exception it raised, if any."""
    signal.setitimer(signal.ITIMER_REAL, HARD_LIMIT)
    try:
        run_stages(data, name, dct, whole, timings)
    except Exception as exc:
        return exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def _dct_text(dct: dt.date | dt.datetime | None) -> str | None:
    return dct.isoformat() if dct else None


def warm_up() -> None:
    """Run the samples as text and HTML once, so lazy imports and caches are not timed as findings."""
    for data in SAMPLE_BYTES:
        for name in ("sample.txt", "sample.html"):
            run_stages(data, name)


def fuzz(count: int, seed: int, whole_share: float, limit: float, out: Path) -> int:
    """Run `count` inputs and print the figures; the number of findings."""
    tally = Tally(out)
    (out / "index.tsv").unlink(missing_ok=True)
    warm_up()
    started = time.perf_counter()
    slowest = (0.0, -1, 0)
    total_bytes = 0
    wholes = 0
    targets: Counter[str] = Counter()
    scratch = Path(tempfile.mkdtemp(prefix="timeline-fuzz-"))
    for number in range(count):
        target = pick_target(seed, number)
        targets[target] += 1
        if target != "stages":
            exc = run_other(target, seed, number, scratch)
            if exc is not None:
                kind = f"hang over {HARD_LIMIT:g} s" if isinstance(exc, Hang) else signature(exc)
                error = "".join(traceback.format_exception(exc))[-3000:]
                tally.add(f"{target}: {kind}", {"seed": seed, "number": number, "error": error}, b"")
            continue
        data, name, dct, pick = build_input(seed, number)
        whole = pick < whole_share
        wholes += whole
        total_bytes += len(data)
        case: dict[str, object] = {"seed": seed, "number": number, "name": name, "dct": _dct_text(dct)}
        case["whole"] = whole
        timings: dict[str, float] = {}
        begin = time.process_time()
        exc = run_one(data, name, dct, whole, timings)
        took = time.process_time() - begin
        if took > slowest[0]:
            slowest = (took, number, len(data))
        if exc is not None:
            kind = f"hang over {HARD_LIMIT:g} s" if isinstance(exc, Hang) else signature(exc)
            case["error"] = "".join(traceback.format_exception(exc))[-3000:]
            tally.add(kind, case, data)
        elif took > limit:
            stage = max(timings, key=timings.__getitem__)
            stages = {key: round(value, 3) for key, value in timings.items()}
            tally.add(f"slow: over {limit:g} s in {stage}", {**case, "seconds": stages}, data)
        if (number + 1) % 10_000 == 0:
            rate = (number + 1) / (time.perf_counter() - started)
            findings = sum(tally.per_kind.values())
            print(
                f"  {number + 1:>9,} inputs  {rate:,.0f}/s  {findings} finding(s)",
                file=sys.stderr,
                flush=True,
            )
    elapsed = time.perf_counter() - started
    shutil.rmtree(scratch, ignore_errors=True)
    findings = sum(tally.per_kind.values())
    print(f"inputs run:      {count:,} (seed {seed}; {wholes:,} through the whole per-article map)")
    print("targets:         " + ", ".join(f"{n:,} {target}" for target, n in sorted(targets.items())))
    print(f"input sizes:     {total_bytes / max(count, 1):,.0f} bytes on average, {total_bytes:,} in all")
    print(f"time:            {elapsed:,.1f} s, {count / elapsed:,.0f} inputs/s")
    print(f"slowest input:   {slowest[0]:.3f} s of CPU (number {slowest[1]}, {slowest[2]:,} bytes)")
    print(f"findings:        {findings} ({len(tally.per_kind)} kind(s))")
    for kind, n in tally.per_kind.most_common():
        print(f"  {n:>7,}  {kind}")
    if findings:
        print(f"reproducers:     {out}/ (replay one with --replay FILE.json)")
    return findings


def replay(path: Path) -> int:
    """Run one recorded finding again and show what happens."""
    record = json.loads(path.read_text(encoding="utf-8"))
    data = base64.b64decode(record["data"])
    dct_text = record.get("dct")
    dct: dt.date | dt.datetime | None = None
    if dct_text:
        dct = dt.datetime.fromisoformat(dct_text) if "T" in dct_text else dt.date.fromisoformat(dct_text)
    print(f"{path.name}: {record['kind']} ({len(data):,} bytes as {record['name']!r}, dct {dct_text})")
    begin = time.perf_counter()
    run_stages(data, record["name"], dct, bool(record.get("whole", True)))
    print(f"no finding now ({time.perf_counter() - begin:.3f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the fuzzer (or replay a finding), exit 1 on findings."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100_000, help="inputs to run (default 100,000)")
    ap.add_argument("--seed", type=int, default=0, help="the run's seed (inputs are rebuilt from it)")
    ap.add_argument("--whole", type=float, default=0.1, help="share of inputs run through the whole map")
    ap.add_argument("--limit", type=float, default=1.0, help="seconds above which an input is a finding")
    ap.add_argument("--out", type=Path, default=FINDINGS, help="where reproducers are written")
    ap.add_argument(
        "--tolerate-known",
        action="store_true",
        help="skip the known bugs handed over to their owners (tests/test_fuzz.py KNOWN_BUGS)",
    )
    ap.add_argument("--replay", type=Path, help="run one recorded finding again")
    args = ap.parse_args(argv)
    if not args.tolerate_known:
        test_fuzz.KNOWN_BUGS.clear()
    signal.signal(signal.SIGALRM, _alarm)
    if args.replay:
        return replay(args.replay)
    return 1 if fuzz(args.count, args.seed, args.whole, args.limit, args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
