"""Language gate: how often English articles skip the language model, and whether the model agrees.

    python bench/bench_language.py --shared ../shared [--per-folder 60]

Reads the articles of the shared corpora as the pipeline does (clean, then the body), and prints for
each corpus: how many texts the English tests pass (no letter outside ASCII, or English function words at
or above the share in timeline/data/language_gate.json), how many reach py3langid and what it says,
the quantiles of the share; then the time to load the model and to classify one article. The corpora
are all English (their READMEs say how they were selected), so this measures the gate's cost, not its
safety on other languages: the tests in tests/test_language.py do that on articles written for them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.clean import clean_document
from timeline.language import (
    MIN_WORDS,
    NON_ASCII_LETTER,
    SAMPLE_CHARS,
    _gate,
    _identifier,
    detect_language,
    english_share,
)
from timeline.load import load_document
from timeline.models import Problem


def corpus_files(shared: Path, per_folder: int) -> dict[str, list[Path]]:
    """A sample of each corpus's article files, in a stable order (every k-th file)."""
    corpora = shared / "corpora"
    groups = {
        "boilerplate w3m": sorted((corpora / "boilerplate" / "dev").glob("*.txt")),
        "boilerplate-wide w3m": sorted((corpora / "boilerplate-wide" / "dev").glob("*.txt")),
    }
    for topic in sorted((corpora / "tls").iterdir()):
        files = sorted((topic / "articles").glob("*.txt")) if topic.is_dir() else []
        if files:
            groups[f"tls {topic.name}"] = files[:: max(1, len(files) // per_folder)]
    return groups


def body_text(path: Path) -> str:
    """The text the pipeline detects the language of: the cleaned body, or every line."""
    doc = load_document(str(path), 20_000_000)
    if isinstance(doc, Problem):
        return ""
    cleaned = clean_document(doc)
    lines = cleaned.body_lines or cleaned.lines
    return "\n".join(line.text for line in lines)


def reaches_model(text: str, threshold: float) -> bool:
    """Whether detect_language consults the model for this text (neither English test holds)."""
    share, words = english_share(text)
    return bool(NON_ASCII_LETTER.search(text, 0, SAMPLE_CHARS)) and words >= MIN_WORDS and share < threshold


def quantiles(values: list[float]) -> str:
    """Min, 1st percentile, 5th, median of a list."""
    ordered = sorted(values)
    pick = [ordered[min(len(ordered) - 1, int(q * len(ordered)))] for q in (0.0, 0.01, 0.05, 0.5)]
    return " / ".join(f"{value:.3f}" for value in pick)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--per-folder", type=int, default=60)
    args = parser.parse_args()
    threshold = _gate()["english_share"]
    start = time.perf_counter()
    _identifier()
    load = time.perf_counter() - start
    print(f"gate: English function words >= {threshold}; model load {load:.2f} s")
    print(f"{'corpus':<30}{'texts':>6}{'gated':>7}{'model':>7}  model says      share min/p1/p5/median")
    for name, files in corpus_files(Path(args.shared), args.per_folder).items():
        texts = [body_text(path) for path in files]
        shares = [english_share(text)[0] for text in texts if text]
        said = Counter(detect_language(text) for text in texts if reaches_model(text, threshold))
        gated = len(shares) - sum(said.values())
        top = ", ".join(f"{lang} {count}" for lang, count in said.most_common(3)) or "-"
        print(f"{name:<30}{len(texts):>6}{gated:>7}{sum(said.values()):>7}  {top:<15} {quantiles(shares)}")
    sample = body_text(corpus_files(Path(args.shared), 1)["boilerplate w3m"][0])
    start = time.perf_counter()
    for _ in range(200):
        _identifier().classify(sample[:4000])
    print(f"classify: {(time.perf_counter() - start) / 200 * 1000:.2f} ms per article (model loaded)")


if __name__ == "__main__":
    main()
