"""The command line's edges as a user meets them: choosing files, refused values, messages, pipes, widths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_cli import ARTICLE, SAMPLE
from timeline.cli import ExitCode, app
from timeline.render.terminal import context_words

OTHER = ARTICLE.replace("Example Daily News", "Another Wire").replace("Kessab", "Latakia")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two articles, one below a subfolder, and the data files people keep beside them."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE)
    (tmp_path / "news" / "drafts").mkdir()
    (tmp_path / "news" / "drafts" / "b.txt").write_text(OTHER)
    (tmp_path / "news" / "gold.jsonl").write_text('{"date": "2020-06-06", "text": "x"}\n')
    (tmp_path / "news" / "index.csv").write_text("file,outlet\na.txt,Example\n")
    (tmp_path / "news" / "meta.json").write_text("{}")
    return tmp_path / "news"


def built_files(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, list[str], str]:
    """Exit status, the names of the articles a build read, and its stderr."""
    result = runner.invoke(app, ["build", *args, "-f", "json"], input=stdin)
    articles = json.loads(result.stdout)["articles"] if result.stdout else []
    return result.exit_code, sorted(Path(a["file"]).name for a in articles), result.stderr


# --- choosing files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ([], ["a.txt", "b.txt"]),
        (["--glob", "a.*"], ["a.txt"]),
        (["--glob", "drafts/*"], ["b.txt"]),
        (["--exclude", "drafts/*"], ["a.txt"]),
        (["--exclude", "b.txt"], ["a.txt"]),
        (["--glob", "*.txt", "--exclude", "a.txt"], ["b.txt"]),
        (["--glob", "*.html"], []),
    ],
)
def test_glob_and_exclude_choose_the_files_of_a_folder(
    runner: CliRunner, folder: Path, options: list[str], names: list[str]
) -> None:
    code, read, _ = built_files(runner, str(folder), *options)
    assert read == names
    assert code == (ExitCode.OK if names else ExitCode.NOTHING)


def test_a_file_named_on_the_command_line_is_read_whatever_the_glob(runner: CliRunner, folder: Path) -> None:
    _, read, _ = built_files(runner, str(folder / "a.txt"), "--glob", "*.html")
    assert read == ["a.txt"]


def test_data_files_in_a_folder_are_named_in_a_note_not_read(runner: CliRunner, folder: Path) -> None:
    code, read, stderr = built_files(runner, str(folder))
    assert code == ExitCode.OK
    assert read == ["a.txt", "b.txt"]
    for name, suffix in (("gold.jsonl", ".jsonl"), ("index.csv", ".csv"), ("meta.json", ".json")):
        assert f"{name}: note: data file ({suffix}), not read as an article" in stderr


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\0"])
def test_files_from_standard_input(runner: CliRunner, folder: Path, separator: str) -> None:
    listing = separator.join([str(folder / "a.txt"), str(folder / "drafts" / "b.txt")]) + separator
    code, read, _ = built_files(runner, "--files-from", "-", stdin=listing)
    assert (code, read) == (ExitCode.OK, ["a.txt", "b.txt"])


def test_files_from_a_file_adds_to_the_paths_given(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"{folder / 'drafts' / 'b.txt'}\n\n")
    _, read, _ = built_files(runner, str(folder / "a.txt"), "--files-from", str(listing))
    assert read == ["a.txt", "b.txt"]


def test_what_find_prints_piped_into_files_from(runner: CliRunner, folder: Path) -> None:
    find = subprocess.run(
        ["find", str(folder), "-name", "*.txt", "-path", "*drafts*"], capture_output=True, check=True
    )
    result = runner.invoke(app, ["build", "--files-from", "-", "-f", "json"], input=find.stdout)
    assert result.exit_code == ExitCode.OK
    assert [Path(a["file"]).name for a in json.loads(result.stdout)["articles"]] == ["b.txt"]


@pytest.mark.parametrize(
    "paths",
    [
        ["{folder}", "{folder}/a.txt"],
        ["{folder}/a.txt", "{folder}/a.txt"],
        ["{folder}/a.txt", "{folder}/../news/a.txt"],
        ["{folder}/", "{folder}"],
    ],
)
def test_a_file_named_twice_is_read_and_cited_once(runner: CliRunner, folder: Path, paths: list[str]) -> None:
    result = runner.invoke(app, ["build", *(p.format(folder=folder) for p in paths), "-f", "json"])
    doc = json.loads(result.stdout)
    assert [Path(a["file"]).name for a in doc["articles"]].count("a.txt") == 1
    for event in doc["events"]:
        assert len({Path(s["file"]).name for s in event["sources"]}) == len(event["sources"])


# --- values no run can use -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--top-dates", "-3"], "--top-dates -3"),
        (["--top-dates", "0"], "--top-dates 0"),
        (["--top-dates", "2", "--per-date", "0"], "--per-date 0"),
        (["--per-date", "2"], "--per-date only applies to a summary"),
        (["--max-bytes", "-5"], "--max-bytes -5"),
        (["--since", "2020-06-15", "--until", "2020-06-01"], "is after --until"),
        (["--width", "5"], "--width 5"),
        (["--width", "100000"], "--width 100000"),
        (["--cluster", "tcp://127.0.0.1:1", "--cache", "{tmp}/cache"], "--cache"),
        (["--files-from", "{tmp}/missing.txt"], "missing.txt"),
    ],
)
def test_nonsense_values_are_refused_with_one_line(
    runner: CliRunner, tmp_path: Path, options: list[str], message: str
) -> None:
    result = runner.invoke(app, ["build", SAMPLE, *(o.format(tmp=tmp_path) for o in options)])
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not result.stdout
    assert not (tmp_path / "cache").exists()


def test_no_path_at_all_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["build"])
    assert result.exit_code == ExitCode.USAGE
    assert "give the files or folders to read" in result.stderr


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--about", "zebra migration"], "no event left after --about zebra migration"),
        (["--since", "2030-01-01"], "no event left after --since 2030-01-01"),
        (["--until", "1990-01-01"], "no event left after --until 1990-01-01"),
    ],
)
def test_a_filter_that_keeps_nothing_says_so(
    runner: CliRunner, folder: Path, options: list[str], said: str
) -> None:
    result = runner.invoke(app, ["build", str(folder / "a.txt"), *options])
    assert result.exit_code == ExitCode.OK
    assert said in result.stderr
    assert not result.stdout


def test_a_filter_that_keeps_something_says_nothing_more(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["build", str(folder / "a.txt"), "--since", "2020-06-06"])
    assert result.stdout
    assert "no event left" not in result.stderr


# --- output --------------------------------------------------------------------------------------------


def test_dash_output_means_standard_output(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = runner.invoke(app, ["build", str(folder / "a.txt"), "-o", "-", "-f", "json"])
    assert result.exit_code == ExitCode.OK
    assert json.loads(result.stdout)["events"]
    assert not (tmp_path / "-").exists()


def test_text_cites_outlet_time_and_file_compactly(runner: CliRunner) -> None:
    text = runner.invoke(app, ["build", SAMPLE, "-f", "text", "-q"]).stdout
    assert "(The Jerusalem Post, 14 Jun 08:35 [004_216a...txt])" in text
    assert "sample_articles/" not in text
    doc = json.loads(runner.invoke(app, ["build", SAMPLE, "-f", "json", "-q"]).stdout)
    assert doc["events"][0]["sources"][0]["file"].endswith("sample_articles/004_216a86271b35340c.txt")


@pytest.mark.parametrize("width", [20, 40, 60, 100])
def test_width_wraps_text_and_every_event_keeps_its_sources(runner: CliRunner, width: int) -> None:
    text = runner.invoke(app, ["build", SAMPLE, "-f", "text", "-q", "--width", str(width)]).stdout
    events = json.loads(runner.invoke(app, ["build", SAMPLE, "-f", "json", "-q"]).stdout)["events"]
    assert max(len(line) for line in text.splitlines()) <= width
    assert text.count("- ") >= sum(len(event["sources"]) for event in events)
    assert " ".join(text.split()).count("14 Jun") >= sum(len(event["sources"]) for event in events)


def test_a_narrow_rich_table_still_shows_every_source(runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", SAMPLE, "-f", "rich", "-q", "--width", "60"])
    events = json.loads(runner.invoke(app, ["build", SAMPLE, "-f", "json", "-q"]).stdout)["events"]
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
    cited = result.stdout.count("[004_216a...txt]") + result.stdout.count("[000_ff0e...txt]")
    assert cited == sum(len(event["sources"]) for event in events)


@pytest.mark.parametrize(
    "command",
    [
        ["build", SAMPLE, "-q", "--jobs", "1"],
        ["clean", SAMPLE],
        ["tag", str(Path(SAMPLE) / "000_ff0e28e557756ce3.txt")],
    ],
)
def test_a_closed_pipe_is_one_line_and_exit_4_for_every_command(command: list[str]) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "timeline", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # the reader is gone before the first byte: every write fails
        stderr = process.stderr.read().decode()
        code = process.wait()
    assert code == ExitCode.UNWRITABLE
    assert stderr == "timeline: standard output: cannot write the output: broken pipe\n"


# --- clean and tag -------------------------------------------------------------------------------------


def test_clean_output_dir_keeps_each_files_path(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(folder), "-d", str(out)])
    assert result.exit_code == ExitCode.OK
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*.txt"))
    assert written == ["a.txt", "drafts/b.txt"]


def test_clean_output_dir_names_a_clash_in_a_note(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    (folder / "a.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(folder), "-d", str(out), "--glob", "a.*"])
    assert result.exit_code == ExitCode.OK
    assert sorted(path.name for path in out.iterdir()) == ["a-2.txt", "a.txt"]
    assert "a.txt: note: written as" in result.stderr
    assert "an earlier input took its name" in result.stderr


def test_clean_names_a_page_nested_past_the_parser_and_still_prints_its_article(
    runner: CliRunner, tmp_path: Path
) -> None:
    sentence = "The council voted on Tuesday to close the old bridge after engineers found cracks."
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 300 + f"<p>{sentence}</p>" + "</div>" * 300 + "</body></html>")
    result = runner.invoke(app, ["clean", str(page)])
    assert result.exit_code == ExitCode.OK
    assert result.stdout == sentence + "\n"
    assert "deep.html: warning: HTML nested past its parser's limit (256 levels)" in result.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("menu.txt", "Home\nAbout us\nContact\n"),
        ("menu.html", "<html><body><div>Subscribe</div><div>Sign in</div></body></html>"),
    ],
)
def test_clean_warns_when_a_page_holds_no_article(
    runner: CliRunner, tmp_path: Path, name: str, text: str
) -> None:
    (tmp_path / name).write_text(text)
    result = runner.invoke(app, ["clean", str(tmp_path / name)])
    assert result.stdout == ""
    assert f"{name}: warning: no article text found (only boilerplate)" in result.stderr
    assert runner.invoke(app, ["clean", "-q", str(tmp_path / name)]).stderr == ""


def test_tag_reads_an_article_on_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["tag", "-"], input=ARTICLE)
    assert result.exit_code == ExitCode.OK
    rows = [line.split("\t") for line in result.stdout.splitlines()[2:]]
    assert [(row[0], row[2]) for row in rows] == [
        ("Saturday", "2020-06-06"),
        ("Friday", "2020-06-05"),
        ("Thursday", "2020-06-11"),
    ]
    assert "invalid JSON" not in result.stderr


def test_tag_still_reads_json_lines_on_standard_input(runner: CliRunner) -> None:
    line = json.dumps({"id": "d1", "dct": "2020-06-14", "text": "They met on Friday."})
    result = runner.invoke(app, ["tag", "-"], input=line + "\n")
    assert result.exit_code == ExitCode.OK
    assert json.loads(result.stdout)["timexes"][0]["value"] == "2020-06-12"


# --- messages and help ---------------------------------------------------------------------------------


def test_a_binary_file_says_skipped_once(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "tool").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(64))
    result = runner.invoke(app, ["build", str(tmp_path / "tool")])
    assert "tool: skipped: binary file (executable)\n" in result.stderr
    assert result.stderr.count("skipped") == 2  # the file's line and the count of skipped files


def test_no_publication_date_with_nothing_lost_says_so(runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", "-"], input="The treaty was signed in October 2019 in Geneva.\n")
    assert "no publication date found (no relative date needed one)" in result.stderr
    assert "0 relative date" not in result.stderr


def test_a_link_to_a_folder_is_the_same_note_in_build_and_clean(runner: CliRunner, folder: Path) -> None:
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    build = runner.invoke(app, ["build", str(folder)])
    clean = runner.invoke(app, ["clean", str(folder)])
    line = "loop: note: link to a folder, not followed"
    assert line in build.stderr
    assert line in clean.stderr
    assert build.exit_code == clean.exit_code == ExitCode.OK


@pytest.mark.parametrize("command", ["build", "clean", "tag"])
def test_help_shows_no_python_types_or_wrong_defaults(runner: CliRunner, command: str) -> None:
    text = runner.invoke(app, [command, "--help"]).stdout
    assert "list[str]" not in text
    assert "<str>" not in text
    assert "[default: 0]" not in text
    assert "--format" not in text or "html, timelinejs" in " ".join(text.split())


def test_shell_completion_is_offered(runner: CliRunner) -> None:
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


@pytest.mark.parametrize(
    ("start_word", "reach", "context"),
    [
        ("Sunday", 15, "lazy dog on Sunday and then slept"),
        ("Sunday", 0, "Sunday"),
        ("Sunday", 200, "The quick brown fox jumped over the lazy dog on Sunday and then slept in."),
        ("The", 5, "The"),
        ("The", 6, "The quick"),
    ],
)
def test_the_tag_context_never_starts_or_ends_mid_word(start_word: str, reach: int, context: str) -> None:
    body = "The quick brown fox jumped over the lazy dog on Sunday and then slept in."
    start = body.index(start_word)
    assert context_words(body, start, start + len(start_word), reach) == context
