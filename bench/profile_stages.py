"""CPU time per stage of `timeline build` in one process (cProfile's cumulative time of each stage's entry).

    python bench/profile_stages.py FOLDER [--top 0] [--cache DIR [--warm]]

Stages: read and decode (load_document), census of shared lines, clean, date (describe_article),
tag (find_expressions), statements, merge, render; with a cache, reading the run's record of its
files (or, when one changed, its record of each file), its results, naming them after each file and
reading the cached merge. A stage's figure includes what it calls; the total is the CPU time of the
whole build (process_time), so the shares say where the time goes (the profiler's own cost inflates
every figure: compare shares, or runs of this script).
With --cache DIR the build uses that cache; --warm fills it first (unprofiled), so the profile is
of a fully cached re-run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from timeline.cache import Cache
from timeline.pipeline import Options, build_timeline
from timeline.render import render_json

STAGES = {
    "read/decode": ("load.py", "load_document"),
    "census": ("census.py", "take_census"),
    "census (9847bf8)": ("pipeline.py", "line_hashes"),
    "copies, count": ("census.py", "count_recurring"),
    "clean": ("__init__.py", "clean_document"),
    "date": ("dating.py", "describe_article"),
    "tag": ("__init__.py", "find_expressions"),
    "statements": ("statements.py", "find_statements"),
    "merge": ("merge.py", "merge_statements"),
    "cache: record": ("cache.py", "get_record"),  # the run's record of its files (paths, stamps, keys)
    "cache: files": ("cache.py", "get_scan"),  # a file's first pass, kept while it is unchanged
    "cache: results": ("cache.py", "get_shared"),  # read and checked once per distinct entry
    "cache: rename": ("cache.py", "rebase"),  # a shared result named after each of its files
    "cache: merge": ("cache.py", "decode_events"),
    "render": ("data.py", "render_json"),
}


def main() -> None:
    """Profile one build of FOLDER with --jobs 1 and print the CPU seconds of each stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    parser.add_argument("--cache", help="build with this cache folder")
    parser.add_argument("--warm", action="store_true", help="with --cache: fill it first, profile the re-run")
    args = parser.parse_args()
    if args.cache and args.warm:
        render_json(build_timeline([args.folder], Options(), jobs=1, cache=Cache(args.cache)))
    profile = cProfile.Profile(time.process_time)
    start = time.process_time()
    profile.enable()
    cache = Cache(args.cache) if args.cache else None
    timeline = build_timeline([args.folder], Options(), jobs=1, cache=cache)
    render_json(timeline)
    profile.disable()
    total = time.process_time() - start
    stats = pstats.Stats(profile)
    files = len(timeline.articles)
    print(f"{files} files, {total:.2f} s CPU in all ({files / total:.0f} articles/s on one core, profiled)")
    for stage, (module, name) in STAGES.items():
        seconds = sum(
            value[3]
            for (path, _line, func), value in stats.stats.items()  # type: ignore[attr-defined]
            if func == name and path.endswith(module)
        )
        if seconds:
            print(f"  {stage:<14}{seconds:>8.2f} s {100 * seconds / total:>5.1f} %")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
