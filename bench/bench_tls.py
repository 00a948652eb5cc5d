"""Timeline summarization benchmark: date-F1 and alignment ROUGE against reference timelines.

    python bench/bench_tls.py --shared ../shared [--corpus corpora/tls/syria] [--per-date 2]

For each reference timeline (`gold*.jsonl` in the corpus folder: one `{"date", "sentences"}` object a
line) the command line is run as a user would, once per distinct reference length N:

    timeline build <corpus>/articles --top-dates N --per-date 2 --format json

and its events (one day each) are the predicted timeline. Printed per reference and as a mean:
- date-F1: exact days in common over predicted and reference days;
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
Also printed: the baseline that picks the N days on which the most articles were published.

Three tables: the whole folder, as the issue asks; the protocol of the published systems (news-tls's
`get_input_time_span`): each reference's first and last day bound the run (`--since`, `--until`); and
the references' agreement with each other, each one scored as if it were a prediction: a yardstick for
what a human editor's timeline reaches on the same measures. Then two ceilings, both oracles that read
the references: the best mean date-F1 of any one ranking of days, and the alignment ROUGE reached by
the statements of the run (a whole-folder build) closest to the reference, on the reference's own days
and on that best ranking's days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.merge import stopwords

Summary = Mapping[dt.date, Sequence[str]]  # a timeline: day -> its sentences


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


def date_f1(pred: Sequence[dt.date], ref: Sequence[dt.date]) -> float:
    """F1 of exact days."""
    common = len(set(pred) & set(ref))
    if not common:
        return 0.0
    precision, recall = common / len(set(pred)), common / len(set(ref))
    return 2 * precision * recall / (precision + recall)


# --- running ---------------------------------------------------------------------------------------


def read_reference(path: Path) -> dict[dt.date, list[str]]:
    """A reference timeline: day -> sentences."""
    timeline: dict[dt.date, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            timeline.setdefault(dt.date.fromisoformat(item["date"]), []).extend(item["sentences"])
    return timeline


def build(
    articles: Path, dates: int | None, per_date: int, span: tuple[dt.date, dt.date] | None = None
) -> dict[str, object]:
    """The JSON of `timeline build ARTICLES [--top-dates N --per-date K] [--since --until]`."""
    command = [sys.executable, "-m", "timeline", "build", str(articles), "--format", "json", "--quiet"]
    if dates is not None:
        command += ["--top-dates", str(dates), "--per-date", str(per_date)]
    if span:
        command += ["--since", span[0].isoformat(), "--until", span[1].isoformat()]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"timeline build failed ({done.returncode}): {done.stderr.strip()}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


def predicted(output: Mapping[str, object]) -> dict[dt.date, list[str]]:
    """The predicted timeline of a build: the one-day events' texts by day."""
    timeline: dict[dt.date, list[str]] = {}
    events = output["events"]
    assert isinstance(events, list)
    for event in events:
        if event["start"] and event["start"] == event["end"]:
            timeline.setdefault(dt.date.fromisoformat(event["start"]), []).append(event["text"])
    return timeline


def most_articles_days(
    output: Mapping[str, object], count: int, span: tuple[dt.date, dt.date] | None = None
) -> list[dt.date]:
    """The baseline: the `count` days on which the most articles were published (earlier first on ties)."""
    articles = output["articles"]
    assert isinstance(articles, list)
    days = Counter(
        dt.date.fromisoformat(item["published"][:10]) for item in articles if item.get("published")
    )
    if span:
        days = Counter({day: n for day, n in days.items() if span[0] <= day <= span[1]})
    return sorted(days, key=lambda day: (-days[day], day))[:count]


def main() -> None:
    """Print date-F1 and alignment ROUGE per reference timeline, their means, and the baseline."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--corpus", default="corpora/tls/syria", help="folder under --shared (or a path)")
    parser.add_argument("--per-date", type=int, default=2)
    args = parser.parse_args()
    corpus = args.shared / args.corpus if not Path(args.corpus).is_absolute() else Path(args.corpus)
    references = {path.name: read_reference(path) for path in sorted(corpus.glob("gold*.jsonl"))}
    if not references:
        sys.exit(f"no gold*.jsonl under {corpus}")
    started = time.perf_counter()
    outputs = {
        n: build(corpus / "articles", n, args.per_date) for n in sorted({len(r) for r in references.values()})
    }
    elapsed = time.perf_counter() - started
    print(f"{corpus}: {len(outputs)} build(s) in {elapsed:.1f} s, --per-date {args.per_date}")
    print("as the issue asks: the whole folder")
    print_table(references, {name: outputs[len(reference)] for name, reference in references.items()})
    print("as in the literature (news-tls, tilse): dates limited to the reference's first..last day")
    spanned = {
        name: build(corpus / "articles", len(reference), args.per_date, reference_span(reference))
        for name, reference in references.items()
    }
    print_table(references, spanned, spans=True)
    if len(references) > 1:
        print("the references as predictions: each editor's timeline scored against the other references")
        print_agreement(references)
        print(
            "ceiling: the days ranked by how many references name them (an oracle that has read them all),"
            f" top N each: mean date-F1 {consensus_ceiling(references):.3f}"
        )
        print(
            f"content ceiling: the {args.per_date} statements of each day closest to the reference (an oracle"
            " that reads it), on the reference's own days and on the oracle's days above"
        )
        print_content_ceiling(
            references, day_statements(build(corpus / "articles", None, args.per_date)), args.per_date
        )


def reference_span(reference: Summary) -> tuple[dt.date, dt.date]:
    """A reference timeline's first and last day: the input span of the literature's protocol."""
    return min(reference), max(reference)


def print_table(
    references: Mapping[str, Summary], outputs: Mapping[str, Mapping[str, object]], spans: bool = False
) -> None:
    """One row of scores per reference, then their means."""
    print(f"{'reference':<16}{'dates':>6}{'date-F1':>9}{'R1-F':>8}{'R2-F':>8}{'baseline-F1':>13}")
    rows = []
    for name, reference in references.items():
        output = outputs[name]
        span = reference_span(reference) if spans else None
        pred = predicted(output)
        row = (
            date_f1(sorted(pred), sorted(reference)),
            align_rouge(pred, reference, 1),
            align_rouge(pred, reference, 2),
            date_f1(most_articles_days(output, len(reference), span), sorted(reference)),
        )
        rows.append(row)
        print(f"{name:<16}{len(reference):>6}{row[0]:>9.3f}{row[1]:>8.3f}{row[2]:>8.3f}{row[3]:>13.3f}")
    means = [sum(column) / len(rows) for column in zip(*rows, strict=True)]
    print(f"{'mean':<16}{'':>6}{means[0]:>9.3f}{means[1]:>8.3f}{means[2]:>8.3f}{means[3]:>13.3f}")


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
