"""Timeline summarization benchmark: date-F1 and alignment ROUGE against reference timelines.

    python bench/bench_tls.py --shared ../shared [--corpus corpora/tls] [--per-date 2] [--jobs 2]

Every folder under the corpus that holds reference timelines (`gold*.jsonl`: one `{"date",
"sentences"}` object a line) is built once, as `timeline build <folder>/articles` would build it
(the library API, all events kept, timed); each reference of N days is then summarized from that
build as `--top-dates N --per-date 2` would (restricted: also `--since FIRST --until LAST`, the
reference's own span, as the literature does; unrestricted: the whole folder, the user's case).
Printed per reference and as a mean, for both protocols:
- date-F1: exact days in common over predicted and reference days, and how the wrong days miss
  (a day after or before a missed reference day: the report's day for the happening's);
- alignment ROUGE-1 and ROUGE-2 F, the date-aligned many-to-one measure of Martschat and Markert
  (2017), "align+ m:1" in the `tilse` package: every predicted day is matched to the reference day
  of least cost (date distance times content dissimilarity) for precision, every reference day to a
  predicted day for recall, and n-gram hits are discounted by 1 / (days apart + 1). ROUGE counts are
  those of ROUGE-1.5.5 with stemming and stop words removed (`-m -s`), written here in pure Python:
  lower case, tokens of letters and digits, the package's stop words, Porter stems for tokens longer
  than three characters; punctuation-only tokens (the references' leading "- ") are dropped. Two
  known departures from `tilse`: the stop words are the package's (235) rather than ROUGE's own
  list (571), and the content part of the alignment cost is ROUGE-1 F on these same tokens rather
  than on raw whitespace tokens.
Beside the tool, in the same run: PubCount (the N days on which the most articles were published),
MentionCount (the N days the most articles refer to, one vote per article and day, from the same
build's dated statements) and the lead-sentence baseline of content (alignment ROUGE-1 and -2 of the
first sentences of the articles published on each of the tool's days); the seconds column is the
folder's build plus the summary.

For a folder with several references (Syria): their agreement with each other, each one scored as if
it were a prediction (a yardstick for what a human editor's timeline reaches); then two ceilings, both
oracles that read the references: the best mean date-F1 of any one ranking of days, and the alignment
ROUGE reached by the statements of the build closest to the reference, on the reference's own days and
on that best ranking's days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.cache import Cache
from timeline.merge import stopwords
from timeline.models import ArticleResult, Event, Timeline
from timeline.pipeline import Options, build_timeline, in_range
from timeline.render.data import timeline_record
from timeline.summarize import day_references, top_dates

Summary = Mapping[dt.date, Sequence[str]]  # a timeline: day -> its sentences
LEAD_DAYS = 1  # the lead baseline looks this many days ahead for a day's report
ONE_DAY = dt.timedelta(days=1)


# --- Porter stemmer (Porter 1980, as in ROUGE-1.5.5) -------------------------------------------------

VOWELS = frozenset("aeiou")


def _consonant(word: str, i: int) -> bool:
    """Whether word[i] is a consonant in Porter's sense (y after a consonant is a vowel)."""
    if word[i] in VOWELS:
        return False
    if word[i] == "y":
        return i == 0 or not _consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in a stem."""
    forms = "".join("c" if _consonant(stem, i) else "v" for i in range(len(stem)))
    return len(re.findall(r"v+c+", forms))


def _has_vowel(stem: str) -> bool:
    return any(not _consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """Consonant-vowel-consonant at the end, the last not w, x or y."""
    if len(word) < 3:
        return False
    return (
        _consonant(word, len(word) - 3)
        and not _consonant(word, len(word) - 2)
        and _consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def _replace(word: str, rules: Sequence[tuple[str, str]], minimum: int) -> str:
    """Apply the first rule whose suffix matches, when the remaining stem has m > minimum."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if _measure(stem) > minimum else word
    return word


STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
)  # fmt: skip
STEP3 = (
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
    ("ness", ""),
)  # fmt: skip
STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip


@cache
def porter(word: str) -> str:
    """The Porter stem of a lower-case word."""
    if len(word) <= 2:
        return word
    # step 1a
    if word.endswith(("sses", "ies")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    # step 1b
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _double_consonant(word) and word[-1] not in "lsz":
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    # step 1c
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace(word, STEP2, 0)
    word = _replace(word, STEP3, 0)
    # step 4
    for suffix in sorted(STEP4, key=len, reverse=True):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if suffix == "ion" and not stem.endswith(("s", "t")):
                break
            if _measure(stem) > 1:
                word = stem
            break
    # step 5
    if word.endswith("e"):
        stem = word[:-1]
        if _measure(stem) > 1 or (_measure(stem) == 1 and not _cvc(stem)):
            word = stem
    if _measure(word) > 1 and _double_consonant(word) and word.endswith("l"):
        word = word[:-1]
    return word


# --- ROUGE -----------------------------------------------------------------------------------------


def rouge_tokens(text: str) -> list[str]:
    """Tokens as ROUGE-1.5.5 -m -s counts them: lower case, stop words out, Porter stems."""
    stop = stopwords()
    words = re.sub(r"[^a-z0-9]", " ", text.lower().replace("’", "'").replace("'s ", " ")).split()
    return [porter(word) if len(word) > 3 else word for word in words if word not in stop]


def ngrams(sentences: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """N-gram counts of a summary (n-grams do not cross sentences)."""
    counts: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        tokens = rouge_tokens(sentence)
        counts.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return counts


def hits(pred: Counter[tuple[str, ...]], ref: Counter[tuple[str, ...]]) -> int:
    """Clipped n-gram matches."""
    return sum(min(count, ref[gram]) for gram, count in pred.items() if gram in ref)


def _approx_rouge1(pred: Sequence[str], ref: Sequence[str]) -> float:
    """ROUGE-1 F of two day summaries, the content part of the alignment cost."""
    a, b = ngrams(pred, 1), ngrams(ref, 1)
    match = hits(a, b)
    if not match:
        return 0.0
    precision, recall = match / sum(a.values()), match / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _align(source: Summary, target: Summary) -> dict[dt.date, dt.date]:
    """Each day of `source` matched to the day of `target` of least cost (many-to-one, first on ties)."""
    match = {}
    targets = sorted(target)
    for day in sorted(source):
        costs = [
            (1 - 1 / (abs((day - other).days) + 1)) * (1 - _approx_rouge1(source[day], target[other]))
            for other in targets
        ]
        match[day] = targets[min(range(len(costs)), key=lambda i: (costs[i], i))]
    return match


def align_rouge(pred: Summary, ref: Summary, n: int) -> float:
    """Alignment ROUGE-n F ('align+ m:1' of Martschat and Markert 2017) of a timeline to a reference."""
    if not pred or not ref:
        return 0.0
    grams = {day: ngrams(sentences, n) for day, sentences in pred.items()}
    ref_grams = {day: ngrams(sentences, n) for day, sentences in ref.items()}
    numerator = denominator = 0.0
    for day, other in _align(pred, ref).items():
        numerator += hits(grams[day], ref_grams[other]) / (abs((day - other).days) + 1)
        denominator += sum(grams[day].values())
    precision = numerator / denominator if denominator else 0.0
    numerator = denominator = 0.0
    for day, other in _align(ref, pred).items():
        numerator += hits(grams[other], ref_grams[day]) / (abs((day - other).days) + 1)
        denominator += sum(ref_grams[day].values())
    recall = numerator / denominator if denominator else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def day_errors(
    pred: Sequence[dt.date], ref: Sequence[dt.date], candidates: Iterable[dt.date]
) -> tuple[int, ...]:
    """How the predicted days miss: (wrong days, of which the day after a missed reference day, the day
    before one, next to a found one; reference days missed, of which no statement is dated to).
    """
    chosen, wanted, known = set(pred), set(ref), set(candidates)
    wrong = chosen - wanted
    after = {day for day in wrong if day - ONE_DAY in wanted - chosen}
    before = {day for day in wrong - after if day + ONE_DAY in wanted - chosen}
    beside = {day for day in wrong - after - before if {day - ONE_DAY, day + ONE_DAY} & wanted}
    missed = wanted - chosen
    return len(wrong), len(after), len(before), len(beside), len(missed), len(missed - known)


def date_f1(pred: Sequence[dt.date], ref: Sequence[dt.date]) -> float:
    """F1 of exact days."""
    common = len(set(pred) & set(ref))
    if not common:
        return 0.0
    precision, recall = common / len(set(pred)), common / len(set(ref))
    return 2 * precision * recall / (precision + recall)


# --- running ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Folder:
    """One corpus folder built once: its whole-folder events and articles, references, build seconds."""

    path: Path
    timeline: Timeline
    references: Mapping[str, Summary]
    seconds: float


def read_reference(path: Path) -> dict[dt.date, list[str]]:
    """A reference timeline: day -> sentences."""
    timeline: dict[dt.date, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            timeline.setdefault(dt.date.fromisoformat(item["date"]), []).extend(item["sentences"])
    return timeline


def corpus_folders(root: Path) -> list[Path]:
    """The folders under `root` (or `root` itself) that hold reference timelines, in name order."""
    if list(root.glob("gold*.jsonl")):
        return [root]
    return sorted(path for path in root.iterdir() if path.is_dir() and list(path.glob("gold*.jsonl")))


def build_folder(folder: Path, jobs: int, cache: str | None = None) -> Folder:
    """The whole-folder build (library API, all events kept), timed; per-article work is done once here."""
    started = time.perf_counter()
    timeline = build_timeline(
        [str(folder / "articles")], Options(), jobs=jobs, cache=Cache(cache) if cache else None
    )
    seconds = time.perf_counter() - started
    references = {path.name: read_reference(path) for path in sorted(folder.glob("gold*.jsonl"))}
    return Folder(folder, timeline, references, seconds)


def restrict(events: Sequence[Event], span: tuple[dt.date, dt.date] | None) -> tuple[Event, ...]:
    """The events a run with `--since FIRST --until LAST` keeps (all of them without a span)."""
    if span is None:
        return tuple(events)
    return tuple(event for event in events if in_range(event, Options(since=span[0], until=span[1])))


def summary_of(events: Sequence[Event]) -> dict[dt.date, list[str]]:
    """A summary's timeline: the one-day events' texts by day."""
    timeline: dict[dt.date, list[str]] = {}
    for event in events:
        if event.first_day is not None and event.first_day == event.last_day:
            timeline.setdefault(event.first_day, []).append(event.text)
    return timeline


def ranked_top(counts: Mapping[dt.date, float], count: int) -> list[dt.date]:
    """The `count` days of highest count, the earlier day first on ties."""
    return sorted(counts, key=lambda day: (-counts[day], day))[:count]


def mention_count_days(events: Sequence[Event], count: int) -> list[dt.date]:
    """MentionCount: the `count` days the most articles refer to, one vote per article and day."""
    return ranked_top(Counter(reference.day for reference in day_references(events)), count)


def pub_count_days(
    articles: Sequence[ArticleResult], count: int, span: tuple[dt.date, dt.date] | None = None
) -> list[dt.date]:
    """PubCount: the `count` days on which the most articles were published (inside the span if given)."""
    days = Counter(
        result.info.published_day
        for result in articles
        if result.info
        and result.info.published_day
        and (span is None or span[0] <= result.info.published_day <= span[1])
    )
    return ranked_top(days, count)


def lead_summary(
    days: Sequence[dt.date], articles: Sequence[ArticleResult], per_date: int
) -> dict[dt.date, list[str]]:
    """The lead-sentence baseline: for each day, the first sentences of the first articles published on it.

    The corpus files hold one sentence a line after their `date` line; a day without an article of its
    own takes those of the next day that has one (within LEAD_DAYS), where its report would be.
    """
    published: dict[dt.date, list[str]] = {}
    for result in sorted(articles, key=lambda result: result.path):
        if result.info and result.info.published_day:
            published.setdefault(result.info.published_day, []).append(result.path)
    summary = {}
    for day in days:
        later = (day + dt.timedelta(days=step) for step in range(LEAD_DAYS + 1))
        paths = next((published[other] for other in later if other in published), [])
        leads = [lead_sentence(Path(path)) for path in paths[:per_date]]
        if any(leads):
            summary[day] = [lead for lead in leads if lead]
    return summary


def lead_sentence(path: Path) -> str:
    """The first sentence of a corpus article (the line after its `date` line)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return next((line for line in lines if line), "")


@dataclass(frozen=True)
class Row:
    """One reference timeline scored under one protocol."""

    name: str
    dates: int
    tool: float
    rouge1: float
    rouge2: float
    lead_rouge1: float
    lead_rouge2: float
    pub_count: float
    mention_count: float
    seconds: float
    errors: tuple[int, ...] = ()  # day_errors of the tool's days


def score_reference(folder: Folder, name: str, per_date: int, restricted: bool) -> Row:
    """Date-F1 of the tool and both baselines, alignment ROUGE of the tool and of the lead baseline."""
    reference = folder.references[name]
    span = reference_span(reference) if restricted else None
    started = time.perf_counter()
    events = restrict(folder.timeline.events, span)
    summary = summary_of(top_dates(events, len(reference), per_date))
    seconds = time.perf_counter() - started
    ref_days = sorted(reference)
    articles = folder.timeline.articles
    leads = lead_summary(sorted(summary), articles, per_date)
    return Row(
        f"{folder.path.name}/{name.removesuffix('.jsonl')}",
        len(reference),
        date_f1(sorted(summary), ref_days),
        align_rouge(summary, reference, 1),
        align_rouge(summary, reference, 2),
        align_rouge(leads, reference, 1),
        align_rouge(leads, reference, 2),
        date_f1(pub_count_days(articles, len(reference), span), ref_days),
        date_f1(mention_count_days(events, len(reference)), ref_days),
        folder.seconds + seconds,
        day_errors(sorted(summary), ref_days, {ref.day for ref in day_references(events)}),
    )


def print_rows(title: str, rows: Sequence[Row]) -> None:
    """A table of scores, one reference timeline a row, then their means."""
    print(title)
    print(
        f"{'timeline':<34}{'N':>4}{'date-F1':>9}{'PubCount':>10}{'MentionCount':>14}{'R1-F':>7}"
        f"{'R2-F':>7}{'lead-R1':>9}{'lead-R2':>9}{'seconds':>9}"
    )
    for row in rows:
        print(
            f"{row.name:<34}{row.dates:>4}{row.tool:>9.3f}{row.pub_count:>10.3f}{row.mention_count:>14.3f}"
            f"{row.rouge1:>7.3f}{row.rouge2:>7.3f}{row.lead_rouge1:>9.3f}{row.lead_rouge2:>9.3f}"
            f"{row.seconds:>9.1f}"
        )
    columns = (
        "tool", "pub_count", "mention_count", "rouge1", "rouge2", "lead_rouge1", "lead_rouge2", "seconds"
    )  # fmt: skip
    mean = {column: sum(getattr(row, column) for row in rows) / len(rows) for column in columns}
    print(
        f"{'mean of ' + str(len(rows)):<34}{'':>4}{mean['tool']:>9.3f}{mean['pub_count']:>10.3f}"
        f"{mean['mention_count']:>14.3f}{mean['rouge1']:>7.3f}{mean['rouge2']:>7.3f}"
        f"{mean['lead_rouge1']:>9.3f}{mean['lead_rouge2']:>9.3f}{mean['seconds']:>9.1f}"
    )
    errors = [sum(column) for column in zip(*(row.errors for row in rows), strict=True)]
    print(
        f"wrong days {errors[0]}: the day after a missed reference day {errors[1]}, the day before one"
        f" {errors[2]}, next to a found one {errors[3]}; reference days missed {errors[4]}, with no statement"
        f" dated to them {errors[5]}"
    )
    margin = mean["tool"] - mean["mention_count"]
    print(
        f"tool - MentionCount: {margin:+.3f}; tool R1 - lead R1: {mean['rouge1'] - mean['lead_rouge1']:+.3f};"
        f" tool R2 - lead R2: {mean['rouge2'] - mean['lead_rouge2']:+.3f}"
    )


def main() -> None:
    """Score every reference timeline of the corpora, both protocols, beside the baselines."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--corpus", default="corpora/tls", help="folder under --shared (or a path)")
    parser.add_argument("--per-date", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of each build")
    parser.add_argument("--cache", help="per-article cache folder (the tool's --cache)")
    args = parser.parse_args()
    root = args.shared / args.corpus if not Path(args.corpus).is_absolute() else Path(args.corpus)
    paths = corpus_folders(root)
    if not paths:
        sys.exit(f"no gold*.jsonl under {root}")
    folders = []
    for path in paths:
        folder = build_folder(path, args.jobs, args.cache)
        folders.append(folder)
        print(
            f"built {path.name}: {len(folder.timeline.articles)} articles,"
            f" {len(folder.timeline.events)} events in {folder.seconds:.1f} s",
            flush=True,
        )
    for restricted, title in (
        (True, "as in the literature (news-tls, tilse): input limited to the reference's first..last day"),
        (False, "unrestricted: the whole folder, as users have it"),
    ):
        rows = [
            score_reference(folder, name, args.per_date, restricted)
            for folder in folders
            for name in folder.references
        ]
        print_rows(title, rows)
    for folder in folders:
        if len(folder.references) > 1:
            print(f"{folder.path.name}: the references as predictions, each scored against the others")
            print_agreement(folder.references)
            print(
                "ceiling: the days ranked by how many references name them (an oracle),"
                f" top N each: mean date-F1 {consensus_ceiling(folder.references):.3f}"
            )
            print(
                f"content ceiling: the {args.per_date} statements of each day closest to the reference (an"
                " oracle that reads it), on the reference's own days and on the oracle's days above"
            )
            pool = day_statements(timeline_record(folder.timeline))
            print_content_ceiling(folder.references, pool, args.per_date)


def reference_span(reference: Summary) -> tuple[dt.date, dt.date]:
    """A reference timeline's first and last day: the input span of the literature's protocol."""
    return min(reference), max(reference)


def print_agreement(references: Mapping[str, Summary]) -> None:
    """How far the references agree: each one scored as a prediction against the others.

    The mean over the others is what a human editor's own timeline reaches; the mean over all the
    references, itself included, is what copying that timeline out would score in the tables above.
    """
    print(f"{'reference':<16}{'dates':>6}{'date-F1':>9}{'R1-F':>8}{'R2-F':>8}{'with-itself-F1':>16}")
    for name, reference in references.items():
        others = [other for key, other in references.items() if key != name]
        scores = [
            (
                date_f1(sorted(reference), sorted(other)),
                align_rouge(reference, other, 1),
                align_rouge(reference, other, 2),
            )
            for other in others
        ]
        means = [sum(column) / len(scores) for column in zip(*scores, strict=True)]
        with_itself = (sum(score[0] for score in scores) + 1.0) / len(references)
        print(
            f"{name:<16}{len(reference):>6}{means[0]:>9.3f}{means[1]:>8.3f}{means[2]:>8.3f}{with_itself:>16.3f}"
        )


def consensus_ranking(references: Mapping[str, Summary]) -> list[dt.date]:
    """The best single ranking of days for date-F1, built by an oracle that has read the references.

    A summarizer that ranks days and keeps the first N, not knowing which reference it is scored
    against, scores at most about this ranking's mean date-F1. The ranking is filled place by place:
    at place p, the day worth most to the references of length N >= p that name it (1/N each).
    """
    days = sorted({day for reference in references.values() for day in reference})
    ranking: list[dt.date] = []
    for place in range(1, max(len(reference) for reference in references.values()) + 1):
        left = [day for day in days if day not in ranking]
        if not left:
            break
        ranking.append(
            max(
                left,
                key=lambda day: sum(
                    1 / len(ref) for ref in references.values() if day in ref and len(ref) >= place
                ),
            )
        )
    return ranking


def candidate_bound(candidates: Iterable[dt.date], reference: Iterable[dt.date]) -> float:
    """The best date-F1 any ranking of the candidate days reaches: a reference day not among them is lost.

    The tool picks N = len(reference) days among the days its one-day statements name; a reference day
    that no statement dates to itself can never be picked, whatever the ranking.
    """
    wanted, offered = set(reference), set(candidates)
    picked = min(len(wanted), len(offered))
    return 2 * len(wanted & offered) / (picked + len(wanted)) if wanted else 0.0


def consensus_ceiling(references: Mapping[str, Summary]) -> float:
    """Mean date-F1 of the oracle's ranking of days (`consensus_ranking`), its first N for each reference."""
    ranking = consensus_ranking(references)
    scores = [date_f1(ranking[: len(reference)], sorted(reference)) for reference in references.values()]
    return sum(scores) / len(scores)


def day_statements(output: Mapping[str, object]) -> dict[dt.date, list[str]]:
    """Every one-day statement of a whole-folder build, by day: the pool a summary picks from."""
    pool: dict[dt.date, list[str]] = {}
    events = output["events"]
    assert isinstance(events, list)
    for event in events:
        if event["start"] and event["start"] == event["end"]:
            texts = pool.setdefault(dt.date.fromisoformat(event["start"]), [])
            texts.extend(
                text for text in dict.fromkeys(s["text"] for s in event["sources"]) if text not in texts
            )
    return pool


def oracle_summary(
    days: Sequence[dt.date], pool: Mapping[dt.date, Sequence[str]], reference: Summary, per_date: int
) -> dict[dt.date, list[str]]:
    """For each day, the `per_date` statements of the pool closest to the reference (ROUGE-1 F).

    A day the reference lacks is matched against the reference's nearest day, as the alignment would
    match it. This cheats twice (it reads the reference), so its ROUGE bounds what an honest choice
    of statements reaches on the same days.
    """
    summary = {}
    targets = sorted(reference)
    for day in days:
        if not pool.get(day):
            continue
        nearest = min(targets, key=lambda other: (abs((other - day).days), other))
        ref = reference[nearest]
        ranked = sorted(pool[day], key=lambda text: (-_approx_rouge1([text], ref), text))
        summary[day] = ranked[:per_date]
    return summary


def print_content_ceiling(
    references: Mapping[str, Summary], pool: Mapping[dt.date, Sequence[str]], per_date: int
) -> None:
    """Alignment ROUGE of the oracle's statements: on the reference's own days, and on the oracle's days."""
    ranking = consensus_ranking(references)
    print(f"{'reference':<16}{'dates':>6}{'own-days-R1':>13}{'R2':>7}{'oracle-days-R1':>16}{'R2':>7}")
    rows = []
    for name, reference in references.items():
        own = oracle_summary(sorted(reference), pool, reference, per_date)
        ranked = oracle_summary(ranking[: len(reference)], pool, reference, per_date)
        row = tuple(align_rouge(summary, reference, n) for summary in (own, ranked) for n in (1, 2))
        rows.append(row)
        print(f"{name:<16}{len(reference):>6}{row[0]:>13.3f}{row[1]:>7.3f}{row[2]:>16.3f}{row[3]:>7.3f}")
    means = [sum(column) / len(rows) for column in zip(*rows, strict=True)]
    print(f"{'mean':<16}{'':>6}{means[0]:>13.3f}{means[1]:>7.3f}{means[2]:>16.3f}{means[3]:>7.3f}")


if __name__ == "__main__":
    main()
