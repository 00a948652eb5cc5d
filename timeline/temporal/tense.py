"""The tense of the clause around a time expression, from the verbs nearest to it in its sentence."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress
from operator import methodcaller, or_
from typing import NamedTuple

from timeline.temporal.words import NOT_PAST, PAST_VERBS, load_set
from timeline.wordlists import NEWS_MONTH_ABBREVIATIONS

_WORD = re.compile(r"[A-Za-z’']+")
_WORD_SPLIT = re.compile("(" + _WORD.pattern + ")")
_BOUNDARY = re.compile(r"[.!?;][^\w\s]*\s+(?=[^\w\s]*[A-Z])|\n\s*\n")
_FUTURE_WORDS = load_set("future_words")
# News writes scheduled events in the present: "the council meets Tuesday", "talks resume on Monday"
_SCHEDULE_PRESENT = load_set("schedule_verbs")
# ... and a name's scheduled act: "Lowe's reports earnings Wednesday", "Arsenal hosts Chelsea on Sunday"
_SCHEDULE_AFTER_NAME = load_set("schedule_verbs_after_name")
_NOT_SCHEDULE_BEFORE = frozenset("to did didn't would could should may might".split())
_FUTURE_BEFORE_TO = load_set("future_before_to")
# "pleaded guilty to threatening to kill her in March", "was trying to flee in May": the infinitive
# hangs on a gerund or a past progressive, and the clause's own tense decides
_GERUND_AFTER = frozenset("to of for by was were been after before while without".split())
_ON_SCHEDULE = frozenset("sale air display show trial".split())
# "It had been due to expire Friday": a plan in the past perfect was overtaken, its time is behind us
_PLANNED = load_set("planned_words")
# "the slated visit of the minister in September": a planned thing, named as such, lies ahead
_PLANNED_THING = load_set("planned_thing_words")
_DETERMINERS = frozenset("the a an its his her their our".split())
_DEADLINE_AFTER = re.compile(r"\s+deadlines?\b", re.IGNORECASE)
# ... named with "a", a new one ("set a Saturday deadline"); "the Tuesday deadline" may be long past
_DEADLINE_SET = re.compile(r"(?<!missed)(?<!ignored)(?<!defied)\s+an?\s+$", re.IGNORECASE)
_UNITS_AWAY = frozenset("hours days weeks months years day week month year".split())
_REPORTING = load_set("reporting_words")
_REPORTED_PAST = load_set("reported_past_verbs")
_NOT_PAST_BEFORE = frozenset(
    "be been being is are am to will would could should can may might must a an the its his her their still "
    "very newly fully well".split()
)
_NOT_VERB_AFTER_TO = frozenset(
    "the a an his her its their this that these those our your my holders date about some all each every "
    "more less".split()
)
# "postponed until Tuesday", "extended its deadline until Nov. 16": a deadline lies ahead
_DEADLINE = load_set("deadline_words")
_BE_PRESENT = frozenset("is are am 's ’s".split())
# after a preposition an -ed word is an adjective ("of armed violence", "by elected officials"), not a verb
_PREPOSITIONS = frozenset("of for with by from in on at into about against without under over".split())
_MODALS = load_set("modals")
# The finite verb forms that carry a clause's tense; a participle ("the tendered shares") may not
_AUXILIARIES = load_set("auxiliaries")
# a time an extension or a delay moves to: "extended to Nov. 20", "postponed until Tuesday"
_GOAL_BEFORE = re.compile(r"\b(?:until|till|to|through)\s+$", re.IGNORECASE)
# "has until Friday to respond", "are given until June 30 to leave": a time given to act in, told in the
# present tense, lies ahead ("had until Friday to respond" is left to the clause's tense)
_GIVEN_UNTIL = re.compile(
    r"\b(?:has|have|is|are|gets?|gives?)\s+(?:[a-z]+\s+){0,2}?(?:until|till)\s+$", re.IGNORECASE
)
_TO_ACT = re.compile(r"\s+to\s+[a-z]+\b")
_WINDOW = 220
# Words whose period does not end a sentence ("the Roe vs. Wade decision", "Gen. Smith", "Sept. 4").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cmdr adm gov sen rep rev st sr jr mt ft no vs".split()
).union(NEWS_MONTH_ABBREVIATIONS)
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z]+)$")


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    if text[m.start()] != ".":
        return True
    w = _WORD_BEFORE_DOT.search(text, max(0, m.start() - 8), m.start())
    if w is None:
        return True
    word = w.group(1)
    return not ((len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS)


@lru_cache(maxsize=4)
def _bounds_asked(text: str) -> dict[tuple[int, int], tuple[int, int]]:
    """The sentence bounds asked of a text so far: an expression's tense and report ask for them again."""
    return {}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding text[start:end] begins and ends (looking a few hundred characters out)."""
    asked = _bounds_asked(text)
    bounds = asked.get((start, end))
    if bounds is None:
        bounds = asked[start, end] = _scan_sentence_bounds(text, start, end)
    return bounds


def _scan_sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    # a window, not the whole text: a long run of punctuation costs the boundary pattern the square of
    # its length, which a window bounds
    lo = max(0, start - _WINDOW)
    s = lo
    for m in _BOUNDARY.finditer(text, lo, start):
        if _ends_sentence(text, m):
            s = m.end()
    hi = min(len(text), end + _WINDOW)
    e = hi
    for m2 in _BOUNDARY.finditer(text, end, hi):
        if _ends_sentence(text, m2):
            e = m2.start() + 1
            break
    return s, e


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding `start` begins (looking back at most a few hundred characters)."""
    return sentence_bounds(text, start, start)[0]


def _superseded_plan(words: list[str], i: int) -> bool:
    """Whether words[i] is a plan in the past perfect, or the verb it planned: "had been due to expire"."""
    if i >= 2 and words[i - 1].lower() == "to" and words[i - 2].lower() in _PLANNED:
        i -= 2
    if words[i].lower() not in _PLANNED:
        return False
    before = [w.lower() for w in words[max(0, i - 2) : i]]
    return before[-1:] == ["had"] or before == ["had", "been"]


def classify(words: list[str], i: int) -> str | None:
    """The tense a word marks in its context: 'future', 'past', 'prog', 'weak_future' (an infinitive),
    'would' (the future of a telling), 'untensed' (a marker that rules the others out), 'report' or None."""
    w = words[i].lower()
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    prev = words[i - 1].lower() if i > 0 else ""
    before_prev = words[i - 2].lower() if i > 1 else ""
    # (a plan's word, or a verb after one and 'to': only then is _superseded_plan worth asking)
    if (w in _PLANNED or (prev == "to" and before_prev in _PLANNED)) and _superseded_plan(words, i):
        return "untensed"  # "had been set to expire Nov. 6": the plan is past, not the day it named
    if w == "would":
        return "would"  # the future of a past telling: after the report, not necessarily after the dct
    if w in _FUTURE_WORDS or w.endswith(("'ll", "’ll")):
        return "future"
    if w in _MODALS and words[i].islower() and nxt != "have":  # "May 18" is a month
        return "future"  # "he must be returned by Jan. 14": an obligation or a possibility lies ahead
    if w in _FUTURE_BEFORE_TO and nxt in ("to", "for"):
        return "future"
    if w in _SCHEDULE_PRESENT and prev not in _NOT_SCHEDULE_BEFORE:
        return "future"
    if (
        w in _SCHEDULE_AFTER_NAME
        and words[i][0].islower()
        and i > 0
        and (words[i - 1][0].isupper() or prev.endswith("'s"))
    ):
        return "future"
    if w in _PLANNED_THING and prev in _DETERMINERS and nxt.isalpha() and words[i + 1][0].islower():
        return "future"
    if w in ("planned", "plans", "plan", "scheduled") and nxt in ("a", "an", "the", "another", "more"):
        return "future"  # "protesters planned a large demonstration on Saturday"
    if w in _REPORTING:
        return "report"
    if (
        w == "to"
        and nxt
        and nxt.isalpha()
        and words[i + 1][0].islower()  # "went to Paris on May 2": a place, not a verb
        and nxt not in _NOT_VERB_AFTER_TO
        and not nxt.endswith("ing")
        and not (prev.endswith("ing") and prev not in _FUTURE_BEFORE_TO and before_prev in _GERUND_AFTER)
    ):
        # "agreed to acquire ... in January": the infinitive looks ahead; after a plan, surely ("due to go")
        return "future" if prev in _FUTURE_BEFORE_TO else "weak_future"
    if w == "since":
        return "past"
    if w.endswith("ing") and prev in _BE_PRESENT and len(w) > 4:
        return "prog" if w != "going" else "future"
    if prev in _NOT_PAST_BEFORE or (prev in _PREPOSITIONS and w.endswith("ed")):
        return None  # "will be held", "a still unspecified date", "of armed violence": not a past event
    if w in ("was", "were") and (nxt in _FUTURE_BEFORE_TO or nxt in ("planning", "going")):
        return None  # "were planning to drive on Monday": the plan looks ahead
    if w in PAST_VERBS:
        return "past"
    if (
        len(w) > 4
        and w.endswith("ed")
        and w not in NOT_PAST
        and not words[i][0].isupper()
        and not w.startswith("un")
    ):
        return "past"
    if w == "ago":
        return "past"
    if w == "goes" and nxt == "on" and i + 2 < len(words) and words[i + 2].lower() in _ON_SCHEDULE:
        return "future"  # "the car goes on sale in the summer"
    if w == "away" and prev in _UNITS_AWAY:
        return "future"  # "Halloween is just days away"
    if w in ("last", "yesterday", "earlier", "previously", "recently"):
        return "past"
    return None


# Every word `classify` may find a tense in, whatever its neighbours; a word of none of these, of no ending
# below, and not after a plan and 'to' ("due to expire"), marks nothing
_MAY_MARK = frozenset(
    {"would", "to", "since", "planned", "plans", "plan", "scheduled", "ago", "goes", "away"}
    | {"last", "yesterday", "earlier", "previously", "recently"}
).union(
    _PLANNED,
    _FUTURE_WORDS,
    _MODALS,
    _FUTURE_BEFORE_TO,
    _SCHEDULE_PRESENT,
    _SCHEDULE_AFTER_NAME,
    _PLANNED_THING,
    _REPORTING,
    PAST_VERBS,
)
_MAY_MARK_ENDINGS = ("ed", "ing", "'ll", "’ll")
_TO = frozenset({"to", "To", "tO", "TO"})  # the spellings of 'to' in a word of letters


def may_mark(words: list[str], i: int) -> bool:
    """Whether `classify` may find a tense in words[i] (False: it finds none, whatever the sentence)."""
    w = words[i].lower()
    if w in _MAY_MARK or w.endswith(_MAY_MARK_ENDINGS):
        return True
    return i >= 2 and words[i - 1] in _TO and words[i - 2].lower() in _PLANNED


def find_markable(words: list[str], a: int, b: int) -> list[int]:
    """The indices in a..b of the words that may mark a tense (`may_mark`), found by C loops over words."""
    lower = list(map(str.lower, words[max(0, a - 2) : b]))
    skip = min(a, 2)  # the context words before a
    flags = map(
        or_, map(_MAY_MARK.__contains__, lower), map(methodcaller("endswith", _MAY_MARK_ENDINGS), lower)
    )
    found = [i + a - skip for i in compress(range(len(lower)), flags) if i >= skip]
    # "due to expire": the word after a plan and 'to'
    after_plan = [
        i + a - skip + 1
        for i in compress(range(1, len(lower) - 1), map("to".__eq__, lower[1:-1]))
        if lower[i - 1] in _PLANNED and i + 1 >= skip
    ]
    return sorted(set(found).union(after_plan)) if after_plan else found


def tense_at(text: str, start: int, end: int, weak: bool = True) -> str | None:
    """The tense of an expression's clause (see `tense_marker`), or None."""
    return tense_marker(text, start, end, weak).tense


class _Mark(NamedTuple):
    """A word of a sentence that marks a tense: where it is, the tense, the word in lower case."""

    pos: int
    kind: str
    word: str


class _Tokens:
    """A text's words and offsets, with the tense marks found so far: each word inside a sentence is
    classified once, by the first sentence that holds it (its neighbours there are the text's)."""

    __slots__ = ("_reported", "classified", "marked", "marks", "positions", "sentences", "words")

    def __init__(self, text: str) -> None:
        pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap: one split, no match objects
        self.positions = list(accumulate(map(len, pieces)))[0:-1:2]
        self.words = pieces[1::2]
        self.classified = bytearray(len(self.words))  # 1: the word's mark inside a sentence is known
        self.marked: list[int] = []  # the classified words that mark a tense, in order
        self.marks: dict[int, _Mark] = {}
        self.sentences: dict[tuple[int, int], list[_Mark]] = {}
        self._reported: list[int] | None = None

    @property
    def reported(self) -> list[int]:
        """The indices of the past reporting verbs ("said", "told"), found on first use."""
        if self._reported is None:
            said = map(_REPORTED_PAST.__contains__, map(str.lower, self.words))
            self._reported = list(compress(range(len(self.words)), said))
        return self._reported

    def sentence_marks(self, lo: int, hi: int) -> list[_Mark]:
        """The tense marks of the sentence of words lo..hi, in order, found once for all its expressions."""
        marks = self.sentences.get((lo, hi))
        if marks is None:
            marks = self.sentences[lo, hi] = self._find_marks(lo, hi)
        return marks

    def _find_marks(self, lo: int, hi: int) -> list[_Mark]:
        if hi <= lo:
            return []
        self._classify_inside(lo, hi)
        inside = self.marked[bisect_left(self.marked, lo + 1) : bisect_left(self.marked, hi - 1)]
        # an edge word's neighbours are cut off by the sentence's edge: it is classified each time
        head = self._mark(lo, hi, lo) if may_mark(self.words, lo) else None
        tail = self._mark(lo, hi, hi - 1) if hi - lo > 1 and may_mark(self.words, hi - 1) else None
        return [mark for mark in (head, *(self.marks[i] for i in inside), tail) if mark is not None]

    def _mark(self, lo: int, hi: int, i: int) -> _Mark | None:
        """The mark of word i in the sentence of words lo..hi (classify reads 4 words before it, 2 after)."""
        first = max(lo, i - 4)
        kind = classify(self.words[first : min(hi, i + 3)], i - first)
        return None if kind is None else _Mark(self.positions[i], kind, self.words[i].lower())

    def _classify_inside(self, lo: int, hi: int) -> None:
        """Classify the words inside lo..hi that no sentence classified before and that may mark a tense."""
        classified = self.classified
        for i in find_markable(self.words, lo + 1, hi - 1):
            if not classified[i]:
                mark = self._mark(lo, hi, i)
                if mark is not None:
                    insort(self.marked, i)
                    self.marks[i] = mark
        if hi - lo > 2:
            classified[lo + 1 : hi - 1] = b"\x01" * (hi - lo - 2)


@lru_cache(maxsize=4)
def _tokens(text: str) -> _Tokens:
    """The words of a text, tokenised once for all its expressions (a text's hash is computed once)."""
    return _Tokens(text)


class Marker(NamedTuple):
    """A tense and where its marker is: 'own clause', 'other clause' or 'reporting verb' (None: no marker)."""

    tense: str | None
    source: str | None


NO_MARKER = Marker(None, None)
# Where a clause of its own begins or ends inside a sentence: a complement ("said that ..."), a relative or an
# adverbial clause, a parenthesis, a quotation; a comma before a space (not the one of "1,000")
CLAUSE_WORDS = "that which who whom whose when while whereas because although though but if unless".split()


def clause_edges(*more_words: str) -> re.Pattern[str]:
    """Clause edges: the punctuation above and CLAUSE_WORDS, with `more_words` (whole words, any case)."""
    by_first: dict[str, list[str]] = {}
    for word in (*CLAUSE_WORDS, *more_words):
        by_first.setdefault(word[0].lower(), []).append(re.escape(word[1:]))
    # grouped by first letter ("w(?:hich|ho|...)"): a scan tries a few letters at each word, not every word
    words = "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items())
    return re.compile(r"[;:()—–\"“”]|,(?=\s)|\b(?:" + words + r")\b", re.IGNORECASE)


_CLAUSE_EDGE = clause_edges()


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding text[start:end] begins and ends, inside its sentence."""
    return _clause_in(text, *sentence_bounds(text, start, end), start, end)


# The longest clause edge (a word of CLAUSE_WORDS): a match ending within this of a scan's end may differ
# from the whole text's, where a word needs a boundary after it and a comma a space
_EDGE_REACH = max(map(len, CLAUSE_WORDS)) + 1


_STRETCH = 1024  # characters of a text whose clause edges are found together


class _Edges:
    """A text's clause edges, found a stretch of the text at a time as its expressions ask for them."""

    __slots__ = ("stretches", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.stretches: dict[int, tuple[list[int], list[int]]] = {}

    def _stretch(self, k: int) -> tuple[list[int], list[int]]:
        """Where the edges starting in stretch k begin and end (read a little past it, to see them whole)."""
        found = self.stretches.get(k)
        if found is None:
            a, b = k * _STRETCH, (k + 1) * _STRETCH
            # a scan may start anywhere: an edge word needs a boundary before it, so none starts inside a word
            spans = [m.span() for m in _CLAUSE_EDGE.finditer(self.text, a, b + _EDGE_REACH) if m.start() < b]
            found = self.stretches[k] = ([s for s, _ in spans], [e for _, e in spans])
        return found

    def last_start(self, lo: int, hi: int) -> int | None:
        """Where the last edge starting in lo..hi begins, or None."""
        for k in range((hi - 1) // _STRETCH, lo // _STRETCH - 1, -1):
            starts = self._stretch(k)[0]
            i = bisect_left(starts, hi) - 1
            if i >= 0 and starts[i] >= lo:
                return starts[i]
        return None

    def first(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The span of the first edge starting in lo..hi, or None."""
        for k in range(lo // _STRETCH, (hi - 1) // _STRETCH + 1):
            starts, ends = self._stretch(k)
            i = bisect_left(starts, lo)
            if i < len(starts) and starts[i] < hi:
                return starts[i], ends[i]
        return None


@lru_cache(maxsize=4)
def _clause_edges(text: str) -> _Edges:
    """The clause edges of a text, kept for all its expressions."""
    return _Edges(text)


def _clause_in(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding text[start:end] begins and ends, inside the sentence text[s:e].

    The text's edges are looked up; only the last few characters before `start` and `e` are scanned
    again, where an edge seen up to there alone (a word cut off, a comma at the end) may differ."""
    edges = _clause_edges(text)
    cut = max(s, start - _EDGE_REACH)
    near = None
    for m in _CLAUSE_EDGE.finditer(text, cut, start):
        near = m.start()
    if near is None:
        near = edges.last_start(s, cut)  # whole edges between s and cut end before start
    if near is not None:
        s = near  # the opener belongs to the clause it opens
    after = edges.first(end, e)
    if after and after[1] <= e - _EDGE_REACH:
        return s, after[0]
    first = after[0] if after else e
    edge = _CLAUSE_EDGE.search(text, max(end, min(first, e - _EDGE_REACH)), e)
    return s, (edge.start() if edge else e)


def _next_to_report(words: list[str], first: int, last: int) -> int | None:
    """The index of the past reporting verb right next to words[first:last + 1] ("said Sunday", "said on
    Sunday", "told CNN on Sunday", "Sunday, officials said"), or None."""
    j = first - 1
    while j >= 0 and first - j <= 2 and words[j].lower() in _BETWEEN_REPORT_AND_DAY:
        j -= 1
    if j >= 0 and words[j].lower() in _REPORTED_PAST:
        return j
    if j >= 1 and words[j + 1].lower() == "on" and words[j - 1].lower() in _REPORTED_PAST:
        return j - 1  # "told CNN on Sunday", "told reporters on Sunday": the verb's object between
    for k in (last + 1, last + 2):
        if k < len(words) and words[k].lower() in _REPORTED_PAST:
            return k
        if k < len(words) and words[k].lower() not in _BETWEEN_REPORT_AND_DAY:
            break
    return None


_BETWEEN_REPORT_AND_DAY = frozenset("on that the in late early".split())


def _expression_marker(text: str, start: int, end: int, words: list[str]) -> str | None:
    """The tense the expression's own words mark ("Wednesday's ruling", "a Saturday deadline"), if any."""
    if text[end : end + 2] in ("'s", "’s"):
        return "past"  # "Wednesday's ruling": an event already known
    if _DEADLINE_AFTER.match(text, end) and _DEADLINE_SET.search(text, max(0, start - 24), start):
        return "future"  # "set a Saturday deadline": a new deadline lies ahead
    if _GOAL_BEFORE.search(text, max(0, start - 8), start) and any(w.lower() in _DEADLINE for w in words):
        return "future"  # "postponed until Tuesday", "extended to Nov. 20"
    if _TO_ACT.match(text, end) and _GIVEN_UNTIL.search(text, max(0, start - 40), start):
        return "future"  # "has until Friday to respond"
    return None


class _Scored(NamedTuple):
    """A tense marker of the sentence: where it is, how far it counts from the expression, what it marks."""

    pos: int
    dist: float
    kind: str
    reported: bool
    word: str


def _score_markers(text: str, lo: int, hi: int, start: int, end: int, weak: bool) -> list[_Scored]:
    """Every tense marker among the tokens lo..hi (a sentence) outside text[start:end], with its distance."""
    out = []
    for pos, kind, word in _tokens(text).sentence_marks(lo, hi):
        if start <= pos < end or (kind == "weak_future" and not weak):
            continue
        if pos < start:
            dist = float(start - pos)
        else:  # a marker after the expression counts less, and less again past a comma
            dist = (2.0 if "," not in text[end:pos] else 4.0) * (pos - end)
        reported = kind == "report"
        if reported:
            if word in ("says", "say", "according"):
                continue
            kind, dist = "past", 1.5 * dist  # it dates the report, not the event: it counts, but less
        out.append(_Scored(pos, dist, kind, reported, word))
    return out


# an entry of a chronology: "April 25 - The Coast Guard says ...", "* May 1: ..."; a heading, in no clause
_ENTRY_AFTER = re.compile(r"\s*[-–—:]\s")
_ENTRY_BEFORE = re.compile(r"[*•·]?\s*$")


def tense_marker(text: str, start: int, end: int, weak: bool = True) -> Marker:
    """The tense of an expression from the nearest marker of its own clause (a verbless phrase's: of the
    clause after it), else of its sentence."""
    s, e = sentence_bounds(text, start, end)
    tokens = _tokens(text)
    lo, hi = bisect_left(tokens.positions, s), bisect_left(tokens.positions, e)
    words, positions = tokens.words[lo:hi], tokens.positions[lo:hi]
    own = _expression_marker(text, start, end, words)
    if own is not None:
        return Marker(own, "own clause")
    if _ENTRY_AFTER.match(text, end) and _ENTRY_BEFORE.fullmatch(text, s, start):
        return NO_MARKER
    first, last = bisect_left(positions, start), bisect_left(positions, end) - 1
    if first <= last and _next_to_report(words, first, last) is not None:
        return Marker("past", "own clause")  # "Castro said Sunday", "Sunday, officials said": when said
    scored = _score_markers(text, lo, hi, start, end, weak)
    if not scored:
        return NO_MARKER
    cs, ce = _clause_in(text, s, e, start, end)
    own_clause = [m for m in scored if cs <= m.pos < ce]
    auxiliaries = [m for m in own_clause if m.pos < start and m.word in _AUXILIARIES]  # its finite verb
    host: list[_Scored] = []
    # a phrase set off by commas ("On Monday, ...", ", on Wednesday, the members said") belongs to the
    # clause after the comma; one in brackets or quotes to none
    if not own_clause and ce < e and (cs == s or text[cs] == ",") and text[ce] == ",":
        host_end = _clause_in(text, s, e, ce + 1, ce + 1)[1]
        host = [m for m in scored if ce <= m.pos < host_end]
    groups = ((auxiliaries or own_clause, "own clause"), (host, "own clause"), (scored, "other clause"))
    for group, source in groups:
        if group:
            best = min(group, key=lambda m: m.dist)
            tense = None if best.kind == "untensed" else best.kind
            return Marker(tense, "reporting verb" if best.reported else source)
    return NO_MARKER


_REPORTED_NEAR = re.compile(r"\b(?:" + "|".join(sorted(_REPORTED_PAST)) + r")\b", re.IGNORECASE)


def reporting_verb_next_to(text: str, start: int, end: int) -> int | None:
    """Where the past reporting verb that text[start:end] dates begins ("said on Saturday"), or None."""
    if not _REPORTED_NEAR.search(text, max(0, start - 30), end + 30):
        return None  # most dates date no report: spare the text's tokenising
    tokens = _tokens(text)
    first, last = bisect_left(tokens.positions, start), bisect_left(tokens.positions, end) - 1
    if first > last:
        return None
    verb = _next_to_report(tokens.words, first, last)
    return None if verb is None else tokens.positions[verb]


def reporting_verb_before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the past reporting verb whose complement holds text[start:end] ("said ... that <it>")."""
    s, e = sentence_bounds(text, start, end)
    clause_start = _clause_in(text, s, e, start, end)[0]
    tokens = _tokens(text)
    lo, hi = bisect_left(tokens.positions, s), bisect_left(tokens.positions, clause_start)
    last = bisect_left(tokens.reported, hi) - 1  # the last one before the clause, if in the sentence
    if last < 0 or tokens.reported[last] < lo:
        return None
    i = tokens.reported[last]
    pos = tokens.positions[i]
    return pos, pos + len(tokens.words[i])


@dataclass(frozen=True, slots=True)
class TenseModel:
    """Which tense markers decide among an expression's calendar dates, fitted on data (make train-tense)."""

    trusted: frozenset[str]  # marker sources that decide: 'own clause', 'other clause', 'reporting verb'
    infinitive: str | None  # what an infinitive ("agreed to buy ... in January") counts as: 'future' or None
    weekday_without_tense: str  # a weekday with no trusted marker: 'nearest' or 'past'
    # how many days before the publication an undated telling may lie, for "would" (None: the nearest date)
    would_reach: int | None


def load_tense_model(name: str = "temporal_tense.json") -> TenseModel:
    """The fitted tense model in `timeline/data/` (standard library only)."""
    data = json.loads(resources.files("timeline").joinpath(f"data/{name}").read_text(encoding="utf-8"))
    return TenseModel(
        frozenset(data["trusted"]), data["infinitive"], data["weekday_without_tense"], data["would_reach"]
    )


TENSE_MODEL = load_tense_model()
