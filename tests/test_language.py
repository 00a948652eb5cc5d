"""Other languages: the language told, the dateline read, absolute dates found, relative ones counted.

The articles in tests/languages/ were written for these tests: the same postponed visit told in Russian,
Turkish, French, German, Spanish and English, each with a dateline in its own language.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from dateparser.data import languages_info
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline.language
from tests.examples import examples
from timeline.foreign import date_patterns, find_dateline_date, find_foreign_expressions, strip_lead_dateline
from timeline.language import detect_language
from timeline.load import load_document
from timeline.pipeline import Options, build_timeline, process_document
from timeline.render.data import render_json

ARTICLES = Path(__file__).parent / "languages"
SUNDAY = dt.date(2020, 6, 14)

# file, language, publication, dated statements (date, expression), relative expressions left unresolved
ARTICLE_CASES = [
    ("ru.txt", "ru", "2020-06-14T16:38", {("2020-06-14", "14 июня"), ("2020-01", "январе 2020"),
                                          ("2020-06-10", "10 июня 2020")}, 2),
    ("tr.txt", "tr", "2020-06-14T16:38", {("2020-06-14", "14 Haziran"), ("2020-01", "Ocak 2020"),
                                          ("2020-06-10", "10 Haziran 2020")}, 2),
    ("fr.txt", "fr", "2020-06-14", {("2020-06-14", "14 juin"), ("2020-01", "janvier 2020"),
                                    ("2020-06-10", "10 juin 2020")}, 2),
    ("de.txt", "de", "2020-06-14T16:38", {("2020-06-14", "14. Juni"), ("2020-01", "Januar 2020"),
                                          ("2020-06-10", "10. Juni 2020")}, 2),
    ("es.txt", "es", "2020-06-14", {("2020-06-14", "14 de junio"), ("2020-01", "enero de 2020"),
                                    ("2020-06-10", "10 de junio de 2020")}, 2),
    # the HTML page's dateline, kept as body by the cleaner (no English month), is no statement
    ("fr.html", "fr", "2020-06-14T16:38", {("2020-06-14", "14 juin"), ("2020-01", "janvier 2020"),
                                           ("2020-06-10", "10 juin")}, 1),
    ("en.txt", "en", "2020-06-14T16:05", {("2020-06-14", "Sunday"), ("2020-01", "January 2020")}, 0),
]  # fmt: skip


def _process(name: str) -> tuple[str | None, str | None, set[tuple[str, str]], int]:
    doc = load_document(str(ARTICLES / name), 1_000_000)
    assert not isinstance(doc, timeline.models.Problem)
    result = process_document(doc)
    assert result.info is not None
    dated = {(s.expr.value, s.expr.text) for s in result.statements}
    return result.info.language, result.info.published_iso, dated, result.unresolved


@pytest.mark.parametrize(("name", "language", "published", "dated", "unresolved"), ARTICLE_CASES)
def test_article_in_its_language(
    name: str, language: str, published: str, dated: set[tuple[str, str]], unresolved: int
) -> None:
    assert _process(name) == (language, published, dated, unresolved)


@pytest.mark.parametrize(
    ("language", "line", "expected"),
    [
        ("ru", "14 июня 2020, 16:38", dt.datetime(2020, 6, 14, 16, 38)),
        ("tr", "14 Haziran 2020 Pazar 16:38", dt.datetime(2020, 6, 14, 16, 38)),
        ("fr", "Dimanche 14 juin 2020", dt.datetime(2020, 6, 14)),
        ("de", "Aktualisiert am 3. März 2021, 09:15 Uhr", dt.datetime(2021, 3, 3, 9, 15)),
        ("es", "Publicado el 14 de junio de 2020", dt.datetime(2020, 6, 14)),
        ("tr", "ARALIK 2019", None),  # a month is no publication day
        ("ru", "Визит отложен", None),
        ("ru", "31 июня 2020", None),  # no such day
    ],
)
def test_dateline(language: str, line: str, expected: dt.datetime | None) -> None:
    found = find_dateline_date(line, language)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("language", "text", "published", "expected"),
    [
        ("ru", "Встреча прошла 3 марта 2019 года.", SUNDAY, [("3 марта 2019", "2019-03-03", "absolute")]),
        ("ru", "Это было в декабре 2019 года.", SUNDAY, [("декабре 2019", "2019-12", "absolute")]),
        # a day and month without a year: the occurrence nearest the publication day, across a year end
        ("ru", "Переговоры 28 декабря.", dt.date(2021, 1, 3), [("28 декабря", "2020-12-28", "publication")]),
        ("tr", "Toplantı 2 Ocak'ta.", dt.date(2020, 12, 30), [("2 Ocak", "2021-01-02", "publication")]),
        ("fr", "Le sommet du 1er juin.", None, [("1er juin", "XXXX-06-01", "unresolved")]),
        # "29. Februar 2021" is no day (nor February 2021)
        ("de", "29. Februar 2020 29. Februar 2021", SUNDAY, [("29. Februar 2020", "2020-02-29", "absolute")]),
        ("es", "Ocurrió en marzo de 2018.", SUNDAY, [("marzo de 2018", "2018-03", "absolute")]),
        # relative expressions: found, never resolved
        ("ru", "Он приехал вчера, а уедет в пятницу.", SUNDAY, [("вчера", "XXXX", "unresolved"),
                                                              ("пятницу", "XXXX", "unresolved")]),
        ("tr", "Geçen hafta açıklandı.", SUNDAY, [("Geçen hafta", "XXXX", "unresolved")]),
        ("es", "Lo dijo la semana pasada.", SUNDAY, [("la semana pasada", "XXXX", "unresolved")]),
        # numbers that are no dates
        ("ru", "Погибли 14 человек, ранены 2020 жителей.", SUNDAY, []),
        ("de", "Er zahlte 14 Euro.", SUNDAY, []),
    ],
)  # fmt: skip
def test_foreign_expressions(
    language: str, text: str, published: dt.date | None, expected: list[tuple[str, str, str]]
) -> None:
    found = find_foreign_expressions(text, language, published)
    assert [(e.text, e.value, e.anchor) for e in found] == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ru", "МОСКВА, 14 июня. Визит отложен.", "Визит отложен."),
        ("tr", "ANKARA, 14 Haziran (AA) - Bakanlar geldi.", "Bakanlar geldi."),
        ("fr", "MOSCOU, 14 juin 2020 (AFP) – Le ministre est arrivé.", "Le ministre est arrivé."),
        # a place not in capitals, or a sentence ending in a date: no dateline
        ("ru", "Москва, 14 июня. Визит отложен.", "Москва, 14 июня. Визит отложен."),
        ("fr", "Le président est arrivé, 14 juin.", "Le président est arrivé, 14 juin."),
    ],
)
def test_lead_dateline(language: str, text: str, expected: str) -> None:
    assert strip_lead_dateline(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Визит министров иностранных дел России в Турцию отложен, сообщили в МИД.", "ru"),
        ("Rus bakanların Türkiye ziyareti ertelendi, Dışişleri Bakanlığı açıkladı.", "tr"),
        ("La visite des ministres russes en Turquie a été reportée, a annoncé le ministère.", "fr"),
        ("Der Besuch der russischen Minister in der Türkei ist verschoben worden.", "de"),
        ("La visita de los ministros rusos a Turquía fue aplazada, informó el ministerio.", "es"),
        ("The visit of the Russian ministers to Turkey was postponed, the ministry said.", "en"),
        # names do not make it Turkish; an ASCII score line stays English
        ("Erdoğan and Çavuşoğlu met the ministers in İstanbul on Sunday.", "en"),
        ("Bosnia 2 Romania 1 - Pantilimon, Rapa, Tamas, Goian", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_english_never_loads_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the model was loaded for an English text")

    monkeypatch.setattr(timeline.language, "_identifier", refuse)
    english = (ARTICLES / "en.txt").read_text(encoding="utf-8")
    assert detect_language(english) == "en"


# the five languages of the tests, and others whose data differ (scripts, no spaces, no month names)
@pytest.mark.parametrize("code", "ru tr fr de es uk pl fi ar el ja zh hi".split())
def test_date_patterns_build_from_dateparser_data(code: str) -> None:
    patterns = date_patterns(code)
    assert code in languages_info.language_order
    assert patterns is None or patterns.full.groupindex.keys() >= {"day", "month", "year"}


@settings(max_examples=examples(60), deadline=None)
@given(
    st.sampled_from(["ru", "tr", "de"]),
    st.lists(st.sampled_from(["14", "2020", "июня", "Haziran", "Juni", ".", "в", "'da", "Pazar", "вчера"])),
)
def test_spans_point_into_the_text(language: str, pieces: list[str]) -> None:
    text = " ".join(pieces)
    for expr in find_foreign_expressions(text, language, SUNDAY):
        assert text[expr.start : expr.end] == expr.text
        assert expr.first_day is None or expr.anchor != "unresolved"


def test_english_and_russian_reports_give_one_chronology(tmp_path: Path) -> None:
    for name in ("en.txt", "ru.txt"):
        (tmp_path / name).write_bytes((ARTICLES / name).read_bytes())
    record = json.loads(render_json(build_timeline([str(tmp_path)], Options())))
    languages = {Path(article["file"]).name: article["language"] for article in record["articles"]}
    assert languages == {"en.txt": "en", "ru.txt": "ru"}
    russian = {
        (event["date"], source["expression"])
        for event in record["events"]
        for source in event["sources"]
        if source["file"].endswith("ru.txt")
    }
    assert russian == {("2020-06-14", "14 июня"), ("2020-01", "январе 2020"), ("2020-06-10", "10 июня 2020")}
    starts = [event["start"] for event in record["events"]]
    assert starts == sorted(starts)
