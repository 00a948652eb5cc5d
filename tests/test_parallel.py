"""The per-article map in parallel, cached and on a cluster gives the very same output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.golden import ROOT
from timeline import pipeline
from timeline.census import EMPTY
from timeline.cli import app
from timeline.pipeline import Options, build_timeline
from timeline.render import render_json

SYRIA = ROOT.parent / "shared" / "corpora" / "tls" / "syria" / "articles"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles and, where ../shared is present, 20 Syria articles."""
    folder = tmp_path_factory.mktemp("articles")
    for article in (ROOT / "sample_articles").iterdir():
        shutil.copyfile(article, folder / article.name)
    if SYRIA.is_dir():
        for article in sorted(SYRIA.iterdir())[:20]:
            shutil.copyfile(article, folder / f"syria_{article.name}")
    return folder


def build(*args: str) -> str:
    result = CliRunner().invoke(app, ["build", *args, "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def one_process(folder: Path) -> str:
    """The folder's JSON timeline built in one process: what every other way of running must give."""
    return build(str(folder), "--jobs", "1")


def test_jobs_do_not_change_the_output(folder: Path, one_process: str) -> None:
    assert build(str(folder), "--jobs", "2") == one_process


def result_entries(cache: Path) -> list[Path]:
    """The result entries of a cache (not the files read, under files/, nor the merges, under runs/)."""
    return sorted(
        path for path in cache.rglob("*.json") if not {"files", "inputs", "runs"} & set(path.parts[-3:])
    )


def test_cache_gives_the_same_output_and_only_new_files_are_processed(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    grown = tmp_path / "grown"
    shutil.copytree(folder, grown)
    extra = grown / "zz_extra.txt"
    extra.unlink(missing_ok=True)
    first = build(str(grown), "--cache", str(cache), "--jobs", "1")
    entries = result_entries(cache)
    assert len(entries) == len(list(grown.iterdir()))
    assert build(str(grown), "--cache", str(cache), "--jobs", "1") == first
    assert result_entries(cache) == entries  # nothing new written: every file was a hit
    extra.write_text("date 2020-06-14\nThe ministers met in Ankara on Tuesday, officials said.\n")
    grown_output = build(str(grown), "--cache", str(cache), "--jobs", "1")
    assert len(result_entries(cache)) == len(entries) + 1
    assert grown_output == build(str(grown), "--jobs", "1")


def record_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the pipeline reads from now on, in order."""
    opened: list[str] = []
    real = pipeline.read_document
    monkeypatch.setattr(
        pipeline, "read_document", lambda path, *args: opened.append(path) or real(path, *args)
    )
    return opened


def test_a_cached_rerun_opens_no_unchanged_file(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, work = tmp_path / "cache", tmp_path / "work"
    shutil.copytree(folder, work)
    first = build(str(work), "--cache", str(cache), "--jobs", "1")
    opened = record_reads(monkeypatch)
    assert build(str(work), "--cache", str(cache), "--jobs", "1") == first
    assert opened == []
    changed = sorted(work.iterdir())[0]
    changed.write_text(changed.read_text() + "\nOne more line, written on Monday.\n")
    build(str(work), "--cache", str(cache), "--jobs", "1")
    assert opened == [str(changed)] * 2  # its census, then its result: no text is held between the passes


def test_a_census_of_another_version_is_taken_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import cache as cache_module

    cache, work = tmp_path / "cache", tmp_path / "work"
    shutil.copytree(folder, work)
    first = build(str(work), "--cache", str(cache), "--jobs", "1")
    opened = record_reads(monkeypatch)
    monkeypatch.setattr(cache_module, "CENSUS_VERSION", "another census")
    assert build(str(work), "--cache", str(cache), "--jobs", "1") == first
    assert sorted(opened) == sorted(str(path) for path in work.iterdir())


def test_a_renamed_file_is_a_cache_hit(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(str(folder), "--cache", str(cache), "--jobs", "1")
    entries = result_entries(cache)
    renamed = tmp_path / "renamed"
    shutil.copytree(folder, renamed)
    assert build(str(renamed), "--cache", str(cache), "--jobs", "1") == first.replace(
        str(folder), str(renamed)
    )
    assert result_entries(cache) == entries  # the same contents: the same results, whatever the names


def test_a_corrupt_cache_entry_is_a_miss(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(str(folder), "--cache", str(cache), "--jobs", "1")
    for entry in cache.rglob("*.json"):
        entry.write_bytes(b"not a pickle")
    assert build(str(folder), "--cache", str(cache), "--jobs", "1") == first


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[Any]:
    """Two worker processes on this machine, shared by the cluster tests (starting them takes seconds)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


def test_cluster_output_is_byte_identical(folder: Path, local_cluster: Any, one_process: str) -> None:
    import distributed

    from timeline.cluster import map_on_cluster

    options = Options()
    local = one_process
    with distributed.Client(local_cluster) as client:
        remote = render_json(
            build_timeline(
                [str(folder)], options, mapper=lambda files, opts: map_on_cluster(client, files, opts)
            )
        )
    assert remote == local
    assert build(str(folder), "--cluster", local_cluster.scheduler_address) == local
    # the workers see the same file system: they read the files, the client ships only their paths
    assert build(str(folder), "--cluster", local_cluster.scheduler_address, "--workers-read-files") == local


def test_a_hostile_worker_cannot_run_code_on_the_client(
    folder: Path, tmp_path: Path, local_cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import cluster

    marker = tmp_path / "pwned"

    class Payload:  # defined here, so it travels by value to the worker and back as a pickle
        def __reduce__(self) -> tuple[Any, tuple[str]]:
            return os.mkdir, (str(marker),)

    def hostile(*args: Any) -> Any:
        return Payload()

    def forged(batch: Any, *args: Any) -> Any:  # plain data, but not a result of that file
        return json.dumps(
            [
                {"path": item.path, "info": None, "statements": [], "problems": [[item.path, "x", True]]}
                for item in batch
            ]
        ).encode()

    def garbled(*args: Any) -> Any:  # bytes, but not JSON
        return b"\x80 not JSON"

    monkeypatch.setattr(cluster, "_process_remote", hostile)
    address = local_cluster.scheduler_address
    result = CliRunner().invoke(app, ["build", str(folder), "--cluster", address, "-q"])
    assert not marker.exists()
    assert result.exit_code == 3
    assert result.stderr.startswith("timeline: the cluster failed: ")
    assert len(result.stderr.splitlines()) == 1
    for fake, reason in (
        (forged, "the cluster sent back an invalid result"),
        (garbled, "not one result per file"),
    ):
        monkeypatch.setattr(cluster, "_process_remote", fake)
        result = CliRunner().invoke(app, ["build", str(folder), "--cluster", address])
        assert result.exit_code == 3
        assert reason in result.stderr


def test_unreachable_cluster_is_a_clear_error(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from timeline import cluster

    with pytest.raises(
        cluster.ClusterUnavailable, match=r"cannot reach the scheduler at tcp://127\.0\.0\.1:9"
    ):
        cluster.connect("tcp://127.0.0.1:9", timeout=1)  # the 20 s default is for real networks
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    result = CliRunner().invoke(app, ["build", str(folder), "--cluster", "tcp://127.0.0.1:9", "-q"])
    assert result.exit_code == 3
    assert "cannot reach the scheduler" in result.stderr


class RecordingPool(ProcessPoolExecutor):
    """A pool that records the workers asked for (and never starts more than two)."""

    asked: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, **kwargs: Any) -> None:
        RecordingPool.asked.append(max_workers)
        super().__init__(min(max_workers, 2), **kwargs)


def test_workers_are_bounded_by_the_files_and_one_pool_serves_the_run(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    three = tmp_path / "three"
    three.mkdir()
    for article in sorted(folder.iterdir())[:3]:
        shutil.copyfile(article, three / article.name)
    RecordingPool.asked.clear()
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", RecordingPool)
    assert build(str(three), "--jobs", "10000") == build(str(three), "--jobs", "1")
    assert len(RecordingPool.asked) == 1
    assert 1 <= RecordingPool.asked[0] <= min(3, pipeline.worker_cap())


@given(jobs=st.integers(min_value=1, max_value=10**6), files=st.integers(min_value=0, max_value=10**6))
def test_count_workers_never_exceeds_jobs_files_or_the_machine(jobs: int, files: int) -> None:
    workers = pipeline.count_workers(jobs, files)
    assert 1 <= workers <= max(1, min(jobs, files, pipeline.worker_cap()))


@pytest.mark.parametrize(
    ("cores", "memory", "cap"),
    [
        ({0, 1}, 64 * 2**30, 2),  # cores bound
        (set(range(64)), 2 * 2**30, 2 * 2**30 // pipeline.WORKER_MEMORY),  # memory bounds
        ({0, 1, 2, 3}, 10 * 2**20, 1),  # less than one worker's memory: still one
        ({0, 1, 2, 3}, None, 4),  # memory unknown: the cores
    ],
)
def test_worker_cap_from_cores_and_memory(
    monkeypatch: pytest.MonkeyPatch, cores: set[int], memory: int | None, cap: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores, raising=False)
    monkeypatch.setattr(pipeline, "available_memory", lambda: memory)
    assert pipeline.worker_cap() == cap


@pytest.mark.parametrize("jobs", ["0", "-1", "-10000"])
def test_jobs_below_one_is_a_usage_error(folder: Path, jobs: str) -> None:
    result = CliRunner().invoke(app, ["build", str(folder), "--jobs", jobs, "-q"])
    assert result.exit_code == 2
    assert result.stderr == f"timeline: --jobs {jobs}: the number of worker processes is 1 or more\n"


def make_certificates(folder: Path) -> dict[str, str]:
    """A throw-away CA and one certificate it signed for 127.0.0.1 (EC keys: quick to make)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    names = {name: str(folder / name) for name in ("ca.pem", "ca.key", "node.pem", "node.key", "node.csr")}
    (folder / "san.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    sign = ["-CAcreateserial", "-out", names["node.pem"], "-extfile", str(folder / "san.cnf")]
    for command in (
        ["req", "-x509", *ec, "-keyout", names["ca.key"], "-out", names["ca.pem"], "-subj", "/CN=ca"],
        ["req", *ec, "-keyout", names["node.key"], "-out", names["node.csr"], "-subj", "/CN=127.0.0.1"],
        ["x509", "-req", "-in", names["node.csr"], "-CA", names["ca.pem"], "-CAkey", names["ca.key"], *sign],
    ):
        subprocess.run([openssl, *command], check=True, capture_output=True, timeout=60)
    return names


def test_a_tls_cluster_with_its_own_certificates(folder: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    files = make_certificates(tmp_path)
    roles = ("scheduler", "worker", "client")
    security = distributed.Security(
        tls_ca_file=files["ca.pem"],
        **{f"tls_{role}_cert": files["node.pem"] for role in roles},
        **{f"tls_{role}_key": files["node.key"] for role in roles},
        require_encryption=True,
    )
    local = build(str(folder))
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tls://",
        host="127.0.0.1",
        security=security,
        dashboard_address=None,
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tls://")
        tls = ["--tls-ca-file", files["ca.pem"], "--tls-cert", files["node.pem"]]
        tls += ["--tls-key", files["node.key"]]
        assert build(str(folder), "--cluster", address, *tls) == local
        bare = CliRunner().invoke(app, ["build", str(folder), "--cluster", address, "-q"])
        assert bare.exit_code == 2
        assert bare.stderr.startswith("timeline: a tls:// cluster needs --tls-ca-file, --tls-cert")


@pytest.mark.parametrize(
    ("address", "extra", "message"),
    [
        ("udp://127.0.0.1:8786", [], "--cluster udp://127.0.0.1:8786: use tcp://HOST:PORT, or tls://"),
        ("inproc://x", [], "--cluster inproc://x: use tcp://HOST:PORT"),
        ("tcp://", [], "--cluster tcp://: use tcp://HOST:PORT"),
        ("tcp://127.0.0.1:9", ["--tls-ca-file", "a", "--tls-cert", "b", "--tls-key", "c"], "need a tls://"),
        ("tls://127.0.0.1:9", [], "a tls:// cluster needs --tls-ca-file"),
    ],
)
def test_a_cluster_address_it_cannot_use_is_one_line_and_exit_2(
    folder: Path, address: str, extra: list[str], message: str
) -> None:
    pytest.importorskip("distributed")
    result = CliRunner().invoke(app, ["build", str(folder), "--cluster", address, "-q", *extra])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr


def test_the_first_pass_hands_back_censuses_without_the_texts(folder: Path) -> None:
    paths = sorted(str(path) for path in folder.iterdir())
    pipeline._set_worker_state(Options(), None)
    scanned, _ = pipeline._scan_batch(paths)
    assert [item.path for item in scanned] == paths
    assert all(item.item is None and item.scan is not None for item in scanned)  # no Document kept
    assert any(item.scan.census.lines for item in scanned if item.scan)


def test_the_json_written_in_pieces_is_the_json_of_the_whole_record(folder: Path, tmp_path: Path) -> None:
    from timeline.render.data import _dumps, iter_json, timeline_record

    timeline = build_timeline([str(folder)], Options())
    whole = _dumps(timeline_record(timeline), indent=2) + "\n"
    assert "".join(iter_json(timeline)) == whole
    empty = replace(timeline, events=(), problems=())
    assert "".join(iter_json(empty)) == _dumps(timeline_record(empty), indent=2) + "\n"
    out = tmp_path / "timeline.json"
    assert CliRunner().invoke(app, ["build", str(folder), "-q", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == whole


def test_the_second_pass_gets_each_files_own_recurring_lines_not_its_census(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # three different articles of one site share a footer: their shared lines must reach the cleaner
    folder = tmp_path / "site"
    shutil.copytree(ROOT / "sample_articles", folder)
    for number, (day, what) in enumerate(
        [("12", "closed the port"), ("13", "reopened the road"), ("15", "held talks")]
    ):
        (folder / f"site_{number}.txt").write_text(
            f"date 2020-06-{day}\n\nThe city council {what} on Friday after a long debate, officials said.\n"
            "Sign up for the Daily Harbour newsletter and never miss a story from the coast\n",
            encoding="utf-8",
        )
    in_parallel = build(str(folder), "--jobs", "2")
    sent: list[Any] = []
    real = pipeline._finish_batch
    monkeypatch.setattr(pipeline, "_finish_batch", lambda tasks: sent.extend(tasks) or real(tasks))
    assert render_json(build_timeline([str(folder)], Options())) == in_parallel
    assert len(sent) == len(list(folder.iterdir()))
    assert all(item.scan.census == EMPTY for item, _, _ in sent)
    assert any(own for _, own, _ in sent)  # the footer's hash still reaches the cleaner


def test_a_file_changed_between_the_passes_is_not_cached_under_its_first_read(tmp_path: Path) -> None:
    from timeline.cache import Cache

    article = tmp_path / "a.txt"
    article.write_text(
        "date 2020-06-14\n\nThe talks began on Sunday in Ankara, officials said.\n", encoding="utf-8"
    )
    cache = Cache(str(tmp_path / "cache"))
    scanned = pipeline.without_document(pipeline.scan_path(str(article), Options(), cache))
    article.write_text(
        "date 2020-06-14\n\nThe visit was cancelled on Saturday, officials said.\n", encoding="utf-8"
    )
    result = pipeline.finish_path(scanned, Options(), frozenset(), cache)
    assert "cancelled" in result.statements[0].text  # the second read's text, said so
    assert any(pipeline.CHANGED_DURING_RUN in problem.reason for problem in result.problems)
    key = cache.key(scanned.scan.content, Options().default_date, frozenset()) if scanned.scan else ""
    assert cache.get(key, scanned.scan.content if scanned.scan else "", str(article)) is None


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        (b"[[1, 2], [[3], [4]]]", [[1, 2], [[3], [4]]]),
        (b"[]", []),
        (b"\x80 not JSON", None),
        (b"[1, 2", None),
        (b"[" * 200_000 + b"]" * 200_000, None),  # nested past the parser's stack: refused, not raised
        ([[1, 2]], None),  # plain data instead of a JSON text: no check passes it
        ("[]", None),
        (None, None),
    ],
)
def test_a_workers_batch_is_read_only_from_json_bytes(sent: Any, read: Any) -> None:
    from timeline.cluster import _from_json

    assert _from_json(sent) == read
