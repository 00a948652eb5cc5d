"""Boilerplate benchmark: clean the dev pages (w3m text, lynx text, HTML), score them, time the text path.

    python bench/bench_clean.py --shared ../shared [--keep DIR] [--paths w3m,lynx,html] [--no-cv]

First, for both corpora (boilerplate/dev, boilerplate-wide/dev), w3m and lynx, per source: mean body F1 of
the rules alone, of the shipped model (fitted on these very pages: an optimistic figure), and of the same
kind of model under 5-fold cross-validation grouped by site (the figure that counts; needs the `train`
extra), then pages per second of `clean_text` on each, rules alone and with the model (`--speed-only`: this
alone; `--stages`: only the CPU time of each of its stages).
For each path `timeline clean <pages> --output-dir <dir>/<path>/` writes the kept text of every page
(body, subheads, captions) to `<id>.txt`, then `score_boilerplate.py` prints its table (per-page scores
go to `<dir>/<path>.jsonl`). Throughput, measured first: `clean_text` alone over the w3m and lynx dumps, one
process, best of several passes; CPU time is reported beside wall-clock time because the machine may be
shared. Last, the article metadata of each path against the gold: the title (the page's own title, an
annotator's or its og:title, matched when their words agree at token F1 >= 0.7, since a page's H1 and
its og:title often differ by a word or a site name) and the publication day (pages with an annotated
date only).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.train_clean import CORPORA, cross_validate, load_pages, load_scorer, score_page, summarise
from timeline.clean import clean_document, clean_text, find_recurring_lines
from timeline.clean import text as text_module
from timeline.clean.model import BodyModel, load_model
from timeline.clean.text import DEFAULT_MODEL
from timeline.dating import describe_article
from timeline.load import load_document
from timeline.models import Problem

PATHS = ("w3m", "lynx", "html")
TITLE_AGREEMENT = 0.7  # token F1 at which a found title is the page's title


def _inputs(dev: Path, path: str) -> dict[str, str]:
    return {f.stem: f.read_text(encoding="utf-8", errors="replace") for f in _files(dev, path)}


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


def measure_model(shared: Path, folds: int, cv: bool) -> None:
    """Per corpus, renderer and source: rules alone, the shipped model, site-grouped CV of its kind."""
    scorer = load_scorer(shared)
    pages = load_pages(shared, scorer)
    model = load_model()
    columns = {"rules": summarise(pages, [score_page(page, None, scorer) for page in pages])}
    if model is not None:
        columns["shipped"] = summarise(pages, [score_page(page, model, scorer) for page in pages])
        if cv:
            spec, seed = model.provenance["spec"], model.provenance["seed"]
            columns[f"cv{folds} by site"] = summarise(pages, cross_validate(pages, spec, folds, seed, scorer))
    counts: Counter[str] = Counter()
    for page in pages:
        counts[f"{page.corpus}/{page.renderer}"] += 1
        counts[f"{page.corpus}/{page.renderer}/{page.source}"] += 1
    print(
        f"body F1, mean over pages ({len({p.site for p in pages})} sites); the CV column is the one that "
        "counts"
    )
    print(f"{'corpus/renderer/source':<52} {'pages':>5} " + " ".join(f"{c:>14}" for c in columns))
    for key in columns["rules"]:
        row = " ".join(f"{columns[c][key]:>14.3f}" for c in columns)
        print(f"{'  ' * (key.count('/') - 1)}{key:<{52 - 2 * (key.count('/') - 1)}} {counts[key]:>5} {row}")


def measure_speed(dev: Path, passes: int = 10) -> None:
    """Documents per second of `clean_text` on the w3m and lynx dumps (one process, one core), rules alone
    and with the shipped model.

    Each pass cleans every page once; the best pass is reported (like `timeit`), in CPU time and by
    the wall clock, so that other work on a shared machine disturbs the figure as little as possible.
    """
    for path in ("w3m", "lynx"):
        texts = list(_inputs(dev, path).values())
        recurring = find_recurring_lines(texts)
        size = sum(len(t) for t in texts) / len(texts) / 1000
        for name, model in (("rules", None), ("model", DEFAULT_MODEL)):
            best_cpu = best_wall = float("inf")
            for _ in range(passes):
                wall, cpu = time.perf_counter(), time.process_time()
                for text in texts:
                    clean_text(text, recurring, model)
                best_cpu = min(best_cpu, time.process_time() - cpu)
                best_wall = min(best_wall, time.perf_counter() - wall)
            print(
                f"speed {dev.parent.name} {path} {name}: {len(texts) / best_cpu:.0f} docs/s of CPU time, "
                f"{len(texts) / best_wall:.0f} by the wall clock (best of {passes} passes over {len(texts)} "
                f"pages of {size:.1f} kB, one process)"
            )


# Where `clean_text`'s time goes: stage -> (the function of `timeline.clean.text` that calls them, then the
# page-level functions the stage is); a calling function's own line is what its stages leave of its time.
STAGES = {
    "reflow (paragraphs.py)": ("_label_by_rules", "reflow_blocks"),
    "repeats": ("_label_by_rules", "_mark_repeats"),
    "header (title, byline)": ("_label_by_rules", "_label_header"),
    "later rule passes": (
        "_label_by_rules",
        "_mark_captions",
        "_discount_comments",
        "_decide",
        "_extend_lists",
    ),
    "model rows (features.py)": ("_label_by_model", "_unit_features"),
    "trees (model.py)": ("_label_by_model", "probabilities"),
    "dedupe": ("clean_text", "_dedupe"),
}


def measure_stages(shared: Path) -> None:
    """CPU time per page of each stage of `clean_text` with the shipped model, over every w3m and lynx dump.

    Each stage's page-level functions are wrapped by a CPU-time counter (a microsecond a call, some
    fifteen calls a page), so the figures add up to the whole; a stage's own time excludes its nested ones.
    """
    spent: defaultdict[str, float] = defaultdict(float)

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - started

        return wrapper

    names = {name for stage in STAGES.values() for name in stage}
    saved = {name: getattr(text_module, name) for name in names if name != "probabilities"}
    saved_probabilities = BodyModel.probabilities
    for name, function in saved.items():
        setattr(text_module, name, timed(name, function))
    BodyModel.probabilities = timed("probabilities", saved_probabilities)  # type: ignore[method-assign]
    pages = 0
    try:
        for corpus in CORPORA:
            for path in ("w3m", "lynx"):
                texts = list(_inputs(shared / "corpora" / corpus / "dev", path).values())
                recurring = find_recurring_lines(texts)
                pages += len(texts)
                for text in texts:
                    text_module.clean_text(text, recurring, DEFAULT_MODEL)
    finally:
        for name, function in saved.items():
            setattr(text_module, name, function)
        BodyModel.probabilities = saved_probabilities  # type: ignore[method-assign]
    # each parent's own time: what its stages above leave of it
    rest = {"_label_by_rules": "units: built, measured, classified", "_label_by_model": "model: the rest"}
    rest["clean_text"] = "labels to lines"
    own = {rest[name]: spent[name] for name in rest}
    own["labels to lines"] -= spent["_label_by_rules"] + spent["_label_by_model"]
    for stage, (parent, *parts) in STAGES.items():
        own[stage] = sum(spent[part] for part in parts)
        own[rest[parent]] -= own[stage]
    total = spent["clean_text"]
    print(f"clean_text's stages, CPU ms a page over {pages} pages ({pages / total:.0f} pages/s, one pass):")
    for stage, seconds in sorted(own.items(), key=lambda item: -item[1]):
        print(f"  {stage:<36} {1000 * seconds / pages:6.3f} ms {seconds / total:6.1%}")


def title_words(text: str | None) -> Counter[str]:
    """The words of a title: NFKC, lower case, punctuation dropped."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return Counter(re.sub(r"[^\w\s]", " ", text).split())


def titles_agree(found: str | None, gold: str, threshold: float = TITLE_AGREEMENT) -> bool:
    """Whether a found title is the gold one: token F1 of their words at least `threshold`."""
    ours, theirs = title_words(found), title_words(gold)
    common = sum((ours & theirs).values())
    return bool(common) and 2 * common / (ours.total() + theirs.total()) >= threshold


def measure_metadata(dev: Path, path: str) -> None:
    """Titles and publication days found on one path's pages, against the gold."""
    lines = (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line.strip()]
    files = {file.stem: file for file in _files(dev, path)}
    titles = days = missing = 0
    with_title = [page for page in gold if page.get("title") and page["id"] in files]
    with_date = [page for page in gold if page.get("date") and page["id"] in files]
    for page in gold:
        if page["id"] not in files:
            continue
        doc = load_document(str(files[page["id"]]))
        if isinstance(doc, Problem):
            continue
        info = describe_article(doc.path, clean_document(doc))
        if page.get("title"):
            titles += titles_agree(info.title, page["title"])
        if page.get("date"):
            day = info.published_day.isoformat() if info.published_day else None
            days += day == page["date"]
            missing += day is None
    print(
        f"metadata {path}: title {titles}/{len(with_title)} ({titles / max(len(with_title), 1):.0%}), "
        f"publication day {days}/{len(with_date)} ({missing} not found)"
    )


def main() -> int:
    """Parse options, run the chosen paths, print the tables and the throughput."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default="../shared", help="the shared folder (corpora, tools)")
    parser.add_argument("--keep", metavar="DIR", help="write outputs here instead of a temp dir")
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated: w3m,lynx,html")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    parser.add_argument("--speed-only", action="store_true", help="only the throughput measurement")
    parser.add_argument("--stages", action="store_true", help="only the CPU time of each stage of clean_text")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation (no train extra)")
    parser.add_argument("--folds", type=int, default=5, help="folds of the site-grouped cross-validation")
    args = parser.parse_args()
    shared = Path(args.shared)
    dev = shared / "corpora" / "boilerplate" / "dev"
    scorer = shared / "tools" / "score_boilerplate.py"
    if not dev.is_dir() or not scorer.is_file():
        print(f"bench_clean: no corpus or scorer under {shared}", file=sys.stderr)
        return 2
    paths = [p for p in args.paths.split(",") if p]
    if args.stages:
        measure_stages(shared)
        return 0
    if args.speed_only:
        for corpus in CORPORA:
            measure_speed(shared / "corpora" / corpus / "dev", passes=3)
        return 0
    measure_model(shared, args.folds, not args.no_cv)
    if not args.no_speed:
        for corpus in CORPORA:
            measure_speed(shared / "corpora" / corpus / "dev", passes=3)
    with tempfile.TemporaryDirectory(prefix="bench_clean_") as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        for path in paths:
            run_path(dev, path, out, scorer)
    for path in paths:
        measure_metadata(dev, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
