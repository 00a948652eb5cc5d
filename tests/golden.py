"""Regenerate the golden end-to-end files: `make golden` (review the diff before committing)."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FORMATS = ("text", "json", "jsonl", "markdown", "csv")


def golden_path(fmt: str) -> Path:
    """Where the golden output of one format lives."""
    suffix = {"text": "txt", "markdown": "md"}.get(fmt, fmt)
    return GOLDEN / f"sample_articles.{suffix}"


def build_sample(fmt: str) -> str:
    """`timeline build sample_articles --format FMT`, run from the repository root."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["build", "sample_articles", "--format", fmt, "--quiet"])
    finally:
        os.chdir(cwd)
    if result.exit_code != 0:
        raise SystemExit(f"build failed with exit code {result.exit_code}: {result.output}")
    return result.stdout


def main() -> None:
    """Write every golden file anew."""
    GOLDEN.mkdir(exist_ok=True)
    for fmt in FORMATS:
        golden_path(fmt).write_text(build_sample(fmt), encoding="utf-8")
        print(f"wrote {golden_path(fmt).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
