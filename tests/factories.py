"""Small builders of pipeline values for stage tests."""

from __future__ import annotations

import datetime as dt

from timeline.models import ArticleInfo, Statement, TimeExpr


def article(
    path: str = "a.txt", published: str | None = "2020-06-14T08:35", outlet: str | None = None
) -> ArticleInfo:
    """An article published at an ISO date-time."""
    when = dt.datetime.fromisoformat(published) if published else None
    return ArticleInfo(path, "Title", outlet, None, when, bool(published and "T" in published), "test")


def expr(
    text: str,
    phrase: str,
    first: str | None,
    last: str | None = None,
    value: str | None = None,
    type_: str = "DATE",
    granularity: str = "day",
) -> TimeExpr:
    """A resolved expression for `phrase` inside `text`."""
    start = text.index(phrase)
    last = last or first
    first_day = dt.date.fromisoformat(first) if first else None
    last_day = dt.date.fromisoformat(last) if last else None
    if value is None:
        value = first if first == last else f"{first}/{last}"
    return TimeExpr(
        start,
        start + len(phrase),
        phrase,
        type_,
        value or "",
        None,
        first_day,
        last_day,
        granularity,
        "publication",
    )


def statement(
    text: str,
    phrase: str,
    first: str | None,
    last: str | None = None,
    *,
    path: str = "a.txt",
    published: str = "2020-06-14T08:35",
    order: int = 0,
    value: str | None = None,
) -> Statement:
    """A statement dated by `phrase`."""
    return Statement(article(path, published), text, expr(text, phrase, first, last, value), order)
