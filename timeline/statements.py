"""Dated statements: a body sentence filed under the date of what it reports."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from timeline.models import ArticleInfo, Label, Sentence, Statement, TimeExpr
from timeline.temporal.tense import classify, clause_bounds, clause_edges, tense_marker
from timeline.temporal.words import MONTHS, WEEKDAYS
from timeline.wordlists import data_words

# Expressions that place no event in time on their own: the present of the writer, the vague past.
UNDATING_VALUES = frozenset({"PRESENT_REF", "PAST_REF"})
DATING_TYPES = frozenset({"DATE", "TIME"})
# A date attached to the act of reporting ("said on Monday", "told reporters Tuesday"), not to what is
# reported: when a sentence holds another date, the statement is filed under that other one.
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+\w+|announced|reported|stated|added|confirmed|wrote|tweeted|"
    r"according\s+to\s+(?:a|an|the)?\s*\w*\s*(?:statement|report)?)\s*(?:on|late|early)?\s*$",
    re.IGNORECASE,
)
REPORTING_AFTER = re.compile(r"^\W{0,3}(?:'s|’s)\s+(?:statement|announcement|report)\b", re.IGNORECASE)
# A time stamp heading a sentence ("Tuesday 8 February 2005 00.02 GMT The head of ...", "LONDON | Thu Oct 6,
# 2011 10:36 am BST", "(Update 12:19 a.m. Tuesday in Cairo, 5:19 p.m. ET Monday)") says when the report was
# written or posted, not when what it reports happened: a print edition stamped just after midnight tells
# the day before's news as "yesterday". When the sentence holds another date, it is filed under that one.
STAMP_HEADER = re.compile(r"[\s(\-–—]*(?:[A-Z][\w.'’ ]{0,40}\|\s*)?(?:(?:at|update[ds]?)\s+)?", re.IGNORECASE)
STAMP_GAP = re.compile(r"[\s,;|·()\-–—]*(?:(?:in|at)\s+[A-Z][\w'’]*[\s,]*)?")
CLOCK = re.compile(r"(?:at\s+)?[012]?\d[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?", re.IGNORECASE)
# A year that names a thing rather than a time ("WeWork's 2025 bond", "Kopp's 1987 Chevrolet", "the
# 2016 MacBook Pro"): after a determiner or a possessive, right before a word. When a sentence holds
# another date, that is the one the statement is filed under.
DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)|\w(?:'s|’s|s'))\s+$",
    re.IGNORECASE,
)
BARE_YEAR = re.compile(r"\d{4}")
WORD_AFTER = re.compile(r"\s+[A-Za-z]")


def is_dating(expr: TimeExpr) -> bool:
    """Whether an expression can date a statement: a resolved calendar time, or the future."""
    if expr.type not in DATING_TYPES or expr.value in UNDATING_VALUES:
        return False
    if expr.value == "FUTURE_REF":
        return True
    return expr.first_day is not None and expr.last_day is not None


@cache
def reporting_verbs() -> frozenset[str]:
    """Verbs that credit a statement to someone ('said', 'told', 'reported'...), from the package data."""
    return data_words("merge_reporting_verbs.txt")


@cache
def source_nouns() -> frozenset[str]:
    """Common nouns that name a source without a proper name ('activists', 'ministry'...)."""
    return data_words("merge_source_nouns.txt")


def _verb_alternation() -> str:
    """The reporting verbs as one regex alternation, longest first."""
    return "|".join(sorted(reporting_verbs(), key=lambda verb: (-len(verb), verb)))


@cache
def _attribution_patterns() -> tuple[re.Pattern[str], ...]:
    """Where the source of a statement is named, most explicit pattern first."""
    verbs = _verb_alternation()
    phrase = r"(?P<who>[\w'’.&-]+(?:\s+[\w'’.&-]+){0,7}?)"
    adverb = r"(?:\s+(?:also|separately|later|earlier|again|previously|quickly|publicly|then))?"
    return (
        re.compile(
            r"\baccording to (?P<who>(?:(?:the|a|an)\s+)?[\w'’.&-]+"
            r"(?:\s+(?!that\b|which\b|who\b)[\w'’.&-]+){0,6}?)"
            r"(?=\s*(?:[,;:.!?\"”)]|$|\s+(?:on|in|at|as|after|before|to|that|which|who|and)\b))"
        ),
        re.compile(r"(?:[,;:\"“”]|^)\s*" + phrase + adverb + r"\s+(?:" + verbs + r")\b"),
        re.compile(r"^(?P<who>[^,]{2,60}?),\s[^,]{2,80},\s*(?:" + verbs + r")\b"),
        re.compile(
            r"[,\"”]\s*(?:" + verbs + r")\s+"
            r"(?P<who>(?:the\s+)?[\w'’.&-]+(?:\s+[\w'’.&-]+){0,7}?)\s*(?:[,.;]|$)"
        ),
    )


PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "there"})
LEADING_CONJUNCTIONS = frozenset({"and", "but", "while", "as", "although", "though", "because", "so", "or"})
PERSONAL_PRONOUNS = frozenset({"he", "she"})  # resolved to the source named shortly before
PRONOUN_REACH = 3  # sentences back to look for the source a pronoun stands for
NOT_IN_SOURCE = frozenset({"that", "which", "who", "whom", "when", "where", "if", "because", "while", "not"})


def _is_source(who: str) -> bool:
    """Whether a phrase can name a source: a few words, headed by a name or a source noun."""
    words = who.replace("’", "'").split()
    if not words or len(words) > 8 or any(word.lower() in NOT_IN_SOURCE for word in words):
        return False
    if any(word.lower() in reporting_verbs() for word in words):
        return False
    head = words[-1].lower().removesuffix("'s").strip(".")
    return words[-1][:1].isupper() or head in source_nouns()


@cache
def _attribution_gate() -> re.Pattern[str]:
    """What every attribution pattern needs somewhere in the sentence: a reporting verb or 'according to'."""
    return re.compile("according to|" + _verb_alternation())


def find_attribution(text: str) -> str | None:
    """Who a statement is credited to: 'activists', "Russia's TASS", 'the Turkish statement'."""
    if not _attribution_gate().search(text):
        return None  # three sentences in four: one scan instead of four patterns tried at every comma
    for pattern in _attribution_patterns():
        for match in pattern.finditer(text):
            who = match.group("who").strip(' ,.;:"“”')
            if who.lower() in PRONOUNS:
                return who.lower()
            if pattern is _attribution_patterns()[1] or match.start("who") == 0:
                who = _trim_subject(who)
            if pattern is _attribution_patterns()[3] and not _is_name_like(who):
                continue
            if _is_source(who):
                return _lower_common(who) if text.lstrip(" \"“‘'").startswith(who) else who
    return None


def _lower_common(who: str) -> str:
    """'Activists' at the start of a sentence is 'activists': a common noun keeps its case."""
    first, _, rest = who.partition(" ")
    if first.lower() in source_nouns():
        return f"{first.lower()} {rest}".strip()
    return who


def _trim_subject(who: str) -> str:
    """A sentence-initial subject without a leading 'The' and any opening clause before a comma."""
    who = who.rsplit(",", 1)[-1].strip()
    first, _, rest = who.partition(" ")
    if first.lower() in LEADING_CONJUNCTIONS and rest:
        who = rest  # "..., and state media said": the source is 'state media'

    first, _, rest = who.partition(" ")
    if first in {"The", "A", "An"} and rest:
        return rest if rest[:1].isupper() else f"{first.lower()} {rest}"
    return who


FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "in", "on", "de", "al"})


def _is_name_like(who: str) -> bool:
    """Whether a phrase after 'said' is a name ('Patrick Armstrong') or a short source ('an official')."""
    words = who.replace("’", "'").split()
    if all(word[:1].isupper() or word.lower() in FUNCTION_WORDS for word in words):
        return True
    return len(words) <= 4 and words[-1].lower() in source_nouns()


def is_reporting_date(sentence: str, expr: TimeExpr) -> bool:
    """Whether the expression dates the act of reporting rather than what is reported."""
    return bool(
        REPORTING_BEFORE.search(sentence[max(0, expr.start - 40) : expr.start])
        or REPORTING_AFTER.match(sentence[expr.end : expr.end + 20])
    )


def _is_naming_year(sentence: str, expr: TimeExpr) -> bool:
    """Whether a bare year modifies a noun after a determiner: 'its 2025 bond', 'the 2016 MacBook'."""
    return bool(
        BARE_YEAR.fullmatch(expr.text)
        and DETERMINER_BEFORE.search(sentence[max(0, expr.start - 30) : expr.start])
        and WORD_AFTER.match(sentence, expr.end)
    )


def choose_dates(sentence: str, exprs: Sequence[TimeExpr]) -> list[TimeExpr]:
    """The expressions a sentence is filed under: the date of each happening it reports, most often one.

    Dates of the reporting ("said on Monday"), years that name a thing ("its 2025 bond"), beginnings
    ("since March") and dates of a relative clause ("Deraa, where the uprising erupted in March") give
    way to any other date: a sentence is filed under them only when it has no other. What remains is
    one date per happening (see `split_happenings`).
    """
    dating = [expr for expr in exprs if is_dating(expr)]
    stamp = stamp_end(sentence, dating)
    own = [expr for expr in dating if expr.start >= stamp]
    if any(expr.granularity == "day" for expr in own):  # a year or a fortnight does not tell the day better
        dating = own
    reported = [
        expr
        for expr in dating
        if not is_reporting_date(sentence, expr) and not _is_naming_year(sentence, expr)
    ]
    chosen = reported or dating
    # "rose above platinum for the first time since December 2008 late on Monday": a beginning is the
    # date of a state, the happening is dated by any other date
    chosen = [expr for expr in chosen if not _is_since(sentence, expr)] or chosen
    chosen = [expr for expr in chosen if not in_side_clause(sentence, expr)] or chosen
    distinct: dict[tuple[object, ...], TimeExpr] = {}
    for expr in chosen:
        key = (expr.first_day, expr.last_day, expr.value if expr.first_day is None else None)
        distinct.setdefault(key, expr)
    return split_happenings(sentence, sorted(distinct.values(), key=lambda expr: expr.start))


# Where a clause begins: punctuation, a subordinator or a relative word. A clause opened by a relative
# word ("Deraa, where the uprising erupted in March", "Vera, who died in 2008") says something of a
# noun of the main clause: its date is not the date of what the sentence reports.
CLAUSE_OPENER = clause_edges("where")  # the tense stage's clause edges, and "where"
RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "where"})
WORD_TOKEN = re.compile(r"[A-Za-z’']+")
# the tense kinds (temporal.tense.classify) of a finite or infinitive verb: a happening of its own
VERB_KINDS = frozenset({"past", "future", "prog", "would", "weak_future"})
# ... and between two dates, a telling ("will meet at a future date, the ministry said, a day after
# announcing it"): what comes after it is not the same phrase as what came before
SEPARATING_KINDS = VERB_KINDS | {"report"}


def stamp_end(sentence: str, exprs: Sequence[TimeExpr]) -> int:
    """Where a time stamp heading the sentence ends (0 if none): its first dates and clock times, one after
    the other, a clock time among them ("Friday 10 June 2005 00.05 BST", "(Update 3:59 p.m. in Cairo")."""
    end = _skip(STAMP_HEADER, sentence, 0)
    clock = False
    for expr in sorted(exprs, key=lambda e: e.start):
        if expr.start not in (end, _skip(STAMP_GAP, sentence, end) if end else end):
            break
        end, clock = expr.end, clock or expr.type == "TIME"
        untagged = CLOCK.match(sentence, _skip(STAMP_GAP, sentence, end))
        if untagged:  # '00.02 GMT': a clock time the grammar leaves out
            end, clock = untagged.end(), True
    return end if clock else 0


def _skip(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where a pattern that may match nothing ends, matched at a position."""
    found = pattern.match(text, position)
    return found.end() if found else position


def _is_since(sentence: str, expr: TimeExpr) -> bool:
    """Whether an expression is the beginning of a state: 'since March'."""
    governor = GOVERNOR.search(sentence, max(0, expr.start - 24), expr.start)
    return governor is not None and governor.group(1).lower() == "since"


# A sentence is read once for its words and clause openers, however many dates it holds (a sentence
# of thousands of dates must not be read once per date).
@lru_cache(maxsize=16)
def _words(sentence: str) -> tuple[list[str], list[int]]:
    """A sentence's words and where each begins."""
    matches = list(WORD_TOKEN.finditer(sentence))
    return [match.group() for match in matches], [match.start() for match in matches]


@lru_cache(maxsize=16)
def _openers(sentence: str) -> tuple[list[str], list[int]]:
    """A sentence's clause openers (lower-cased) and where each ends."""
    matches = list(CLAUSE_OPENER.finditer(sentence))
    return [match.group().lower() for match in matches], [match.end() for match in matches]


def _words_inside(sentence: str, start: int, end: int) -> tuple[list[str], range]:
    """The sentence's words, and the indexes of those that begin in sentence[start:end]."""
    words, starts = _words(sentence)
    return words, range(bisect_left(starts, start), bisect_left(starts, end))


def in_side_clause(sentence: str, expr: TimeExpr) -> bool:
    """Whether an expression stands in a relative clause ("where the uprising erupted in March")."""
    openers, ends = _openers(sentence)
    before = bisect_right(ends, expr.start)  # the openers wholly before the expression
    return before > 0 and openers[before - 1] in RELATIVE_WORDS


def _verb_between(sentence: str, start: int, end: int) -> bool:
    """Whether a tensed verb (or an infinitive) stands in sentence[start:end]: a second happening."""
    words, inside = _words_inside(sentence, start, end)
    return any(classify(words, i) in SEPARATING_KINDS or _short_past(words[i]) for i in inside)


def _short_past(word: str) -> bool:
    """A regular past too short for the tense classifier's -ed rule: 'died', 'used', 'owed' (not 'need')."""
    return len(word) == 4 and word.islower() and word.endswith("ed") and word[1] not in "e"


def _width(expr: TimeExpr) -> int:
    """How many days an expression spans (undated: the most)."""
    if expr.first_day is None or expr.last_day is None:
        return 1 << 30
    return (expr.last_day - expr.first_day).days


def split_happenings(sentence: str, exprs: Sequence[TimeExpr]) -> list[TimeExpr]:
    """One date per happening of a sentence: a later date counts as a second happening only when a verb
    of its own stands between it and the previous one ("won independence in 1912, but did not recognize
    it until 1946"); otherwise it dates the same happening, and the narrower date is kept ("in March,
    on the 15th"; "two weeks ago ... 63 years ago": the first on a tie)."""
    kept: list[TimeExpr] = []
    for expr in exprs:
        if kept and not _verb_between(sentence, kept[-1].end, expr.start):
            if _width(expr) < _width(kept[-1]):
                kept[-1] = expr
            continue
        kept.append(expr)
    return kept


# ---------------------------------------------------------------- what a sentence tells of its date

# The word governing an expression: a limit ("by 2022", "no later than June", "until Friday to leave")
# or a beginning ("since March").
GOVERNOR = re.compile(
    r"\b(by|before|until|till|(?:no|not)\s+later\s+than|since)\s+(?:the\s+)?$", re.IGNORECASE
)
TO_VERB = re.compile(r"\s+to\s+[a-z]+")  # "has until Friday to respond": a time given to act in
PLAN_TENSES = frozenset({"future"})  # "will meet", "is due to", "plans to", "must leave"
# "agreed to buy", "would arrive": a plan when the date is still ahead, a target when it is a limit
LOOSE_PLAN_TENSES = frozenset({"would", "weak_future"})


@cache
def forecast_words() -> frozenset[str]:
    """Words that make a look ahead a forecast ('expected to', 'could') rather than a plan."""
    return data_words("statement_forecast_words.txt")


def _is_forecast(sentence: str, expr: TimeExpr) -> bool:
    """Whether the expression's clause holds a word of expecting or a possibility ('are expected to')."""
    start, end = clause_bounds(sentence, expr.start, expr.end)
    return any(word.lower() in forecast_words() for word in WORD_TOKEN.findall(sentence[start:end]))


def _governing_verb(sentence: str, start: int, end: int) -> str | None:
    """The tense kind of the last verb in sentence[start:end]: the verb a phrase after `end` hangs on
    ("his priority was to restart exports by October": the infinitive, not 'was')."""
    words, inside = _words_inside(sentence, start, end)
    kinds = [classify(words, i) for i in inside]
    return next((kind for kind in reversed(kinds) if kind in VERB_KINDS), None)


def find_kind(sentence: str, expr: TimeExpr, published: dt.date | None) -> str:
    """What a sentence tells of its date: 'happened', 'scheduled', 'expected', 'deadline' or 'ongoing'.

    Decided by the tense of the expression's clause (temporal.tense), the word governing the expression
    ('by', 'until', 'since') and whether the date is over at the publication: nothing after the
    publication has happened yet; an infinitive or a "would" makes a plan of a date still ahead, and a
    target of a limit whatever its date.
    """
    tense = tense_marker(sentence, expr.start, expr.end, weak=True).tense
    known = published is not None
    ahead = expr.value == "FUTURE_REF" or (
        known and expr.first_day is not None and expr.first_day > published  # type: ignore[operator]
    )
    over = known and expr.last_day is not None and expr.last_day < published  # type: ignore[operator]
    looking_ahead = ahead or tense in PLAN_TENSES
    governor = GOVERNOR.search(sentence, max(0, expr.start - 24), expr.start)
    if governor is None:
        word, limit_tense = "", None
    else:  # the verb the limit hangs on: "his priority was to restart exports by October" (to restart)
        word = governor.group(1).split()[0].lower()
        clause_start = clause_bounds(sentence, expr.start, expr.end)[0]
        limit_tense = _governing_verb(sentence, clause_start, governor.start()) or tense
    if word == "since":
        return "scheduled" if ahead else "ongoing"
    # a limit governed by a plan is a target even when the calendar put its day behind the publication
    aimed = looking_ahead or limit_tense in PLAN_TENSES | LOOSE_PLAN_TENSES
    if word and (aimed or (word in ("until", "till") and TO_VERB.match(sentence, expr.end))):
        return "deadline"
    if looking_ahead:
        return "expected" if _is_forecast(sentence, expr) else "scheduled"
    if tense != "prog" or not known or expr.first_day is None or over:
        return "happened"
    # the progressive of a day not over is an arrangement ("are arriving on Sunday"); of a longer time
    # that has begun, a state ("prices are rising this year")
    return "scheduled" if expr.granularity in ("day", "time") else "ongoing"


# ---------------------------------------------------------------- captions and listings

# A caption dates its picture at its end, after the place and without a preposition ("David Cameron
# speaks on the BBC, in London May 1, 2011."), or names the picture ("in this March 15, 2011 photo").
CAPTION_END = re.compile(r"[\s.\"”)]*$")
CAPITALISED_BEFORE = re.compile(r"([A-Z][\w.’'-]*),?\s+$")
# a line that opens with its time and a dash or colon: "9 a.m. - Take a stroll ...", "* 10:30: Lunch"
LINE_LEAD = re.compile(r"[\s*•·-]*")
ENTRY_SEPARATOR = re.compile(r"\s*[-–—:]\s")
PICTURE_REACH = 4  # words from 'this' to the picture's noun: "this undated still image"
LISTING_MARKERS = frozenset({"past", "future", "prog", "would", "report"})


@cache
def photo_words() -> frozenset[str]:
    """Nouns naming a picture ('photo', 'photograph', 'image')."""
    return data_words("statement_photo_words.txt")


def _is_caption_date(sentence: str, expr: TimeExpr) -> bool:
    """Whether an expression dates a picture: a full date closing the sentence right after a place name
    (news prose says "on May 1"), or a date followed by a word for a picture."""
    after = WORD_TOKEN.findall(sentence[expr.end : expr.end + 40])[:3]
    if any(word.lower() in photo_words() for word in after):
        return True
    if expr.anchor != "absolute" or expr.granularity != "day":
        return False
    if not CAPTION_END.fullmatch(sentence, expr.end):
        return False
    place = CAPITALISED_BEFORE.search(sentence, max(0, expr.start - 40), expr.start)
    return place is not None and place.group(1).lower().strip(".") not in MONTHS | WEEKDAYS


def _points_at_picture(sentence: str) -> bool:
    """Whether a sentence points at its picture: 'in this handout picture', 'this undated still image'."""
    if "this" not in sentence.lower():
        return False  # most sentences: lower() maps character by character, so a word 'this' shows here
    words = [word.lower() for word in WORD_TOKEN.findall(sentence)]
    return any(
        word == "this" and any(after in photo_words() for after in words[i + 1 : i + 1 + PICTURE_REACH])
        for i, word in enumerate(words)
    )


def is_caption(sentence: Sentence, exprs: Iterable[TimeExpr]) -> bool:
    """Whether a sentence is a photo caption: marked so by the cleaner, dated the way captions are, or
    pointing at its picture."""
    if sentence.line_label is Label.CAPTION or _points_at_picture(sentence.text):
        return True
    return any(_is_caption_date(sentence.text, expr) for expr in exprs)


def is_listing(sentence: str, exprs: Sequence[TimeExpr]) -> bool:
    """Whether a sentence is an entry of a schedule or an itinerary ("9 a.m. - Take a stroll ..."): it
    opens with a clock time and a dash or colon, and no verb of it is tensed (an order, a list item)."""
    lead = LINE_LEAD.match(sentence)
    first = min(exprs, key=lambda expr: expr.start, default=None)
    if first is None or lead is None or first.start != lead.end() or first.type != "TIME":
        return False
    if not ENTRY_SEPARATOR.match(sentence, first.end):
        return False
    words = WORD_TOKEN.findall(sentence[first.end :])
    return not any(classify(words, i) in LISTING_MARKERS for i in range(len(words)))


def _shift(expr: TimeExpr, by: int) -> TimeExpr:
    """The expression with offsets relative to its sentence (built directly: `replace` reads every field's
    definition each time)."""
    e = expr
    return TimeExpr(
        e.start - by, e.end - by, e.text, e.type, e.value, e.mod, e.first_day, e.last_day,
        e.granularity, e.anchor, e.tense, e.tense_from,
    )  # fmt: skip


def find_statements(
    article: ArticleInfo, sentences: Sequence[Sentence], exprs: Iterable[TimeExpr]
) -> list[Statement]:
    """Dated statements of an article, from its sentences and the expressions found in its body."""
    by_sentence: list[list[TimeExpr]] = [[] for _ in sentences]
    starts = [sentence.start for sentence in sentences]
    index = 0
    for expr in sorted(exprs, key=lambda e: e.start):
        while index + 1 < len(sentences) and starts[index + 1] <= expr.start:
            index += 1
        sentence = sentences[index] if sentences else None
        # an expression runs past its sentence only when the splitter cut inside it ("JUNE 14,\n2020"
        # after a byline): no statement of either sentence is dated by half a date
        if (
            sentence is not None
            and sentence.start <= expr.start
            and expr.end <= sentence.start + len(sentence.text)
        ):
            by_sentence[index].append(_shift(expr, sentence.start))
    statements = []
    attributions = _Attributions(sentences)
    for order, (sentence, found) in enumerate(zip(sentences, by_sentence, strict=True)):
        if not found or is_listing(sentence.text, found):
            continue
        who = attributions.source(order)
        caption = is_caption(sentence, found)
        chosen = choose_dates(sentence.text, found)
        for expr in chosen:
            kind = find_kind(sentence.text, expr, article.published_day)
            statements.append(Statement(article, sentence.text, expr, order, who, kind, caption, len(chosen)))
    return statements


class _Attributions:
    """Who each sentence of an article is credited to, found for the dated sentences and, for a 'he said',
    the few before it (most sentences are neither)."""

    __slots__ = ("found", "sentences")

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self.found: dict[int, str | None] = {}

    def _raw(self, order: int) -> str | None:
        """find_attribution of sentence `order`, found once."""
        if order not in self.found:
            self.found[order] = find_attribution(self.sentences[order].text)
        return self.found[order]

    def source(self, order: int) -> str | None:
        """The source of sentence `order`: a pronoun stands for the last named source of the sentences
        at most PRONOUN_REACH before it, none further back."""
        who = self._raw(order)
        if who in PERSONAL_PRONOUNS:
            named = (self._raw(k) for k in range(order - 1, max(-1, order - PRONOUN_REACH - 1), -1))
            return next((who for who in named if _is_named(who)), None)
        return None if who in PRONOUNS else who


def _is_named(who: str | None) -> bool:
    """Whether an attribution names a source (a 'he' after it stands for it): 'Smith', 'the UN'."""
    if not who or who in PRONOUNS:
        return False
    return who.split()[-1][:1].isupper()
