"""Readability of a full chronology (issue 18's done-when): the Syria folder built as a user builds it.

    python bench/bench_readability.py --shared ../shared [--folder corpora/tls/syria] [--cache DIR]

Builds `<folder>/articles` once with the library API (as `timeline build` does, all events kept),
renders it as text, summarizes it as `--top-dates 30` would, and prints:
- deadlines told as happenings, two ways that do not use the tool's own classifier: (a) events of kind
  `happened` whose date begins after the publication of every source that reports them (nothing
  reported can have happened after it was reported); (b) events of kind `happened` whose expression,
  in some source, is governed by "by", "no later than" or "until ... to <verb>" in a clause with
  "will", "to <verb>", "plans", "aims" or "due" before it (the construction of a target);
- sentences filed under more than one event, and how many of them are not shown as such (a source
  whose `parts` is below the number of events its sentence is in);
- caption sources: marked (`caption: true`), unmarked by the shape of a caption that the audit looks
  for on its own (a credit such as "REUTERS/Name", or "in this ... photo"), and caption statements
  chosen as a `--top-dates 30` summary's text;
- the median and longest line of the text output (compact citations are another change's work);
- events dated outside the folder's span (its first to last publication day), by kind.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.cache import Cache
from timeline.models import Event, Timeline
from timeline.pipeline import Options, build_timeline
from timeline.render.plain import render_text
from timeline.summarize import top_dates

TOP_DATES = 30
# The audit's own construction of a target: a plan word before a limit preposition and the date.
TARGET = re.compile(
    r"\b(?:will|to\s+[a-z]+|plans?|aims?|due|intends?)\b[^,;.]{0,80}?\b(?:by|no\s+later\s+than|until)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
UNTIL_TO = re.compile(r"\buntil\s+$", re.IGNORECASE)
# A caption by the audit's own shape: a photo credit or a phrase naming the picture.
CAPTION_SHAPE = re.compile(
    r"\bREUTERS/|\b(?:in\s+this|handout|file)\s+(?:[\w,\s]{0,30}\s)?(?:photo|photograph|picture|image)\b",
    re.IGNORECASE,
)


def deadline_checks(timeline: Timeline) -> tuple[int, int, list[str]]:
    """Happened events after every source's publication; happened events in a target's construction."""
    after, target, examples = 0, 0, []
    for event in timeline.events:
        if event.kind != "happened" or event.first_day is None:
            continue
        days = [s.statement.article.published_day for s in event.sources]
        if all(day is not None and event.first_day > day for day in days):
            after += 1
            examples.append(f"after publication: {event.value} {event.text[:110]}")
        for source in event.sources:
            statement = source.statement
            before = statement.text[: statement.expr.start]
            to_verb = re.match(r"\s+to\s+[a-z]+", statement.text[statement.expr.end :])
            if TARGET.search(before) or (UNTIL_TO.search(before) and to_verb):
                target += 1
                examples.append(f"target construction: {event.value} {event.text[:110]}")
                break
    return after, target, examples


def shared_sentences(timeline: Timeline) -> tuple[int, int]:
    """Sentences in more than one event, and those among them not marked as parts of one sentence."""
    events_of: dict[tuple[str, int], set[int]] = defaultdict(set)
    parts_of: dict[tuple[str, int], int] = {}
    for number, event in enumerate(timeline.events):
        for source in event.sources:
            statement = source.statement
            key = (statement.article.path, statement.order)
            events_of[key].add(number)
            parts_of[key] = min(parts_of.get(key, statement.parts), statement.parts)
    shared = [key for key, events in events_of.items() if len(events) > 1]
    unmarked = [key for key in shared if parts_of[key] < len(events_of[key])]
    return len(shared), len(unmarked)


def caption_counts(timeline: Timeline, summary: tuple[Event, ...]) -> tuple[int, int, int]:
    """Caption sources marked, caption-shaped sources unmarked, summary events told by a caption."""
    marked = sum(source.caption for event in timeline.events for source in event.sources)
    unmarked = sum(
        not source.caption and bool(CAPTION_SHAPE.search(source.statement.text))
        for event in timeline.events
        for source in event.sources
    )
    in_summary = sum(
        any(source.caption and source.statement.text == event.text for source in event.sources)
        for event in summary
    )
    return marked, unmarked, in_summary


def outside_span(timeline: Timeline) -> Counter[str]:
    """Events dated (wholly) outside the folder's first..last publication day, counted by side and kind."""
    days = [r.info.published_day for r in timeline.articles if r.info and r.info.published_day]
    first, last = min(days), max(days)
    counts: Counter[str] = Counter()
    for event in timeline.events:
        if event.first_day is None or event.last_day is None:
            continue
        if event.last_day < first:
            counts[f"before {event.kind}"] += 1
        elif event.first_day > last:
            counts[f"after {event.kind}"] += 1
    return counts


def main() -> None:
    """Build the folder and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--folder", default="corpora/tls/syria")
    parser.add_argument("--cache", help="a --cache folder for the per-article results")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--examples", type=int, default=5, help="examples of each finding to print")
    args = parser.parse_args()
    folder = args.shared / args.folder / "articles"
    started = time.process_time()
    timeline = build_timeline([str(folder)], Options(), args.jobs, Cache(args.cache) if args.cache else None)
    summary = top_dates(timeline.events, TOP_DATES, 1)
    lengths = [len(line) for line in render_text(timeline).splitlines()]
    kinds = Counter(event.kind for event in timeline.events)
    after, target, examples = deadline_checks(timeline)
    shared, unmarked_shared = shared_sentences(timeline)
    marked, unmarked, in_summary = caption_counts(timeline, summary)
    print(f"{folder}: {len(timeline.articles)} articles, {len(timeline.events)} events")
    print("kinds:", ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    print(f"deadlines told as happenings: {after} happened after every source's publication; {target} in a")
    print(
        "  target's construction ('will/to <verb>/plans ... by|no later than|until', 'until ... to <verb>')"
    )
    for line in examples[: args.examples]:
        print("   ", line)
    print(
        f"sentences in more than one event: {shared}; not shown as parts of one sentence: {unmarked_shared}"
    )
    print(
        f"captions: {marked} sources marked; {unmarked} caption-shaped sources unmarked; "
        f"{in_summary} in the --top-dates {TOP_DATES} summary"
    )
    print(
        f"text lines: {len(lengths)}, median {statistics.median(lengths):.0f} characters, "
        f"longest {max(lengths)}"
    )
    outside = outside_span(timeline)
    print(
        "dates outside the folder's span:",
        sum(outside.values()),
        "(" + ", ".join(f"{key} {count}" for key, count in sorted(outside.items())) + ")",
    )
    print(
        f"CPU seconds (this process, cached articles are not recomputed): {time.process_time() - started:.1f}"
    )


if __name__ == "__main__":
    main()
