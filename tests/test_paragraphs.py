"""Reflow of text dumps into blocks: table columns apart, wrapped paragraphs rejoined, offsets kept."""

from __future__ import annotations

import textwrap
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from timeline.clean import clean_text
from timeline.clean.paragraphs import DATA_CELL_WORDS, VERTICAL_BORDERS, Block, split_blocks, split_units

ARTICLE = (
    "The harbour authority said on Monday that the new ferry terminal would open in the spring, two years "
    "later than planned, after a dispute with the builder over the cost of the foundations was settled."
)
SECOND = (
    "Passengers have used a temporary pier since the old terminal was closed, and local businesses say "
    "the delay has cost them a large part of the summer trade."
)
SIDEBAR = ["Most read", "Storm closes bridge", "Council votes on budget", "Weather", "Letters"]


def _side_by_side(left: list[str], right: list[str], gap: int = 3, border: str = "") -> str:
    """Two columns as w3m draws a table: each cell padded to its column, cells on the same lines."""
    width = max(map(len, left))
    rows = []
    for k in range(max(len(left), len(right))):
        cell = left[k] if k < len(left) else ""
        other = right[k] if k < len(right) else ""
        rows.append((cell.ljust(width) + " " * gap + border + other).rstrip())
    return "\n".join(rows)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)


def _texts(page: str) -> list[str]:
    return [block.text for block in split_blocks(page)]


def _apart(texts: list[str], expected: list[str]) -> bool:
    """Each expected text is a block's whole text, or (a short item) part of a block of its own column."""
    return all(
        text in texts or any(text in block and ARTICLE not in block for block in texts) for text in expected
    )


# One row per layout: the page, then texts that must come out as whole blocks, in this order. A short
# sidebar item may be joined to the next one (a list of links whose lengths look like wrapped text),
# never to the article beside it.
BLOCK_CASES = [
    (
        "article column beside a sidebar: the column rejoined, the sidebar apart",
        _side_by_side(_wrap(ARTICLE, 46), SIDEBAR),
        [ARTICLE],
        SIDEBAR,
    ),
    (
        "sidebar on the left, article on the right",
        _side_by_side(["Home", "World", "Sport", "Weather", "Contact us"], _wrap(ARTICLE, 50)),
        [ARTICLE],
        ["Home", "World", "Sport", "Weather", "Contact us"],
    ),
    (
        "box-drawing borders between the cells; the article column ends below the sidebar",
        _side_by_side(_wrap(ARTICLE, 40), SIDEBAR, gap=1, border="│ "),
        [ARTICLE],
        SIDEBAR,
    ),
    (
        "two paragraphs in one column, a blank line between them",
        _side_by_side([*_wrap(ARTICLE, 44), "", *_wrap(SECOND, 44)], SIDEBAR),
        [ARTICLE, SECOND],
        SIDEBAR,
    ),
    (
        "a lynx dump wrapped at 76: paragraphs rejoined, list items apart",
        "\n".join(
            ["   * Home", "   * World", "", *_wrap(ARTICLE, 76, "   "), "", *_wrap(SECOND, 76, "   ")] * 3
        ),
        ["* Home", "* World", ARTICLE, SECOND],
        [],
    ),
    (
        "a <pre> block wrapped at 60 in an unwrapped page",
        "\n".join(["Menu", "", ARTICLE + " " + SECOND, "", *_wrap(ARTICLE, 60, "    "), "", "Footer"]),
        ["Menu", ARTICLE + " " + SECOND, ARTICLE, "Footer"],
        [],
    ),
    (
        "Markdown: heading, bullets and links stay their own lines",
        "\n".join(
            ["# Ferry terminal delayed", "", *_wrap(ARTICLE, 70), "", "- [Home](https://example.org/)"]
        ),
        ["# Ferry terminal delayed", ARTICLE, "- [Home](https://example.org/)"],
        [],
    ),
    (
        "list items with a hanging indent are not a table",
        "\n".join(["--  first item of the list", "--  second item of the list", "--  third item of it", "x"]),
        ["--  first item of the list", "--  second item of the list", "--  third item of it"],
        [],
    ),
    (
        "a table of figures is read row by row, each line whole",
        _side_by_side(
            ["Oslo", "Bergen", "Tromso", "Stavanger"], ["1,200   5%", "980   3%", "410   12%", "300   1%"]
        ),
        ["Oslo        1,200   5%", "Bergen      980   3%", "Tromso      410   12%", "Stavanger   300   1%"],
        [],
    ),
    (
        "a long headline over its byline is no wrapped paragraph",
        "\n".join(["Harbour Authority Delays The New Ferry Terminal", "By Jane Doe", "", ARTICLE]),
        ["Harbour Authority Delays The New Ferry Terminal", "By Jane Doe", ARTICLE],
        [],
    ),
    (
        "long prose lines whose word spaces line up are never cut",
        "\n".join(
            [
                "aaaa bbbb cccc dddd eeee ffff",
                "gggg hhhh iiii jjjj kkkk llll",
                "mmmm nnnn oooo pppp qqqq rrrr",
            ]
        ),
        ["aaaa bbbb cccc dddd eeee ffff", "gggg hhhh iiii jjjj kkkk llll", "mmmm nnnn oooo pppp qqqq rrrr"],
        [],
    ),
]


@pytest.mark.parametrize(
    ("page", "whole", "apart"), [case[1:] for case in BLOCK_CASES], ids=[c[0] for c in BLOCK_CASES]
)
def test_blocks(page: str, whole: list[str], apart: list[str]) -> None:
    texts = _texts(page)
    positions = [texts.index(text) for text in whole]
    assert positions == sorted(positions)
    assert _apart(texts, apart)


# One row per unit repair: the lines of a text dump, then the units they must give.
UNIT_CASES = [
    (
        "a wire dateline glued to the lead is a unit of its own",
        ["PARIS | Mon Mar 2, 2015 9:10 am GMT PARIS (Agence) - The ferry company said it would sail."],
        [
            "PARIS | Mon Mar 2, 2015 9:10 am GMT PARIS (Agence) -",
            "The ferry company said it would sail.",
        ],
    ),
    (
        "a dateline with a state after the place",
        ["PORTLAND, Maine (Wire) — Fishermen went back to sea on Tuesday after the storm."],
        ["PORTLAND, Maine (Wire) —", "Fishermen went back to sea on Tuesday after the storm."],
    ),
    (
        "a bracket in the middle of a sentence is not a dateline",
        ["The board (which met twice) - said little about the plan on Monday."],
        ["The board (which met twice) - said little about the plan on Monday."],
    ),
    (
        "a ticker cut inside its brackets is rejoined without a space",
        ["Shares of Harbour Ferries (HFL.", "L) rose 3 percent on Monday."],
        ["Shares of Harbour Ferries (HFL.L) rose 3 percent on Monday."],
    ),
    (
        "a time cut inside its brackets is rejoined with its space",
        ["(Updated 1:34 p.m. in Oslo, 7:34 am.", "ET) The ferry left on time."],
        ["(Updated 1:34 p.m. in Oslo, 7:34 am. ET) The ferry left on time."],
    ),
    (
        "a lettered list item after a closed bracket stays apart",
        ["Choose one (or more).", "A) The ferry left on time."],
        ["Choose one (or more).", "A) The ferry left on time."],
    ),
]


@pytest.mark.parametrize(
    ("lines", "units"), [case[1:] for case in UNIT_CASES], ids=[c[0] for c in UNIT_CASES]
)
def test_units(lines: list[str], units: list[str]) -> None:
    assert [text for text, _, _ in split_units("\n".join(lines))] == units


def test_column_offsets_point_at_the_lines() -> None:
    """The rejoined article column says which of the user's lines it came from."""
    left = ["Weather", "", *_wrap(ARTICLE, 46)]
    page = "Header line of the page\n\n" + _side_by_side(left, SIDEBAR)
    article = next(block for block in split_blocks(page) if block.text == ARTICLE)
    assert (article.first, article.last) == (4, 1 + len(left))
    assert article.table == 0
    assert article.column == 0
    assert article.indent == 0
    sidebar = next(block for block in split_blocks(page) if block.text.startswith(SIDEBAR[0]))
    assert (sidebar.first, sidebar.column, sidebar.indent) == (2, len(max(left, key=len)) + 3, sidebar.column)


def test_split_units_shape() -> None:
    """`split_units` gives (text, first line, last line) of each block, as the classifier reads them."""
    page = _side_by_side(_wrap(ARTICLE, 46), SIDEBAR)
    assert split_units(page) == [(block.text, block.first, block.last) for block in split_blocks(page)]


def test_article_column_kept_sidebar_dropped() -> None:
    """The cleaner keeps the rejoined article column and not the sidebar beside it."""
    left = [*_wrap(ARTICLE, 46), "", *_wrap(SECOND, 46), "", *_wrap(ARTICLE.replace("Monday", "Friday"), 46)]
    cleaned = clean_text(_side_by_side(left, SIDEBAR))
    body = [line.text for line in cleaned.body_lines]
    assert ARTICLE in body
    assert SECOND in body
    assert not set(SIDEBAR) & set(body)


def _visible(text: str) -> list[str]:
    """The characters reflow must keep: all but spaces and vertical table borders."""
    return [char for char in text if not char.isspace() and char not in VERTICAL_BORDERS]


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(char in remaining for char in part)


def _check_reflow(text: str, blocks: list[Block]) -> None:
    lines = text.splitlines()
    # Nothing lost, nothing invented.
    assert Counter(_visible(text)) == Counter(char for block in blocks for char in _visible(block.text))
    for block in blocks:
        assert 0 <= block.first <= block.last < len(lines)
        # A block's characters come from its lines, in their order (line by line, left to right).
        source = [char for line in lines[block.first : block.last + 1] for char in _visible(line)]
        assert _is_subsequence(_visible(block.text), source)
        # Its text starts where it says, on its first line.
        assert lines[block.first][block.indent] == block.text[0]
    # Within one column, blocks follow the lines down and never share one.
    by_column: dict[tuple[int, int], list[Block]] = {}
    for block in blocks:
        by_column.setdefault((block.table, block.column), []).append(block)
    for column in by_column.values():
        assert all(a.last < b.first for a, b in pairwise(column))


_CHARS = st.sampled_from([*"ab yz.,-•*1│┃━", "  ", "   ", "\n", "\n\n"])


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_CHARS, max_size=200).map("".join))
def test_reflow_keeps_every_character_any_text(text: str) -> None:
    _check_reflow(text, split_blocks(text))


_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=9)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(_PARAGRAPH, min_size=1, max_size=3),
    st.lists(_PARAGRAPH, min_size=1, max_size=3),
    st.integers(12, 60),
    st.integers(12, 40),
    st.integers(1, 6),
)
def test_side_by_side_columns_rejoined(
    left: list[str], right: list[str], left_width: int, right_width: int, gap: int
) -> None:
    """Two columns of wrapped paragraphs come back as their paragraphs, column after column."""

    def column(paragraphs: list[str], width: int) -> list[str]:
        rows: list[str] = []
        for paragraph in paragraphs:
            rows.extend([*textwrap.wrap(paragraph, width, break_long_words=False), ""])
        return rows[:-1]

    rows_left, rows_right = column(left, left_width), column(right, right_width)
    page = _side_by_side(rows_left, rows_right, gap=gap, border="│ ")
    blocks = split_blocks(page)
    _check_reflow(page, blocks)
    side_by_side = sum(1 for a, b in zip(rows_left, rows_right, strict=False) if a and b)
    prose = any(row.count(" ") >= DATA_CELL_WORDS for row in rows_left + rows_right)
    if side_by_side >= 3 and prose:  # a layout shows itself over three lines, with a line of prose
        assert [block.text for block in blocks] == left + right
