"""Units of a plain-text page: one per non-blank line, or paragraphs rebuilt from hard wraps."""

from __future__ import annotations

import re
from typing import NamedTuple

# A line that starts a list item or a form control never continues the line above.
_ITEM_START = re.compile(r"^\s*(?:[•□◦▪▫●○■◆►▸‣⁃·∙*+#]\s|-\s|\d{1,2}[.)]\s|\[|\(BUTTON\)|IFRAME:)")
_SENTENCE_END = frozenset(".!?\"”’")


class Unit(NamedTuple):
    """A non-blank line or rebuilt paragraph, with its source line range (0-based, inclusive)."""

    text: str  # raw text (wrapped lines joined by one space)
    first: int
    last: int


def find_wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped dump was wrapped at, or None when lines are not hard-wrapped."""
    lengths = [len(line.rstrip()) for line in lines if line and not line.isspace()]
    if len(lengths) < 8 or sum(1 for n in lengths if n > 100) > max(2, len(lengths) // 50):
        return None
    near = sorted(n for n in lengths if 50 <= n <= 100)
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


def split_units(text: str) -> list[Unit]:
    """Non-blank units of a page, rejoining hard-wrapped paragraphs when the page is wrapped."""
    lines = text.splitlines()
    width = find_wrap_width(lines)
    units: list[Unit] = []
    if width is None:
        return [Unit(line, i, i) for i, line in enumerate(lines) if line and not line.isspace()]
    parts: list[str] = []
    first = prev_len = 0
    limit = width - 3  # a first word longer than the room left on the line above was wrapped
    count = len(lines)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if parts:
                units.append(Unit(" ".join(parts), first, i - 1))
                parts = []
            continue
        if parts:
            # The line continues the paragraph when its first word did not fit on the line above.
            space = stripped.find(" ")
            if (
                prev_len + (space if space > 0 else len(stripped)) >= limit
                and not _ITEM_START.match(line)
                and not _stray_label(parts[-1], stripped, lines[i + 1] if i + 1 < count else "")
            ):
                parts.append(stripped)
                prev_len = len(line.rstrip())
                continue
            units.append(Unit(" ".join(parts), first, i - 1))
        parts = [stripped]
        first = i
        prev_len = len(line.rstrip())
    if parts:
        units.append(Unit(" ".join(parts), first, count - 1))
    return units
