"""The per-article map on a Dask distributed cluster; the merge stays on the client.

The client reads each file and ships its bytes, so workers need no shared file system (or, with
`--workers-read-files`, the workers read the files from the same absolute paths); they need the same
version of timeline installed (`pip install timeline[cluster]`). Files go in batches: a task decodes
a batch and takes its census, the batch stays on that worker, and a second task cleans, dates and
tags it once the run's recurring lines are known. Each batch's census and results come back as one
JSON text (bytes cost the msgpack-only client next to nothing to decode; nested lists cost the
client, the scheduler and the workers seconds), read in path order: the output is byte-identical to a
local run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from timeline.cache import InvalidEntry, Scan, encode_result, read_result
from timeline.census import Census, count_recurring, take_census
from timeline.load import decode_document, read_bytes
from timeline.models import ArticleResult, Document, Problem
from timeline.pipeline import Options, Scanned, finish_path, read_document, safe_read

CONNECT_TIMEOUT = 20.0  # seconds Dask keeps retrying a scheduler that refuses or does not answer
BATCH = 64  # files per task: one task per file costs the scheduler more than the work


class ClusterUnavailable(Exception):
    """The cluster cannot be used: the extra is missing, the scheduler is unreachable, or it failed."""


def _scan_remote(batch: Sequence[tuple[str, bytes | Problem | str]], options: Options) -> list[Scanned]:
    """Decode a batch of shipped files (or read them: a str is a path the workers see); take the census."""
    scanned = []
    for path, data in batch:
        item = _document(path, data, options)
        if isinstance(item, Problem):
            scanned.append(Scanned(path, item))
        else:
            scanned.append(Scanned(path, item, Scan("", item.kind, item.notes, take_census(item))))
    return scanned


def _document(path: str, data: bytes | Problem | str, options: Options) -> Document | Problem:
    """A shipped file decoded, or a file read from the shared path `data`, as the file `path`."""
    if isinstance(data, Problem):
        return data
    if isinstance(data, bytes):
        return decode_document(path, data)
    item = safe_read(data, options)
    return replace(item, path=path)


def _census_remote(scanned: Sequence[Scanned]) -> bytes:
    """The census of each file of a batch that stays on the worker, as JSON: [lines, sketch] per file."""
    return _json_bytes(
        [
            [sorted(item.scan.census.lines), list(item.scan.census.sketch)] if item.scan else [[], []]
            for item in scanned
        ]
    )


def _process_remote(
    scanned: Sequence[Scanned], recurring: Sequence[Sequence[int]], options: Options
) -> bytes:
    """The per-article map of a batch, on a worker, as JSON (the client unpickles nothing)."""
    return _json_bytes(
        [
            encode_result(finish_path(item, options, frozenset(own), None))
            for item, own in zip(scanned, recurring, strict=True)
        ]
    )


def _json_bytes(data: Any) -> bytes:
    """A batch's plain data as one JSON text: bytes travel as they are, a nested list costs Dask far more."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _from_json(data: Any) -> Any:
    """A worker's JSON bytes as plain data; anything else (not bytes, not JSON) as None: no check passes."""
    if not isinstance(data, bytes):
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested past the parser's stack
        return None


def read_census(data: Any) -> Census:
    """A worker's census of one file, checked: lists of 64-bit line hashes, else none."""
    if not (isinstance(data, list | tuple) and len(data) == 2):
        return Census(frozenset())
    lines, sketch = data
    if all(_hashes(part) for part in (lines, sketch)):
        return Census(frozenset(lines), tuple(sketch))
    return Census(frozenset())


def _hashes(data: Any) -> bool:
    return isinstance(data, list | tuple) and all(type(key) is int and 0 <= key < 2**64 for key in data)


def read_remote_result(path: str, data: Any) -> ArticleResult:
    """A worker's result, checked against the result classes; one that does not pass costs its file."""
    try:
        return read_result(data, path)
    except InvalidEntry as exc:
        return _invalid(path, str(exc))


def _invalid(path: str, reason: str) -> ArticleResult:
    problem = Problem(path, f"the cluster sent back an invalid result ({reason})")
    return ArticleResult(path, None, (), (problem,))


class ClusterAddressError(ValueError):
    """A --cluster address (or TLS setting) this tool cannot use: a command-line error."""


SCHEMES = ("tcp", "tls")  # what a scheduler of `dask scheduler` listens on; tls:// needs certificates


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """The client's TLS files: the CA of the cluster's certificates, the client's certificate and key."""

    ca_file: str
    cert: str
    key: str


def check_address(address: str, tls: TlsFiles | None) -> str:
    """The scheme of a usable address; ClusterAddressError (one line) for any other."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme not in SCHEMES or not rest:
        raise ClusterAddressError(
            f"--cluster {address}: use tcp://HOST:PORT, or tls://HOST:PORT with --tls-ca-file, --tls-cert "
            "and --tls-key"
        )
    if tls is not None and scheme != "tls":
        raise ClusterAddressError(f"--cluster {address}: the TLS options need a tls:// address")
    return scheme


def security(tls: TlsFiles | None) -> Any:
    """Dask's Security for a tls:// scheduler: the files given, else Dask's configuration."""
    from distributed import Security

    if tls is not None:
        return Security(
            tls_ca_file=tls.ca_file, tls_client_cert=tls.cert, tls_client_key=tls.key, require_encryption=True
        )
    configured = Security(require_encryption=True)
    if not (getattr(configured, "tls_ca_file", None) and getattr(configured, "tls_client_cert", None)):
        raise ClusterAddressError(
            "a tls:// cluster needs --tls-ca-file, --tls-cert and --tls-key "
            "(or distributed.comm.tls.ca-file and client.cert/key in Dask's configuration)"
        )
    return configured


def connect(address: str, tls: TlsFiles | None = None, timeout: float | None = None) -> Any:
    """A client of the scheduler at `address` (tcp://scheduler:8786, or tls:// with certificates).

    `timeout`: the seconds to keep trying a scheduler that refuses or does not answer (CONNECT_TIMEOUT).
    """
    scheme = check_address(address, tls)
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable(
            "--cluster needs the cluster extra: pip install 'timeline[cluster]'"
        ) from None
    # Results come back as msgpack data only: a hostile worker or scheduler's pickle is refused, not run.
    options: dict[str, Any] = {"timeout": timeout or CONNECT_TIMEOUT, "deserializers": ["msgpack"]}
    if scheme == "tls":
        options["security"] = security(tls)
    try:
        return Client(address, **options)
    except Exception as exc:  # refused, timed out, a bad certificate...: one line, never a traceback
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterUnavailable(f"cannot reach the scheduler at {address}: {reason}") from None


def _batches(paths: Sequence[str]) -> list[Sequence[str]]:
    return [paths[start : start + BATCH] for start in range(0, len(paths), BATCH)]


def _payload(path: str, options: Options, shared: bool) -> bytes | Problem | str:
    """What is shipped for a file: its bytes, or why it cannot be read; its absolute path when `shared`."""
    if path == "-":
        item = read_document(path, options)
        return item if isinstance(item, Problem) else item.text.encode("utf-8")
    return os.path.abspath(path) if shared else read_bytes(path, options.max_bytes)


def map_on_cluster(
    client: Any, paths: Sequence[str], options: Options, shared: bool = False
) -> Iterator[ArticleResult]:
    """Both passes on the cluster's workers, over batches of files, yielding results in path order.

    Each batch's bytes are read once, on the client (or by the workers from the same paths when
    `shared`), and decoded once: the decoded batch stays on its worker between the census and the
    per-article work; only the census, each file's own recurring lines and the results travel as data.
    """
    batches = _batches(paths)
    scanned = [
        client.submit(
            _scan_remote, [(path, _payload(path, options, shared)) for path in batch], options, pure=False
        )
        for batch in batches
    ]
    censuses = _gather_censuses(client, scanned, batches)
    recurring = count_recurring(censuses)
    own = [sorted(census.lines & recurring) for census in censuses]
    futures = [
        client.submit(_process_remote, batch_scanned, own[start : start + len(batch)], options, pure=False)
        for start, batch, batch_scanned in zip(range(0, len(paths), BATCH), batches, scanned, strict=True)
    ]
    del scanned
    for batch, found in zip(batches, _results(futures), strict=True):
        if not isinstance(found, list | tuple) or len(found) != len(batch):
            yield from (_invalid(path, "not one result per file") for path in batch)
        else:
            yield from map(read_remote_result, batch, found)


def _results(futures: list[Any]) -> Iterator[Any]:
    """Each future's result in order, as soon as it is there: the client checks a batch while workers work.

    A future is dropped once read, so its worker frees the batch's result.
    """
    futures.reverse()
    while futures:
        future = futures.pop()
        try:
            found = future.result()
        except Exception as exc:
            raise _failed(exc) from None
        del future
        yield _from_json(found)


def _gather_censuses(client: Any, scanned: list[Any], batches: Sequence[Sequence[str]]) -> list[Census]:
    """The census of every file, batch by batch, checked (a batch of the wrong length counts as none)."""
    censuses: list[Census] = []
    for batch, found in zip(
        batches, map(_from_json, _gather(client, client.map(_census_remote, scanned))), strict=True
    ):
        if isinstance(found, list | tuple) and len(found) == len(batch):
            censuses.extend(read_census(data) for data in found)
        else:
            censuses.extend(Census(frozenset()) for _ in batch)
    return censuses


def _gather(client: Any, futures: list[Any]) -> list[Any]:
    """The futures' results; a cluster that fails (a lost worker, data it should not send) is one line."""
    try:
        return list(client.gather(futures))
    except Exception as exc:
        raise _failed(exc) from None


def _failed(exc: Exception) -> ClusterUnavailable:
    """A cluster's failure (a lost worker, data it should not send) as one line."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ClusterUnavailable(f"the cluster failed: {reason}")
