"""The language an article is written in: English by its function words, else py3langid's model.

py3langid ships its model inside the package (nothing is downloaded), but unpacking it takes one to two
seconds per process. Most articles are English and say so plainly: when English function words make up
a large share of the words, the article is English and the model is never loaded. A text of ASCII
letters only with few function words is English too: in the shared corpora these are score tables,
lists and captions (bench/bench_language.py lists them), where the model misreads names as another
language. Only the other articles pay for the model, once per process.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from timeline.wordlists import data_words

ENGLISH = "en"
UNKNOWN = "und"
SAMPLE_CHARS = 4000  # the opening of a text tells its language; the rest only costs time
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
MIN_WORDS = 3  # fewer words than this tell no language: the English default stands
GATE_FILE = "language_gate.json"


@cache
def _gate() -> dict[str, Any]:
    """The measured share of English function words above which a text is English (see its provenance)."""
    text = resources.files("timeline").joinpath(f"data/{GATE_FILE}").read_text(encoding="utf-8")
    gate: dict[str, Any] = json.loads(text)
    return gate


def english_share(text: str) -> tuple[float, int]:
    """The share of a text's words that are English function words, and the number of words."""
    words = WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return 0.0, 0
    function = data_words("clean_function_words.txt")
    return sum(map(function.__contains__, words)) / len(words), len(words)


@cache
def _identifier() -> Any:
    """py3langid's identifier, loaded once per process on first need (its model is in the package)."""
    from dateparser.data import languages_info
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    # only the languages whose dates can be read: a text is never filed under one nothing here knows
    identifier.set_languages(sorted(set(identifier.labels) & set(languages_info.language_order)))
    return identifier


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language a text is written in ('en', 'ru', 'tr', ...)."""
    if not NON_ASCII_LETTER.search(text, 0, SAMPLE_CHARS):  # the cheapest test first
        return ENGLISH
    share, words = english_share(text)
    if words < MIN_WORDS or share >= _gate()["english_share"]:
        return ENGLISH
    language, _ = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language) if language else UNKNOWN
