"""End to end on the sample story: golden output, the seed gold check, determinism."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden import FORMATS, ROOT, build_sample, golden_path

CHECKER = ROOT.parent / "shared" / "tools" / "check_timeline.py"
SEED = ROOT.parent / "shared" / "seed-story" / "articles"


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_output(fmt: str) -> None:
    expected = golden_path(fmt).read_text(encoding="utf-8")
    assert build_sample(fmt) == expected, f"output changed: review it, then `make golden` ({fmt})"


def test_same_input_same_bytes() -> None:
    assert build_sample("json") == build_sample("json")


def test_sample_articles_are_the_seed_articles_byte_for_byte() -> None:
    if not SEED.is_dir():
        pytest.skip("../shared is not present")
    for seed in SEED.iterdir():
        assert (ROOT / "sample_articles" / seed.name).read_bytes() == seed.read_bytes()


@pytest.mark.skipif(not CHECKER.is_file(), reason="../shared is not present")
def test_seed_gold_check_passes(tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    out.write_text(build_sample("json"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(CHECKER), str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert "8/8 required" in last
    assert "4/4 stretch" in last
    assert "precision 1.00" in last


def test_json_contract() -> None:
    doc = json.loads(build_sample("json"))
    assert set(doc) == {"events", "articles", "errors"}
    for event in doc["events"]:
        assert {"date", "start", "end", "granularity", "modifier", "text", "sources"} <= set(event)
        for source in event["sources"]:
            assert {"file", "outlet", "title", "published", "text", "expression", "span"} <= set(source)
            start, end = source["span"]
            assert source["text"][start:end] == source["expression"]
    published = {Path(a["file"]).name: a["published"] for a in doc["articles"]}
    assert published == {
        "000_ff0e28e557756ce3.txt": "2020-06-14T16:38",
        "004_216a86271b35340c.txt": "2020-06-14T08:35",
    }


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        # one week on: "on Tuesday" (past) the Tuesday before, "On Sunday" the publication day; "will be in
        # Turkey June 14-15" is in the future tense, so next year's June, however near last week's was
        ("Sun 21 Jun 2020 | 04:38 PM", {"2020-06-16", "2020-06-21", "2020-06-20", "2021-06-14..2021-06-15"}),
        # a Wednesday at a year end: the range is next year's, March this year's
        (
            "Wed 30 Dec 2020 | 04:38 PM",
            {"2020-12-27", "2020-12-29", "2021-06-14..2021-06-15", "2020-03-01..2020-03-10"},
        ),
        # a leap day (a Saturday): last year's March, this year's June
        (
            "Sat 29 Feb 2020 | 10:00 AM",
            {"2020-02-23", "2020-02-25", "2020-02-28", "2020-06-14..2020-06-15", "2019-03-01..2019-03-10"},
        ),
    ],
)
def test_dates_move_with_the_publication_date(tmp_path: Path, dateline: str, expected: set[str]) -> None:
    """The sample with its publication date changed: every relative date moves with it."""
    moved = tmp_path / "moved"
    shutil.copytree(ROOT / "sample_articles", moved)
    ahram = moved / "000_ff0e28e557756ce3.txt"
    ahram.write_text(ahram.read_text(encoding="utf-8").replace("Sun 14 Jun 2020 | 04:38 PM", dateline))
    from typer.testing import CliRunner

    from timeline.cli import app

    result = CliRunner().invoke(app, ["build", str(moved), "--format", "json", "-q"])
    events = json.loads(result.stdout)["events"]
    dated = {
        event["start"] if event["start"] == event["end"] else f"{event['start']}..{event['end']}"
        for event in events
        for source in event["sources"]
        if source["file"].endswith("000_ff0e28e557756ce3.txt") and event["start"]
    }
    assert expected <= dated
    assert all(day.startswith(("2019", "2020", "2021")) for day in dated)
