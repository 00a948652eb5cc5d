"""Where the evidence of a wrong summary day one day off a missed reference day comes from.

    python bench/tls_day_errors.py --shared ../shared [--cache DIR] [--jobs 2]

Every folder of corpora/tls is built as bench_tls builds it (with --cache, the per-article cache), and
each reference of N days is summarized as `--top-dates N` would (both protocols). A wrong day W is
'after' when W - 1 is a missed reference day R (the report's day taken for the happening's), 'before'
when W + 1 is one. For each such pair the articles referring to W (one reference per article and day,
as MentionCount and the day model count them) are sorted by how their statements date W:
- absolute: a calendar date ('March 15', 'June 2, 2010');
- today: the publication day itself ('today', 'this morning', 'tonight'; lag 0, relative);
- yesterday: the day before publication ('yesterday', 'last night');
- weekday: a named day resolved against the publication ('on Tuesday');
- other relative: resolved against another date of the text, or any other relative phrase;
with two flags beside: 'late/overnight' (the statement says late, overnight or night next to its
expression) and 'dateline' (the expression sits in the article's first 80 characters of its first
sentence: 'LONDON | Thu Oct 6, 2011 10:36 am BST'). Each reference is also counted by its lag
(publication day minus W) and by whether the same article also refers to R, the missed day.
Printed per story and in total, for both kinds of pair and both protocols.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_tls import build_folder, corpus_folders, reference_span, restrict

from timeline.models import Event, Statement
from timeline.summarize import date_importance, day_model, pick_days

ONE_DAY = dt.timedelta(days=1)
DATELINE_CHARS = 80
LATE = re.compile(r"\b(late|overnight|night|midnight)\b", re.IGNORECASE)
KINDS = ("absolute", "today", "yesterday", "weekday", "other relative")
WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
YESTERDAY = re.compile(r"\b(yesterday|last night)\b", re.IGNORECASE)


def statement_kind(statement: Statement) -> str:
    """How a statement's expression dates its day (KINDS)."""
    expr = statement.expr
    if expr.anchor == "absolute":
        return "absolute"
    published = statement.article.published_day
    if expr.anchor == "publication" and published is not None and expr.first_day is not None:
        lag = (published - expr.first_day).days
        if lag == 0:
            return "today"
        if YESTERDAY.search(expr.text):
            return "yesterday"
        if WEEKDAY.search(expr.text):
            return "weekday"
    return "other relative"


def flags(statement: Statement) -> set[str]:
    """'late/overnight' and 'dateline', when they apply."""
    found = set()
    text, expr = statement.text, statement.expr
    if LATE.search(text[max(0, expr.start - 12) : expr.end + 12]):
        found.add("late/overnight")
    if statement.order == 0 and expr.start < DATELINE_CHARS:
        found.add("dateline")
    return found


def day_statements(events: Sequence[Event]) -> dict[dt.date, dict[str, list[Statement]]]:
    """The statements of one-day events, by day and article."""
    found: dict[dt.date, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        if event.first_day is not None and event.first_day == event.last_day:
            for source in event.sources:
                found[event.first_day][source.statement.article.path].append(source.statement)
    return found


def reference_kind(statements: Sequence[Statement]) -> str:
    """One article's reference to a day, by its most explicit statement (in KINDS order)."""
    kinds = {statement_kind(s) for s in statements}
    return next(kind for kind in KINDS if kind in kinds)


def tally(
    counts: Counter[tuple[str, ...]], key: tuple[str, ...], wrong: dt.date, missed: dt.date,
    by_day: dict[dt.date, dict[str, list[Statement]]],
) -> None:  # fmt: skip
    """Count the references to `wrong` (and, beside them, those to `missed`) under `key`."""
    counts[(*key, "pairs")] += 1
    also = set(by_day.get(missed, {}))
    for path, statements in by_day.get(wrong, {}).items():
        counts[(*key, "refs")] += 1
        counts[(*key, "kind", reference_kind(statements))] += 1
        for flag in set().union(*(flags(s) for s in statements)):
            counts[(*key, "flag", flag)] += 1
        published = statements[0].article.published_day
        lag = "undated" if published is None else str(max(-1, min(2, (published - wrong).days)))
        counts[(*key, "lag", lag)] += 1
        counts[(*key, "also refers to the missed day")] += path in also
    for statements in by_day.get(missed, {}).values():
        counts[(*key, "missed refs")] += 1
        published = statements[0].article.published_day
        later = published is not None and published > missed
        counts[(*key, "missed refs from later articles")] += later
        counts[(*key, "missed kind", reference_kind(statements))] += 1


def analyse(shared: Path, jobs: int, cache: str | None) -> Counter[tuple[str, ...]]:
    """The counts of every story, protocol and kind of pair."""
    counts: Counter[tuple[str, ...]] = Counter()
    model = day_model()
    for path in corpus_folders(shared / "corpora" / "tls"):
        folder = build_folder(path, jobs, cache)
        print(f"built {path.name} in {folder.seconds:.1f} s", file=sys.stderr, flush=True)
        for reference in folder.references.values():
            for protocol in ("restricted", "unrestricted"):
                span = reference_span(reference) if protocol == "restricted" else None
                events = restrict(folder.timeline.events, span)
                by_day = day_statements(events)
                importance = date_importance(events, model)
                chosen = set(pick_days(importance, len(reference), model.adjacent_discount))
                missed = set(reference) - chosen
                for wrong in sorted(chosen - set(reference)):
                    for side, near in (("after", wrong - ONE_DAY), ("before", wrong + ONE_DAY)):
                        if near in missed:
                            tally(counts, (protocol, side, path.name), wrong, near, by_day)
                            tally(counts, (protocol, side, "all"), wrong, near, by_day)
                            break
    return counts


def print_counts(counts: Counter[tuple[str, ...]]) -> None:
    """One table per protocol and side: a row per folder, columns the kinds of evidence."""
    columns = [("kind", kind) for kind in KINDS] + [("flag", "late/overnight"), ("flag", "dateline")]
    columns += [("lag", lag) for lag in ("-1", "0", "1", "2", "undated")]
    heads = [name[-1] if name[0] != "lag" else f"lag {name[1]}" for name in columns]
    for protocol in ("restricted", "unrestricted"):
        for side in ("after", "before"):
            print(f"{protocol}, wrong day {side} a missed reference day: references to the wrong day")
            print(f"{'folder':<22}{'pairs':>6}{'refs':>6}" + "".join(f"{h[:9]:>10}" for h in heads)
                  + f"{'also R':>8}{'R refs':>8}{'R later':>8}")  # fmt: skip
            folders = sorted({key[2] for key in counts if key[:2] == (protocol, side)} - {"all"})
            for name in [*folders, "all"]:
                key = (protocol, side, name)
                row = "".join(f"{counts[(*key, *column)]:>10}" for column in columns)
                print(
                    f"{name:<22}{counts[(*key, 'pairs')]:>6}{counts[(*key, 'refs')]:>6}{row}"
                    f"{counts[(*key, 'also refers to the missed day')]:>8}{counts[(*key, 'missed refs')]:>8}"
                    f"{counts[(*key, 'missed refs from later articles')]:>8}"
                )
            key = (protocol, side, "all")
            missed = " ".join(f"{kind} {counts[(*key, 'missed kind', kind)]}" for kind in KINDS)
            print(f"  the missed reference days' own references, by kind: {missed}")


def main() -> None:
    """Build, analyse, print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", help="per-article cache folder (the tool's --cache)")
    args = parser.parse_args()
    print_counts(analyse(args.shared, args.jobs, args.cache))


if __name__ == "__main__":
    main()
