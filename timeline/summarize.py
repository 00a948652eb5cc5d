"""Story focus (--about) and summary timelines (--top-dates N --per-date K) over merged events.

Both are rankings over the run's own statements, with no outside knowledge:
- focus: BM25 of each event's sources against the query, expanded once with the names that
  co-occur in the best matches (pseudo-relevance feedback), kept above a share of the best score;
- summary: a day matters when many articles independently refer to it, each article counted once
  and weighted by how central it is to the run's dominant story (a markets report in a folder about
  a war counts little), its one vote shared among the days it refers to, references made after the
  fact included and slightly favoured; days are picked greedily, a day next to one already picked
  discounted (one happening, one day); for each day the K events most representative of it: central
  among that day's statements, on the run's topic, concise.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from timeline.merge import event_sort_key, is_calendar_name, stopwords
from timeline.models import Event

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
LATER_BONUS = 0.1  # extra weight per log-day of a reference made after the fact
CENTRALITY_POWER = 2.0  # an article's reference counts its centrality to this power: off-topic ones fade fast
DAY_WEIGHT = 0.5  # weight of a statement's likeness to the rest of its day, against the run's topic
TOPIC_FLOOR = 0.1  # so that an off-topic but central statement still scores
SHORT_WORDS = 15  # statements shorter than this are not favoured further
LENGTH_POWER = 0.5  # long statements are penalised by length ** this (ROUGE-like precision)
ADJACENT_DISCOUNT = 0.6  # a day next to an already chosen day counts this much (one story, one day)


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
    vectors = _tfidf({path: Counter(stems) for path, stems in words.items()})
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


def date_importance(
    events: Sequence[Event], centrality: Mapping[str, float] | None = None
) -> dict[dt.date, float]:
    """Importance of each day: the articles referring to it, each counted once, weighted by centrality.

    The weight is the article's centrality squared (CENTRALITY_POWER): in a folder that mixes stories,
    a reference from an article at the heart of the story is worth several from articles that only
    touch it, which is what tells the story's key days from the busy days of the news in general. An
    article has one vote, shared among the days it refers to: a report about one day says that day
    mattered more than a round-up naming twenty days says any of them did. Each day's share is the
    geometric mean of an equal share and the share of the article's dated statements about that day,
    so that the day an article dwells on counts more than one it mentions in passing.
    """
    if centrality is None:
        centrality = article_centrality(events)
    mentions: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for event in events:
        if _is_day(event) and event.first_day is not None:
            for source in event.sources:
                mentions[source.statement.article.path][event.first_day] += 1
    weights: dict[dt.date, dict[str, float]] = defaultdict(dict)
    for event in events:
        if not _is_day(event):
            continue
        day = event.first_day
        assert day is not None
        for source in event.sources:
            article = source.statement.article
            lag = (article.published_day - day).days if article.published_day else 0
            relevance = centrality.get(article.path, 0.0) ** CENTRALITY_POWER
            counts = mentions[article.path]
            share = math.sqrt(counts[day] / (len(counts) * counts.total()))
            weights[day][article.path] = relevance * share * (1 + LATER_BONUS * math.log1p(max(lag, 0)))
    return {day: math.fsum(refs.values()) for day, refs in weights.items()}


def pick_days(importance: Mapping[dt.date, float], count: int) -> list[dt.date]:
    """The `count` most important days, a day next to a chosen one discounted (greedy, stable)."""
    chosen: list[dt.date] = []
    left = dict(importance)
    while left and len(chosen) < count:

        def score(day: dt.date) -> tuple[float, int]:
            near = sum(1 for other in chosen if abs((other - day).days) <= 1)
            return (left[day] * ADJACENT_DISCOUNT**near, -day.toordinal())  # ties: the earlier day

        best = max(left, key=score)
        chosen.append(best)
        del left[best]
    return sorted(chosen)


def event_vectors(events: Sequence[Event]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of events (all their sources' words), IDF over the events of the run."""
    return list(
        _tfidf({i: Counter(text_stems(event_text(event))) for i, event in enumerate(events)}).values()
    )


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    """A sparse vector scaled to length 1."""
    norm = math.sqrt(math.fsum(value * value for value in vector.values())) or 1.0
    return {stem: value / norm for stem, value in vector.items()}


def representative_events(
    day_events: Sequence[Event],
    vectors: Sequence[Mapping[str, float]],
    topic: Mapping[str, float],
    centrality: Mapping[str, float],
    count: int,
) -> list[Event]:
    """The `count` events most representative of a day: central among its events, on topic, concise."""
    day_centroid: Counter[str] = Counter()
    for vector in vectors:
        day_centroid.update(vector)

    def score(i: int) -> tuple[float, str, int]:
        vector = vectors[i]
        others = _unit({stem: value - vector.get(stem, 0.0) for stem, value in day_centroid.items()})
        support = math.fsum(centrality.get(path, 0.0) for path in _paths(day_events[i]))
        words = len(WORD.findall(day_events[i].text))
        value = (
            (DAY_WEIGHT * _dot(vector, others) + _dot(vector, topic) + TOPIC_FLOOR)
            * (1.0 + support)
            / max(words, SHORT_WORDS) ** LENGTH_POWER
        )
        return (-value, day_events[i].text, i)

    ranked = sorted(range(len(day_events)), key=score)
    return [day_events[i] for i in ranked[:count]]


def _paths(event: Event) -> Iterable[str]:
    """The distinct articles an event comes from."""
    return dict.fromkeys(source.statement.article.path for source in event.sources)


def top_dates(events: Sequence[Event], dates: int, per_date: int) -> tuple[Event, ...]:
    """The `dates` most important days (most, and most independently, referred to), `per_date` events each."""
    if dates <= 0 or per_date <= 0:
        return ()
    centrality = article_centrality(events)
    importance = date_importance(events, centrality)
    vectors = event_vectors(events)
    topic: Counter[str] = Counter()
    for vector in vectors:
        topic.update(vector)
    unit_topic = _unit(topic)
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        if _is_day(event) and event.first_day is not None:
            by_day[event.first_day].append(index)
    chosen = []
    for day in pick_days(importance, dates):
        members = by_day[day]
        chosen.extend(
            representative_events(
                [events[i] for i in members], [vectors[i] for i in members], unit_topic, centrality, per_date
            )
        )
    return tuple(sorted(chosen, key=event_sort_key))
