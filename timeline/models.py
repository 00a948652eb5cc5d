"""Frozen values that travel between the stages of the pipeline.

load -> Document; clean -> Cleaned (labelled lines); dating -> ArticleInfo;
sentences -> Sentence; temporal -> TimeExpr; statements -> Statement; merge -> Event;
the whole run -> Timeline. Provenance (file, offsets, how a date was found) is a field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a document's text is to be read."""

    TEXT = "text"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class Document:
    """One input file, decoded to text."""

    path: str  # the path as given or found by walking a folder
    text: str
    kind: Kind
    encoding: str
    notes: tuple[str, ...] = ()  # what reading it had to do (bytes replaced, ...): warnings of the run


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be used (or was only partly used), and why."""

    path: str
    reason: str
    fatal: bool = True  # False: the file is still in the timeline, with a warning
    note: bool = False  # not an article at all (a data file, a link to a folder): named, not read, no error


class Label(StrEnum):
    """What a line of a page is."""

    BODY = "body"
    SUBHEAD = "subhead"  # a heading inside the article body
    CAPTION = "caption"  # a photo caption (kept: captions can carry dated facts)
    CREDIT = "credit"  # a photo credit (dropped)
    TITLE = "title"
    BYLINE = "byline"
    DATELINE = "dateline"  # a line holding the publication date (and maybe time)
    BOILERPLATE = "boilerplate"


KEPT_LABELS = frozenset({Label.BODY, Label.SUBHEAD, Label.CAPTION})


@dataclass(frozen=True, slots=True)
class Line:
    """A line (or a paragraph rebuilt from hard-wrapped lines) with its decision."""

    text: str  # whitespace-normalised text
    label: Label
    reason: str  # why: shown by `timeline clean --explain`
    first: int  # index of the first source line it comes from (0-based)
    last: int  # index of the last source line (== first unless rebuilt)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page itself says about the article (HTML metadata), all optional."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    date: str | None = None  # as found, e.g. '2020-06-14' or '2020-06-14T08:35:00+03:00'
    # the page as a reader sees it, labelled by the text path, when `date` may not be local time
    page: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A document split into labelled lines, plus page metadata."""

    lines: tuple[Line, ...]
    metadata: Metadata = field(default_factory=Metadata)

    @property
    def body_lines(self) -> tuple[Line, ...]:
        """The lines kept as the article's text (body, subheads, captions)."""
        return tuple(line for line in self.lines if line.label in KEPT_LABELS)

    def lines_labelled(self, label: Label) -> tuple[Line, ...]:
        """The lines with one label, in order."""
        return tuple(line for line in self.lines if line.label is label)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """An article's identity: where it came from, what it is called, when it was published."""

    path: str
    title: str | None
    outlet: str | None
    author: str | None
    published: dt.datetime | None  # naive local time of publication; time 00:00 when only a day is known
    has_time: bool  # whether `published` carries a real clock time
    date_source: str  # how the date was found: 'text line 7: ...', 'html metadata', '--date', 'none'
    language: str = "en"  # ISO 639-1 code of the language the article is written in

    @property
    def published_day(self) -> dt.date | None:
        """The publication day, the anchor of every relative date in the article."""
        return self.published.date() if self.published else None

    @property
    def published_iso(self) -> str | None:
        """ISO publication date-time (minutes) or day."""
        if self.published is None:
            return None
        if self.has_time:
            return self.published.strftime("%Y-%m-%dT%H:%M")
        return self.published.date().isoformat()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's kept text."""

    text: str
    start: int  # offset in the article's body text
    line_label: Label  # label of the line it comes from (body, caption, subhead)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression found in a text, with its TIMEX3 reading and the days it denotes."""

    start: int  # character offsets in the text that was tagged (end exclusive)
    end: int
    text: str
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: '2020-06-14', '2020-03', 'P3M', 'FUTURE_REF', ...; a range 'A/B'
    mod: str | None  # TIMEX3 mod: START, MID, END, BEFORE, AFTER, APPROX, ...
    first_day: dt.date | None  # inclusive interval of days denoted; None when not a calendar time
    last_day: dt.date | None
    # 'day', 'week', 'month', 'quarter', 'season', 'half', 'year', 'decade', 'century', 'time',
    # 'ref', 'duration', 'set'
    granularity: str
    anchor: str  # how resolved: 'absolute', 'publication', 'previous', 'reported', 'unresolved'
    # the tense that chose among the calendar's candidates ('past', 'future', 'prog'), and where its marker
    # stands: 'own clause', 'other clause', 'reporting verb'; None when the tense played no part
    tense: str | None = None
    tense_from: str | None = None


# What a dated sentence tells of its date; an event's kind is its sources'. In order of precedence: a
# happening reported by any source is one, whatever else other sources said of it.
EVENT_KINDS = ("happened", "ongoing", "scheduled", "expected", "deadline")


@dataclass(frozen=True, slots=True)
class Statement:
    """A body sentence filed under one resolved time expression of it."""

    article: ArticleInfo
    text: str
    expr: TimeExpr  # the expression the statement is dated by (offsets relative to `text`)
    order: int  # position of the sentence in its article
    attributed_to: str | None = None
    # what the sentence tells of its date: 'happened', 'scheduled' (a plan), 'expected' (a forecast),
    # 'deadline' (a time something must be done by), 'ongoing' (a state running through the date)
    kind: str = "happened"
    caption: bool = False  # the sentence is a photo caption, not body text
    parts: int = 1  # how many dates (happenings) the one sentence is filed under


@dataclass(frozen=True, slots=True)
class Source:
    """One article's report of an event."""

    statement: Statement
    relation: str | None = None  # 'updates' / 'contradicts' an earlier source of the same event

    @property
    def caption(self) -> bool:
        """Whether this source reports the event in a photo caption rather than in its body text."""
        return self.statement.caption


@dataclass(frozen=True, slots=True)
class Event:
    """One happening, with every source that reports it."""

    value: str  # TIMEX3-style date of the event
    first_day: dt.date | None
    last_day: dt.date | None
    granularity: str
    mod: str | None
    text: str  # the most informative statement
    sources: tuple[Source, ...]
    kind: str = "happened"  # as Statement.kind: 'happened' when any source tells it happened
    # other days the sources give for this happening (neighbouring days: the reports disagree)
    other_dates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """All the per-article map yields for one file: its identity, statements and problems."""

    path: str
    info: ArticleInfo | None
    statements: tuple[Statement, ...]
    problems: tuple[Problem, ...]
    sentences: int = 0
    unresolved: int = 0  # relative dates that could not be resolved (no publication date)


@dataclass(frozen=True, slots=True)
class Timeline:
    """The merged chronology of a run, with every article and every problem."""

    events: tuple[Event, ...]
    articles: tuple[ArticleResult, ...]
    problems: tuple[Problem, ...]
