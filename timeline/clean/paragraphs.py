"""Blocks of a plain-text page: side-by-side table cells split into columns, hard wraps rejoined.

A text browser renders a table layout with its cells side by side, each cell wrapped to its
column (w3m), and `<pre>` text, e-mail and lynx dumps arrive hard-wrapped. Before any line is
classified, the page is cut into its columns and each column's wrapped lines are joined into
paragraphs; every block keeps the range of the user's lines it came from.

A column boundary (a gutter) is read from the page itself: a character position at which, over
a run of consecutive lines, no line has text just left of it (a space or a vertical border
there), several lines have text on both sides, and at least two of them are parted there by a
gap wider than a word space (prose has single spaces, so a coincidence of word boundaries down
a paragraph is not a gutter). Blocks come in reading order: a table's columns one after the
other, left to right, each from top to bottom.

Two repairs of units follow: a line break that fell inside brackets (a sentence splitter's cut in
a ticker, '(BP.' / 'L) will give') is undone, and a wire dateline glued to the lead ('LONDON
(Reuters) -') becomes a block of its own, so that the classifier can label it.
"""

from __future__ import annotations

import re
from itertools import pairwise
from math import ceil
from typing import Final, NamedTuple

# A line that starts a list item or a form control never continues the line above.
_ITEM_START = re.compile(r"^\s*(?:[•□◦▪▫●○■◆►▸‣⁃·∙*+#]\s|-\s|\d{1,2}[.)]\s|\[|\(BUTTON\)|IFRAME:)")
# What `_ITEM_START` can find after the indent, besides a digit: a cheap test that spares most lines the regex
_ITEM_FIRST = frozenset("•□◦▪▫●○■◆►▸‣⁃·∙*+#-[(I")
_SENTENCE_END = frozenset('.!?"”’')
# Vertical box-drawing characters: table borders, read as the space they stand in (never text).
VERTICAL_BORDERS = "│┃║┆┇┊┋╎╏"
# A list marker alone before a gap: a bullet, a dash, a number or a letter with a dot or a parenthesis.
_MARKER_RE = re.compile(r"\s*(?:[-–—*+•·◦▪●○■◆►o]{1,2}|\(?(?:\d{1,3}|[a-zA-Z])[.)])\s*")
MARKER_ROOM = 8  # the most characters a list marker and its spaces take before a gap
# The end of a bracket cut by a line break: a short token and the closing bracket ('L) will', 'ET) A').
_CLOSING_RE = re.compile(r"[^\s()]{1,10}\)")
MAX_CUT_TOKEN = 12  # a bracket cut by a line break closes within this many characters of the next line
# A wire dateline: a place in capitals (a state or country after a comma), an agency in brackets, a dash.
_DATELINE_RE = re.compile(
    r"\b[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.'’ -]{1,25})? \([A-Z][\w.&/ -]{0,25}\) ?[-–—]+\s+"
)
_DATELINE_DASH_RE = re.compile(r"\) ?[-–—]")  # what every dateline holds: a cheap look at the whole page
DATELINE_REACH = 120  # characters from the start of a block within which a dateline ends
# Text after a gap wider than a word space, with text before the gap on the same line.
_WIDE_GAP_RE = re.compile(r"\S {2,}(?=\S)")

MIN_SIDE_BY_SIDE = 3  # lines with text on both sides of a gutter, over its run
MIN_WIDE_GAPS = 2  # of them parted by two spaces or more there
DATA_CELL_WORDS = 4  # a cell of this many words or more is prose: its table is a layout, not data
WIDTH_SHARE = 0.9  # the share of a table column's lines that end within its wrap width
WRAP_SLACK = 3  # a first word this close to not fitting on the line above was still wrapped
# A run of lines outside tables, wrapped on its own, has at least this many lines. With 2, the first
# line is its own evidence (any long line takes the next one in: a headline and its byline); the
# dev pages would take it (bench/cv_reflow.py, mean body F1 0.9275 against 0.9266), the header tests not.
PARAGRAPH_LINES = 3
PARAGRAPH_WIDTHS = (40, 160)  # the widths people and programs wrap text at
RAGGED = 20  # the lines of a run wrapped on its own end this close to its furthest end, but the last
CROSS, RIGHT, WIDE, SINGLE = "cross", "right", "wide", "single"  # how a line meets a column position
_NO_GUTTER = (CROSS, SINGLE)

# A non-blank line or rebuilt paragraph with its source line range (0-based, inclusive): (text, first, last).
# The text is raw: wrapped lines joined by one space. A plain tuple, as the cleaner's hot path builds many.
Span = tuple[str, int, int]


class Block(NamedTuple):
    """A unit of the page with where it came from: its lines, its table and column, its indent."""

    text: str
    first: int  # first source line (0-based)
    last: int  # last source line (inclusive)
    table: int  # which side-by-side table of the page it belongs to (0-based); -1 outside tables
    column: int  # the character position where its column starts (0 outside tables)
    indent: int  # the character position where its first line's text starts


# A cell of a line, as the hot path handles it (a plain tuple, one per line of every page):
# (line, start, end, text, table, column): where its text starts and ends on the line, which table (-1: none)
# and at which position its column starts.
_Cell = tuple[int, int, int, str, int, int]
LINE: Final = 0
START: Final = 1
END: Final = 2
TEXT: Final = 3
TABLE: Final = 4
COLUMN: Final = 5
# The lines of a page with where their text starts and ends (the positions the column search reads).
_Page = tuple[list[str], list[int], list[int]]
# A block as the hot path builds it: the fields of `Block`, in its order.
_RawBlock = tuple[str, int, int, int, int, int]


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


def _read_at(page: _Page, x: int) -> dict[int, str]:
    """How each line that reaches position `x` meets it (lines ending before x, or blank beyond it, left out).

    CROSS: text runs across x; RIGHT: text right of x only; WIDE: text on both sides, parted by a wide gap;
    SINGLE: text on both sides, parted by one space at x - 1.
    """
    lines, starts, ends = page
    status = {}
    for i in [i for i, end in enumerate(ends) if end >= x]:
        line = lines[i]
        if line[x - 1] != " ":
            status[i] = CROSS
        elif ends[i] > x:
            start = starts[i]
            if start >= x or (x - start <= MARKER_ROOM and _MARKER_RE.fullmatch(line, start, x - 1)):
                status[i] = RIGHT  # a list item's text after its marker (a hanging indent) is not a column
            else:
                status[i] = SINGLE if line[x - 2] != " " else WIDE
    return status


def _runs_at(page: _Page, x: int) -> list[tuple[int, int]]:
    """The runs of lines (first, last) over which position `x` is a gutter between two columns."""
    runs = []
    first = last = -1
    both = wide = 0
    status = _read_at(page, x)
    for i, kind in status.items():
        if (
            kind is SINGLE
            and status.get(i - 1, CROSS) in _NO_GUTTER
            and status.get(i + 1, CROSS) in _NO_GUTTER
        ):
            kind = status[i] = CROSS  # a word space at x, no gutter shown above or below: prose
        if kind is CROSS:
            if both >= MIN_SIDE_BY_SIDE and wide >= MIN_WIDE_GAPS:
                runs.append((first, last))
            first = last = -1
            both = wide = 0
            continue
        both += kind is not RIGHT
        if kind is SINGLE:
            continue  # a filled cell: it does not widen the run
        wide += kind is WIDE
        if first < 0:
            first = i
        last = i
    if both >= MIN_SIDE_BY_SIDE and wide >= MIN_WIDE_GAPS:
        runs.append((first, last))
    return runs


def _widen(page: _Page, x: int, last: int, inner: list[int]) -> int:
    """The last line of a gutter's run, taking in the lines below it that go on in its left columns.

    The column beside may end first: the lines below that neither reach x nor run across a gutter
    `inner` to it (active on its last line) belong to the table, as the rest of an article beside a
    short sidebar does; a line of prose wider than the table's first column ends it.
    """
    lines, _, ends = page
    end = last
    while end + 1 < len(lines):
        line, reach = lines[end + 1], ends[end + 1]
        if reach >= x or any(reach >= inside and line[inside - 1] != " " for inside in inner):
            break
        end += 1
        if reach:
            last = end
    return last


def find_gutters(lines: list[str], stripped: list[str], ends: list[int]) -> list[tuple[int, int, int]]:
    """Column boundaries of a page's side-by-side tables: (position, first line, last line).

    `stripped`: the lines without their leading and trailing spaces; `ends`: where their text ends.
    """
    gapped: dict[int, list[int]] = {}  # position -> the lines with text after a wide gap there
    for i, text in enumerate(stripped):
        if "  " in text:
            indent = ends[i] - len(text)
            for gap in _WIDE_GAP_RE.finditer(text):
                gapped.setdefault(indent + gap.end(), []).append(i)
    if not gapped:
        return []
    page = (lines, [end - len(text) for end, text in zip(ends, stripped, strict=True)], ends)
    runs = [
        (x, first, last)
        for x, rows in gapped.items()
        if len(rows) >= MIN_WIDE_GAPS
        for first, last in _runs_at(page, x)
    ]
    return sorted(
        (
            x,
            first,
            _widen(
                page, x, last, [inner for inner, top, bottom in runs if inner < x and top <= last <= bottom]
            ),
        )
        for x, first, last in runs
    )


def _cut_cells(lines: list[str], gutters: list[tuple[int, int, int]]) -> list[_Cell]:
    """The non-blank cells of every line, cut at the gutters, in reading order."""
    cuts: list[list[int]] = [[] for _ in lines]
    for x, first, last in gutters:
        for i in range(first, last + 1):
            cuts[i].append(x)
    cells = []
    table = -1
    for i, line in enumerate(lines):
        if not cuts[i]:
            text = line.strip()
            if text:
                start = line.find(text[0])
                cells.append((i, start, start + len(text), text, -1, 0))
            continue
        if i == 0 or not cuts[i - 1]:
            table += 1
        for left, right in pairwise([0, *sorted(set(cuts[i])), len(line)]):
            piece = line[left:right]
            text = piece.strip()
            if text:
                start = left + piece.find(text[0])
                cells.append((i, start, start + len(text), text, table, left))
    if table < 0:
        return cells
    cells = _keep_data_rows(lines, cells)
    # A table is read column by column; the lines around it stay where they are.
    tops: dict[int, int] = {}
    for cell in cells:
        tops.setdefault(cell[TABLE], cell[LINE])
    cells.sort(key=lambda c: (c[LINE], 0, 0) if c[TABLE] < 0 else (tops[c[TABLE]], c[COLUMN], c[LINE]))
    return cells


def _keep_data_rows(lines: list[str], cells: list[_Cell]) -> list[_Cell]:
    """A table without a cell of prose (a table of figures, names) is read row by row, each line whole.

    Its columns hold no paragraph to rejoin, and a row means more than a column ('Larry Ogunjobi  63
    57%'); a layout table keeps its columns: one of them holds the prose of the page.
    """
    prose = {cell[TABLE] for cell in cells if cell[TABLE] >= 0 and cell[TEXT].count(" ") >= DATA_CELL_WORDS}
    rows: dict[int, _Cell] = {}
    out = []
    for cell in cells:
        line = cell[LINE]
        if cell[TABLE] < 0 or cell[TABLE] in prose:
            out.append(cell)
        elif line not in rows:
            text = lines[line].strip()
            start = lines[line].find(text[0])
            rows[line] = (line, start, start + len(text), text, -1, 0)
            out.append(rows[line])
    return out


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


def _join_cells(cells: list[_Cell], widths: list[int]) -> list[_RawBlock]:
    """Blocks from cells in reading order: a cell the wrap carried over joins the one above.

    `widths[k]`: the width cell k's column was wrapped at (0: not wrapped). The hot loop of the module:
    the previous cell's fields are kept in locals.
    """
    blocks: list[_RawBlock] = []
    parts: list[str] = []
    head: _Cell = (0, 0, 0, "", -1, 0)
    prev_line = prev_end = prev_table = prev_column = limit = 0
    count = len(cells)
    for k, (line, _, end, text, table, column) in enumerate(cells):
        if parts:
            if (
                prev_end + len(text) >= limit  # the whole line bounds its first word: most lines fail here
                and limit > 0
                and line == prev_line + 1
                and column == prev_column
                and table == prev_table
            ):
                below = cells[k + 1] if k + 1 < count else head
                after = below[TEXT] if below[LINE] == line + 1 and below[COLUMN] == column else ""
                if _continues(parts[-1], text, text, after, limit - prev_end):
                    parts.append(text)
                    prev_line, prev_end = line, end
                    continue
            blocks.append((" ".join(parts), head[LINE], prev_line, head[TABLE], head[COLUMN], head[START]))
        parts = [text]
        head = cells[k]
        prev_line, prev_end, prev_table, prev_column = line, end, table, column
        limit = widths[k] - WRAP_SLACK
    if parts:
        blocks.append((" ".join(parts), head[LINE], prev_line, head[TABLE], head[COLUMN], head[START]))
    return blocks


def _rejoin_brackets(blocks: list[_RawBlock]) -> list[_RawBlock]:
    """Blocks rejoined where a line break fell inside brackets ('(BP.' / 'L) will give', a cut ticker)."""
    cut = [
        k for k, block in enumerate(blocks) if block[0].find(")", 1, 12) > 0 and _CLOSING_RE.match(block[0])
    ]
    if not cut:
        return blocks
    out = blocks[: cut[0]]
    for block in blocks[cut[0] :]:
        text, first, last, table, column, _ = block
        before = out[-1] if out else block
        if (
            block is not before
            and first == before[2] + 1
            and (table, column) == (before[3], before[4])
            and _CLOSING_RE.match(text)
            and before[0].rfind("(") > before[0].rfind(")")
        ):
            # Within a token ('(BP.'), the break replaced nothing; after a word it replaced a space.
            glue = "" if " " not in before[0][before[0].rfind("(") :] else " "
            out[-1] = (before[0] + glue + text, before[1], last, *before[3:])
        else:
            out.append(block)
    return out


def _find_widths(cells: list[_Cell], outside: list[int], stripped: list[str]) -> list[int]:
    """The width each cell's column was wrapped at: per table column, for the page, or per paragraph.

    `outside`: where the text of each line around the tables ends (0 for a blank line or a table's).
    """
    ends: dict[tuple[int, int], list[int]] = {}
    for cell in cells:
        if cell[TABLE] >= 0:
            ends.setdefault((cell[TABLE], cell[COLUMN]), []).append(cell[END])
    # Most of a wrapped column's lines end near its width; a few cells (a label set apart) go beyond.
    columns = {key: sorted(column)[ceil(len(column) * WIDTH_SHARE) - 1] for key, column in ends.items()}
    page = find_wrap_width([end for end in outside if end])
    around = [page or 0] * len(outside)
    if page is None:
        for first, last, width in _find_wrapped_runs(outside, stripped):
            around[first : last + 1] = [width] * (last - first + 1)
    return [around[cell[LINE]] if cell[TABLE] < 0 else columns[cell[TABLE], cell[COLUMN]] for cell in cells]


def _find_wrapped_runs(ends: list[int], stripped: list[str]) -> list[tuple[int, int, int]]:
    """Runs of lines wrapped on their own in a page that is not wrapped as a whole (`<pre>`, a quote).

    A run of at least PARAGRAPH_LINES consecutive non-blank lines is wrapped when all but its last line
    end within RAGGED characters of its furthest end, at a width a writer or a browser wraps at
    (PARAGRAPH_WIDTHS). Gives (first line, last line, width) of each.
    """
    count = len(ends)
    heads = [i for i in range(count) if ends[i] and (i == 0 or not ends[i - 1])]
    runs = []
    for first in heads:
        last = first
        while last + 1 < count and ends[last + 1]:
            last += 1
        if last - first + 1 < PARAGRAPH_LINES:
            continue
        width = max(ends[first : last + 1])
        span = width - min(ends[i] - len(stripped[i]) for i in range(first, last + 1))
        if PARAGRAPH_WIDTHS[0] <= span <= PARAGRAPH_WIDTHS[1] and min(ends[first:last]) >= width - RAGGED:
            runs.append((first, last, width))
    return runs


def _reflow(text: str) -> list[_RawBlock]:
    """Blocks of a page as plain tuples (text, first, last, table, column, indent), in reading order."""
    text = _blank_borders(text)
    lines = text.splitlines()
    stripped = list(map(str.strip, lines))
    ends = list(map(len, map(str.rstrip, lines)))
    gutters = find_gutters(lines, stripped, ends)
    if gutters:
        cells = _cut_cells(lines, gutters)
        in_tables = {cell[LINE] for cell in cells if cell[TABLE] >= 0}
        outside = [0 if i in in_tables else end for i, end in enumerate(ends)]  # the lines around the tables
        blocks = _join_cells(cells, _find_widths(cells, outside, stripped))
    else:
        blocks = _reflow_column(stripped, ends)
    # Both repairs below are rare: a cheap look at the whole page spares most pages the pass over blocks.
    if any(text.find(")", 1, MAX_CUT_TOKEN) > 0 and _CLOSING_RE.match(text) for text in stripped):
        blocks = _rejoin_brackets(blocks)
    if _DATELINE_DASH_RE.search(text):
        blocks = _split_datelines(blocks, lines)
    return blocks


def _reflow_column(stripped: list[str], ends: list[int]) -> list[_RawBlock]:
    """Blocks of a page without tables (the common case, kept cheap): one column, wrapped or not."""
    width = find_wrap_width([n for n in ends if n])
    if width is not None:
        widths = [width] * len(ends)
    else:
        # A page not wrapped as a whole may hold runs of lines wrapped on their own (`<pre>`, a quote).
        runs = _find_wrapped_runs(ends, stripped)
        if not runs:
            return [(s, i, i, -1, 0, ends[i] - len(s)) for i, s in enumerate(stripped) if s]
        widths = [0] * len(ends)
        for first, last, run_width in runs:
            widths[first : last + 1] = [run_width] * (last - first + 1)
    blocks: list[_RawBlock] = []
    parts: list[str] = []
    first = prev_end = 0
    count = len(stripped)
    for i, text in enumerate(stripped):
        if not text:
            if parts:
                blocks.append((" ".join(parts), first, i - 1, -1, 0, ends[first] - len(stripped[first])))
                parts = []
            continue
        if parts:
            limit = widths[i - 1] - WRAP_SLACK
            # The whole line bounds its first word: most lines fail this without a closer look.
            if prev_end + len(text) >= limit > 0 and _continues(
                parts[-1], text, text, stripped[i + 1] if i + 1 < count else "", limit - prev_end
            ):
                parts.append(text)
                prev_end = ends[i]
                continue
            blocks.append((" ".join(parts), first, i - 1, -1, 0, ends[first] - len(stripped[first])))
        parts = [text]
        first = i
        prev_end = ends[i]
    if parts:
        blocks.append((" ".join(parts), first, count - 1, -1, 0, ends[first] - len(stripped[first])))
    return blocks


def _split_datelines(blocks: list[_RawBlock], lines: list[str]) -> list[_RawBlock]:
    """Blocks with a news dateline glued to their first sentence split in two, the dateline first.

    A dateline is the wire convention: a place in capitals, an agency in brackets, a dash ('LONDON
    (Reuters) -'), after what a dump may put before it on the same line (a time stamp, the place again).
    """
    reach = DATELINE_REACH
    heads = [k for k, block in enumerate(blocks) if block[0].find(") ", 0, reach) > 0]
    if not heads:
        return blocks
    out = blocks[: heads[0]]
    for block in blocks[heads[0] :]:
        text = block[0]
        found = _DATELINE_RE.search(text, 0, reach) if text.find(") ", 0, reach) > 0 else None
        _, first, last, table, column, indent = block
        cut = found.end() if found else 0
        # Split only where the dateline ends on the block's first line, which the offsets can then say.
        if not cut or cut == len(text) or not lines[first].startswith(text[cut : cut + 20], indent + cut):
            out.append(block)
            continue
        out.append((text[:cut].rstrip(), first, first, table, column, indent))
        out.append((text[cut:], first, last, table, column, indent + cut))
    return out


def split_blocks(text: str) -> list[Block]:
    """Blocks of a page in reading order: table columns apart, wrapped paragraphs rejoined."""
    return list(map(Block._make, _reflow(text)))


def reflow_blocks(text: str) -> list[tuple[str, int, int, int, int, int]]:
    """The fields of `split_blocks`'s blocks as plain tuples, in `Block`'s order (cheaper to build)."""
    return _reflow(text)


def _blank_borders(text: str) -> str:
    """The page with its vertical borders as spaces."""
    # One `str.replace` per border the page holds: `translate` with a table is slow on non-ASCII text.
    for border in VERTICAL_BORDERS:
        if border in text:
            text = text.replace(border, " ")
    return text


def split_units(text: str) -> list[Span]:
    """Non-blank units of a page: (text, first line, last line) of each block of `split_blocks`."""
    return [block[:3] for block in _reflow(text)]
