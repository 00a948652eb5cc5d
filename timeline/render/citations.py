"""Compact citations for readers: 'The Jerusalem Post, 14 Jun 08:35 [004_216a...txt]'.

The full path and ISO time stay in JSON and CSV; text, rich and HTML output name a file relative to
the folder all the run's files share, its long names shortened to a prefix no other file shares.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from timeline.models import ArticleInfo, Source, Timeline
from timeline.render.labels import safe_path

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SHORT_NAME = 16  # a file name up to this long is shown whole (a reader tells such names apart at a glance)
KEPT_PREFIX = 8  # a longer name keeps at least this much of its stem, more where two names share it
ELLIPSIS = "..."


@dataclass(frozen=True, slots=True)
class CitationStyle:
    """How a run's sources are cited: each file's short name, and whether dates need their year."""

    names: Mapping[str, str]
    show_year: bool


def citation_style(timeline: Timeline) -> CitationStyle:
    """The citation style of a run: names relative to the shared folder; the year when the run spans years."""
    infos = [result.info for result in timeline.articles if result.info is not None]
    years = {info.published.year for info in infos if info.published is not None}
    return CitationStyle(short_names(info.path for info in infos), show_year=len(years) > 1)


def short_names(paths: Iterable[str]) -> dict[str, str]:
    """Each path relative to the folder all share, long file names cut to a prefix unique among them."""
    paths = sorted(set(paths))
    files = [path for path in paths if path != "-"]
    relative = dict(zip(files, _relative(files), strict=True))
    relative["-"] = "stdin"
    for keep in range(KEPT_PREFIX, max((len(name) for name in relative.values()), default=0) + 1):
        shortened = {path: _elide(name, keep) for path, name in relative.items()}
        if len(set(shortened.values())) == len(shortened):
            return {path: shortened[path] for path in paths}
    return {path: relative[path] for path in paths}


def _relative(files: list[str]) -> list[str]:
    """The files' paths below the folder they all share (the paths as given when they share none)."""
    folders = [os.path.dirname(path) for path in files]
    try:
        common = os.path.commonpath(folders) if folders else ""
    except ValueError:  # absolute and relative paths mixed
        common = ""
    if not common:
        return files
    return [os.path.relpath(path, common) for path in files]


def _elide(name: str, keep: int) -> str:
    """'sub/004_216a86271b35340c.txt' -> 'sub/004_216a...txt' (with keep=8): the folder and suffix stay."""
    folder, base = os.path.split(name)
    stem, suffix = os.path.splitext(base)
    if len(base) <= SHORT_NAME or len(stem) <= keep + len(ELLIPSIS):
        return name
    return os.path.join(folder, stem[:keep] + ELLIPSIS + suffix.lstrip("."))


def published_label(info: ArticleInfo, show_year: bool) -> str:
    """'14 Jun 08:35', '14 Jun 2020' (a day only), '' when unknown; month names never from the locale."""
    when = info.published
    if when is None:
        return ""
    day = f"{when.day} {MONTHS[when.month - 1]}" + (f" {when.year}" if show_year else "")
    return f"{day} {when:%H:%M}" if info.has_time else day


def citation(source: Source, style: CitationStyle, relation: bool = True) -> str:
    """'The Jerusalem Post, 14 Jun 08:35, updates [004_216a...txt]': who, when, how (a caption?), the file.

    With `relation` False the 'updates'/'contradicts' is left out, for a page that marks it apart.
    """
    article = source.statement.article
    how = source.relation if relation else None
    caption = "caption" if source.caption else None
    parts = [
        part for part in (article.outlet, published_label(article, style.show_year), how, caption) if part
    ]
    name = style.names.get(article.path) or article.path
    where = f"[{safe_path(name)}]"
    return f"{', '.join(parts)} {where}" if parts else where
