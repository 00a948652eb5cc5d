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
        # capitals of any script start a sentence; guillemets and German quotes open and close one
        ("Визит отложен. Об этом сообщили в МИД.", ["Визит отложен.", "Об этом сообщили в МИД."]),
        ("Bakanlar geldi. İki taraf görüştü.", ["Bakanlar geldi.", "İki taraf görüştü."]),
        ("Il est parti. « Non », dit-il. Éric rit.", ["Il est parti.", "« Non », dit-il.", "Éric rit."]),
        ("„Wir gehen.“ Dann ging er.", ["„Wir gehen.“", "Dann ging er."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    ("text", "within", "expected"),
    [
        # a period inside a time expression ("14. Juni") ends no sentence; outside one it does
        ("Der für den 14. Juni geplante Besuch.", [(12, 20)], ["Der für den 14. Juni geplante Besuch."]),
        ("Der für den 14. Juni geplante Besuch.", [], ["Der für den 14.", "Juni geplante Besuch."]),
        ("Am 3. Mai. Dann 4. Juni.", [(3, 9), (16, 23)], ["Am 3. Mai.", "Dann 4. Juni."]),
    ],
)
def test_no_end_inside_an_expression(text: str, within: list[tuple[int, int]], expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, within=within)] == expected


@given(st.text(max_size=300), st.integers(min_value=0, max_value=1000))
def test_offsets_point_at_the_sentence(text: str, offset: int) -> None:
    padded = " " * offset + text
    for sentence in split_sentences(text, offset):
        assert padded[sentence.start : sentence.start + len(sentence.text)] == sentence.text
