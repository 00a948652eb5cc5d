"""The cycle collector: paused while a build gathers results, on for the per-article work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from timeline import pipeline
from timeline.pipeline import Options, build_timeline, collection

ARTICLE = (
    "Example Daily News\n\nSun 14 Jun 2020 | 08:35\n\n"
    "The ministers met in Ankara on Tuesday, officials said.\n"
)


@pytest.fixture
def restored() -> Iterator[None]:
    """The collector as it was before the test, whatever the test did."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("before", [True, False])
@pytest.mark.parametrize("inside", [True, False])
def test_the_collector_is_as_asked_inside_and_as_it_was_after(
    restored: None, before: bool, inside: bool
) -> None:
    gc.enable() if before else gc.disable()
    with collection(enabled=inside):
        assert gc.isenabled() is inside
    assert gc.isenabled() is before
    with pytest.raises(KeyError), collection(enabled=inside):
        raise KeyError
    assert gc.isenabled() is before


def test_articles_are_read_with_the_collector_on_in_a_paused_build(
    restored: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE)
    seen: list[bool] = []
    process = pipeline.process_document

    def noting(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return process(*args)

    monkeypatch.setattr(pipeline, "process_document", noting)
    with collection(enabled=False):
        timeline = build_timeline([str(tmp_path)], Options(), jobs=1)
        assert not gc.isenabled()
    assert seen == [True, True]
    assert len(timeline.articles) == 2
