"""One event from many sources: statements about the same happening on overlapping dates merged.

Statements are compared by their content words, each weighted by its rarity in the run (IDF) and
more when it is a name (a word the run mostly writes with a capital inside a sentence): "Lavrov",
"Shoigu" and "Turkey" tell two reports apart far better than "visit" or "minister" (a title such as
"Minister" or "Secretary" is no name, and "al-Assad" is "Assad"); two statements that both name actors
or places, but not one in common, are never one happening, and two dated by a broad or nested interval
must also share a word of what happened, not only who and where. Statements are
grouped by average-link clustering over compatible dates (the same days, or one interval inside the
other, with a stricter bar when the dates are broad), so two unrelated statements are never chained
together through a third. A later report of the same happening that brings a cue of change
(postponed, denied...) or a different figure for the same thing is marked as updating or
contradicting the earlier ones.

Merging is a pure function of the set of statements: every grouping and every tie is decided by
stable keys, so the order in which files were read never changes the output.

It scales with the number of statements, not with its square: candidate pairs are looked for only
within a bucket of one date key and the buckets of the intervals containing it, through stem
indexes local to the bucket (never a table of all pairs), and copies of one statement (the same
days, the same stems: a wire story filed under many names) are clustered once, counted as weights.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from timeline.models import EVENT_KINDS, Event, Source, Statement
from timeline.statements import is_reporting_date
from timeline.temporal.words import MONTHS, WEEKDAYS
from timeline.wordlists import data_lines, data_words

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d,.]*\d|\d")
# The article of an Arabic name ("al-Assad", "el-Sisi", "Al-Qaeda"): the same name as without it.
NAME_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[-‑](?=[A-Z])", re.IGNORECASE)
STEM_LENGTH = 5  # a prefix stem: 'Russia'/'Russian', 'postponed'/'postpones' compare equal
NAME_WEIGHT = 2.0  # a name counts this many times a common word of the same rarity
NAME_SHARE = 0.7  # a stem is a name when capitalised in this share of the statements using it mid-sentence
MIN_SHARED = 2  # content stems two statements must share to be one event
COMMON_SHARE = 0.02  # stems in more than this share of a run's statements do not make candidate pairs...
COMMON_MIN = 50  # ... unless the run is small
BUCKET_POSTINGS = 200  # ... nor stems in more than this many distinct statements about the same days
SAME_DAYS_THRESHOLD = 0.28  # weighted similarity to merge statements about the very same days
NESTED_THRESHOLD = 0.45  # ... when one interval lies inside the other, or both are broad (a month, a year)
PRECISE_DAYS = 8  # intervals shorter than this (a day, a weekend, a week) are precise enough to merge on
RELATED_SIMILARITY = 0.3  # plain cosine of stems above which a later report is compared with an earlier one
TERMS_CACHE = 1 << 12  # sentences whose terms are kept (an event's sources are looked at several times)
WORDS_CACHE = 1 << 16  # words whose stem and role are kept: a run's vocabulary, mostly
CUE_STEM = 3  # letters of each word by which two cues are the same ('cancelled', 'cancels')
FIGURE_SIMILARITY = 0.5  # ... above which a different figure for the same noun is a revision
SPLITTER = 134217729.0  # 2**27 + 1: splits a float into halves whose products by small integers are exact
# A number and the word it counts ('at least 35 people'): figures that a later report may revise.
FIGURE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,.]\d)((?:\s+[a-z]+)?)\s+(?:[a-z-]+\s+){0,2}?([a-z]{3,})"
)
# The main verb after an auxiliary ('are arriving', 'has been postponed'): what a report says happens.
AUX_VERB = re.compile(
    r"\b(?:is|are|was|were|will|has|have|had|be)\s+(?:been\s+|being\s+|not\s+)?([a-z]+(?:ing|ed))\b"
)


@cache
def stopwords() -> frozenset[str]:
    """General English function words, from the package data."""
    return data_words("stopwords.txt")


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex for a list of phrases, where `*` stands for any word ending."""

    def words(phrase: str) -> str:
        return r"\s+".join(re.escape(word).replace(r"\*", r"\w*") for word in phrase.split())

    parts = sorted((words(phrase) for phrase in phrases), key=lambda part: (-len(part), part))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


@cache
def title_words() -> frozenset[str]:
    """Titles written with a capital before a name ('Minister', 'Secretary'): no names themselves."""
    return data_words("merge_title_words.txt")


@cache
def update_cues() -> re.Pattern[str]:
    """Words by which a later report changes the story (postponed, cancelled, raised...)."""
    return _phrase_pattern(data_lines("merge_update_cues.txt"))


@cache
def contradict_cues() -> re.Pattern[str]:
    """Words by which a later report says an earlier one was wrong (denied, not true...)."""
    return _phrase_pattern(data_lines("merge_contradict_cues.txt"))


@dataclass(frozen=True, slots=True)
class Terms:
    """A statement's content stems, those written as names, and those written in lower case."""

    stems: frozenset[str]
    names: frozenset[str]
    common: frozenset[str] = frozenset()


def statement_terms(statement: Statement) -> Terms:
    """Content stems of a statement, its time expression left out; names are capitalised mid-sentence."""
    expr = statement.expr
    return _terms(statement.text, expr.start, expr.end)


@lru_cache(maxsize=TERMS_CACHE)
def _terms(text: str, start: int, end: int) -> Terms:
    """The terms of a sentence with the span [start, end) left out (copies of a sentence share one)."""
    text = text[:start] + " " + text[end:]
    stems: set[str] = set()
    names: set[str] = set()
    common: set[str] = set()
    for index, match in enumerate(WORD.finditer(text)):
        stem, role = _word_term(match.group())
        if stem is None:
            continue
        stems.add(stem)
        if role is NAME and index > 0:
            names.add(stem)
        elif role is COMMON:
            common.add(stem)
    return Terms(frozenset(stems), frozenset(names), frozenset(common))


NAME, COMMON, NEITHER = "name", "common", "neither"


@lru_cache(maxsize=WORDS_CACHE)
def _word_term(word: str) -> tuple[str | None, str]:
    """A word's stem (None for a stopword, number or calendar name) and whether it reads as a name."""
    if "-" in word:  # the only particle separator a WORD match can hold
        word = NAME_PARTICLE.sub("", word)
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    if lower[:1].isdigit() or len(lower) <= 2 or lower in stopwords() or is_calendar_name(word):
        return None, NEITHER
    stem = sys.intern(lower[:STEM_LENGTH])  # one string per stem, however many statements use it
    if (word.isupper() and len(word) > 1) or lower.split("-")[0].rstrip(".") in title_words():
        return stem, NEITHER  # a headline in capitals says nothing about names; 'Minister' is what, not who
    return stem, NAME if word[0].isupper() else COMMON


def name_stems(terms: Sequence[Terms]) -> frozenset[str]:
    """Stems written as names in most of the statements that use them mid-sentence ('Lavrov', not 'Oil')."""
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for item in terms:
        capital.update(item.names)
        lower.update(item.common)
    return frozenset(stem for stem, count in capital.items() if count >= NAME_SHARE * (count + lower[stem]))


def is_calendar_name(word: str) -> bool:
    """Whether a word is a capitalised month or weekday name ('Saturday's vote', not 'they march')."""
    if not word[:1].isupper():
        return False
    lower = word.lower().replace("’", "'").removesuffix("'s").rstrip(".")
    return lower in MONTHS or lower in WEEKDAYS


def content_stems(statement: Statement) -> frozenset[str]:
    """Stems of a statement's content words, its time expression left out."""
    return statement_terms(statement).stems


def term_weights(terms: Sequence[Terms], named: frozenset[str] | None = None) -> dict[str, float]:
    """Weight of each stem over a run: smoothed IDF, times NAME_WEIGHT for stems used as names."""
    df: Counter[str] = Counter()
    for item in terms:
        df.update(item.stems)
    if named is None:
        named = name_stems(terms)
    total = len(terms)
    return {
        stem: math.log(1 + total / count) * (NAME_WEIGHT if stem in named else 1.0)
        for stem, count in df.items()
    }


def similarity(a: frozenset[str], b: frozenset[str], weights: Mapping[str, float] | None = None) -> float:
    """Weighted cosine of two stem sets (0 when they share fewer than MIN_SHARED stems)."""
    shared = a & b
    if len(shared) < MIN_SHARED:
        return 0.0
    weight = weights.get if weights is not None else (lambda stem, default=1.0: default)
    # fsum: exact, so the sum does not depend on set order (which varies with the hash seed)
    norm_a = math.sqrt(math.fsum(weight(stem, 1.0) ** 2 for stem in a))
    norm_b = math.sqrt(math.fsum(weight(stem, 1.0) ** 2 for stem in b))
    if not norm_a or not norm_b:
        return 0.0
    return math.fsum(weight(stem, 1.0) ** 2 for stem in shared) / (norm_a * norm_b)


def statement_key(statement: Statement) -> tuple[str, str, int, int, str, int, str, str]:
    """A total, stable sort key: publication time, file, position in the file, then everything else."""
    published = statement.article.published
    expr = statement.expr
    return (
        published.isoformat() if published else "9999",
        statement.article.path,
        statement.order,
        expr.start,
        statement.text,
        expr.end,
        expr.value,
        statement.attributed_to or "",
    )


def date_key(statement: Statement) -> DateKey:
    """The days a statement denotes (or its TIMEX value when it denotes none)."""
    expr = statement.expr
    return (expr.first_day, expr.last_day, expr.value if expr.first_day is None else "")


DateKey = tuple[dt.date | None, dt.date | None, str]


def _contains(outer: DateKey, inner: DateKey) -> bool:
    """Whether one date key's interval lies inside another's (undated keys only equal themselves)."""
    if outer == inner:
        return True
    if None in (outer[0], outer[1], inner[0], inner[1]):
        return False
    return outer[0] <= inner[0] and inner[1] <= outer[1]  # type: ignore[operator]


def _keys_compatible(a: DateKey, b: DateKey) -> bool:
    """Whether two date keys can date one happening: the same days, or one interval inside the other."""
    return _contains(a, b) or _contains(b, a)


def _neighbours(a: DateKey, b: DateKey) -> bool:
    """Whether two date keys are single days one apart: two reports of one happening may disagree by a day
    (a Friday protest reported as Saturday's by a paper counting from another day)."""
    if None in (a[0], a[1], b[0], b[1]) or a[0] != a[1] or b[0] != b[1]:
        return False
    return abs((a[0] - b[0]).days) == 1  # type: ignore[operator]


def dates_compatible(a: Statement, b: Statement) -> bool:
    """Whether two statements can report one happening: the same days, or one interval inside the other."""
    return _keys_compatible(date_key(a), date_key(b))


def _key_threshold(a: DateKey, b: DateKey) -> float:
    """How similar statements dated by two keys must be: stricter unless both name the same few days."""
    if a != b or a[0] is None or a[1] is None:
        return NESTED_THRESHOLD
    return SAME_DAYS_THRESHOLD if (a[1] - a[0]).days < PRECISE_DAYS else NESTED_THRESHOLD


def _threshold(a: Statement, b: Statement) -> float:
    """How similar two date-compatible statements must be: stricter unless both name the same few days."""
    return _key_threshold(date_key(a), date_key(b))


def _sort_date_key(key: DateKey) -> tuple[int, str, str, str]:
    """A total order on date keys (undated keys last)."""
    first, last, value = key
    if first is None or last is None:
        return (1, "", "", value)
    return (0, first.isoformat(), last.isoformat(), value)


@dataclass(slots=True)
class _Nodes:
    """Statements that cluster alike, collapsed: the same days and the same content stems.

    Two such statements are as similar as two statements can be and always end up in one event, so
    the clustering works on one node per distinct (days, stems) and counts its copies as a weight:
    a folder holding a wire story twenty times costs what it costs once.
    """

    members: list[list[int]]  # statement indices of each node, ascending; nodes ordered by the first
    keys: list[DateKey]
    stems: list[frozenset[str]]
    names: list[frozenset[str]]
    common: list[frozenset[str]]  # stems written in lower case: what happened, not who or where
    rare: list[frozenset[str]]  # stems rare enough to propose a candidate pair
    deadlines: list[bool]  # a deadline is never the happening of its day: it merges with deadlines only
    # may join a neighbouring day: a sentence filed under one date only (its words are all about it),
    # dated by what it reports, not by when it was said ("announced on Saturday" is the telling's day)
    whole: list[bool]


def _collapse(ordered: Sequence[Statement], terms: Sequence[Terms], named: frozenset[str]) -> _Nodes:
    """One node per distinct (date key, stems) among statements that can pair at all, else per statement.

    A statement pairs through stems found in at most a COMMON_SHARE of the statements: a pair that
    shares only more frequent words is too weak to merge anyway, and indexing them would compare
    everything. One with fewer than MIN_SHARED such stems never pairs and stays alone.
    """
    df: Counter[str] = Counter()
    for item in terms:
        df.update(item.stems)
    cap = max(COMMON_MIN, int(COMMON_SHARE * len(ordered)))
    nodes = _Nodes([], [], [], [], [], [], [], [])
    seen: dict[tuple[DateKey, frozenset[str], bool, bool], int] = {}
    rare_of: dict[frozenset[str], frozenset[str]] = {}
    for index, (statement, item) in enumerate(zip(ordered, terms, strict=True)):
        key = date_key(statement)
        deadline = statement.kind == "deadline"
        whole = statement.parts == 1 and not is_reporting_date(statement.text, statement.expr)
        rare = rare_of.get(item.stems)
        if rare is None:
            rare = rare_of[item.stems] = frozenset(stem for stem in item.stems if df[stem] <= cap)
        node = seen.get((key, item.stems, deadline, whole)) if len(rare) >= MIN_SHARED else None
        if node is not None:
            nodes.members[node].append(index)
            continue
        if len(rare) >= MIN_SHARED:
            seen[(key, item.stems, deadline, whole)] = len(nodes.members)
        nodes.members.append([index])
        nodes.keys.append(key)
        nodes.stems.append(item.stems)
        nodes.names.append(item.stems & named)
        nodes.common.append(item.common)
        nodes.rare.append(rare if len(rare) >= MIN_SHARED else frozenset())
        nodes.deadlines.append(deadline)
        nodes.whole.append(whole)
    return nodes


def _candidate_pairs(nodes: _Nodes) -> Iterator[tuple[int, int]]:
    """Pairs of nodes with compatible dates sharing MIN_SHARED rare stems, found date bucket by date bucket.

    Only statements about the same days, or about an interval and a day inside it, can be one event:
    each bucket of one date key is matched against itself and against the buckets of the wider
    intervals that contain it, through stem indexes local to a bucket, so nothing is ever compared
    across unrelated dates and no table of all pairs is built. A stem held by more than
    BUCKET_POSTINGS distinct statements of one bucket is left out of its index, which bounds the
    work per statement however many articles report on one day.
    """
    buckets: dict[DateKey, list[int]] = defaultdict(list)
    for node, rare in enumerate(nodes.rare):
        if rare:
            buckets[nodes.keys[node]].append(node)
    wide = sorted(
        (key for key in buckets if key[0] is not None and key[1] is not None and key[0] != key[1]),
        key=_sort_date_key,
    )
    containers_wanted = set(wide)
    indexes: dict[DateKey, dict[str, list[int]]] = {}

    def index_of(key: DateKey) -> dict[str, list[int]]:
        found = indexes.get(key)
        if found is None:
            found = defaultdict(list)
            for node in buckets[key]:  # ascending, so every posting list is sorted
                for stem in nodes.rare[node]:
                    found[stem].append(node)
            for stem in [stem for stem, postings in found.items() if len(postings) > BUCKET_POSTINGS]:
                del found[stem]  # too common on these days to tell one happening from another
            indexes[key] = found
        return found

    find_containers = _interval_index(wide)
    for key in sorted(buckets, key=_sort_date_key):
        own = index_of(key)
        containers = [index_of(other) for other in find_containers(key)]
        following = _next_day(key)
        if following in buckets:
            containers.append(index_of(following))  # neighbouring days, each pair looked at once
        for node in buckets[key]:
            # every posting of the node's stems in one list, counted once in C (not one dict update each)
            shared: list[int] = []
            for stem in nodes.rare[node]:
                postings = own.get(stem, ())
                shared += postings[bisect_right(postings, node) :]
                for index in containers:
                    shared += index.get(stem, ())
            for other, count in Counter(shared).items():
                if count >= MIN_SHARED:
                    yield (node, other) if node < other else (other, node)
        indexes.pop(key, None)  # a bucket that contains no other is not needed again
        if key in containers_wanted:
            indexes[key] = own


def _next_day(key: DateKey) -> DateKey | None:
    """The key of the day after a single-day key (None for any other key)."""
    if key[0] is None or key[0] != key[1]:
        return None
    day = key[0] + dt.timedelta(days=1)
    return (day, day, "")


def _interval_index(wide: Sequence[DateKey]) -> Callable[[DateKey], list[DateKey]]:
    """A lookup of the wide keys that contain a key (not itself), in the order of `wide` (sorted by start).

    The keys are sorted by their first day, so those starting on or before the key's first day are a
    prefix found by bisection; of these, the ones ending on or after its last day contain it.
    """
    starts = [key[0].toordinal() for key in wide]  # type: ignore[union-attr]
    ends = [key[1].toordinal() for key in wide]  # type: ignore[union-attr]

    def find(key: DateKey) -> list[DateKey]:
        if key[0] is None or key[1] is None:
            return []
        first, last = key[0].toordinal(), key[1].toordinal()
        stop = bisect_right(starts, first)
        return [wide[i] for i in range(stop) if ends[i] >= last and wide[i] != key]

    return find


def _name_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both statements name their actors or places, and not one in common: two happenings."""
    return bool(a) and bool(b) and not a & b


def _times(value: float, count: int) -> tuple[float, ...]:
    """`value` times a small integer as floats whose exact sum is the exact product (for fsum)."""
    if count == 1:
        return (value,)
    high = value * SPLITTER - (value * SPLITTER - value)  # Veltkamp split: 26 and 27 significant bits
    return (high * count, (value - high) * count)


def cluster(statements: Sequence[Statement]) -> list[list[Statement]]:
    """Group statements reporting one happening: average-link clustering over compatible dates."""
    ordered = sorted(statements, key=statement_key)
    terms = [statement_terms(statement) for statement in ordered]
    named = name_stems(terms)
    weights = term_weights(terms, named)
    squares = {stem: weight**2 for stem, weight in weights.items()}
    nodes = _collapse(ordered, terms, named)
    del terms
    norms: dict[frozenset[str], float] = {}
    for stems in nodes.stems:
        if stems not in norms:
            norms[stems] = math.sqrt(math.fsum(squares[stem] for stem in stems))
    sims: dict[tuple[int, int], float] = {}
    for i, j in _candidate_pairs(nodes):
        if _name_conflict(nodes.names[i], nodes.names[j]) or nodes.deadlines[i] != nodes.deadlines[j]:
            continue
        mine, theirs = nodes.stems[i], nodes.stems[j]
        shared = mine & theirs
        if len(shared) < MIN_SHARED or not norms[mine] or not norms[theirs]:
            continue
        if _key_threshold(nodes.keys[i], nodes.keys[j]) > SAME_DAYS_THRESHOLD and not (
            nodes.common[i] & nodes.common[j]
        ):
            continue  # broad or nested dates: who and where alone do not make one happening
        # the arithmetic of `similarity`, with the squares and norms computed once
        value = math.fsum(squares[stem] for stem in shared) / (norms[mine] * norms[theirs])
        if value > 0:
            sims[(i, j)] = value
    count = [len(members) for members in nodes.members]
    groups: dict[int, list[int]] = {i: [i] for i in range(len(count))}
    owner = list(range(len(count)))
    # Pairs above their threshold, strongest first: a merge is accepted when the two groups are
    # similar on average (every copy of a statement counted) and every member of one is
    # date-compatible with every member of the other. Node numbers follow the statements' order, so
    # ties are broken as if the copies were all there.
    keys, names, whole = nodes.keys, nodes.names, nodes.whole
    sentences = [
        frozenset((ordered[i].article.path, ordered[i].order) for i in members) for members in nodes.members
    ]
    articles = [frozenset(path for path, _ in node) for node in sentences]

    def may_neighbour(x: int, y: int) -> bool:
        """Neighbouring days from different articles (one article's two days are two happenings)."""
        return whole[x] and whole[y] and _neighbours(keys[x], keys[y]) and not articles[x] & articles[y]

    for (i, j), value in sorted(sims.items(), key=lambda item: (-item[1], item[0])):
        a, b = owner[i], owner[j]
        if a == b or value < _key_threshold(keys[i], keys[j]):
            continue
        left, right = groups[a], groups[b]
        if not all(_keys_compatible(keys[x], keys[y]) or may_neighbour(x, y) for x in left for y in right):
            continue
        if any(_name_conflict(names[x], names[y]) for x in left for y in right):
            continue
        if any(sentences[x] & sentences[y] for x in left for y in right if keys[x] != keys[y]):
            continue  # one sentence, two dates ("reported at the weekend, found last week"): two events
        total = math.fsum(
            part
            for x in left
            for y in right
            for part in _times(sims.get((min(x, y), max(x, y)), 0.0), count[x] * count[y])
        )
        needed = math.fsum(
            part
            for x in left
            for y in right
            for part in _times(_key_threshold(keys[x], keys[y]), count[x] * count[y])
        )
        if total < needed:
            continue
        keep, gone = min(a, b), max(a, b)
        groups[keep] = sorted(left + right)
        for member in groups.pop(gone):
            owner[member] = keep
    return [
        [ordered[i] for i in sorted(i for node in groups[key] for i in nodes.members[node])]
        for key in sorted(groups)
    ]


@cache
def figure_words() -> dict[str, frozenset[str]]:
    """Words that belong to a number ('scale': million, percent) or that it never counts ('skip': days)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for line in data_lines("merge_figure_words.txt"):
        kind, *words = line.split()
        kinds[kind].update(words)
    return {kind: frozenset(words) for kind, words in kinds.items()}


def find_figures(text: str) -> dict[str, tuple[str, str]]:
    """Numbers with the word they count: 'killed 35 people' -> {'peopl': ('35', '35 people')}."""
    found: dict[str, tuple[str, str]] = {}
    stop = stopwords()
    words = figure_words()
    scale, skip = words.get("scale", frozenset()), words.get("skip", frozenset())
    for match in FIGURE.finditer(text):
        number, unit, noun = match.group(1), match.group(2).strip(), match.group(3)
        before = text[: match.start()].split()
        previous = before[-1] if before else ""
        if previous[:1].isupper() or (len(number) == 4 and number[:2] in {"19", "20"}):
            continue  # 'June 10', 'in 2011': a date, not a figure
        if unit and unit not in scale:
            noun, unit = unit, ""  # the word right after the number is what it counts
        if noun in stop or noun in skip or noun in scale:
            continue
        amount = f"{number} {unit}".strip()
        found.setdefault(noun[:STEM_LENGTH], (amount.replace(",", ""), f"{amount} {noun}"))
    return found


def _cue_key(cue: str) -> str:
    """A cue reduced to its word beginnings, so 'suspending' repeats 'suspended' and 'puts off' 'put off'."""
    return " ".join(word[:CUE_STEM] for word in cue.lower().split())


@lru_cache(maxsize=TERMS_CACHE)
def _cue_keys(cues: re.Pattern[str], text: str) -> frozenset[str]:
    """The cues a text holds, reduced to their keys (copies of a report are scanned once)."""
    return frozenset(_cue_key(match.group()) for match in cues.finditer(text))


def _new_cue(cues: re.Pattern[str], text: str, earlier: Iterable[str]) -> str | None:
    """The first cue word in `text` that no earlier report had, if any."""
    before = frozenset().union(*(_cue_keys(cues, other) for other in dict.fromkeys(earlier)))
    for match in cues.finditer(text):
        if _cue_key(match.group()) not in before:
            return match.group()
    return None


@lru_cache(maxsize=TERMS_CACHE)
def _figures(text: str) -> tuple[tuple[str, str], ...]:
    """The (noun, number) pairs of `find_figures`, kept for texts met again."""
    return tuple((noun, number) for noun, (number, _shown) in find_figures(text).items())


def _changed_figure(text: str, earlier: Sequence[str]) -> str | None:
    """A figure ('35 people') that differs from the one an earlier report gave for the same thing."""
    mine = find_figures(text)
    if not mine:
        return None
    for other in dict.fromkeys(earlier):
        for noun, number in _figures(other):
            if noun in mine and mine[noun][0] != number:
                return mine[noun][1]
    return None


def classify_change(text: str, earlier: Sequence[str], close: Sequence[str] | None = None) -> str | None:
    """How a report relates to earlier ones: 'contradicts', 'updates', or None (it repeats them).

    `close` are the earlier reports near enough in wording for a changed figure to mean a revision
    (all of `earlier` when not given).
    """
    if _new_cue(contradict_cues(), text, earlier):
        return "contradicts"
    if _new_cue(update_cues(), text, earlier) or _changed_figure(text, earlier if close is None else close):
        return "updates"
    return None


def source_order(statement: Statement) -> tuple[str, str, int, int, str, int, str, str]:
    """Sources in publication order (undated articles last), then by file and position."""
    return statement_key(statement)


@dataclass(slots=True)
class _Report:
    """One distinct report of an event (a text and its stems) and where its copies stand in source order."""

    text: str
    stems: frozenset[str]
    copies: list[tuple[int, dt.datetime | None, str]]  # (position, publication time, file)


def _distinct_reports(ordered: Sequence[Statement]) -> list[_Report]:
    """The distinct (text, stems) of the sources in source order, each with its copies' positions."""
    reports: dict[tuple[str, frozenset[str]], _Report] = {}
    for position, statement in enumerate(ordered):
        stems = content_stems(statement)
        report = reports.get((statement.text, stems))
        if report is None:
            report = reports[(statement.text, stems)] = _Report(statement.text, stems, [])
        report.copies.append((position, statement.article.published, statement.article.path))
    return list(reports.values())


def _first_copy_before(report: _Report, published: dt.datetime, path: str) -> int | None:
    """The position of the report's first copy published before `published` by another file, if any."""
    for position, when, where in report.copies:
        if when is not None and when < published and where != path:
            return position
    return None


def _earlier_texts(
    statement: Statement,
    reports: Sequence[_Report],
    similarities: dict[tuple[frozenset[str], frozenset[str]], float],
    thresholds: Sequence[float],
) -> tuple[tuple[str, ...], ...]:
    """For each threshold, the distinct texts of earlier reports from other articles at least that similar.

    A report's copies are compared once, not each in turn; `similarities` remembers the plain cosine of
    stem sets already compared.
    """
    published = statement.article.published
    if published is None:
        return tuple(() for _ in thresholds)
    stems = content_stems(statement)
    found: list[list[tuple[int, str]]] = [[] for _ in thresholds]
    for report in reports:
        value = similarities.get((stems, report.stems))
        if value is None:
            value = similarities[(stems, report.stems)] = similarity(stems, report.stems)
        if value < min(thresholds):
            continue
        position = _first_copy_before(report, published, statement.article.path)
        if position is None:
            continue
        for texts, threshold in zip(found, thresholds, strict=True):
            if value >= threshold:
                texts.append((position, report.text))
    return tuple(tuple(dict.fromkeys(text for _position, text in sorted(texts))) for texts in found)


def relate(statements: Sequence[Statement]) -> tuple[Source, ...]:
    """Sources in publication order, a later report that changes the story marked as such.

    Copies of one report (a syndicated sentence) are compared once, and a report whose earlier reports
    are the same is classified once: an event of many copies costs about its distinct reports.
    """
    ordered = sorted(statements, key=source_order)
    if len(ordered) == 1:  # most events: a report of its own, nothing earlier
        return (Source(ordered[0]),)
    reports = _distinct_reports(ordered)
    similarities: dict[tuple[frozenset[str], frozenset[str]], float] = {}
    relations: dict[tuple[str, tuple[str, ...], tuple[str, ...]], str | None] = {}
    sources = []
    for statement in ordered:
        earlier, close = _earlier_texts(
            statement, reports, similarities, (RELATED_SIMILARITY, FIGURE_SIMILARITY)
        )
        key = (statement.text, earlier, close)
        if key not in relations:
            relations[key] = classify_change(statement.text, earlier, close) if earlier else None
        sources.append(Source(statement, relations[key]))
    return tuple(sources)


def headline_statement(statements: Sequence[Statement]) -> Statement:
    """The most informative statement: the most central, then the richest in names, then the earliest."""
    terms = [statement_terms(statement) for statement in statements]
    # centrality: the stems shared with each other statement, summed (= each stem's other users)
    users: Counter[str] = Counter()
    for item in terms:
        users.update(item.stems)

    def score(i: int) -> tuple[float, int, int, int]:
        centrality = sum(users[stem] - 1 for stem in terms[i].stems)
        return (-centrality, -len(terms[i].names), -len(terms[i].stems), i)

    return statements[min(range(len(statements)), key=score)]


def _narrowest(statements: Sequence[Statement]) -> Statement:
    """The statement with the most precise date (the shortest interval); of neighbouring days, the one
    most sources give; earliest first on ties."""
    given = Counter(date_key(statement) for statement in statements)

    def span(statement: Statement) -> tuple[int, int]:
        expr = statement.expr
        if expr.first_day is None or expr.last_day is None:
            return (1, 0)
        return (0, (expr.last_day - expr.first_day).days)

    return min(
        statements,
        key=lambda statement: (span(statement), -given[date_key(statement)], statement_key(statement)),
    )


def event_kind(statements: Sequence[Statement]) -> str:
    """An event's kind: 'happened' when any source tells it happened, else the kind most sources give."""
    counts = Counter(statement.kind for statement in statements)
    if counts["happened"]:
        return "happened"
    return min(
        counts, key=lambda kind: (-counts[kind], EVENT_KINDS.index(kind) if kind in EVENT_KINDS else 9)
    )


def _other_dates(statements: Sequence[Statement], dated: Statement) -> tuple[str, ...]:
    """Days some sources give for the event that are not the event's own (the reports disagree)."""
    own = date_key(dated)
    return tuple(
        sorted({statement.expr.value for statement in statements if _neighbours(date_key(statement), own)})
    )


def event_sort_key(event: Event) -> tuple[int, str, str, str, str, str]:
    """Chronological order; undated events (the future, unresolved) last; ties by text and source."""
    first = event.sources[0].statement.article.path if event.sources else ""
    if event.first_day is None or event.last_day is None:
        return (1, event.value, "", "", event.text, first)
    return (0, event.first_day.isoformat(), event.last_day.isoformat(), event.value, event.text, first)


def make_event(members: Sequence[Statement]) -> Event:
    """One event from the statements of one happening: the narrowest date, the most informative text."""
    narrowest = _narrowest(members)
    dated = narrowest.expr
    # the text states the event at its own precision: a 'February' report does not head a February 11 event
    precise = [m for m in members if (m.expr.first_day, m.expr.last_day) == (dated.first_day, dated.last_day)]
    return Event(
        value=dated.value,
        first_day=dated.first_day,
        last_day=dated.last_day,
        granularity=dated.granularity,
        mod=dated.mod,
        text=headline_statement(precise or members).text,
        sources=relate(members),
        kind=event_kind(members),
        other_dates=_other_dates(members, narrowest),
    )


def merge_statements(statements: Iterable[Statement]) -> tuple[Event, ...]:
    """All statements as events: one per happening, each with every source that reports it."""
    return tuple(sorted((make_event(members) for members in cluster(list(statements))), key=event_sort_key))


def _when(statement: Statement, same_day: bool) -> str:
    """A source's publication time, short: '16:38' when all sources share a day, else the date."""
    article = statement.article
    if article.published is None:
        return "undated"
    if same_day and article.has_time:
        return article.published.strftime("%H:%M")
    return article.published_iso or ""


def _outlet(statement: Statement) -> str:
    """The outlet of a source, or its file name when the outlet is unknown."""
    article = statement.article
    return article.outlet or article.path.replace("\\", "/").rsplit("/", 1)[-1]


def _what(source: Source, earlier: Sequence[str], close: Sequence[str], counted: Iterable[str] = ()) -> str:
    """A word or two for what one source says: its cue ('postponed'), a figure, or its main verb."""
    text = source.statement.text
    if source.relation == "contradicts":
        cue = _new_cue(contradict_cues(), text, earlier)
        if cue:
            return cue.lower()
    if source.relation == "updates":
        cue = _new_cue(update_cues(), text, earlier) or _changed_figure(text, close)
        if cue:
            return cue.lower()
    figures = find_figures(text)
    for noun in counted:
        if noun in figures:
            return f"reported {figures[noun][1]}"
    verb = AUX_VERB.search(text.split(",", 1)[0])
    if verb:
        return f"reported {verb.group(1)}"
    if figures:
        return f"reported {min(figures.values())[1]}"
    return "reported"


def describe_evolution(event: Event) -> str | None:
    """How the story changed across sources: 'reported arriving 08:35 (JPost); postponed 16:38 (Ahram)'."""
    if not any(source.relation for source in event.sources):
        return None
    days = {s.statement.article.published.date() for s in event.sources if s.statement.article.published}
    same_day = len(days) <= 1
    ordered = [source.statement for source in event.sources]
    changed = (source.statement.text for source in event.sources if source.relation)
    counted = sorted({noun for text in changed for noun in find_figures(text)})
    reports = _distinct_reports(ordered)
    similarities: dict[tuple[frozenset[str], frozenset[str]], float] = {}
    parts = []
    for index, source in enumerate(event.sources):
        if index == 0 or source.relation:
            statement = source.statement
            earlier, close = _earlier_texts(
                statement, reports, similarities, (RELATED_SIMILARITY, FIGURE_SIMILARITY)
            )
            what = _what(source, earlier, close, counted)
            parts.append(f"{what} {_when(statement, same_day)} ({_outlet(statement)})")
    return "; ".join(parts)
