"""Statements: which date a sentence is filed under, and who it is attributed to."""

from __future__ import annotations

import pytest

from tests.factories import article, expr
from timeline.models import Label, Sentence
from timeline.statements import (
    choose_dates,
    find_attribution,
    find_statements,
    reporting_verbs,
    source_nouns,
)


def test_filed_under_what_it_reports_not_when_it_was_said() -> None:
    text = "The ministry said on Monday that the attack took place on Saturday."
    monday = expr(text, "on Monday", "2020-06-15")
    saturday = expr(text, "on Saturday", "2020-06-13")
    assert choose_dates(text, [monday, saturday]) == [saturday]


def test_reporting_date_alone_still_dates() -> None:
    text = "The ministry said on Monday that talks would continue."
    monday = expr(text, "on Monday", "2020-06-15")
    assert choose_dates(text, [monday]) == [monday]


def test_several_reported_dates_give_several_statements() -> None:
    text = "Talks began on June 10 and ended on June 12."
    tenth, twelfth = expr(text, "June 10", "2020-06-10"), expr(text, "June 12", "2020-06-12")
    assert choose_dates(text, [tenth, twelfth]) == [tenth, twelfth]


@pytest.mark.parametrize(
    ("value", "type_", "first", "dating"),
    [
        ("2020-06-14", "DATE", "2020-06-14", True),
        ("FUTURE_REF", "DATE", None, True),
        ("PRESENT_REF", "DATE", "2020-06-14", False),  # "now": the writer's present, not an event's date
        ("PAST_REF", "DATE", None, False),
        ("P3M", "DURATION", None, False),
        ("XXXX-06-10", "DATE", None, False),  # unresolved: never guessed
    ],
)
def test_which_expressions_date_a_statement(value: str, type_: str, first: str | None, dating: bool) -> None:
    text = "Something happened then."
    found = expr(text, "then", first, value=value, type_=type_)
    assert bool(choose_dates(text, [found])) is dating


@pytest.mark.parametrize(
    ("text", "year", "other", "filed"),
    [
        # a year naming a thing gives way to the sentence's other date
        ("WeWork's 2025 bond weakened on Monday.", "2025", "on Monday", ["on Monday"]),
        ("Kopp's 1987 Chevrolet was found last month.", "1987", "last month", ["last month"]),
        ("The 2016 MacBook Pro went on sale in October.", "2016", "in October", ["in October"]),
        # ... but a year after a preposition is the time of what happened
        ("In 2016 the rate rose, and in October it fell.", "2016", "in October", ["2016", "in October"]),
        ("Sales rose in 2017 and fell on Monday.", "2017", "on Monday", ["2017", "on Monday"]),
    ],
)
def test_a_year_naming_a_thing_dates_only_when_nothing_else_does(
    text: str, year: str, other: str, filed: list[str]
) -> None:
    found = {year: expr(text, year, f"{year}-01-01", value=year), other: expr(text, other, "2019-10-14")}
    assert [e.text for e in choose_dates(text, list(found.values()))] == filed
    assert choose_dates(text, [found[year]]) == [found[year]]


def test_same_day_twice_is_one_statement() -> None:
    text = "On Sunday, as planned on June 14, they met."
    sunday, june = expr(text, "On Sunday", "2020-06-14"), expr(text, "June 14", "2020-06-14")
    assert choose_dates(text, [sunday, june]) == [sunday]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # "..., X said/says/reported": the most common news form
        ("Airstrikes hit villages on Tuesday, activists said, after fighting.", "activists"),
        ("Lavrov is arriving on Sunday, Russia’s TASS reported.", "Russia’s TASS"),
        ("The goal is to meet on June 14, Moscow says.", "Moscow"),
        ("Meetings will take place later, Turkey’s Foreign Ministry said.", "Turkey’s Foreign Ministry"),
        ("Security forces killed 20 people on Friday, residents said.", "residents"),
        (
            "More than 220 protesters have been killed since March 18, rights campaigners say.",
            "rights campaigners",
        ),
        (
            "Troops stormed the town on Sunday, the Syrian Observatory for Human Rights reported.",
            "the Syrian Observatory for Human Rights",
        ),
        ("Gunmen attacked the convoy on Monday, state news agency SANA said.", "state news agency SANA"),
        ("Sanctions came on Friday, the Treasury said in a statement.", "the Treasury"),
        # "according to ..."
        ("Talks will continue, according to the Turkish statement.", "the Turkish statement"),
        ("Zarif will be in Turkey, according to a separate statement.", "a separate statement"),
        # "said X": the verb first
        (
            "Defensive stocks offer value, said Armstrong Investment Managers' Patrick Armstrong.",
            "Armstrong Investment Managers' Patrick Armstrong",
        ),
        # "X told Reuters", "X said in a statement": the source as the subject
        ("Mulhem Droubi told Reuters on Tuesday that Russia should act.", "Mulhem Droubi"),
        ("The Foreign Ministry said in a statement that talks would resume on Monday.", "Foreign Ministry"),
        (
            "Syrian state television said on Sunday that gunmen killed two soldiers.",
            "Syrian state television",
        ),
        ("A Western diplomat said 7,000 people had been arrested since March 18.", "Western diplomat"),
        ("The minister told a news conference on Monday that aid would arrive.", "the minister"),
        ("Protesters said on Friday they would march again.", "Protesters"),
        ('"We are ready," Putin told reporters on Friday.', "Putin"),
        # an apposition between the source and the verb
        (
            "Droubi, a leader of the Muslim Brotherhood, told journalists the talks failed on Tuesday.",
            "Droubi",
        ),
        # a common noun capitalised only because it opens the sentence keeps its case
        ("Activists said security forces shot dead 12 people on Friday.", "activists"),
        ("Rights groups say 1,100 civilians have been killed since March.", "Rights groups"),
        # a conjunction before the source is not part of it
        ("Troops fired on Friday, and state media said two soldiers died.", "state media"),
        # a pronoun is reported as such (find_statements resolves it)
        ("He said the talks would resume on Monday.", "he"),
        # no reporting verb: nobody
        ("The army shelled the town on Monday.", None),
        ("On Tuesday, Assad accepted the resignation of his government.", None),
        ("Russia and Turkey agreed a cease-fire in early March.", None),
    ],
)
def test_attribution(text: str, who: str | None) -> None:
    assert find_attribution(text) == who


def test_a_pronoun_is_credited_to_the_source_named_just_before() -> None:
    body = "Droubi told Reuters the talks failed on Monday. He said more talks would follow on Friday."
    sentences = [Sentence(body[:47], 0, Label.BODY), Sentence(body[48:], 48, Label.BODY)]
    exprs = [expr(body, "on Monday", "2011-06-27"), expr(body, "on Friday", "2011-07-01")]
    found = find_statements(article(), sentences, exprs)
    assert [s.attributed_to for s in found] == ["Droubi", "Droubi"]


def test_a_pronoun_far_from_any_named_source_is_not_credited() -> None:
    body = "They said talks would follow on Friday."
    found = find_statements(
        article(), [Sentence(body, 0, Label.BODY)], [expr(body, "on Friday", "2011-07-01")]
    )
    assert [s.attributed_to for s in found] == [None]


@pytest.mark.parametrize(
    ("before", "credited"),
    [
        (["Karim Droubi said the talks failed."], "Karim Droubi"),  # an undated sentence names the source
        (
            ["Karim Droubi said the talks failed.", "It was cold.", "It was late."],
            "Karim Droubi",
        ),  # three back
        (["Karim Droubi said the talks failed.", "It was cold.", "It was late.", "It rained."], None),  # four
        (["Karim Droubi said the talks failed.", "Lina Haddad said so too.", "It was late."], "Lina Haddad"),
        (
            ["Karim Droubi said the talks failed.", "They said so too."],
            "Karim Droubi",
        ),  # a plural names no one
        (["It was cold."], None),
    ],
)
def test_a_pronoun_stands_for_the_last_source_named_shortly_before(
    before: list[str], credited: str | None
) -> None:
    texts = [*before, "He said more talks would follow on Friday."]
    body = " ".join(texts)
    starts = [sum(len(text) + 1 for text in texts[:k]) for k in range(len(texts))]
    sentences = [Sentence(text, start, Label.BODY) for text, start in zip(texts, starts, strict=True)]
    found = find_statements(article(), sentences, [expr(body, "on Friday", "2011-07-01")])
    assert [s.attributed_to for s in found] == [credited]


def test_reporting_word_lists_load() -> None:
    assert {"said", "told", "reported"} <= reporting_verbs()
    assert {"activists", "ministry", "witnesses"} <= source_nouns()


def test_expressions_are_mapped_to_their_sentence() -> None:
    body = "Nothing here. They met on June 10.\nCaption from June 12."
    sentences = [
        Sentence("Nothing here.", 0, Label.BODY),
        Sentence("They met on June 10.", 14, Label.BODY),
        Sentence("Caption from June 12.", 35, Label.CAPTION),
    ]
    exprs = [expr(body, "June 10", "2020-06-10"), expr(body, "June 12", "2020-06-12")]
    found = find_statements(article(), sentences, exprs)
    assert [(s.text, s.expr.text, s.order) for s in found] == [
        ("They met on June 10.", "June 10", 1),
        ("Caption from June 12.", "June 12", 2),
    ]
    for s in found:
        assert s.text[s.expr.start : s.expr.end] == s.expr.text


def test_a_date_only_in_the_dateline_dates_nothing() -> None:
    from timeline.models import Document, Kind
    from timeline.pipeline import process_document

    text = "date 2011-10-06\nABUJA, Oct 5 (Reuters) - Nigeria plans to end fuel subsidies in 2012.\n"
    (found,) = process_document(Document("a.txt", text, Kind.TEXT, "utf-8")).statements
    assert found.text == "Nigeria plans to end fuel subsidies in 2012."
    assert found.text[found.expr.start : found.expr.end] == "2012"


def test_an_expression_cut_by_the_sentence_split_dates_no_statement() -> None:
    body = "By Jane Doe JUNE 14,\n2020 The ministers met on Sunday."
    sentences = [Sentence("By Jane Doe JUNE 14,", 0, Label.BODY), Sentence(body[21:], 21, Label.BODY)]
    exprs = [expr(body, "JUNE 14,\n2020", "2020-06-14"), expr(body, "on Sunday", "2020-06-14")]
    found = find_statements(article(), sentences, exprs)
    assert [(s.text, s.expr.text) for s in found] == [(body[21:], "on Sunday")]
    for s in found:
        assert s.text[s.expr.start : s.expr.end] == s.expr.text
