"""Story focus (--about) and summary timelines (--top-dates N --per-date K) over merged events.

Both are rankings over the run's own statements, with no outside knowledge:
- focus: BM25 of each event's sources against the query, expanded once with the names that
  co-occur in the best matches (pseudo-relevance feedback), kept above a share of the best score;
- summary: each day the run's one-day events name gets features (articles referring to it, their
  vote split among the days each names, how long after the fact, in the lead or not, how far their
  statements are about the run's dominant story, publications, the neighbouring days, the run's
  span), each relative to the run; a linear model fitted to
  editors' timelines across stories (`make train-tls`, timeline/data/tls_day_model.json) scores
  them, and the best days are picked greedily (a chosen day's neighbour discounted as the model
  says); for each day the K events most representative of it: central among that day's
  statements, on the run's topic, concise, a caption, dateline or fragment only when nothing else is left.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

from timeline.clean.text import AGENCY_CREDIT_RE, CREDIT_RE
from timeline.merge import event_sort_key, is_calendar_name, stopwords
from timeline.models import Event, Statement

K = TypeVar("K")

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
STEM_LENGTH = 5
BM25_K1 = 1.2
BM25_B = 0.75
FOCUS_SHARE = 0.25  # keep events scoring at least this share of the best event's score
MIN_COVERAGE = 0.4  # ... and matching query words or story names worth this share of the query words' IDF
FEEDBACK_EVENTS = 5  # best-matching events whose names expand the query
FEEDBACK_NAMES = 6  # names added to the query
FEEDBACK_WEIGHT = 0.5  # weight of an added name relative to a query word
CENTRALITY_POWER = 2.0  # an article's reference counts its centrality to this power: off-topic ones fade fast
# The statement-choice constants below are kept by measurement (alignment ROUGE-1, twelve dev timelines,
# days fixed): switching each off or doubling it, and choosing the variant leave-one-story-out, scores
# 0.087 restricted / 0.078 unrestricted against 0.089 / 0.081 for these values.
DAY_WEIGHT = 0.5  # weight of a statement's likeness to the rest of its day, against the run's topic
TOPIC_FLOOR = 0.1  # so that an off-topic but central statement still scores
SHORT_WORDS = 15  # statements shorter than this are not favoured further
LENGTH_POWER = 0.5  # long statements are penalised by length ** this (ROUGE-like precision)
# A day's statement is never a caption, dateline or fragment while a report is left (the issue asks it; it
# costs alignment ROUGE-1 0.089 -> 0.087 restricted, 0.080 -> 0.077 unrestricted on the twelve dev timelines,
# `make bench-tls`: some leads carry a photo credit glued in front). Hand-set, checked by reading the 45 of
# the 1067 chosen statements it demoted.
FRAGMENT_WORDS = 4  # fewer words than this beside its time expression: a dateline or a fragment, not a report
PHOTO_CREDIT = re.compile(r"\b[A-Z]{2,}\s*\\?/\s*[A-Z][a-z]")  # 'REUTERS/Jane Doe', 'AP Photo\/Jane Doe'
CLOSING = re.compile(r"[\s.,;:)\]\"'’”]*")  # what may follow the last word of a sentence
YEAR = re.compile(r"\b\d{4}\b")
LEAD_SENTENCES = 3  # an article's lead: its first sentences, where news puts what happened
LAG_SOON = 2  # a reference this many days after the fact is the follow-up report ...
LAG_LATER = 14  # ... up to this many, a later one; beyond it, background
NEAR_DAYS = 3  # the neighbourhood of a day: this many days either side
SPAN_QUANTILE = 0.05  # the run's span: its articles' publication days less this share at either end
DAYS_OUTSIDE_SCALE = 365  # a day a year or more outside the span scores 1 on that feature
COUNT_FEATURES = (
    "refs", "refs_split", "refs_central", "refs_topical", "refs_lead", "refs_absolute", "refs_ahead",
    "refs_same_day", "refs_soon_after", "refs_later", "refs_long_after", "statements", "published",
    "published_next", "refs_near", "refs_next_to", "refs_day_before", "refs_day_after",
    "same_day_refs_after",
)  # fmt: skip
SHARE_FEATURES = (
    "share_lead", "share_absolute", "share_ahead", "share_same_day", "share_soon_after", "share_later",
    "share_long_after", "share_topical",
)  # fmt: skip
SPAN_FEATURES = ("outside_span", "before_span", "after_span")
FEATURES = (*COUNT_FEATURES, *SPAN_FEATURES, *SHARE_FEATURES)
DAY_MODEL_FILE = "tls_day_model.json"
ONE_DAY = dt.timedelta(days=1)


def text_stems(text: str) -> list[str]:
    """Content-word stems of a text, in order, repeats kept."""
    stop = stopwords()
    stems = []
    for word in WORD.findall(text):
        lower = word.lower().replace("’", "'").removesuffix("'s")
        if len(lower) > 2 and lower not in stop and not is_calendar_name(word):
            stems.append(lower[:STEM_LENGTH])
    return stems


def query_stems(text: str) -> frozenset[str]:
    """Content-word stems of a query or statement."""
    return frozenset(text_stems(text))


def name_stems(text: str) -> set[str]:
    """Stems of the words written as names (capitalised, not first in their sentence)."""
    names = set()
    stop = stopwords()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for word in WORD.findall(sentence)[1:]:
            lower = word.lower().replace("’", "'").removesuffix("'s")
            if word[0].isupper() and len(lower) > 2 and lower not in stop and not is_calendar_name(word):
                names.add(lower[:STEM_LENGTH])
    return names


def event_text(event: Event) -> str:
    """Everything the sources of an event say, one statement each."""
    texts = dict.fromkeys(source.statement.text for source in event.sources)
    return " ".join(texts) if texts else event.text


def _undated_text(event: Event) -> str:
    """The sources' statements without their time expressions ('Sunday' is not a name of the story)."""
    texts = dict.fromkeys(
        s.statement.text[: s.statement.expr.start] + s.statement.text[s.statement.expr.end :]
        for s in event.sources
    )
    return " ".join(texts)


def bm25_scores(docs: Sequence[Sequence[str]], query: Mapping[str, float]) -> list[float]:
    """BM25 score of each document (a list of stems) for a weighted query."""
    if not docs:
        return []
    idf = inverse_frequencies(docs)
    average = sum(len(doc) for doc in docs) / len(docs) or 1.0
    scores = []
    for doc in docs:
        counts = Counter(doc)
        score = 0.0
        for stem, weight in query.items():
            tf = counts.get(stem, 0)
            if not tf:
                continue
            norm = tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * len(doc) / average))
            score += weight * idf[stem] * norm
        scores.append(score)
    return scores


def focus_events(events: Sequence[Event], about: str) -> tuple[Event, ...]:
    """The events relevant to a query, ranked by BM25 with name expansion; chronological order kept."""
    wanted = query_stems(about)
    if not wanted or not events:
        return tuple(events)
    texts = [event_text(event) for event in events]
    docs = [text_stems(text) for text in texts]
    query = dict.fromkeys(sorted(wanted), 1.0)  # sorted: sums must not depend on set order
    scores = bm25_scores(docs, query)
    best = max(scores)
    if best <= 0:
        return ()
    top = sorted(range(len(events)), key=lambda i: (-scores[i], i))[:FEEDBACK_EVENTS]
    names: Counter[str] = Counter()
    for text in dict.fromkeys(_undated_text(events[i]) for i in top if scores[i] > 0):
        names.update(name_stems(text) - wanted)
    idf = inverse_frequencies(docs)
    total = math.fsum(idf.get(stem, 0.0) for stem in wanted) or 1.0
    specific = min(idf.get(stem, 0.0) for stem in wanted)  # only names as rare as a query word
    expansion = sorted(names.items(), key=lambda item: (-item[1], item[0]))
    for stem, count in expansion[:FEEDBACK_NAMES]:
        if count >= 2 and idf.get(stem, 0.0) >= specific:
            query[stem] = FEEDBACK_WEIGHT
    scores = bm25_scores(docs, query)
    best = max(scores)

    def coverage(doc: Sequence[str]) -> float:
        present = set(doc)
        return math.fsum(idf.get(stem, 0.0) for stem in query if stem in present) / total

    return tuple(
        event
        for event, doc, score in zip(events, docs, scores, strict=True)
        if score >= FOCUS_SHARE * best and coverage(doc) >= MIN_COVERAGE
    )


def inverse_frequencies(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    """BM25's IDF of every stem over a set of documents."""
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))
    total = len(docs)
    return {stem: math.log(1 + (total - count + 0.5) / (count + 0.5)) for stem, count in df.items()}


def _is_day(event: Event) -> bool:
    """Whether an event is dated to one calendar day."""
    return event.first_day is not None and event.first_day == event.last_day


def _neighbours(day: dt.date, radius: int) -> list[dt.date]:
    """The days within `radius` of a day, itself excluded."""
    return [day + dt.timedelta(days=step) for step in range(-radius, radius + 1) if step]


def _publication_days(events: Sequence[Event]) -> dict[str, dt.date]:
    """The publication day of every dated article the events come from."""
    days = {}
    for event in events:
        for source in event.sources:
            article = source.statement.article
            if article.published_day is not None:
                days[article.path] = article.published_day
    return days


def _publication_span(events: Sequence[Event]) -> tuple[dt.date, dt.date] | None:
    """Where the run's articles were published: the days between two quantiles of their publication days."""
    days = sorted(_publication_days(events).values())
    if not days:
        return None
    cut = int(SPAN_QUANTILE * (len(days) - 1))
    return days[cut], days[len(days) - 1 - cut]


def article_centrality(events: Sequence[Event]) -> dict[str, float]:
    """How central each article is to the run: cosine of its TF-IDF vector with the run's centroid."""
    words: dict[str, list[str]] = defaultdict(list)
    seen: set[tuple[str, int, str]] = set()
    for event in events:
        for source in event.sources:
            statement = source.statement
            key = (statement.article.path, statement.order, statement.text)
            if key not in seen:
                seen.add(key)
                words[statement.article.path].extend(text_stems(statement.text))
    vectors = _tfidf({path: Counter(stems) for path, stems in sorted(words.items())})  # sums in one order
    centroid: Counter[str] = Counter()
    for vector in vectors.values():
        centroid.update(vector)
    norm = math.sqrt(math.fsum(value * value for value in centroid.values())) or 1.0
    return {path: _dot(vector, centroid) / norm for path, vector in vectors.items()}


def _tfidf(counts: Mapping[K, Counter[str]]) -> dict[K, dict[str, float]]:
    """Unit-length TF-IDF vectors (log TF, smoothed IDF) of a set of bags of stems."""
    df: Counter[str] = Counter()
    for bag in counts.values():
        df.update(bag.keys())
    total = len(counts)
    vectors = {}
    for key, bag in counts.items():
        vector = {stem: (1 + math.log(tf)) * math.log(1 + total / df[stem]) for stem, tf in bag.items()}
        norm = math.sqrt(math.fsum(value * value for value in vector.values())) or 1.0
        vectors[key] = {stem: value / norm for stem, value in vector.items()}
    return vectors


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(value * b.get(stem, 0.0) for stem, value in a.items())


@dataclass(frozen=True, slots=True)
class Reference:
    """One article's reference to one day: how far after the fact, where in the article, how it is dated."""

    path: str
    day: dt.date
    lag: int | None  # publication day minus the day referred to; None when the article has no date
    lead: bool  # said in the article's first sentences
    absolute: bool  # dated by a calendar date ('March 15, 2011'), not relative to the publication


def day_references(events: Sequence[Event]) -> list[Reference]:
    """One reference per (article, day) of one-day events: in the lead if one mention is, absolute if all."""
    lead: dict[tuple[str, dt.date], bool] = {}
    absolute: dict[tuple[str, dt.date], bool] = {}
    articles: dict[str, dt.date | None] = {}
    for event in events:
        if not _is_day(event) or event.first_day is None:
            continue
        for source in event.sources:
            statement = source.statement
            key = (statement.article.path, event.first_day)
            articles[key[0]] = statement.article.published_day
            lead[key] = lead.get(key, False) or statement.order < LEAD_SENTENCES
            absolute[key] = absolute.get(key, True) and statement.expr.anchor == "absolute"
    references = []
    for (path, day), in_lead in lead.items():
        published = articles[path]
        lag = (published - day).days if published else None
        references.append(Reference(path, day, lag, in_lead, absolute[path, day]))
    return sorted(references, key=lambda ref: (ref.day, ref.path))


def _lag_feature(lag: int | None) -> str | None:
    """The lag bin a reference counts in: ahead of the day, on it, soon after, later, long after."""
    if lag is None:
        return None
    if lag < 0:
        return "refs_ahead"
    if lag == 0:
        return "refs_same_day"
    if lag <= LAG_SOON:
        return "refs_soon_after"
    return "refs_later" if lag <= LAG_LATER else "refs_long_after"


def reference_topicality(
    events: Sequence[Event], topicality: Sequence[float] | None = None
) -> dict[tuple[str, dt.date], float]:
    """How far each article's reference to a day is about the run's story: its most topical statement's."""
    if topicality is None:
        topicality = event_topicality(events)
    best: dict[tuple[str, dt.date], float] = {}
    for event, value in zip(events, topicality, strict=True):
        if _is_day(event) and event.first_day is not None:
            for path in _paths(event):
                key = (path, event.first_day)
                best[key] = max(best.get(key, 0.0), value)
    return best


def day_counts(
    events: Sequence[Event],
    centrality: Mapping[str, float] | None = None,
    topicality: Sequence[float] | None = None,
) -> dict[dt.date, dict[str, float]]:
    """Per-day raw counts of the evidence of importance (COUNT_FEATURES and the lag bins), not yet scaled."""
    if centrality is None:
        centrality = article_centrality(events)
    references = day_references(events)
    topical = reference_topicality(events, topicality)
    top_topical = max(topical.values(), default=0.0) or 1.0  # cosines are small: relative to the run's best
    days_named: Counter[str] = Counter(ref.path for ref in references)
    counts: defaultdict[dt.date, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for ref in references:
        row = counts[ref.day]
        row["refs"] += 1
        row["refs_split"] += 1 / days_named[ref.path]
        row["refs_central"] += centrality.get(ref.path, 0.0) ** CENTRALITY_POWER
        row["refs_topical"] += topical.get((ref.path, ref.day), 0.0) / top_topical
        row["refs_lead"] += ref.lead
        row["refs_absolute"] += ref.absolute
        lag = _lag_feature(ref.lag)
        if lag:
            row[lag] += 1
    for event in events:
        if _is_day(event) and event.first_day is not None:
            counts[event.first_day]["statements"] += len(event.sources)
    published = Counter(_publication_days(events).values())
    for day, row in counts.items():
        row["published"] = published[day]
        row["published_next"] = published[day + ONE_DAY]
        row["refs_near"] = sum(counts[near]["refs"] for near in _neighbours(day, NEAR_DAYS) if near in counts)
        row["refs_day_before"] = counts[day - ONE_DAY]["refs"] if day - ONE_DAY in counts else 0
        row["refs_day_after"] = counts[day + ONE_DAY]["refs"] if day + ONE_DAY in counts else 0
        row["refs_next_to"] = max(
            (counts[near]["refs"] for near in _neighbours(day, 1) if near in counts), default=0
        )
        # a happening late in the day is often filed by the next day's reports as 'today'
        row["same_day_refs_after"] = counts[day + ONE_DAY]["refs_same_day"] if day + ONE_DAY in counts else 0
    return {day: dict(row) for day, row in counts.items()}


def day_features(
    events: Sequence[Event],
    centrality: Mapping[str, float] | None = None,
    topicality: Sequence[float] | None = None,
) -> dict[dt.date, dict[str, float]]:
    """Per-day evidence of importance, each count on a log scale relative to the run's largest.

    Relative to the run, so that one model serves folders of forty and of four thousand articles.
    """
    counts = day_counts(events, centrality, topicality)
    features = {
        day: {name: math.log1p(row.get(name, 0.0)) for name in COUNT_FEATURES} for day, row in counts.items()
    }
    for name in COUNT_FEATURES:
        top = max((values[name] for values in features.values()), default=0.0)
        for values in features.values():
            values[name] = values[name] / top if top else 0.0
    span = _publication_span(events)
    for day, values in features.items():
        before = max((span[0] - day).days, 0) if span else 0
        after = max((day - span[1]).days, 0) if span else 0
        values["before_span"] = _span_distance(before)
        values["after_span"] = _span_distance(after)
        values["outside_span"] = _span_distance(max(before, after))
        row = counts[day]
        for name in SHARE_FEATURES:
            refs = row.get("refs", 0.0)
            values[name] = row.get(name.replace("share", "refs", 1), 0.0) / refs if refs else 0.0
    return features


def _span_distance(days: int) -> float:
    """Days outside the publication span on a log scale, a year or more scoring 1."""
    return min(1.0, math.log1p(days) / math.log1p(DAYS_OUTSIDE_SCALE))


@dataclass(frozen=True, slots=True)
class DayModel:
    """A fitted linear ranking of days: feature weights, and the discount of a chosen day's neighbour."""

    weights: Mapping[str, float]
    intercept: float
    adjacent_discount: float


def read_day_model(data: Mapping[str, object]) -> DayModel:
    """A day model from its JSON record (features must be among FEATURES: an older file fails loudly)."""
    weights = data["weights"]
    assert isinstance(weights, dict)
    unknown = set(weights) - set(FEATURES)
    if unknown:
        raise ValueError(f"day model has unknown features: {sorted(unknown)}")
    return DayModel(
        {name: float(value) for name, value in weights.items()},
        float(data["intercept"]),  # type: ignore[arg-type]
        float(data["adjacent_discount"]),  # type: ignore[arg-type]
    )


@cache
def day_model() -> DayModel:
    """The shipped day model (timeline/data/tls_day_model.json, written by `make train-tls`)."""
    text = resources.files("timeline").joinpath("data", DAY_MODEL_FILE).read_text(encoding="utf-8")
    return read_day_model(json.loads(text))


def score_days(features: Mapping[dt.date, Mapping[str, float]], model: DayModel) -> dict[dt.date, float]:
    """Each day's probability, under the model, that an editor's timeline keeps it."""
    scores = {}
    for day, values in features.items():
        score = model.intercept + math.fsum(weight * values[name] for name, weight in model.weights.items())
        scores[day] = 0.5 * (1 + math.tanh(score / 2))  # the logistic function, without overflow
    return scores


def date_importance(
    events: Sequence[Event],
    model: DayModel | None = None,
    centrality: Mapping[str, float] | None = None,
    topicality: Sequence[float] | None = None,
) -> dict[dt.date, float]:
    """Importance of each day of the events: its features scored by the (shipped) day model."""
    return score_days(day_features(events, centrality, topicality), model or day_model())


def pick_days(importance: Mapping[dt.date, float], count: int, discount: float = 1.0) -> list[dt.date]:
    """The `count` most important days, a day next to a chosen one discounted (greedy, stable).

    Lazy greedy: a day's score only falls as days are chosen, so a day whose rescored value still
    beats every other stored value is the best; ties go to the earlier day.
    """
    chosen: set[dt.date] = set()
    heap = [(-value, day.toordinal(), day) for day, value in importance.items()]
    heapq.heapify(heap)
    while heap and len(chosen) < count:
        _, ordinal, day = heapq.heappop(heap)
        near = sum(1 for step in (-1, 1) if day + dt.timedelta(days=step) in chosen)
        value = importance[day] * discount**near
        if not heap or (-value, ordinal) <= heap[0][:2]:
            chosen.add(day)
        else:
            heapq.heappush(heap, (-value, ordinal, day))
    return sorted(chosen)


def event_vectors(events: Sequence[Event]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of events (all their sources' words), IDF over the events of the run."""
    return list(
        _tfidf({i: Counter(text_stems(event_text(event))) for i, event in enumerate(events)}).values()
    )


def event_topicality(
    events: Sequence[Event], vectors: Sequence[Mapping[str, float]] | None = None
) -> list[float]:
    """How much each event is about the run's dominant story: cosine of its vector with the run's centroid."""
    if vectors is None:
        vectors = event_vectors(events)
    centroid: Counter[str] = Counter()
    for vector in vectors:
        centroid.update(vector)
    unit = _unit(centroid)
    return [_dot(vector, unit) for vector in vectors]


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    """A sparse vector scaled to length 1."""
    norm = math.sqrt(math.fsum(value * value for value in vector.values())) or 1.0
    return {stem: value / norm for stem, value in vector.items()}


def lead_topic(events: Sequence[Event], vectors: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """The run's story as the unit centroid of the events its articles tell in their leads (all, if none).

    A lead says what the article is about; background paragraphs (another country's war, a chronology)
    come later. Against the centroid of all events, the lead's lifted the chosen statements' alignment
    ROUGE-1 on the twelve dev timelines from 0.0877 to 0.0895 restricted, 0.0761 to 0.0783 unrestricted,
    chosen in every leave-one-story-out fold (the days fixed; Syria alone 0.070 -> 0.067 restricted).
    """
    topic: Counter[str] = Counter()
    for event, vector in zip(events, vectors, strict=True):
        if any(source.statement.order < LEAD_SENTENCES for source in event.sources):
            topic.update(vector)
    if not topic:
        for vector in vectors:
            topic.update(vector)
    return _unit(topic)


def is_unfit_statement(statement: Statement) -> bool:
    """Whether a statement is a dateline, a fragment, a photo credit or a caption rather than a report."""
    if statement.caption:
        return True  # the statement stage marked it a photo caption
    text, expr = statement.text, statement.expr
    if len(WORD.findall(text[: expr.start] + text[expr.end :])) < FRAGMENT_WORDS:
        return True  # 'LONDON, June 7 (Reuters) -'
    if text.rstrip().endswith(("-", "–", "—")) or text[:1].islower():
        return True  # a dateline cut from its lead; the tail of a sentence split in two
    if CREDIT_RE.search(text) or AGENCY_CREDIT_RE.search(text) or PHOTO_CREDIT.search(text):
        return True
    # a caption ends with its picture's full date: '... outside the embassy in Athens, May 2, 2011.'
    return (
        expr.anchor == "absolute"
        and expr.granularity == "day"
        and YEAR.search(expr.text) is not None
        and CLOSING.fullmatch(text[expr.end :]) is not None
    )


def representative_events(
    day_events: Sequence[Event],
    vectors: Sequence[Mapping[str, float]],
    topic: Mapping[str, float],
    centrality: Mapping[str, float],
    count: int,
) -> list[Event]:
    """The `count` events most representative of a day: central, on topic, concise, captions last.

    No redundancy penalty: maximal marginal relevance (a statement's score relative to the day's best,
    less 0.25, 0.5 or 1 times its likeness to one chosen), its weight chosen leave-one-story-out, scored
    alignment ROUGE-1 0.085 restricted / 0.077 unrestricted on the twelve dev timelines against 0.0875 /
    0.078 without it: merged events rarely repeat one another.
    """
    day_centroid: Counter[str] = Counter()
    for vector in vectors:
        day_centroid.update(vector)

    def score(i: int) -> tuple[bool, float, str, int]:
        vector = vectors[i]
        others = _unit({stem: value - vector.get(stem, 0.0) for stem, value in day_centroid.items()})
        support = math.fsum(centrality.get(path, 0.0) for path in _paths(day_events[i]))
        words = len(WORD.findall(day_events[i].text))
        value = (
            (DAY_WEIGHT * _dot(vector, others) + _dot(vector, topic) + TOPIC_FLOOR)
            * (1.0 + support)
            / max(words, SHORT_WORDS) ** LENGTH_POWER
        )
        return (_shows_unfit(day_events[i]), -value, day_events[i].text, i)

    ranked = sorted(range(len(day_events)), key=score)
    return [day_events[i] for i in ranked[:count]]


def _shows_unfit(event: Event) -> bool:
    """Whether the statement an event shows (or, failing that, every one of its sources) is unfit."""
    shown = [source.statement for source in event.sources if source.statement.text == event.text]
    return all(is_unfit_statement(statement) for statement in shown or [s.statement for s in event.sources])


def _paths(event: Event) -> Iterable[str]:
    """The distinct articles an event comes from."""
    return dict.fromkeys(source.statement.article.path for source in event.sources)


def top_dates(events: Sequence[Event], dates: int, per_date: int) -> tuple[Event, ...]:
    """The `dates` most important days (most, and most independently, referred to), `per_date` events each."""
    if dates <= 0 or per_date <= 0:
        return ()
    model = day_model()
    centrality = article_centrality(events)
    vectors = event_vectors(events)
    importance = date_importance(events, model, centrality, event_topicality(events, vectors))
    unit_topic = lead_topic(events, vectors)
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        if _is_day(event) and event.first_day is not None:
            by_day[event.first_day].append(index)
    chosen = []
    for day in pick_days(importance, dates, model.adjacent_discount):
        members = by_day[day]
        chosen.extend(
            representative_events(
                [events[i] for i in members], [vectors[i] for i in members], unit_topic, centrality, per_date
            )
        )
    return tuple(sorted(chosen, key=event_sort_key))
