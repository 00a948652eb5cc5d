"""Audit the resolver's special-case rules and hand-set constants: what each one changes when switched off.

    python bench/audit_rules.py --shared ../shared [--only NAME ...] [--folders F ...] [--sample N]

A switch is a text patch of the shipped source (a branch made dead, a constant set to its neutral
value), applied to a copy of the package in a temporary folder; the shipped code holds no switch. For
the unpatched code and each switch, the script tags TempEval-3 dev (strict, relaxed and value F1 from
the shared scorer) and builds every corpora/tls folder (`timeline build --format json -j 1`), then
prints the scores and how many statements' dates moved, with a sample of the moves to read in their
articles. A patch whose text is no longer in the source stops the run: update the switch with the code.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_tense import fold_of, load_scorer, value_f1

ROOT = Path(__file__).resolve().parent.parent
RESOLVE = "timeline/temporal/resolve.py"

# name -> (file, [(old, new), ...]): each old text must occur exactly once
SWITCHES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "weekday_s_tomorrow": (
        RESOLVE,
        [('elif self.text[c.end : c.end + 2] in ("\'s", "’s") and diff % 7 == 1:', "elif False:")],
    ),
    "weekday_previous_following": (
        RESOLVE,
        [('elif det in ("the previous", "the following"):', "elif False:")],
    ),
    "earlier_later_part": (
        RESOLVE,
        [("if relative and dct is not None and first <= dct <= last:", "if False:")],
    ),
    "quarter_results_of": (
        RESOLVE,
        [('elif "this" in det.split() and recent and _RESULTS_OF.match(self.text, c.end):', "elif False:")],
    ),
    "quarter_ended": (RESOLVE, [("m = _QUARTER_ENDED.match(self.text, c.end)", "m = None")]),
    "quarter_background": (
        RESOLVE,
        [("if fiscal or not self._background_quarter(quarter):", "if True:")],
    ),
    "quarter_past_last_year": (RESOLVE, [('and self.reading(c, weak=False) == "past"\n', "and False\n")]),
    "longer_stretch": (
        RESOLVE,
        [("return SEVERAL_QUARTERS.search(self.text, previous, c.start) is not None", "return False")],
    ),
    "yearlike_reach_0": (RESOLVE, [("YEARLIKE_REACH = 1500 ", "YEARLIKE_REACH = -1 ")]),
    "yearlike_reach_inf": (RESOLVE, [("YEARLIKE_REACH = 1500 ", "YEARLIKE_REACH = 10**9 ")]),
    "then_reach_inf": (RESOLVE, [("THEN_REACH = 300 ", "THEN_REACH = 10**9 ")]),
    "then_reach_0": (RESOLVE, [("THEN_REACH = 300 ", "THEN_REACH = -1 ")]),
    "anchor_window_default_0": (RESOLVE, [("window: int = 1500", "window: int = -1")]),
    "anchor_window_default_inf": (RESOLVE, [("window: int = 1500", "window: int = 10**9")]),
    "the_week_window_inf": (
        RESOLVE,
        [("self.ctx.anchor_day(c.start, window=1500)", "self.ctx.anchor_day(c.start)")],
    ),
    "clock_window_0": (
        RESOLVE,
        [
            (
                "day, anchor = self.ctx.anchor_day(c.start, window=600)",
                "day, anchor = self.ctx.anchor_day(c.start, window=-1)",
            )
        ],
    ),
    "clock_window_inf": (
        RESOLVE,
        [
            (
                "day, anchor = self.ctx.anchor_day(c.start, window=600)",
                "day, anchor = self.ctx.anchor_day(c.start, window=10**9)",
            )
        ],
    ),
    "part_of_day_window_0": (
        RESOLVE,
        [
            (
                "d, anchor = self.ctx.anchor_day(c.start, window=600)",
                "d, anchor = self.ctx.anchor_day(c.start, window=-1)",
            )
        ],
    ),
    "part_of_day_window_inf": (
        RESOLVE,
        [
            (
                "d, anchor = self.ctx.anchor_day(c.start, window=600)",
                "d, anchor = self.ctx.anchor_day(c.start, window=10**9)",
            )
        ],
    ),
    "told_of_window_0": (
        RESOLVE,
        [
            (
                "return self.ctx.anchor_day(c.start, window=400)",
                "return self.ctx.anchor_day(c.start, window=-1)",
            )
        ],
    ),
    "told_of_window_inf": (
        RESOLVE,
        [
            (
                "return self.ctx.anchor_day(c.start, window=400)",
                "return self.ctx.anchor_day(c.start, window=10**9)",
            )
        ],
    ),
    "that_unit_windows_inf": (
        RESOLVE,
        [
            ("and c.start - self.ctx.last_year_pos < 4000", "and True"),
            ("and c.start - self.ctx.last_any_pos < 4000", "and True"),
            (
                "base, anchor = self.ctx.anchor_day(c.start, window=4000)",
                "base, anchor = self.ctx.anchor_day(c.start, window=10**9)",
            ),
        ],
    ),
    "that_year_last_year": (RESOLVE, [("and self.ctx.last_year_pos > self.ctx.last_any_pos", "and False")]),
    "schedule_clock": (
        RESOLVE,
        [("if SCHEDULE_BEFORE.search(self.text, max(0, c.start - 80), c.start):", "if False:")],
    ),
    "addressed_to_reader": (
        RESOLVE,
        [("return ADDRESSED_TO_READER.search(", "return False and ADDRESSED_TO_READER.search(")],
    ),
    "one_day_ahead_modal": (
        RESOLVE,
        [("return bool(MODAL_BEFORE.search(", "return False and bool(MODAL_BEFORE.search(")],
    ),
    "event_offset": (
        RESOLVE,
        [
            (
                "return bool(REPORTING_BEFORE.search(before))",
                "return False and bool(REPORTING_BEFORE.search(before))",
            )
        ],
    ),
    "the_weekend_past": (
        RESOLVE,
        [('d = pick_weekend(base, tense or "past")', "d = pick_weekend(base, tense)")],
    ),
    "tense_window_110": ("timeline/temporal/tense.py", [("_WINDOW = 220", "_WINDOW = 110")]),
    "tense_window_440": ("timeline/temporal/tense.py", [("_WINDOW = 220", "_WINDOW = 440")]),
}


# name -> (file, source text with {} for the value, shipped value): the reaches `--cv` fits by
# cross-validation on TempEval-3 dev, over GRID (-1: never reaches back, 10**9: always does)
GRID = (-1, 150, 300, 600, 1000, 1500, 2000, 4000, 10**9)
SENTENCE_GRID = (80, 110, 160, 220, 300, 440, 880)  # how far the tense's sentence is looked for
REACHES: dict[str, tuple[str, str, int]] = {
    "clock_window": (RESOLVE, "day, anchor = self.ctx.anchor_day(c.start, window={})", 600),
    "part_of_day_window": (RESOLVE, "d, anchor = self.ctx.anchor_day(c.start, window={})", 600),
    "told_of_window": (RESOLVE, "return self.ctx.anchor_day(c.start, window={})", 400),
    "that_unit_window": (RESOLVE, "base, anchor = self.ctx.anchor_day(c.start, window={})", 4000),
    "anchor_window_default": (RESOLVE, "window: int = {}", 1500),
    "then_reach": (RESOLVE, "THEN_REACH = {} ", 300),
    "yearlike_reach": (RESOLVE, "YEARLIKE_REACH = {} ", 1500),
    "tense_window": ("timeline/temporal/tense.py", "_WINDOW = {}\n", 220),  # characters around a sentence
}


def patched_tree(name: str | None, dest: Path) -> Path:
    """A copy of the package under `dest` with switch `name` applied (the shipped code for None)."""
    path, edits = SWITCHES[name] if name else (RESOLVE, [])
    return patch_tree(path, edits, dest, name or "shipped")


def patch_tree(path: str, edits: list[tuple[str, str]], dest: Path, name: str) -> Path:
    """A copy of the package under `dest` with `edits` (old, new) made in the file `path`."""
    shutil.copytree(ROOT / "timeline", dest / "timeline", ignore=shutil.ignore_patterns("__pycache__"))
    file = dest / path
    text = file.read_text(encoding="utf-8")
    for old, new in edits:
        if text.count(old) != 1:
            raise SystemExit(f"{name}: patch text found {text.count(old)} times in {path}: {old!r}")
        text = text.replace(old, new)
    file.write_text(text, encoding="utf-8")
    return dest


def tag_dev(tree: Path, gold: Path, tmp: Path) -> Path:
    """TempEval-3 dev tagged by the package in `tree`, as a JSON Lines file in `tmp`."""
    code = (
        "import sys, json\n"
        "from timeline.temporal.tag import tag_jsonl\n"
        "docs = [json.loads(x) for x in open(sys.argv[1], encoding='utf-8') if x.strip()]\n"
        "ins = [json.dumps({'id': d['id'], 'dct': d.get('dct_value') or d['dct'], 'text': d['text']})\n"
        "       for d in docs]\n"
        "print('\\n'.join(tag_jsonl(ins)))\n"
    )
    out = tmp / "dev.tagged.jsonl"
    env = {**os.environ, "PYTHONPATH": str(tree)}
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-c", code, str(gold)], check=True, stdout=fh, env=env, cwd=tmp)
    return out


def tempeval(tree: Path, shared: Path, tmp: Path) -> dict[str, float]:
    """Strict, relaxed and value F1 on TempEval-3 dev with the package in `tree`."""
    gold = shared / "corpora" / "tempeval3" / "dev.jsonl"
    out = tag_dev(tree, gold, tmp)
    scorer = shared / "tools" / "score_timex.py"
    cmd = [sys.executable, str(scorer), str(gold), str(out), "--json"]
    res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return {k: res[k]["f1"] for k in ("strict", "relaxed", "value")}


def cross_validate(name: str, shared: Path, folds: int) -> None:
    """Print the value F1 of reach `name` chosen on the other folds (grouped by month), then fitted on all."""
    path, template, shipped = REACHES[name]
    scorer = load_scorer(shared)
    gold_path = shared / "corpora" / "tempeval3" / "dev.jsonl"
    gold = scorer.load_jsonl(gold_path)
    grid = SENTENCE_GRID if name == "tense_window" else GRID
    values = [shipped] + [v for v in grid if v != shipped]  # a tie keeps the shipped value
    tagged = []
    for value in values:
        with tempfile.TemporaryDirectory(prefix="audit-") as tmpdir:
            tmp = Path(tmpdir)
            edit = [(template.format(shipped), template.format(value))] if value != shipped else []
            out = tag_dev(patch_tree(path, edit, tmp / "tree", name), gold_path, tmp)
            tagged.append(scorer.load_jsonl(out))
    fold = {i: fold_of(gold[i], folds) for i in gold}
    pooled: dict[str, dict] = {}
    chosen = []
    for k in range(folds):
        train = [i for i in gold if fold[i] != k]
        best = max(range(len(values)), key=lambda j: (value_f1(scorer, gold, tagged[j], train), -j))
        chosen.append(values[best])
        pooled.update({i: tagged[best][i] for i in gold if fold[i] == k})
    ids = list(gold)
    scores = [value_f1(scorer, gold, t, ids) for t in tagged]
    best = max(range(len(values)), key=lambda j: (scores[j], -j))
    print(
        f"\n== {name} (shipped {shipped}): cross-validated value F1 {value_f1(scorer, gold, pooled, ids):.4f}"
    )
    print(f"   ({folds} folds grouped by month of publication; chose {chosen})")
    print(f"   fitted on all of dev: {values[best]}, value F1 {scores[best]:.4f}")
    print("   " + ", ".join(f"{v}: {sc:.4f}" for v, sc in zip(values, scores, strict=True)))


def tls_dates(
    tree: Path, folders: list[Path], tmp: Path
) -> dict[tuple[str, int, int], tuple[str, str, str, str]]:
    """(file, span) -> (date, expression, sentence, published) of every statement in the TLS folders."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    dates = {}
    for folder in folders:
        cmd = [
            sys.executable,
            "-m",
            "timeline",
            "build",
            str(folder / "articles"),
            "--format",
            "json",
            "-j",
            "1",
            "-q",
        ]
        run = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env, cwd=tmp)
        for event in json.loads(run.stdout)["events"]:
            for src in event["sources"]:
                key = (src["file"], src["span"][0], src["span"][1])
                dates[key] = (event["date"], src["expression"], src["text"], src["published"] or "")
    return dates


def measure(name: str | None, shared: Path, folders: list[Path]) -> tuple[dict[str, float], dict]:
    """The TempEval scores and the TLS statement dates with switch `name` applied."""
    with tempfile.TemporaryDirectory(prefix="audit-") as tmpdir:
        tmp = Path(tmpdir)
        tree = patched_tree(name, tmp / "tree")
        return tempeval(tree, shared, tmp), tls_dates(tree, folders, tmp)


def report(
    name: str, scores: dict[str, float], base_scores: dict[str, float], moved: list, lost: int, sample: int
) -> None:
    """Print one switch's line and a sample of its moved statements."""
    delta = " ".join(f"{k} {v:.4f} ({v - base_scores[k]:+.4f})" for k, v in scores.items())
    print(f"\n== {name}: {delta}; TLS statements moved {len(moved)}, appeared/vanished {lost}")
    for (file, _s, _e), old, new in moved[:sample]:
        where = f"{Path(file).parent.parent.name}/{Path(file).name}"
        print(f"   {where} pub {old[3]} '{old[1]}': {old[0]} -> {new[0]}")
        print(f"      {old[2][:220]}")


def main(argv: list[str] | None = None) -> int:
    """Measure the shipped code, then each switch, and print what each one changes."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", help="the shared folder (corpora/, tools/)")
    ap.add_argument("--only", nargs="*", help="switches to measure (default: all)")
    ap.add_argument("--folders", nargs="*", help="TLS folder names (default: all)")
    ap.add_argument("--sample", type=int, default=8, help="moved statements to print per switch")
    ap.add_argument("--cv", nargs="*", help="instead: cross-validate these reaches (none named: all)")
    ap.add_argument("--folds", type=int, default=5, help="with --cv: folds grouped by month of publication")
    a = ap.parse_args(argv)
    shared = Path(a.shared).resolve()
    if a.cv is not None:
        for name in a.cv or REACHES:
            cross_validate(name, shared, a.folds)
            sys.stdout.flush()
        return 0
    tls = shared / "corpora" / "tls"
    folders = (
        [tls / f for f in a.folders]
        if a.folders
        else sorted(p for p in tls.iterdir() if (p / "articles").is_dir())
    )
    names = a.only or list(SWITCHES)
    unknown = [n for n in names if n not in SWITCHES]
    if unknown:
        raise SystemExit(f"unknown switch: {', '.join(unknown)}")
    base_scores, base = measure(None, shared, folders)
    print(
        "shipped: "
        + " ".join(f"{k} {v:.4f}" for k, v in base_scores.items())
        + f"; TLS statements {len(base)}"
    )
    for name in names:
        scores, dates = measure(name, shared, folders)
        moved = [
            (k, base[k], dates[k]) for k in sorted(base) if k in dates and dates[k][0][:10] != base[k][0][:10]
        ]
        lost = len(set(base) ^ set(dates))
        report(name, scores, base_scores, moved, lost, a.sample)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
