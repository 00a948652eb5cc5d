"""Units of a plain-text page: one per non-blank line, or paragraphs rebuilt from hard wraps."""

from __future__ import annotations

import re

# A line that starts a list item or a form control never continues the line above.
_ITEM_START = re.compile(r"^\s*(?:[•□◦▪▫●○■◆►▸‣⁃·∙*+#]\s|-\s|\d{1,2}[.)]\s|\[|\(BUTTON\)|IFRAME:)")
# What `_ITEM_START` can find after the indent, besides a digit: a cheap test that spares most lines the regex
_ITEM_FIRST = frozenset("•□◦▪▫●○■◆►▸‣⁃·∙*+#-[(I")
_SENTENCE_END = frozenset(".!?\"”’")

# A non-blank line or rebuilt paragraph with its source line range (0-based, inclusive): (text, first, last).
# The text is raw: wrapped lines joined by one space. A plain tuple, as the cleaner's hot path builds many.
Span = tuple[str, int, int]


def find_wrap_width(lengths: list[int]) -> int | None:
    """The column a dump was hard-wrapped at, from its non-blank lines' lengths (trailing blanks left out).

    None when the lines are not hard-wrapped.
    """
    if len(lengths) < 8 or len([n for n in lengths if n > 100]) > max(2, len(lengths) // 50):
        return None
    near = sorted([n for n in lengths if 50 <= n <= 100])
    if len(near) < max(4, len(lengths) // 20):
        return None
    return near[int(len(near) * 0.95)]


def _stray_label(prev: str, line: str, after: str) -> bool:
    """A short label ('Advertisement') under a finished sentence is not the paragraph's last line."""
    return (
        prev[-1:] in _SENTENCE_END
        and line[-1:] not in _SENTENCE_END
        and len(line.split()) <= 3
        and not after.strip()
    )


def _continues(prev: str, line: str, stripped: str, after: str, room: int) -> bool:
    """Whether `line` (`stripped`) goes on with the paragraph whose last line is `prev`.

    It does when its first word is at least as long as the `room` left on the line above (the browser
    wrapped it), unless it starts a list item or is a stray label; `after` is the line below it.
    """
    space = stripped.find(" ")
    return (
        (space if space > 0 else len(stripped)) >= room
        and not ((stripped[0] in _ITEM_FIRST or stripped[0].isdecimal()) and _ITEM_START.match(line))
        and not _stray_label(prev, stripped, after)
    )


def split_units(text: str) -> list[Span]:
    """Non-blank units of a page, rejoining hard-wrapped paragraphs when the page is wrapped."""
    lines = text.splitlines()
    ends = list(map(len, map(str.rstrip, lines)))  # where each line's text ends; 0 for a blank line
    width = find_wrap_width([n for n in ends if n])
    if width is None:
        return [(line, i, i) for i, (line, end) in enumerate(zip(lines, ends, strict=True)) if end]
    spans: list[Span] = []
    parts: list[str] = []
    first = prev_len = 0
    limit = width - 3  # a first word longer than the room left on the line above was wrapped
    count = len(lines)
    for i, line in enumerate(lines):
        if not ends[i]:
            if parts:
                spans.append((" ".join(parts), first, i - 1))
                parts = []
            continue
        stripped = line.strip()
        if parts:
            # The whole line is a bound on its first word: most lines fail this without a closer look.
            if prev_len + len(stripped) >= limit and _continues(
                parts[-1], line, stripped, lines[i + 1] if i + 1 < count else "", limit - prev_len
            ):
                parts.append(stripped)
                prev_len = ends[i]
                continue
            spans.append((" ".join(parts), first, i - 1))
        parts = [stripped]
        first = i
        prev_len = ends[i]
    if parts:
        spans.append((" ".join(parts), first, count - 1))
    return spans
