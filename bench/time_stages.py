"""CPU seconds per stage of one `timeline build --jobs 1`, unprofiled: each stage's entry wrapped in a timer.

    python bench/time_stages.py FOLDER [--replay N]

cProfile (bench/profile_stages.py) charges its overhead to every call, so code of many small calls
(the JSON encoder's generators, per-shingle genexprs) looks several times costlier than it is; this
times each stage's entry point with process_time and nothing else. Figures vary by 10-15 % between
runs on a shared machine: compare before and after in one session. --replay N then runs find_expressions
and find_statements again on the inputs the build gave them, a tenth of the calls at a time, N times each,
and adds up each tenth's best time: short runs, one of which catches an idle moment (steadier figures).
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable
from typing import Any

import timeline.clean as clean
import timeline.dating as dating
import timeline.pipeline as pipeline
import timeline.sentences as sentences
from timeline.pipeline import Options, build_timeline
from timeline.render import render_json

SECONDS: dict[str, float] = {}
PIPELINE_STAGES = (
    "load_document",
    "take_census",
    "count_recurring",
    "find_expressions",
    "find_statements",
    "merge_statements",
)


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, adding its CPU seconds to SECONDS[name]."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[name] = SECONDS.get(name, 0.0) + time.process_time() - start

    return wrapper


CALLS: dict[str, list[tuple[Any, ...]]] = {"find_expressions": [], "find_statements": []}
REPLAYED = {name: getattr(pipeline, name) for name in CALLS}


def recorded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, keeping its arguments in CALLS[name]."""

    @functools.wraps(function)
    def wrapper(*args: Any) -> Any:
        CALLS[name].append(args)
        return function(*args)

    return wrapper


def replay(rounds: int) -> None:
    """Print the CPU seconds of each replayed stage: the best of `rounds` runs of each tenth, summed."""
    for name, calls in CALLS.items():
        total = 0.0
        for part in range(10):
            best = float("inf")
            for _ in range(rounds):
                start = time.process_time()
                for args in calls[part::10]:
                    REPLAYED[name](*args)
                best = min(best, time.process_time() - start)
            total += best
        print(f"  {name:<18}{total:>7.2f} s replayed ({len(calls)} calls, best of {rounds} per tenth)")


def main() -> None:
    """Build FOLDER once with --jobs 1, render it as JSON, print each stage's CPU seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--replay", type=int, default=0, help="replay the tagging and statements N times")
    args = parser.parse_args()
    pipeline.find_expressions("Warm up on Sunday.", None)  # the grammar loads at the first tagging: untimed
    for name in PIPELINE_STAGES:
        stage = timed(name, getattr(pipeline, name))
        setattr(pipeline, name, recorded(name, stage) if args.replay and name in CALLS else stage)
    clean.clean_document = timed("clean_document", clean.clean_document)  # imported by the pipeline when used
    dating.describe_article = timed("describe_article", dating.describe_article)  # likewise
    sentences.split_sentences = timed("split_sentences", sentences.split_sentences)  # likewise
    start = time.process_time()
    timeline = build_timeline([args.folder], Options(), jobs=1)
    timed("render_json", render_json)(timeline)
    total = time.process_time() - start
    files = len(timeline.articles)
    print(f"{files} files, {total:.2f} s CPU ({files / total:.0f} articles/s, one core)")
    for name, seconds in sorted(SECONDS.items(), key=lambda item: -item[1]):
        print(f"  {name:<18}{seconds:>7.2f} s {100 * seconds / total:>5.1f} %")
    if args.replay:
        replay(args.replay)


if __name__ == "__main__":
    main()
