"""Line classifier for plain-text pages: keeps the article body, labels the rest.

Each unit (a line, or a paragraph rebuilt from hard wraps) gets features (words, share of
function words, sentence shape, bullets, form fields, generic boilerplate cues) and a first
class: prose, short, boilerplate, or special (credit, caption). Prose that repeats earlier
prose, and everything after the start of reader comments, weighs little. The article is the
densest run of prose (a maximum-sum segment over the units, prose weighing its word count and
everything else a penalty); inside it, a short line between paragraphs is kept (a quote, a
subheading) unless it belongs to a list of links; a list introduced by a colon is kept; before
it, the title (the headline-shaped line best placed: by a byline or a date, near the body), the
byline and the dateline are found. Nothing here knows any site: the cues are generic web
vocabulary (`timeline/data/clean_*.txt`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from operator import attrgetter

from timeline.clean.features import page_features, rule_head
from timeline.clean.model import BodyModel, load_model
from timeline.clean.paragraphs import reflow_blocks, split_units
from timeline.clean.words import BOILERPLATE_CUES_FILE, FUNCTION_WORDS_FILE, load_words
from timeline.models import Cleaned, Label, Line, Metadata
from timeline.wordlists import MONTHS, WEEKDAYS

FUNCTION_WORDS = load_words(FUNCTION_WORDS_FILE)
BOILERPLATE_CUES = load_words(BOILERPLATE_CUES_FILE)

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ASCII_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)*")  # the fast path; WORD_RE for non-Latin text
# Every byte but a-z as a space: the words ASCII_WORD_RE finds in a text without apostrophes are the runs
# of a-z, which `bytes.translate` and `split` cut out faster than the regex engine (a third less CPU).
LETTER_RUNS = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))
# A capital that starts a word; the capital first, so that the regex engine can skip ahead to capitals.
CAP_WORD_RE = re.compile(r"[A-Z](?<![\w'’][A-Z])")


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation factored by common prefixes (much faster than a flat list in `re`)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return emit(trie)


CUE_RE = re.compile(r"(?<![\w-])" + _trie_pattern(BOILERPLATE_CUES) + r"(?![\w-])")


def _cue_heads(cues: Iterable[str]) -> frozenset[str] | None:
    """The letters each cue begins with, up to its first other character; None if one has none."""
    heads = frozenset(re.split("[^a-z]", cue, maxsplit=1)[0] for cue in cues)
    return None if "" in heads else heads


# A cue that CUE_RE finds starts with a whole run of letters of the line: that run is one of these.
CUE_HEADS = _cue_heads(BOILERPLATE_CUES)
CUE_STRIP = " \t:;|»›‹«-–—•*()[]!?.,"
# lynx marks the items of a nested list with 'o' and '+': 'o' is a bullet when a space follows it.
BULLET_CHARS = frozenset("•□◦▪▫●○■◆►▸‣⁃·∙*+-o")
BULLET_RE = re.compile(r"^(?:[•□◦▪▫●○■◆►▸‣⁃·∙*+]|[-o](?=\s))\s*")
FORM_RE = re.compile(r"\[[ _*xX]{0,3}\]|\[\s{2,}\]|_{4,}|\(BUTTON\)|^IFRAME:|^\[[^\]]{0,40}\]$")
IMAGE_NAME_RE = re.compile(r"\[[^\]\s]+\.(?:png|jpe?g|gif|svg|webp)\]", re.IGNORECASE)
URL_RE = re.compile(r"https?://|www\.|\.com\b|@\w+\.\w")
# A word run into the next: 'SteakhouseA man'. The capital comes first so that the regex engine skips ahead
# to capitals (rare in prose); the lookbehind then checks the character before it.
GLUE_RE = re.compile(r"[A-Z](?<=[a-z0-9)?!’'][A-Z])[a-z ]")
TRUNCATED_RE = re.compile(r"[^\W_][,;]?\.\.\.$|\[…\]$|\[\.\.\.\]$")
# Bounded, and tried only where a run of address characters starts: linear on long runs of digits and dashes.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.-]+")
URL_TAIL_RE = re.compile(r"\s*(?:https?://|pic\.twitter\.com/)\S+$")
# The standard renderings of an embedded post around its text: a tweet's signature ('— Jane Doe
# (@janedoe) June 14, 2020', the date in the reader's language, or none); 'View this post on Instagram'
# and 'A post shared by Jane Doe (@janedoe) on Jun 14, 2020 at 9:24am PDT'; a bare link to its picture.
TWEET_SIGNATURE_RE = re.compile(
    r"^[—–-]\s*+[^()\s][^()]{0,80}\(@[\w.]{1,30}\)\s*+(?:[^()]{0,30}?(?<!\d)\d{4}(?!\d)[^()]{0,12})?$"
)
POST_SHARED_RE = re.compile(
    r"^an? (?:post|photo|video) shared by\b[^()]{0,80}\(@[\w.]{1,30}\)", re.IGNORECASE
)
POST_HEAD_RE = re.compile(r"^view (?:this|the) (?:post|photo|video) on \w+$", re.IGNORECASE)
POST_LINK_RE = re.compile(r"^(?:(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+\s*)+$")
SIGNATURE_REASON = "embed: signature of an embedded post"
EMBED_REASON = "embed: heading or link of an embedded post"
SENTENCE_END = frozenset(".!?\"'”’…")
# Any spelling of a month ("Sept", "September"), the longest one first
MONTH_PATTERN = "(?:" + _trie_pattern(MONTHS) + ")"
# A date ends where its digits do: text may be glued to the year ('18.11.2019Get short URL').
DATE_RE = re.compile(
    r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_PATTERN}\.?,?\s+\d{{4}})(?!\d)"
    r"|^(?:updated|published|posted|last updated|first published)\b"
    r"|\b\d{1,2}\s+(?:hours?|minutes?|mins?|days?)\s+ago\b",
    re.IGNORECASE,
)
DIGIT_RE = re.compile(r"\d")
DATE_LINE_START_RE = re.compile(r"^(?:date|dated|updated|published|posted)\b", re.IGNORECASE)
BYLINE_RE = re.compile(
    r"^(?i:by|written by|posted by|words by|story by|reported by)\s*:?\s+[A-Z]|^(?i:author|reporter)s?\s*:"
)
BYLINE_NAME_RE = re.compile(r"^(?i:by|written by|posted by|words by|story by|reported by)\s*:?\s+(?=[A-Z])")
# A credit line: "(photo credit: ...)", "Photo: X/Getty Images", "Image via ...", "(AP Photo/X)".
CREDIT_RE = re.compile(
    r"^\(?(?:main\s+|top\s+|header\s+|featured\s+|lead\s+)?"
    r"(?:photo|image|picture|photograph|video|illustration|graphic|credit)s?"
    r"(?:\s+(?:credit|credits|courtesy|by|via|source))?\s*[:|/]"
    r"|^\(?(?:photo|image|picture|illustration)s?\s+(?:by|via|courtesy)\b"
    r"|^(?:credit|credits|courtesy|source)\s*:"
    r"|\bgetty(?:\s+images)?\)?$|\bshutterstock\b|\bap photo\b|\bphoto (?:illustration )?by\b|\bimage via\b"
    r"|\bphoto via\b|\bphotograph:|\bimages? courtesy\b",
    re.IGNORECASE,
)
# A caption with its credit on the same line: "... Moscow, Russia (photo credit: X/REUTERS)".
CREDIT_TAIL_RE = re.compile(
    r"\s*\((?:(?:photo|image|picture)\s*)?(?:credit|credits|courtesy)\s*:?[^()]*\)\s*$"
    r"|\s*\((?:photo|image|picture|photograph)\s*:[^()]*\)\s*$"
    r"|\s*\((?:AP|AFP|Reuters|Getty|EPA)\b[^()]*\)\s*$",
    re.IGNORECASE,
)
CREDIT_HINTS = "photo image picture credit getty shutterstock courtesy source video illustration graphic"
CREDIT_HINT_RE = re.compile(_trie_pattern(CREDIT_HINTS.split()))
HEADING_WORDS = 16  # the longest a heading (a title, a subheading) is, in words
HEADING_END = frozenset("?!:\"'”’")
BREADCRUMB_RE = re.compile(r"[»›]|\s[>/|]\s*$")
QUOTES = "\"'‘“"
TITLE_WINDOW = 20  # units above the body searched for the headline
TITLE_MIN_WORDS = 3  # a headline's shortest length in words (its longest is HEADING_WORDS)
TITLE_FULL = 12  # longer headlines are not favoured further
TITLE_NEAR = 4  # lines below a headline where its byline or date stands
TITLE_NAME_NEAR = 2  # lines below a headline where a bare name is its byline (further down: a label)
TITLE_HEADER_BONUS = 8.0
TITLE_TWICE_BONUS = 3.0  # also for a headline quoted inside another line ('Share this: HEADLINE')
TITLE_QUOTED_WORDS = 5  # the fewest words of a headline found quoted inside another line
TITLE_MENU_SHARE = 0.5  # a line shaped like a menu (few function words) counts half its length
TITLE_DISTANCE_COST = 0.5  # per line of text between the headline and the body
TITLE_MIN_SCORE = 2.0
# A line of the page's frame, not a headline: a greeting banner or a call to click ('Welcome to ...').
BANNER_START_RE = re.compile(r"^(?:welcome to|click|tap)\b", re.IGNORECASE)
# A headline does not stop on an article, a conjunction or a possessive ('You are signed in as').
DANGLING_END_WORDS = frozenset(("a", "an", "the", "and", "or", "as", "of", "your", "my", "our", "their"))
# A button's first word: 'Learn More', 'Sign Out' are shaped like names but are no byline.
BUTTON_VERBS = frozenset(
    ("learn", "read", "sign", "log", "subscribe", "buy", "shop", "download", "edit", "view", "watch",
     "share", "follow", "click", "tap", "see", "get", "join", "more")
)  # fmt: skip
# A social handle ('Jane Doe @janedoe'): a byline's, never a headline's.
HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z_]\w{1,29}\b")
# A photo credit at the end of a line ('Jane Doe / Reuters', '... Getty Images/Creatas'): a caption's tail.
AGENCY_CREDIT_RE = re.compile(
    r"\s/\s*(?:AP|AFP|Reuters|REUTERS|Getty Images|EPA|Bloomberg|Shutterstock|Xinhua|AAP)(?:\s+file)?\s*$"
    r"|\bGetty Images\b"
)
# A full stop inside a headline, after a word and before a capital: 'Stocks Fell. Why You Should Not Worry.'
INNER_SENTENCE_RE = re.compile(r"[a-z]{3}[.!?]['’”]?\s+['‘“]?[A-Z]")
FIELD_LABEL_WORDS = 3  # 'Author:', 'Publish date:': the line after such a label is its value
KICKER_WORDS = 4  # the longest a kicker above a headline is ('Apple Black Friday Deals')
MENU_CAPS_SHARE = 0.75  # a menu capitalises (nearly) every word; a headline also has lower-case words
# A list of other stories between the header and the body ('More stories': headline, section, date;
# headline, section, date; ...) is told by its date lines, evenly spaced and ending right above the body.
STORY_LIST_DATES = 3  # the fewest dated entries of such a list (a header has one or two date lines)
STORY_ENTRY_UNITS = 8  # the most units of one entry
STORY_DATE_WORDS = 8  # the most words of an entry's date line ('By Jane Doe | June 14, 2020')
STORY_GAP_SLACK = 1  # entries differ by a unit at most (a headline and its section run together)
DATE_SHAPE_RE = re.compile(r"\d+|[^\W\d_]+")
# Teaser furniture: "2H ago", "Nov 18", "November 19, 2019 at 6:34 am", "photo-name.jpg", "US-POLITICS-VOTE".
TIMESTAMP_RE = re.compile(
    r"^(?:updated\s+)?\d+\s*(?:[smhd]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago\b"
    rf"|^(?:\w+day,?\s+)?(?:{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{MONTH_PATTERN}\.?)"
    r"(?:,?\s+\d{4})?(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$"
    r"|^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$",
    re.IGNORECASE,
)
# A timestamp line's first three letters: "Upd(ated)", a month's ("Sep.", "September"), a weekday's ("Tue")
TIMESTAMP_STARTS = frozenset(["upd", *(name[:3] for name in MONTHS), *(name[:3] for name in WEEKDAYS)])
FILE_NAME_RE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|mp4|pdf)$|^[\w]+(?:-[\w]+){3,}$", re.IGNORECASE)
COMMENT_HEAD_RE = re.compile(r"^(?:\d{1,4}\.\s+)?\S+(?:\s+\S+){0,4}\s+(?:says|said|wrote|writes)\s*:$")
# Where reader comments begin: everything after it is discounted.
COMMENTS_START_RE = re.compile(
    r"^\d+\s+(?:comments?|responses?|replies|thoughts?)\b"
    r"|^(?:comments?|responses?|replies|reader comments)\s*(?:\(\d+\))?\s*:?$"
    r"|^(?:leave|post|add|write)\s+a\s+(?:comment|reply|response)\b"
    r"|^(?:join|start)\s+the\s+(?:conversation|discussion)\b|^(?:show|view|load)\s+(?:\d+\s+)?comments?\b",
    re.IGNORECASE,
)
COMMENTS_START_WORDS = (
    "comment", "respons", "repl", "thought", "leave", "post", "add", "write", "join", "start", "show",
    "view", "load",
)  # fmt: skip
# Weights of the densest-run search (a good line weighs its word count).
BAD_WEIGHT = -12.0
SHORT_WEIGHT = -6.0
EMPTY_WEIGHT = -12.0  # a line without words (a bare bullet, a rule, a price)
SHORT_PER_WORD = 0.0  # extra penalty per word of a short line without a sentence end
SENTENCE_SHORT_WEIGHT = 0.0  # a short sentence is neutral: it neither starts nor breaks the article
COMMENT_DISCOUNT = 0.1
REPEAT_SHARE = 0.7
GOOD_FW = 0.15
LONG_LINE = 150  # characters; longer lines are split on whitespace only (see _measure)
EDGE_SENTENCES = 2  # short sentences taken in at each edge of the densest run
MAX_SHORT_RUN = 2  # more short lines than this between two paragraphs are a list of links

PROSE_WORDS = 8  # a line this long reads as a sentence of an article (for the syndicated-copy test)
GOOD, SHORT, BAD, SPECIAL = "good", "short", "bad", "special"
TRUNCATED_REASON = "teaser: summary cut off with '...'"
# The labels, bound once: looking a member up on an Enum class costs about 90 ns (Python 3.11), and the
# passes below do it several times per line.
BODY, SUBHEAD, CAPTION, CREDIT = Label.BODY, Label.SUBHEAD, Label.CAPTION, Label.CREDIT
TITLE, BYLINE, DATELINE, BOILERPLATE = Label.TITLE, Label.BYLINE, Label.DATELINE, Label.BOILERPLATE
KEPT = (BODY, SUBHEAD, CAPTION)


class _Unit:
    """A unit of the page while it is being classified (mutable; becomes a `Line`)."""

    __slots__ = (
        "bullet",
        "cls",
        "column",
        "ends_sentence",
        "first",
        "flat",
        "function",
        "indent",
        "label",
        "last",
        "low",
        "reason",
        "recurring",
        "table",
        "text",
        "tokens",
        "weight",
        "words",
    )  # fmt: skip

    def __init__(  # the fields of a block, in its order
        self, text: str, first: int, last: int, table: int = -1, column: int = 0, indent: int = 0
    ) -> None:
        self.text = text
        self.first = first
        self.last = last
        # its side-by-side table and column (w3m layouts), and where the text starts on its first line
        self.table = table
        self.column = column
        self.indent = indent
        self.bullet = False
        self.recurring = False
        self.label = BOILERPLATE
        # Set by _measure (or copied from an identical line), then by _classify and the weighting.
        self.words: int
        self.function: int
        self.ends_sentence: bool
        self.low: str  # lowercase text without the bullet, straight apostrophes: `line_key(text)`
        self.flat: str  # the text with single spaces, as a `Line` has it
        self.tokens: Sequence[str]  # the words of `low`
        self.cls: str
        self.reason: str
        self.weight: float


def normalise_line(text: str) -> str:
    """The key lines of one page are compared by (title copies, repeats): lowercase, single spaces."""
    return " ".join(text.lower().split())


def line_key(text: str) -> str:
    """The key a line is compared by across pages: no bullet, lowercase, straight apostrophes."""
    text = text.strip()
    if text[:1] in BULLET_CHARS:
        bullet = BULLET_RE.match(text)
        if bullet:
            text = text[bullet.end() :]
    return text.lower().replace("’", "'")


def find_recurring_lines(texts: Iterable[str], min_count: int = 3) -> frozenset[str]:
    """Line keys (10-300 characters, see `line_key`) found in at least `min_count` of the texts."""
    counts: dict[str, int] = {}
    for text in texts:
        seen = set()
        for raw, _, _ in split_units(text):
            key = line_key(raw)
            if 10 <= len(key) <= 300:
                seen.add(key)
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(key for key, count in counts.items() if count >= min_count)


def _measure(unit: _Unit) -> None:
    text = unit.text
    if text[:1] in BULLET_CHARS:
        bullet = BULLET_RE.match(text)
        if bullet:
            unit.bullet = True
            text = text[bullet.end() :]
    low = text.lower().replace("’", "'")
    unit.low = low
    unit.flat = " ".join(unit.text.split())
    if len(low) > LONG_LINE:
        # A long line is prose or a menu either way: whitespace tokens count well enough, and fast.
        words = low.split()
    else:
        words = _ascii_words(low)
        if not words and not low.isascii():
            words = WORD_RE.findall(low)
    unit.tokens = words
    unit.words = len(words)
    # The share of function words only matters for lines long enough to be prose, and for bullets.
    unit.function = sum(map(FUNCTION_WORDS.__contains__, words)) if len(words) >= 8 or unit.bullet else 0
    if "/" in text:
        text = URL_TAIL_RE.sub("", text)
    unit.ends_sentence = bool(text) and (
        text[-1] in SENTENCE_END or (text[-1] == ")" and len(text) > 1 and text[-2] in SENTENCE_END)
    )


def _ascii_words(low: str) -> list[str]:
    """`ASCII_WORD_RE.findall(low)`: without an apostrophe, the runs of a-z (any other character, a byte
    of a non-ASCII one too, parts them)."""
    if "'" in low:
        return ASCII_WORD_RE.findall(low)
    return low.encode("utf-8", "surrogatepass").translate(LETTER_RUNS).decode("ascii").split()


def _has_date(text: str) -> bool:
    """`DATE_RE.search(text)`, faster: all its patterns need a digit except 'Updated...' at the start."""
    return (DATE_RE.search(text) if DIGIT_RE.search(text) else DATE_RE.match(text)) is not None


def _may_hold_cue(unit: _Unit) -> bool:
    """False when CUE_RE cannot find anything in the unit's `low`, told from its words (much cheaper).

    A line of up to LONG_LINE characters without an apostrophe has its whole runs of letters as its
    words (no letters at all if its words came from WORD_RE), and a cue starts with one of them.
    """
    low = unit.low
    return CUE_HEADS is None or len(low) > LONG_LINE or "'" in low or not CUE_HEADS.isdisjoint(unit.tokens)


def _caps(unit: _Unit) -> int:
    return len(CAP_WORD_RE.findall(unit.text))


def _glued_teaser(text: str) -> bool:
    """A capitalised headline run straight into its summary: 'Police Arrest Two SuspectsA man was...'."""
    # From the 21st character on (the one before the capital from the 20th); no match is skipped for
    # overlapping another, and those ('aBcDe') are no glue anyway: the capital before is in `before`.
    for match in GLUE_RE.finditer(text, 21, 200):
        at = match.start() - 1
        # 'SteakhouseA', '250,000The': a word ends and the next begins; not 'McAllen' or 'iPhone'.
        before = text[at - 2 : at + 1]
        if not text[at].isalpha() or (before.isalpha() and before.islower()):
            break
    else:
        return False
    head = text[: match.end() - 2].split()
    caps = sum(1 for word in head if word[:1].isupper() or word[:1].isdigit())
    return len(head) >= 6 and caps >= 0.75 * len(head)


def _embed_furniture(unit: _Unit) -> str | None:
    """Why a unit is the frame of an embedded post (its signature, heading or picture link), else None."""
    text = unit.text
    if "(@" in text:
        if text[0] in "—–-":
            return SIGNATURE_REASON if TWEET_SIGNATURE_RE.match(text) else None
        return EMBED_REASON if POST_SHARED_RE.match(text) else None
    if unit.words <= 8 and (POST_LINK_RE.match(text) if "/" in text else POST_HEAD_RE.match(text)):
        return EMBED_REASON
    return None


def _classify(unit: _Unit, teasers: bool = True) -> None:
    """First decision on one unit, from its own features only."""
    text = unit.text
    words = unit.words
    if unit.recurring:
        unit.cls, unit.reason = BAD, "recurring: found in several articles of this run"
        return
    if words == 0:
        unit.cls, unit.reason = BAD, "no words"
        return
    low = unit.low
    embed = _embed_furniture(unit)
    if embed:
        # Special: it weighs nothing, so the post around it stays in the article (see `_short_runs`).
        unit.cls, unit.label, unit.reason = SPECIAL, BOILERPLATE, embed
        return
    if ("[" in text or "__" in text or "(BUTTON)" in text or text.startswith("IFRAME:")) and (
        FORM_RE.search(text) or (words <= 4 and IMAGE_NAME_RE.search(text))
    ):
        unit.cls, unit.reason = BAD, "form field, button or image name"
        return
    if words <= 14 and CREDIT_HINT_RE.search(low) and CREDIT_RE.search(text):
        unit.cls, unit.label, unit.reason = SPECIAL, CREDIT, "credit: photo or image credit"
        return
    fw = unit.function / words
    if unit.bullet and not unit.ends_sentence and (words <= 8 or fw < 0.2):
        unit.cls, unit.reason = BAD, f"menu item: bullet, {words} words"
        return
    if words == 1:
        # One word: a whole-line lookup is enough (and much cheaper than the cue regex).
        word = low.strip(CUE_STRIP)
        if word in BOILERPLATE_CUES:
            unit.cls, unit.reason = BAD, f"boilerplate cue: {word!r}"
            return
    elif words <= 15 and _may_hold_cue(unit):
        cues = CUE_RE.findall(low)
        if cues and (
            len(" ".join(cues).split()) * 2 >= words
            or (low.startswith(cues[0]) and (words <= 8 or not unit.ends_sentence))
            or len(set(cues)) >= 2
        ):
            unit.cls, unit.reason = BAD, f"boilerplate cue: {cues[0]!r}"
            return
    if words <= 30 and "@" in low and EMAIL_RE.search(low):
        unit.cls, unit.reason = BAD, "contact: e-mail address"
        return
    if words <= 12 and (
        ((low[:1].isdigit() or low[:3] in TIMESTAMP_STARTS) and TIMESTAMP_RE.match(text))
        or (("." in low or "-" in low) and FILE_NAME_RE.match(text))
    ):
        unit.cls, unit.reason = BAD, "timestamp or file name"
        return
    if words <= 8 and text[-1] == ":" and COMMENT_HEAD_RE.match(text):
        unit.cls, unit.reason = BAD, "comment header: 'NAME says:'"
        return
    first = low[:1]
    if words <= 16 and first in "dup" and DATE_LINE_START_RE.match(low) and _has_date(low):
        unit.cls, unit.reason = BAD, "dateline-like: 'Published: DATE'"
        return
    if words <= 16 and first in "bwpsra" and BYLINE_RE.match(text):
        unit.cls, unit.reason = BAD, "byline-like: 'By NAME'"
        return
    if words <= 12 and ("." in low or "/" in low or "@" in low) and URL_RE.search(low):
        unit.cls, unit.reason = BAD, "link or address"
        return
    if words >= 8 and fw < 0.12 and not unit.ends_sentence:
        unit.cls = BAD
        unit.reason = f"menu: {words} words, {_caps(unit)} capitalised, {fw:.0%} function words"
        return
    if words <= 40 and ("©" in low or "rights reserved" in low or "copyright" in low):
        unit.cls, unit.reason = BAD, "legal: copyright notice"
        return
    if (
        teasers
        and words >= 10
        and text.endswith(("...", "…]", "...]"))
        and TRUNCATED_RE.search(text, len(text) - 6)
    ):
        unit.cls, unit.reason = BAD, TRUNCATED_REASON
        return
    if words >= 12 and _glued_teaser(text):
        unit.cls, unit.reason = BAD, "teaser: headline glued to its summary"
        return
    if words >= 10 and fw >= GOOD_FW and (unit.ends_sentence or words >= 40 or text[-1] in ",;:"):
        unit.cls = GOOD
        unit.reason = f"body: {words} words, {fw:.0%} function words"
        return
    if words >= 40 and fw >= 0.12:
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
        return EMPTY_WEIGHT if unit.words == 0 else BAD_WEIGHT
    if unit.cls == SPECIAL:
        return 0.0
    if unit.ends_sentence:
        return SENTENCE_SHORT_WEIGHT
    return SHORT_WEIGHT - SHORT_PER_WORD * unit.words if unit.words >= 3 else SHORT_WEIGHT / 2


def _mark_repeats(units: list[_Unit]) -> None:
    """A prose unit whose word trigrams mostly occurred earlier is a copy (a teaser, a second rendering)."""
    seen: set[tuple[str, str, str]] = set()
    for unit in units:
        if unit.cls != GOOD:
            continue
        words = unit.tokens
        before = len(seen)
        seen.update(zip(words, words[1:], words[2:], strict=False))
        # The trigrams seen before are those that did not grow `seen` (no intersection to build). Most
        # units add more than half their trigrams: no repeat, and their own set is never built.
        new, most = len(seen) - before, len(words) - 2
        if most > 0 and new * 2 <= most:
            grams = len(set(zip(words, words[1:], words[2:], strict=False)))
            if grams - new >= REPEAT_SHARE * grams:
                unit.cls, unit.reason = BAD, "repeat: its words already appeared above"


def _discount_comments(units: list[_Unit]) -> None:
    """Prose after the start of the reader comments weighs little: comments are not the article."""
    seen_words = 0
    for i, unit in enumerate(units):
        if (
            seen_words >= 40
            and unit.words <= 16
            and (unit.low[:1].isdigit() or unit.low.startswith(COMMENTS_START_WORDS))
            and COMMENTS_START_RE.match(unit.text)
        ):
            unit.cls, unit.reason = BAD, "comments: start of the reader comments"
            unit.weight = BAD_WEIGHT
            for later in units[i + 1 :]:
                if later.weight > 0:
                    later.weight *= COMMENT_DISCOUNT
            return
        if unit.cls == GOOD:
            seen_words += unit.words


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


def _widen_to_sentences(units: list[_Unit], start: int, end: int) -> tuple[int, int]:
    """Take in short sentences right at the edges of the run ('A storm hit the coast on Sunday.')."""
    for _ in range(EDGE_SENTENCES):
        unit = units[start - 1] if start > 0 else None
        if unit is None or not _edge_sentence(unit) or units[start].first - unit.last > 2:
            break
        start -= 1
    for _ in range(EDGE_SENTENCES):
        unit = units[end + 1] if end + 1 < len(units) else None
        if unit is None or not _edge_sentence(unit) or unit.first - units[end].last > 2:
            break
        end += 1
    return start, end


def _edge_sentence(unit: _Unit) -> bool:
    return unit.cls == SHORT and unit.ends_sentence and unit.words >= 4 and not unit.bullet


def _is_heading(unit: _Unit) -> bool:
    text = unit.text
    return (
        1 <= unit.words <= HEADING_WORDS
        and not unit.bullet
        and (text[-1] not in SENTENCE_END or text[-1] in HEADING_END)
        and text[-1] != "."
    )


def _mark_captions(units: list[_Unit]) -> None:
    """Captions: a line with a credit tail, or the line just before a credit line."""
    for i, unit in enumerate(units):
        if unit.label is CREDIT:
            if i > 0 and units[i - 1].last == unit.first - 1:
                prev = units[i - 1]
                if prev.cls in (GOOD, SHORT) and prev.words >= 4 and not prev.bullet:
                    prev.cls, prev.label = SPECIAL, CAPTION
                    prev.reason = "caption: precedes photo credit"
            continue
        if unit.cls in (GOOD, SHORT) and unit.words >= 4:
            tail = CREDIT_TAIL_RE.search(unit.text) if unit.text.endswith(")") else None
            if tail and tail.start() > 0:
                unit.cls, unit.label = SPECIAL, CAPTION
                unit.reason = "caption: ends with photo credit"


def _is_name(unit: _Unit) -> bool:
    """A bare name ('Anna Menin', 'Clay Patrick McBride'): a byline or a credit, not a headline."""
    return (
        unit.words <= 3
        and _caps(unit) >= unit.words
        and not any(map(FUNCTION_WORDS.__contains__, unit.tokens))
    )


def _is_byline_name(unit: _Unit, menu_items: Container[str]) -> bool:
    """A bare name that can be a byline: two or three words, no digits, not a button or a menu entry.

    'Learn More', 'Data Solutions' (also a menu entry of the page) or 'Rockledge 14 11 6 15' are shaped
    like names but are the page's furniture.
    """
    return (
        unit.words >= 2
        and _is_name(unit)
        and not DIGIT_RE.search(unit.text)
        and unit.tokens[0] not in BUTTON_VERBS
        and unit.low not in menu_items
    )


def _is_header_line(unit: _Unit) -> bool:
    """A byline or a date line: what stands by a headline (a bare name is judged by `_is_byline_name`)."""
    if unit.label is BYLINE or unit.label is DATELINE:
        return True
    text = unit.text
    return unit.words <= 16 and (
        BYLINE_RE.match(text) is not None
        or _has_date(text)
        or HANDLE_RE.search(text) is not None
        or unit.low.rstrip(" :") == "by"  # 'By' on a line of its own, the name on the next
    )


def _is_photo_credit(unit: _Unit) -> bool:
    """A photo credit line, or a line ending in one ('... Austria. Jane Doe / Reuters')."""
    if unit.label is CREDIT:
        return True
    return unit.words <= HEADING_WORDS and AGENCY_CREDIT_RE.search(unit.text) is not None


def _is_doubled(unit: _Unit) -> bool:
    """The same words twice in a row ('Jane Doe Jane Doe'): an image's alt text and its link, side by side."""
    half, odd = divmod(len(unit.tokens), 2)
    return half > 0 and not odd and unit.tokens[:half] == unit.tokens[half:]


def _is_field_label(unit: _Unit) -> bool:
    """A short label that introduces a value on the next line ('Author:', 'Publish date:')."""
    return 0 < unit.words <= FIELD_LABEL_WORDS and unit.text.endswith(":")


def _may_be_title(unit: _Unit) -> bool:
    """A unit shaped like a headline: a few words, no full stop, not a name, a link, a credit or a date.

    A headline of two sentences ('Stocks Fell. Here Is Why.') may end with a full stop; `_title_scores`
    then asks for a byline or a date below it.
    """
    if not TITLE_MIN_WORDS <= unit.words <= HEADING_WORDS or unit.bullet or unit.cls == SPECIAL:
        return False
    text = unit.text
    last = text[-1]
    if last == "." and (
        INNER_SENTENCE_RE.search(text) is None
        or unit.tokens[0] in BUTTON_VERBS
        or CREDIT_HINT_RE.search(unit.low)
    ):
        return False  # one sentence, a pitch ('Get the news. Every morning.') or a caption and its credit
    if last == ":" or (last in SENTENCE_END and last not in HEADING_END and last != "."):
        return False
    if unit.cls == BAD and not unit.reason.startswith(("menu:", "repeat:")):
        return False
    return (
        (text[0].isalnum() or text[0] in QUOTES)
        and " " in text.strip()  # 'success-mindset': a slug or a file name
        and unit.low.rsplit(None, 1)[-1] not in DANGLING_END_WORDS
        and not _is_name(unit)
        and not _is_doubled(unit)
        and not BANNER_START_RE.match(text)
        and not BREADCRUMB_RE.search(text)
        and not URL_RE.search(unit.low)
        and not HANDLE_RE.search(text)
        and not CREDIT_RE.search(text)
        and not AGENCY_CREDIT_RE.search(text)
        and not BYLINE_RE.match(text)
        and not _has_date(text)
    )


def _find_title(units: list[_Unit], start: int) -> int:
    """The index of the headline among the units above the body, -1 when none looks like one."""
    best = max(_title_scores(units, start), default=None)  # ties: the unit nearer the body
    return best[1] if best is not None and best[0] > TITLE_MIN_SCORE else -1


def _text_lines_above(units: list[_Unit], start: int) -> list[int]:
    """The indices of the TITLE_WINDOW units with words (bullets aside) above `start`, top first."""
    texts: list[int] = []
    for i in range(start - 1, -1, -1):
        if units[i].words and not units[i].bullet:
            texts.append(i)
            if len(texts) == TITLE_WINDOW:
                break
    texts.reverse()
    return texts


def _title_scores(units: list[_Unit], start: int) -> list[tuple[float, int]]:
    """(score, index) of each headline-shaped unit among the TITLE_WINDOW lines of text above the body.

    A unit scores its length (up to TITLE_FULL words; half that if it reads like a menu), more when
    a byline or a date stands below it, or a bare name right below it (or a date right above it), more
    when the page prints it twice (an H1, its share box), and less for every line of text between it
    and the body. A line right above a photo credit is a caption, the value of a field ('Author:') is
    no headline, and a subtitle (dek) right below a headline leaves the byline below both to it.
    """
    texts = _text_lines_above(units, start)
    candidates = [
        n
        for n, i in enumerate(texts)
        if _may_be_title(units[i])
        and not (i > 0 and _is_field_label(units[i - 1]))
        and not (n + 1 < len(texts) and _is_photo_credit(units[texts[n + 1]]))
    ]
    if not candidates:
        return []
    seen = Counter(map(attrgetter("low"), units))
    # the page's lines other than prose, where a share box or an image's text quotes the headline
    page = "\n".join([unit.low for unit in units if unit.cls != GOOD])
    menu_items = {unit.low for unit in units if unit.bullet and unit.cls == BAD}
    header: dict[int, bool] = {}
    headed: set[int] = set()  # the candidates a byline or a date stands by
    scores = []
    for c, n in enumerate(candidates):
        i = texts[n]
        unit = units[i]
        below = texts[n + 1 : n + 1 + TITLE_NEAR]
        above = units[texts[n - 1]] if n > 0 else None
        score = min(unit.words, TITLE_FULL) * (TITLE_MENU_SHARE if _reads_as_menu(unit) else 1.0)
        if (
            any(header[k] if k in header else header.setdefault(k, _is_header_line(units[k])) for k in below)
            or any(_is_byline_name(units[k], menu_items) for k in below[:TITLE_NAME_NEAR])
        ) and not (c > 0 and candidates[c - 1] in headed and _is_dek(units, texts[candidates[c - 1]], i)):
            headed.add(n)
            score += TITLE_HEADER_BONUS
        elif unit.text[-1] == ".":
            continue  # a headline of two sentences is told from prose by its byline or date
        elif above is not None and above.words <= 16 and _has_date(above.text):
            score += TITLE_HEADER_BONUS / 2
        if seen[unit.low] > 1 or (unit.words >= TITLE_QUOTED_WORDS and page.count(unit.low) > 1):
            score += TITLE_TWICE_BONUS
        score -= TITLE_DISTANCE_COST * (len(texts) - n - 1)
        scores.append((score, i))
    return scores


def _is_dek(units: list[_Unit], upper: int, lower: int) -> bool:
    """Whether unit `lower` is the subtitle of the headline-shaped unit `upper` right above it.

    Nothing stands between them, and the dek is the longer and reads as a sentence (most of its words
    in lower case); a line of a few words above a headline is its kicker ('Apple Deals'), not a
    headline with a dek.
    """
    head, dek = units[upper], units[lower]
    return (
        lower == upper + 1
        and head.words > KICKER_WORDS
        and dek.words > head.words
        and _caps(dek) * 2 < dek.words
    )


def _reads_as_menu(unit: _Unit) -> bool:
    """A line classed as a menu whose words are (nearly) all capitalised; a headline has lower-case words."""
    return unit.cls == BAD and unit.reason.startswith("menu:") and _caps(unit) >= MENU_CAPS_SHARE * unit.words


def _story_list_top(units: list[_Unit], start: int) -> int:
    """Where a list of other stories that ends right above the body begins; `start` when there is none.

    Its entries have one shape (a headline, maybe a section name, a date written one way), so their
    date lines are alike and stand at (nearly) equal distances; the article's own header (headline,
    byline, dateline) is above the list.
    """
    dates: list[int] = []  # date lines, nearest the body first
    for i in range(start - 1, -1, -1):
        if (dates[-1] if dates else start) - i > STORY_ENTRY_UNITS:
            break
        unit = units[i]
        if 0 < unit.words <= STORY_DATE_WORDS and DIGIT_RE.search(unit.text) and DATE_RE.search(unit.text):
            dates.append(i)
    if len(dates) < STORY_LIST_DATES:
        return start
    gap = dates[0] - dates[1]
    trailing = start - 1 - dates[0]  # lines of the last entry below its date
    if gap < 2 or trailing >= gap:
        return start
    shape = _date_shape(units[dates[0]].text)
    chain = 1
    while (
        chain < len(dates)
        and abs(dates[chain - 1] - dates[chain] - gap) <= STORY_GAP_SLACK
        and _date_shape(units[dates[chain]].text) == shape
    ):
        chain += 1
    if chain < STORY_LIST_DATES:
        return start
    top_gap = dates[chain - 2] - dates[chain - 1]
    return dates[chain - 1] - max(0, top_gap - 1 - trailing)


def _date_shape(text: str) -> str:
    """How a date line is written: its runs of digits ('0') and of words ('a'); 'June 3, 2019' is 'a00'."""
    return re.sub("a+", "a", "".join("0" if run[0].isdigit() else "a" for run in DATE_SHAPE_RE.findall(text)))


def _label_header(units: list[_Unit], body: int, meta: dict[str, str]) -> None:
    """Title, byline and dateline among the units before the article body (and a list of other stories)."""
    start = _story_list_top(units, body)
    best = _find_title(units, start)
    if best < 0 and start < body:  # no headline above that list: it was the header after all
        start = body
        best = _find_title(units, start)
    if best >= 0:
        title = units[best]
        meta["title"] = " ".join(title.text.split())
        key, size = normalise_line(title.text), len(title.text)
        for unit in units[: start + 1]:
            if abs(len(unit.text) - size) <= 8 and normalise_line(unit.text) == key:
                unit.cls, unit.label = SPECIAL, TITLE
                unit.reason = "title: the headline above the body"
    header_from = max(0, start - 25) if best < 0 else max(0, best - 3)
    lone_name_done = False
    for i in range(header_from, start):
        unit = units[i]
        if unit.cls == SPECIAL:  # decided already: a title, a caption, a credit, an embedded post's signature
            continue
        text = unit.text.strip()
        if (DATE_LINE_START_RE.match(text) and unit.words <= 40 and _has_date(text)) or (
            unit.words <= 12 and _has_date(text)
        ):
            unit.cls, unit.label, unit.reason = SPECIAL, DATELINE, "dateline: date near the title"
            meta.setdefault("date", " ".join(text.split()))
            continue
        if unit.words <= 16 and BYLINE_RE.match(text):
            unit.cls, unit.label, unit.reason = SPECIAL, BYLINE, "byline: 'By NAME'"
            meta.setdefault("author", BYLINE_NAME_RE.sub("", " ".join(text.split()), count=1).strip())
            continue
        if (
            not lone_name_done
            and unit.cls == SHORT
            and best >= 0
            and i > best
            and 1 <= unit.words <= 4
            and _caps(unit) >= unit.words
            and not any(ch.isdigit() for ch in text)
            and text[-1] not in SENTENCE_END
            and not CUE_RE.search(text)
            and not unit.bullet
        ):
            lone_name_done = True
            unit.cls, unit.label, unit.reason = SPECIAL, BYLINE, "byline: lone name below the title"
            meta.setdefault("author", " ".join(text.split()))


def _short_runs(units: list[_Unit], start: int, end: int) -> dict[int, tuple[int, int]]:
    """For each short unit inside the run: (shorts, sentence-like shorts) of its stretch between prose."""
    runs: dict[int, tuple[int, int]] = {}
    stretch: list[int] = []

    def close() -> None:
        if any(units[k].reason is SIGNATURE_REASON for k in stretch):
            sentences = len(stretch)  # an embedded tweet: its lines, then '— Name (@handle) date'
        else:
            sentences = sum(1 for k in stretch if units[k].ends_sentence)
        for k in stretch:
            runs[k] = (len(stretch), sentences)
        stretch.clear()

    for i in range(max(start, 0), end + 1):
        unit = units[i]
        if unit.cls == GOOD:
            close()
        # an embedded post's frame (dropped all the same) counts among the short lines it stands with
        elif unit.cls == SHORT or unit.reason is SIGNATURE_REASON or unit.reason is EMBED_REASON:
            stretch.append(i)
    close()
    return runs


def _decide(units: list[_Unit], start: int, end: int) -> None:
    """Final labels: body inside the densest run (with smoothing), boilerplate elsewhere."""
    runs = _short_runs(units, start, end)
    for i, unit in enumerate(units):
        if unit.cls == SPECIAL:
            if unit.label is CAPTION and not (start - 3 <= i <= end + 1):
                unit.label, unit.reason = BOILERPLATE, "caption outside the article"
            continue
        inside = start <= i <= end
        if not inside:
            where = "before" if i < start else "after"
            unit.label, unit.reason = BOILERPLATE, f"{where} the article; {unit.reason}"
            continue
        if unit.cls == GOOD:
            unit.label = BODY
            continue
        if unit.cls == BAD:
            unit.label = BOILERPLATE
            continue
        shorts, sentences = runs[i]
        sentence_like = unit.ends_sentence or sentences == shorts
        if sentence_like and (shorts <= MAX_SHORT_RUN or sentences * 2 >= shorts):
            unit.label = BODY
            where = "at the edge of the article" if i in (start, end) else "between body lines"
            unit.reason = f"body: short line {where} ({unit.words} words)"
        elif _is_heading(unit) and shorts <= MAX_SHORT_RUN:
            unit.label, unit.reason = SUBHEAD, f"subhead: {unit.words} words inside the body"
        else:
            unit.label = BOILERPLATE
            unit.reason = f"link list: {shorts} short lines between body lines; {unit.reason}"


def _extend_lists(units: list[_Unit], end: int) -> None:
    """Keep the list a kept line introduces with a colon ('Tour dates:'), up to the first gap."""
    n = len(units)
    i = 0
    while i < n:
        unit = units[i]
        intro = unit.text.endswith(":") and (
            unit.label in (BODY, SUBHEAD)
            or (i > end >= 0 and i - end <= 2 and unit.cls == SHORT and unit.words >= 3)
        )
        i += 1
        if not intro:
            continue
        prev = unit
        items = []
        while i < n:
            item = units[i]
            listy = item.cls == SHORT or (
                item.cls == BAD and ("menu:" in item.reason or "menu item:" in item.reason)
            )
            if item.first - prev.last > 2 or not listy or item.label in KEPT:
                break
            items.append(item)
            prev = item
            i += 1
        if len(items) >= 2:
            if unit.label not in KEPT:
                unit.label, unit.reason = SUBHEAD, "subhead: introduces a list"
            for item in items:
                item.label = BODY
                item.reason = f"list item after '{_clip(unit.text, 30)}'; {item.reason}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _dedupe(units: list[_Unit]) -> None:
    """A kept line that repeats an earlier kept line (or caption) is dropped."""
    seen: set[str] = set()
    for unit in units:
        if unit.label not in KEPT:
            continue
        if unit.text.endswith(")"):
            key = normalise_line(CREDIT_TAIL_RE.sub("", unit.text))
        else:
            key = unit.flat.lower()  # `normalise_line(unit.text)`: lowercasing keeps the spaces as they are
        if key in seen:
            what = "caption" if unit.label is CAPTION else "line"
            unit.label, unit.reason = BOILERPLATE, f"repeat of an earlier kept {what} (kept once)"
        else:
            seen.add(key)


def _final_text(unit: _Unit) -> str:
    text = unit.flat
    if unit.label is CAPTION:
        stripped = CREDIT_TAIL_RE.sub("", text).strip()
        if stripped:
            return stripped
    if unit.bullet and unit.label in (BODY, SUBHEAD):
        match = BULLET_RE.match(text)
        if match and match.end() < len(text):
            return text[match.end() :]
    return text


def _label_by_rules(text: str, recurring: Container[str]) -> tuple[list[_Unit], int, int, dict[str, str]]:
    """The rule cascade: every unit labelled, the densest run of prose (start, end) and the header found."""
    units = [_Unit(*block) for block in reflow_blocks(text)]  # a block's text is stripped
    # Menus and footers repeat lines within a page: measure and classify each distinct text once.
    first_of: dict[str, _Unit] = {}
    copies: list[tuple[_Unit, _Unit]] = []
    for unit in units:
        proto = first_of.setdefault(unit.text, unit)
        if proto is unit:
            _measure(unit)
        else:
            copies.append((unit, proto))
    for unit, proto in copies:
        unit.words, unit.function, unit.ends_sentence = proto.words, proto.function, proto.ends_sentence
        unit.bullet, unit.low, unit.tokens, unit.flat = proto.bullet, proto.low, proto.tokens, proto.flat
    protos = first_of.values()
    if recurring:
        for unit in protos:
            unit.recurring = unit.low in recurring  # `low` is `line_key(text)`
        good_total = sum(1 for u in protos if u.words >= PROSE_WORDS)
        good_recurring = sum(1 for u in protos if u.words >= PROSE_WORDS and u.recurring)
        # A page whose prose mostly recurs is a copy of another article of the run, not boilerplate.
        if good_total and good_recurring * 2 > good_total:
            for unit in protos:
                unit.recurring = False
    for proto in protos:
        _classify(proto)
    cut_off = [unit for unit in protos if unit.reason is TRUNCATED_REASON]
    if len(cut_off) == 1:
        # Teasers come in lists; one paragraph trailing off with '...' is more likely a quote.
        _classify(cut_off[0], teasers=False)
    for unit, proto in copies:
        unit.cls, unit.label, unit.reason = proto.cls, proto.label, proto.reason
        unit.recurring = proto.recurring
    _mark_repeats(units)
    _mark_captions(units)
    for unit in units:
        unit.weight = float(unit.words) if unit.cls == GOOD else _weight(unit)
    _discount_comments(units)
    start, end = _densest_run(units)
    if start < 0:
        # No paragraph of prose anywhere (a snippet, a one-line note): sentences are the article.
        for unit in units:
            if unit.cls == SHORT and unit.ends_sentence and unit.words >= 3:
                unit.cls, unit.weight = GOOD, float(unit.words)
                unit.reason = f"body: {unit.words} words, a sentence on a page without paragraphs"
        start, end = _densest_run(units)
    if start >= 0:
        start, end = _widen_to_sentences(units, start, end)
    meta: dict[str, str] = {}
    if start >= 0:
        _label_header(units, start, meta)
    _decide(units, start if start >= 0 else len(units), end)
    _extend_lists(units, end)
    return units, start, end, meta


# Labels the rules give for good: the header (its metadata is read from them), photo credits and captions
# (kept apart from the body for the dated facts they carry; most corpora's gold leaves them out).
FIXED_LABELS = frozenset((TITLE, BYLINE, DATELINE, CREDIT, CAPTION))


def _unit_features(
    units: list[_Unit], start: int, end: int, which: list[int] | None = None
) -> list[list[float]]:
    title = next((i for i, unit in enumerate(units) if unit.label is TITLE), -1)
    return page_features(units, start, end, title, which)


def model_inputs(text: str, recurring: Container[str] = frozenset()) -> list[tuple[str, list[float], bool]]:
    """Per unit: its text, its feature row and whether the model decides it (training reads these)."""
    units, start, end, _ = _label_by_rules(text, recurring)
    rows = _unit_features(units, start, end)
    return [(unit.text, row, unit.label not in FIXED_LABELS) for unit, row in zip(units, rows, strict=True)]


def _label_by_model(units: list[_Unit], start: int, end: int, model: BodyModel) -> None:
    """Keep or drop every unit but the header, captions and credits by the fitted model's probability.

    A page where the model would keep no line at all (a one-sentence note, a bare list) keeps the rules'
    decisions: an empty article is never the better guess.
    """
    veto, threshold = model.veto, model.threshold
    # not the header, a caption, or a line a rule has named (a copyright notice, a form, ...)
    which = [
        i
        for i, unit in enumerate(units)
        if unit.label not in FIXED_LABELS
        and not (unit.cls in (BAD, SPECIAL) and rule_head(unit.reason) in veto)
    ]
    if model.smooth:  # the smoothing stage reads every unit's first stage
        probs = model.probabilities(_unit_features(units, start, end))
        decided = [(units[i], probs[i]) for i in which]
    else:  # each unit's own probability: only those the model decides are worth computing
        probs = model.probabilities(_unit_features(units, start, end, which))
        decided = [(units[i], p) for i, p in zip(which, probs, strict=True)]
    if not any(p >= threshold for _, p in decided):
        return
    for unit, p in decided:
        if p >= threshold:
            if unit.label not in KEPT:
                unit.label = SUBHEAD if _is_heading(unit) and not unit.ends_sentence else BODY
        else:
            unit.label = BOILERPLATE
        unit.reason = f"model: p={p:.2f}; {unit.reason}"


DEFAULT_MODEL = "shipped"


def clean_text(
    text: str, recurring: Container[str] = frozenset(), model: BodyModel | str | None = DEFAULT_MODEL
) -> Cleaned:
    """Label every non-blank line (or rebuilt paragraph) of a plain-text page.

    `recurring`: the line keys (`line_key`) found in several articles of the run. `model`: the fitted
    classifier that makes the final keep-or-drop decision (the shipped one by default; None: rules only).
    """
    units, start, end, meta = _label_by_rules(text, recurring)
    fitted = load_model() if model == DEFAULT_MODEL else model
    if isinstance(fitted, BodyModel) and units:
        _label_by_model(units, start, end, fitted)
    _dedupe(units)
    # Only a kept line can lose its bullet or photo credit (`_final_text`); the others keep `flat`.
    lines = [
        Line(_final_text(u) if u.label in KEPT else u.flat, u.label, u.reason, u.first, u.last) for u in units
    ]
    return Cleaned(
        lines=tuple(lines),
        metadata=Metadata(title=meta.get("title"), author=meta.get("author")),
    )


def classify_line(text: str) -> tuple[str, str]:
    """The rules' first decision on one line from its own text alone: its class ('bad', ...) and reason.

    The same cue and shape tests the text path starts from, for lines another extractor kept (the HTML path).
    """
    unit = _Unit(text.strip(), 0, 0)
    if not unit.text:
        return BAD, "no words"
    _measure(unit)
    _classify(unit)
    return unit.cls, unit.reason
