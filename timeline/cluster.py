"""The per-article map on a Dask distributed cluster; the merge stays on the client.

The client reads each file and ships its bytes, so workers need no shared file system; they need
the same version of timeline installed (`pip install timeline[cluster]`). Results come back in
path order, so the output is byte-identical to a local run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from timeline.cache import InvalidEntry, encode_value, read_result
from timeline.load import decode_document, read_bytes
from timeline.models import ArticleResult, Document, Problem
from timeline.pipeline import (
    RECURRING_MIN,
    Options,
    census_item,
    count_recurring,
    process_item,
    read_document,
)

CONNECT_TIMEOUT = 20  # seconds Dask keeps retrying a scheduler that refuses or does not answer
BATCH = 256  # files in flight at once: bounds the client's memory, keeps the workers busy


class ClusterUnavailable(Exception):
    """The cluster cannot be used: the extra is missing, the scheduler is unreachable, or it failed."""


def _decode(path: str, data: bytes | Problem) -> Document | Problem:
    """Decode shipped bytes on a worker."""
    return data if isinstance(data, Problem) else decode_document(path, data)


def _census_remote(path: str, data: bytes | Problem) -> list[int]:
    """The recurring-line census of one file, on a worker, as plain data."""
    return sorted(census_item(_decode(path, data)))


def _process_remote(path: str, data: bytes | Problem, options: Options, recurring: frozenset[int]) -> Any:
    """The per-article map of one file, on a worker, as plain data (the client unpickles nothing)."""
    return encode_value(process_item(path, _decode(path, data), options, recurring, None))


def read_census(data: Any) -> frozenset[int]:
    """A worker's census, checked: 64-bit line hashes, else none."""
    if isinstance(data, list | tuple) and all(type(key) is int and 0 <= key < 2**64 for key in data):
        return frozenset(data)
    return frozenset()


def read_remote_result(path: str, data: Any) -> ArticleResult:
    """A worker's result, checked against the result classes; one that does not pass costs its file."""
    try:
        return read_result(data, path)
    except InvalidEntry as exc:
        problem = Problem(path, f"the cluster sent back an invalid result ({exc})")
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


def connect(address: str, tls: TlsFiles | None = None) -> Any:
    """A client of the scheduler at `address` (tcp://scheduler:8786, or tls:// with certificates)."""
    scheme = check_address(address, tls)
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable(
            "--cluster needs the cluster extra: pip install 'timeline[cluster]'"
        ) from None
    # Results come back as msgpack data only: a hostile worker or scheduler's pickle is refused, not run.
    options: dict[str, Any] = {"timeout": CONNECT_TIMEOUT, "deserializers": ["msgpack"]}
    if scheme == "tls":
        options["security"] = security(tls)
    try:
        return Client(address, **options)
    except Exception as exc:  # refused, timed out, a bad certificate...: one line, never a traceback
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterUnavailable(f"cannot reach the scheduler at {address}: {reason}") from None


def _batches(paths: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(paths), BATCH):
        yield paths[start : start + BATCH]


def _payload(path: str, options: Options) -> bytes | Problem:
    """What is shipped for a file: its bytes, or the problem that kept it from being read."""
    if path == "-":
        item = read_document(path, options)
        return item if isinstance(item, Problem) else item.text.encode("utf-8")
    return read_bytes(path, options.max_bytes)


def map_on_cluster(client: Any, paths: Sequence[str], options: Options) -> Iterator[ArticleResult]:
    """Run the census and the per-article map on the cluster's workers, yielding results in path order."""
    recurring: frozenset[int] = frozenset()
    if len(paths) >= RECURRING_MIN:
        censuses: list[frozenset[int]] = []
        for batch in _batches(paths):
            datas = [_payload(path, options) for path in batch]
            found = _gather(client, client.map(_census_remote, list(batch), datas, pure=False))
            censuses.extend(read_census(data) for data in found)
        recurring = count_recurring(censuses)
    for batch in _batches(paths):
        datas = [_payload(path, options) for path in batch]
        futures = client.map(
            _process_remote, list(batch), datas, [options] * len(batch), [recurring] * len(batch), pure=False
        )
        yield from map(read_remote_result, batch, _gather(client, futures))


def _gather(client: Any, futures: list[Any]) -> list[Any]:
    """The futures' results; a cluster that fails (a lost worker, data it should not send) is one line."""
    try:
        return list(client.gather(futures))
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterUnavailable(f"the cluster failed: {reason}") from None
