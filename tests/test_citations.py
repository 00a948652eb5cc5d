"""Compact citations: short file names, publication labels, the citation line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import article, statement
from timeline.models import ArticleInfo, Source
from timeline.render.citations import CitationStyle, citation, published_label, short_names


@pytest.mark.parametrize(
    ("paths", "names"),
    [
        (["news/a.txt", "news/b.txt"], ["a.txt", "b.txt"]),
        (["news/a.txt", "news/sub/b.txt"], ["a.txt", "sub/b.txt"]),
        (["../x/news/004_216a86271b35340c.txt"], ["004_216a...txt"]),
        (
            ["d/report_2020_06_14_first.txt", "d/report_2020_06_14_second.txt"],
            ["report_2020_06_14_f...txt", "report_2020_06_14_s...txt"],
        ),
        (["a.txt", "b/c.txt"], ["a.txt", "b/c.txt"]),
        (["/abs/a.txt", "rel/b.txt"], ["/abs/a.txt", "rel/b.txt"]),
        (["-", "news/a.txt"], ["stdin", "a.txt"]),
        (["news/short-name.html"], ["short-name.html"]),
    ],
)
def test_short_names(paths: list[str], names: list[str]) -> None:
    shown = short_names(paths)
    assert [shown[path] for path in paths] == names


PATHS = st.builds(
    "{}/{}.{}".format,
    st.sampled_from(["news", "news/sub", "other"]),
    st.text(alphabet="ab_0", min_size=1, max_size=24),  # few letters: long shared prefixes are common
    st.sampled_from(["txt", "html"]),
)


@given(st.lists(PATHS, max_size=12))
def test_short_names_tell_every_file_apart(paths: list[str]) -> None:
    shown = short_names(paths)
    assert set(shown) == set(paths)
    assert len(set(shown.values())) == len(shown)
    assert all(shown[path].endswith(path.rsplit(".", 1)[1]) for path in paths)


def info(published: str | None, with_time: bool = True) -> ArticleInfo:
    when = dt.datetime.fromisoformat(published) if published else None
    return ArticleInfo("a.txt", None, None, None, when, with_time, "test")


@pytest.mark.parametrize(
    ("published", "with_time", "show_year", "label"),
    [
        ("2020-06-14T08:35", True, False, "14 Jun 08:35"),
        ("2020-06-14T08:35", True, True, "14 Jun 2020 08:35"),
        ("2020-06-14T00:00", False, False, "14 Jun"),
        ("2011-12-01T00:00", False, True, "1 Dec 2011"),
        (None, False, True, ""),
    ],
)
def test_published_label(published: str | None, with_time: bool, show_year: bool, label: str) -> None:
    assert published_label(info(published, with_time), show_year) == label


@pytest.mark.parametrize(
    ("outlet", "relation", "text"),
    [
        ("The Wire", None, "The Wire, 14 Jun 08:35 [a.txt]"),
        (None, None, "14 Jun 08:35 [a.txt]"),
        ("The Wire", "updates", "The Wire, 14 Jun 08:35, updates [a.txt]"),
    ],
)
def test_citation(outlet: str | None, relation: str | None, text: str) -> None:
    said = statement("They met on Friday.", "Friday", "2020-06-12")
    source = Source(type(said)(article("news/a.txt", outlet=outlet), said.text, said.expr, 0), relation)
    style = CitationStyle({"news/a.txt": "a.txt"}, show_year=False)
    assert citation(source, style) == text
    assert citation(source, style, relation=False) == text.replace(", updates", "")
