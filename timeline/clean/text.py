"""Line classifier for plain-text pages: keeps the article body, labels the rest.

The cascade, cheapest first: each unit (a line, or a paragraph rebuilt from hard wraps) gets
features (words, share of function words, sentence shape, bullets, form fields, boilerplate
cues) and a first class: prose, short, or boilerplate. The article is the densest run of prose
(a maximum-sum segment over the units); inside it, short lines between body lines are kept
(short quotes, subheadings); before it, the title, byline and dateline are found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.clean.paragraphs import split_units
from timeline.clean.words import BOILERPLATE_CUES_FILE, FUNCTION_WORDS_FILE, load_words
from timeline.models import Cleaned, Label, Line, Metadata

FUNCTION_WORDS = load_words(FUNCTION_WORDS_FILE)
BOILERPLATE_CUES = load_words(BOILERPLATE_CUES_FILE)

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
CAP_WORD_RE = re.compile(r"(?<![\w'’])[A-Z]")
CUE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(cue) for cue in sorted(BOILERPLATE_CUES, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^(?:[•□◦▪▫●○■◆►▸‣⁃·∙*+]|-(?=\s))\s*")
FORM_RE = re.compile(r"\[[ _*xX]{0,3}\]|\[\s{2,}\]|_{4,}|\(BUTTON\)|^IFRAME:|^\[[^\]]{0,40}\]$")
IMAGE_NAME_RE = re.compile(r"\[[^\]\s]+\.(?:png|jpe?g|gif|svg|webp)\]", re.IGNORECASE)
URL_RE = re.compile(r"https?://|www\.|\.com\b|@\w+\.\w")
SENTENCE_END = frozenset(".!?\"'”’…")
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE_RE = re.compile(
    r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\.?,?\s+\d{{4}})\b"
    r"|^(?:updated|published|posted|last updated|first published)\b"
    r"|\b\d{1,2}\s+(?:hours?|minutes?|mins?|days?)\s+ago\b",
    re.IGNORECASE,
)
DATE_LINE_START_RE = re.compile(r"^(?:date|dated|updated|published|posted)\b", re.IGNORECASE)
BYLINE_RE = re.compile(
    r"^(?:by|written by|posted by|words by|story by|reported by)\s*:?\s+[A-Z]|^(?:author|reporter)s?\s*:",
    re.IGNORECASE,
)
BYLINE_NAME_RE = re.compile(r"^(?i:by|written by|posted by|words by|story by|reported by)\s*:?\s+(?=[A-Z])")
# A credit line: "(photo credit: ...)", "Photo: X/Getty Images", "Image via ...", "(AP Photo/X)".
CREDIT_RE = re.compile(
    r"^\(?(?:main\s+|top\s+|header\s+|featured\s+|lead\s+)?"
    r"(?:photo|image|picture|photograph|video|illustration|graphic|credit)s?"
    r"(?:\s+(?:credit|credits|courtesy|by|via|source))?\s*[:|/]"
    r"|^\(?(?:photo|image|picture|illustration)s?\s+(?:by|via|courtesy)\b"
    r"|^(?:credit|credits|courtesy|source)\s*:"
    r"|\bgetty(?:\s+images)?\)?$|\bshutterstock\b|\bap photo\b|\bphoto by\b|\bimage via\b"
    r"|\bphoto via\b|\bphotograph:|\bimages? courtesy\b",
    re.IGNORECASE,
)
# A caption with its credit on the same line: "... Moscow, Russia (photo credit: X/REUTERS)".
CREDIT_TAIL_RE = re.compile(
    r"\s*\((?:(?:photo|image|picture)\s*)?(?:credit|credits|courtesy)\s*:?[^()]*\)\s*$"
    r"|\s*\((?:photo|image|picture|photograph)\s*:[^()]*\)\s*$"
    r"|\s*\((?:AP|AFP|Reuters|Getty|EPA)\b[^()]*\)?\s*$",
    re.IGNORECASE,
)
HEADING_END = frozenset("?!:\"'”’")

GOOD, SHORT, BAD, SPECIAL = "good", "short", "bad", "special"


@dataclass(slots=True)
class _Unit:
    text: str
    first: int
    last: int
    words: int = 0
    function: int = 0
    caps: int = 0
    ends_sentence: bool = False
    bullet: bool = False
    cls: str = SHORT
    label: Label = Label.BOILERPLATE
    reason: str = ""
    weight: float = 0.0

    @property
    def fw_share(self) -> float:
        return self.function / self.words if self.words else 0.0


def normalise_line(text: str) -> str:
    """The key a line is compared by across articles: lowercase, whitespace collapsed."""
    return " ".join(text.lower().split())


def find_recurring_lines(texts: Iterable[str], min_count: int = 3) -> frozenset[str]:
    """Normalised lines (10-300 characters) found in at least `min_count` of the texts."""
    counts: dict[str, int] = {}
    for text in texts:
        seen = set()
        for unit in split_units(text):
            key = normalise_line(unit.text)
            if 10 <= len(key) <= 300:
                seen.add(key)
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(key for key, count in counts.items() if count >= min_count)


def _measure(unit: _Unit) -> None:
    text = unit.text
    bullet = BULLET_RE.match(text)
    if bullet:
        unit.bullet = True
        text = text[bullet.end() :]
    words = WORD_RE.findall(text)
    unit.words = len(words)
    unit.function = sum(1 for w in words if w.lower().replace("’", "'") in FUNCTION_WORDS)
    unit.caps = len(CAP_WORD_RE.findall(text))
    unit.ends_sentence = bool(text) and (
        text[-1] in SENTENCE_END or (text[-1] == ")" and len(text) > 1 and text[-2] in SENTENCE_END)
    )


def _classify(unit: _Unit, recurring: frozenset[str]) -> None:
    """First decision on one unit, from its own features only."""
    text = unit.text
    words = unit.words
    if recurring and normalise_line(text) in recurring:
        unit.cls, unit.reason = BAD, "recurring: found in several articles of this run"
        return
    if words == 0:
        unit.cls, unit.reason = BAD, "no words"
        return
    if FORM_RE.search(text) or (IMAGE_NAME_RE.search(text) and words <= 4):
        unit.cls, unit.reason = BAD, "form field, button or image name"
        return
    if words <= 14 and CREDIT_RE.search(text):
        unit.cls, unit.label, unit.reason = SPECIAL, Label.CREDIT, "credit: photo or image credit"
        return
    fw = unit.fw_share
    if unit.bullet and (words <= 8 or fw < 0.2):
        unit.cls, unit.reason = BAD, f"menu item: bullet, {words} words"
        return
    if words <= 15:
        cues = CUE_RE.findall(text)
        cue_words = len(" ".join(cues).split())
        if cues and (cue_words * 2 >= words or (words <= 8 and text.lower().startswith(cues[0].lower()))):
            unit.cls, unit.reason = BAD, f"boilerplate cue: {cues[0].lower()!r}"
            return
    if URL_RE.search(text) and words <= 12:
        unit.cls, unit.reason = BAD, "link or address"
        return
    if words >= 8 and fw < 0.12 and not unit.ends_sentence:
        unit.cls = BAD
        unit.reason = f"menu: {words} words, {unit.caps} capitalised, {fw:.0%} function words"
        return
    if words >= 10 and fw >= 0.18 and (unit.ends_sentence or words >= 25 or text[-1] in ",;:"):
        unit.cls = GOOD
        unit.reason = f"body: {words} words, {fw:.0%} function words"
        return
    if words >= 30 and fw >= 0.12:
        unit.cls = GOOD
        unit.reason = f"body: {words} words, {fw:.0%} function words"
        return
    unit.cls = SHORT
    shape = "sentence" if unit.ends_sentence else "no sentence end"
    unit.reason = f"short: {words} words, {shape}"


def _weight(unit: _Unit) -> float:
    if unit.cls == GOOD:
        return float(unit.words)
    if unit.cls == BAD:
        return -8.0
    if unit.cls == SPECIAL:
        return 0.0
    if unit.ends_sentence:
        return 0.0
    return -2.0 if unit.words >= 3 else -1.0


def _densest_run(units: list[_Unit]) -> tuple[int, int]:
    """The segment with the largest sum of weights (Kadane); (-1, -1) when nothing is positive."""
    best, best_span = 0.0, (-1, -1)
    total, start = 0.0, 0
    for i, unit in enumerate(units):
        if total <= 0:
            total, start = 0.0, i
        total += unit.weight
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _is_heading(unit: _Unit) -> bool:
    text = unit.text
    return (
        1 <= unit.words <= 16
        and not unit.bullet
        and (text[-1] not in SENTENCE_END or text[-1] in HEADING_END)
        and text[-1] != "."
    )


def _mark_captions(units: list[_Unit]) -> None:
    """Captions: a line with a credit tail, or the line just before a credit line."""
    for i, unit in enumerate(units):
        if unit.label is Label.CREDIT:
            if i > 0 and units[i - 1].last == unit.first - 1:
                prev = units[i - 1]
                if prev.cls in (GOOD, SHORT) and prev.words >= 4 and not prev.bullet:
                    prev.cls, prev.label = SPECIAL, Label.CAPTION
                    prev.reason = "caption: precedes photo credit"
            continue
        if unit.cls in (GOOD, SHORT) and unit.words >= 4:
            tail = CREDIT_TAIL_RE.search(unit.text)
            if tail and tail.start() > 0:
                unit.cls, unit.label = SPECIAL, Label.CAPTION
                unit.reason = "caption: ends with photo credit"


def _label_header(units: list[_Unit], start: int, meta: dict[str, str]) -> None:
    """Title, byline and dateline among the units before the article body."""
    window = range(max(0, start - 25), start)
    best, best_score = -1, 0.0
    distance = 0
    for i in reversed(window):
        unit = units[i]
        menu_like = unit.cls == BAD and unit.reason.startswith("menu:") and unit.words <= 14
        if (unit.cls in (GOOD, SHORT) or menu_like) and _is_heading(unit) and unit.words >= 3:
            score = unit.words * (0.5 if menu_like else 1.0) - 2.0 * distance
            if score > best_score:
                best, best_score = i, score
        if unit.cls != SPECIAL and not DATE_RE.search(unit.text) and not BYLINE_RE.match(unit.text):
            distance += 1
    if best >= 0:
        title = units[best]
        meta["title"] = " ".join(title.text.split())
        key = normalise_line(title.text)
        for unit in units[: start + 1]:
            if normalise_line(unit.text) == key:
                unit.cls, unit.label, unit.reason = SPECIAL, Label.TITLE, "title: heading-like line nearest the body"
    header_from = max(0, start - 25) if best < 0 else max(0, best - 3)
    lone_name_done = False
    for i in range(header_from, start):
        unit = units[i]
        if unit.label in (Label.TITLE, Label.CAPTION, Label.CREDIT):
            continue
        text = unit.text.strip()
        if (DATE_LINE_START_RE.match(text) and unit.words <= 40 and DATE_RE.search(text)) or (
            unit.words <= 12 and DATE_RE.search(text)
        ):
            unit.cls, unit.label, unit.reason = SPECIAL, Label.DATELINE, "dateline: date near the title"
            meta.setdefault("date", " ".join(text.split()))
            continue
        if unit.words <= 10 and BYLINE_RE.match(text):
            unit.cls, unit.label, unit.reason = SPECIAL, Label.BYLINE, "byline: 'By NAME'"
            meta.setdefault("author", BYLINE_NAME_RE.sub("", " ".join(text.split()), count=1).strip())
            continue
        if (
            not lone_name_done
            and unit.cls == SHORT
            and best >= 0
            and i > best
            and 1 <= unit.words <= 4
            and unit.caps >= unit.words
            and not any(ch.isdigit() for ch in text)
            and text[-1] not in SENTENCE_END
            and not CUE_RE.search(text)
            and not unit.bullet
        ):
            lone_name_done = True
            unit.cls, unit.label, unit.reason = SPECIAL, Label.BYLINE, "byline: lone name below the title"
            meta.setdefault("author", " ".join(text.split()))


def _decide(units: list[_Unit], start: int, end: int) -> None:
    """Final labels: body inside the densest run (with smoothing), boilerplate elsewhere."""
    n = len(units)
    content = [i for i in range(n) if units[i].cls in (GOOD, SHORT, BAD)]
    pos = {i: k for k, i in enumerate(content)}
    for i, unit in enumerate(units):
        if unit.cls == SPECIAL:
            if unit.label is Label.CAPTION and not (start - 3 <= i <= end + 1):
                unit.label, unit.reason = Label.BOILERPLATE, "caption outside the article"
            elif unit.label in (Label.TITLE, Label.BYLINE, Label.DATELINE, Label.CREDIT, Label.CAPTION):
                pass
            continue
        inside = start <= i <= end
        if not inside:
            where = "before" if i < start else "after"
            unit.label, unit.reason = Label.BOILERPLATE, f"{where} the article; {unit.reason}"
            continue
        if unit.cls == GOOD:
            unit.label = Label.BODY
            continue
        if unit.cls == BAD:
            unit.label = Label.BOILERPLATE
            continue
        k = pos[i]
        prev_ok = k > 0 and units[content[k - 1]].cls == GOOD and content[k - 1] >= start
        next_ok = k + 1 < len(content) and units[content[k + 1]].cls in (GOOD, SHORT) and content[k + 1] <= end
        if prev_ok or next_ok:
            if _is_heading(unit):
                unit.label, unit.reason = Label.SUBHEAD, f"subhead: {unit.words} words inside the body"
            else:
                unit.label, unit.reason = Label.BODY, f"body: short line between body lines ({unit.words} words)"
        else:
            unit.label = Label.BOILERPLATE


def _dedupe(units: list[_Unit]) -> None:
    """A kept line that repeats an earlier kept line (or caption) is dropped."""
    seen: set[str] = set()
    for unit in units:
        if unit.label not in (Label.BODY, Label.SUBHEAD, Label.CAPTION):
            continue
        key = normalise_line(CREDIT_TAIL_RE.sub("", unit.text))
        if key in seen:
            unit.label, unit.reason = Label.BOILERPLATE, "repeat of an earlier kept line"
        else:
            seen.add(key)


def _final_text(unit: _Unit) -> str:
    text = " ".join(unit.text.split())
    if unit.label is Label.CAPTION:
        stripped = CREDIT_TAIL_RE.sub("", text).strip()
        if stripped:
            return stripped
    if unit.bullet and unit.label in (Label.BODY, Label.SUBHEAD):
        match = BULLET_RE.match(text)
        if match and match.end() < len(text):
            return text[match.end() :]
    return text


def clean_text(text: str, recurring: frozenset[str] = frozenset()) -> Cleaned:
    """Label every non-blank line (or rebuilt paragraph) of a plain-text page."""
    units = [_Unit(raw.strip(), first, last) for raw, first, last in split_units(text)]
    for unit in units:
        _measure(unit)
    if recurring:
        keys = [normalise_line(u.text) for u in units]
        good_total = sum(1 for u in units if u.words >= 10)
        good_recurring = sum(1 for u, k in zip(units, keys, strict=True) if u.words >= 10 and k in recurring)
        # A page whose prose mostly recurs is a copy of another article of the run, not boilerplate.
        if good_total and good_recurring * 2 > good_total:
            recurring = frozenset()
    for unit in units:
        _classify(unit, recurring)
    _mark_captions(units)
    for unit in units:
        unit.weight = _weight(unit)
    start, end = _densest_run(units)
    meta: dict[str, str] = {}
    if start >= 0:
        _label_header(units, start, meta)
    _decide(units, start if start >= 0 else len(units), end)
    _dedupe(units)
    lines = tuple(Line(_final_text(u), u.label, u.reason, u.first, u.last) for u in units)
    return Cleaned(
        lines=lines,
        metadata=Metadata(title=meta.get("title"), author=meta.get("author")),
    )
