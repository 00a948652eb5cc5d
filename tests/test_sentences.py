"""Sentence splitting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        (
            "He met U.S. President Donald Trump. Then he left.",
            ["He met U.S. President Donald Trump.", "Then he left."],
        ),
        ("By Seth J. Frantzman. Next.", ["By Seth J. Frantzman.", "Next."]),
        ("Mr. Lavrov arrived on Jan. 13. Talks began.", ["Mr. Lavrov arrived on Jan. 13.", "Talks began."]),
        ("“We will go,” he said. “Now.”", ["“We will go,” he said.", "“Now.”"]),
        ("It rose 2.5 percent. Why? Nobody knows!", ["It rose 2.5 percent.", "Why?", "Nobody knows!"]),
        ("no capital after. so one sentence", ["no capital after. so one sentence"]),
        ("The vote is at 4 p.m. Tuesday in Ankara.", ["The vote is at 4 p.m. Tuesday in Ankara."]),
        ("   ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@given(st.text(max_size=300), st.integers(min_value=0, max_value=1000))
def test_offsets_point_at_the_sentence(text: str, offset: int) -> None:
    padded = " " * offset + text
    for sentence in split_sentences(text, offset):
        assert padded[sentence.start : sentence.start + len(sentence.text)] == sentence.text
