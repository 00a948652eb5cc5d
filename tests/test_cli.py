"""The command line as a user sees it: formats, exit codes, messages, piped output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.golden import ROOT
from timeline import __version__
from timeline.cli import ExitCode, app

ANSI = re.compile(r"\x1b\[")
SAMPLE = str(ROOT / "sample_articles")
ARTICLE = """Example Daily News - World

Rebels seize border town

Mon 8 Jun 2020 | 10:00 AM

Rebels seized the border town of Kessab on Saturday after heavy fighting, activists said.

The army had shelled the town on Friday, according to residents who fled to the coast.

Talks between the two sides will resume on Thursday in Geneva, the United Nations said.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"timeline {__version__}"


@pytest.mark.parametrize("command", [["--help"], ["build", "--help"], ["clean", "--help"], ["tag", "--help"]])
def test_help_has_examples(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert "Examples" in result.stdout


@pytest.mark.parametrize("fmt", ["auto", "text", "json", "jsonl", "markdown", "csv", "rich"])
def test_every_format_builds_without_ansi_when_piped(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["build", SAMPLE, "--format", fmt])
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout
    assert not ANSI.search(result.stdout)


def test_auto_is_text_when_piped(runner: CliRunner) -> None:
    auto = runner.invoke(app, ["build", SAMPLE, "-q"]).stdout
    text = runner.invoke(app, ["build", SAMPLE, "-q", "--format", "text"]).stdout
    assert auto == text


def test_auto_is_a_rich_table_in_a_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("timeline.cli.stdout_is_terminal", lambda: True)
    result = runner.invoke(app, ["build", SAMPLE, "-q"])
    assert result.exit_code == ExitCode.OK
    assert "┃ Date" in result.stdout
    assert "events" in result.stdout.splitlines()[0]


def test_python_dash_m() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "timeline", "--version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout.strip()) == (0, f"timeline {__version__}")


def test_text_is_a_line_per_event_and_a_line_of_its_sources(runner: CliRunner) -> None:
    text = runner.invoke(app, ["build", SAMPLE, "-q", "-f", "text"]).stdout
    events = json.loads(runner.invoke(app, ["build", SAMPLE, "-q", "-f", "json"]).stdout)["events"]
    lines = text.splitlines()
    assert len(lines) == 2 * len(events)
    assert [line.split("  ")[0].strip() for line in lines[::2]] == [event["label"] for event in events]
    assert all(line.startswith(" ") and line.strip().startswith("(") for line in lines[1::2])
    assert len(runner.invoke(app, ["build", SAMPLE, "-q", "-f", "jsonl"]).stdout.splitlines()) == len(events)


def test_csv_has_a_row_per_source(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["build", SAMPLE, "-q", "-f", "csv"]).stdout)))
    events = json.loads(runner.invoke(app, ["build", SAMPLE, "-q", "-f", "json"]).stdout)["events"]
    assert len(rows) == sum(len(event["sources"]) for event in events)
    assert {row["file"] for row in rows} == {source["file"] for e in events for source in e["sources"]}


def test_article_on_stdin_with_date(runner: CliRunner) -> None:
    body = "The ministers met on Tuesday in Ankara, officials said.\n"
    result = runner.invoke(app, ["build", "-", "--date", "2020-06-14", "-f", "json", "-q"], input=body)
    assert result.exit_code == ExitCode.OK
    (event,) = json.loads(result.stdout)["events"]
    assert (event["start"], event["sources"][0]["file"]) == ("2020-06-09", "-")


DECADES = (
    "Syria and Turkey almost went to war in the late 1990s over Kurdish militants.\n\n"
    "The process began over a month ago, bankers said.\n\n"
    "The mine could be producing at the end of this decade, an analyst said.\n"
)


def test_labels_spell_out_what_the_data_keeps_in_timeml(runner: CliRunner) -> None:
    args = ["build", "-", "--date", "2011-11-04", "-q"]
    result = runner.invoke(app, [*args, "-f", "json"], input=DECADES)
    assert result.exit_code == ExitCode.OK
    events = json.loads(result.stdout)["events"]
    assert [(e["date"], e["modifier"], e["label"]) for e in events] == [
        ("199", "END", "late 1990s"),
        ("2011-10", "MORE_THAN", "by 2011-10"),
        ("201", "END", "late 2010s"),
    ]
    text = runner.invoke(app, [*args, "-f", "text"], input=DECADES).stdout
    labels = ["late 1990s", "by 2011-10", "late 2010s"]
    assert [line.split("  ")[0] for line in text.splitlines()[::2]] == labels


def test_no_date_leaves_relative_dates_unresolved(runner: CliRunner) -> None:
    body = "The ministers met on Tuesday in Ankara. The deal was signed in October 2019.\n"
    result = runner.invoke(app, ["build", "-", "-f", "json"], input=body)
    doc = json.loads(result.stdout)
    assert [event["date"] for event in doc["events"]] == ["2019-10"]
    assert doc["articles"][0]["unresolved"] == 1
    assert "no publication date found: 1 relative date(s) left unresolved" in result.stderr


def test_since_until(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    all_events = json.loads(runner.invoke(app, ["build", str(tmp_path), "-f", "json", "-q"]).stdout)["events"]
    assert [e["start"] for e in all_events] == ["2020-06-05", "2020-06-06", "2020-06-11"]
    window = ["--since", "2020-06-06", "--until", "2020-06-10"]
    result = runner.invoke(app, ["build", str(tmp_path), "-f", "json", "-q", *window])
    assert [e["start"] for e in json.loads(result.stdout)["events"]] == ["2020-06-06"]


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["build", SAMPLE, "-f", "json", "-o", str(target), "-q"])
    assert result.exit_code == ExitCode.OK
    assert result.stdout == ""
    assert json.loads(target.read_text())["events"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("t.json", "{"),
        ("t.jsonl", '{"date"'),
        ("t.md", "| Date"),
        ("t.csv", "event,date"),
        ("t.txt", "2019-10 "),
    ],
)
def test_output_format_follows_the_suffix(runner: CliRunner, tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    assert runner.invoke(app, ["build", SAMPLE, "-q", "-o", str(target)]).exit_code == ExitCode.OK
    assert target.read_text(encoding="utf-8").startswith(start)


def test_some_files_skipped(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["build", str(tmp_path), "-f", "json"])
    assert result.exit_code == ExitCode.SKIPPED
    errors = {Path(e["file"]).name: e["reason"] for e in json.loads(result.stdout)["errors"]}
    assert set(errors) == {"photo.txt", "empty.txt"}
    messages = result.stderr.splitlines()
    assert any("photo.txt: skipped: binary file (PNG image)" in line for line in messages)
    assert any("empty.txt: skipped: empty file" in line for line in messages)
    assert "1 article(s) read, 2 file(s) skipped" in messages[-1]


def test_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path)])
    assert result.exit_code == ExitCode.NOTHING
    assert "timeline: no files found under the given paths" in result.stderr


def test_nothing_usable(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "missing")])
    assert result.exit_code == ExitCode.NOTHING
    assert "missing: skipped: no such file" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [["build", SAMPLE, "--date", "14/06/2020"], ["build", SAMPLE, "--format", "pdf"], ["build"], ["nope"]],
)
def test_usage_errors(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback" not in result.output


def test_markup_and_escapes_in_articles_are_printed_literally(runner: CliRunner) -> None:
    body = (
        "Protesters chanted [bold]freedom[/bold] and \x1b[31mred\x1b[0m on Tuesday in Homs, activists said.\n"
    )
    for fmt in ("rich", "text"):
        result = runner.invoke(app, ["build", "-", "--date", "2020-06-14", "-f", fmt, "-q"], input=body)
        assert "[bold]freedom[/bold]" in result.stdout.replace("\n", " ").replace("│", " ") or fmt == "rich"
        assert "\x1b" not in result.stdout


def test_clean_prints_the_body(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(ROOT / "sample_articles" / "004_216a86271b35340c.txt")])
    assert result.exit_code == ExitCode.OK
    assert "are arriving in Turkey on Sunday" in result.stdout
    assert "Most Read" not in result.stdout
    assert "By SETH" not in result.stdout
    result = runner.invoke(app, ["clean", SAMPLE, "--output-dir", str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "000_ff0e28e557756ce3.txt",
        "004_216a86271b35340c.txt",
    ]


def test_clean_explain(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["clean", str(ROOT / "sample_articles" / "004_216a86271b35340c.txt"), "--explain"]
    )
    assert result.exit_code == ExitCode.OK
    lines = result.stdout.splitlines()
    assert any(line.startswith("KEEP") for line in lines)
    assert any(line.startswith("DROP") and "Most Read" in line for line in lines)


def test_clean_never_overwrites_its_inputs(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    result = runner.invoke(app, ["clean", str(article), "--output-dir", str(tmp_path)])
    assert article.read_text() == ARTICLE
    assert result.exit_code == ExitCode.SKIPPED


def test_tag_jsonl(runner: CliRunner) -> None:
    docs = json.dumps(
        {"id": "d1", "dct": "2020-06-14", "text": "They met on Tuesday and again in October 2019."}
    )
    result = runner.invoke(app, ["tag", "-"], input=docs + "\n")
    assert result.exit_code == ExitCode.OK
    (line,) = result.stdout.splitlines()
    tagged = json.loads(line)
    assert tagged["id"] == "d1"
    assert [t["value"] for t in tagged["timexes"]] == ["2020-06-09", "2019-10"]


def test_tag_article_lines_in_a_pipe(runner: CliRunner) -> None:
    result = runner.invoke(app, ["tag", str(ROOT / "sample_articles" / "000_ff0e28e557756ce3.txt")])
    assert result.exit_code == ExitCode.OK
    lines = result.stdout.splitlines()
    assert lines[0].endswith("published 2020-06-14T16:38 (line 7: Sun 14 Jun 2020 | 04:38 PM)")
    assert "Tuesday\tDATE\t2020-06-09\t\t2020-06-09\tpublication\tpast (own clause)" in lines
    assert (
        "June 14-15\tDATE\t2020-06-14/2020-06-15\t\t2020-06-14..2020-06-15\tpublication\tfuture (own clause)"
        in lines
    )


def test_tag_article_table_in_a_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("timeline.cli.stdout_is_terminal", lambda: True)
    result = runner.invoke(app, ["tag", str(ROOT / "sample_articles" / "000_ff0e28e557756ce3.txt")])
    assert result.exit_code == ExitCode.OK
    assert "┃ Expression" in result.stdout


def test_progress_bar_on_a_terminal() -> None:
    from rich.console import Console

    from tests.factories import statement
    from timeline.models import ArticleResult
    from timeline.render.terminal import progress_bar

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    found = statement("They met on June 10.", "June 10", "2020-06-10")
    with progress_bar(2, console) as advance:
        advance(ArticleResult("a.txt", found.article, (found,), ()))
        advance(ArticleResult("b.txt", None, (), ()))
        console.file.flush()
    shown = screen.getvalue()
    assert "articles" in shown
    assert "1 statements" in shown


def test_no_progress_bar_in_a_pipe(runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", SAMPLE, "-f", "json", "--jobs", "1"])
    assert result.exit_code == ExitCode.OK
    (line,) = result.stderr.splitlines()  # the summary only: no bar, no control sequences
    assert re.fullmatch(
        r"timeline: 2 article\(s\) read, 0 file\(s\) skipped; \d+ dated statement\(s\) in \d+ event\(s\)",
        line,
    )
