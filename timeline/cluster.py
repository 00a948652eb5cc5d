"""The per-article map on a Dask distributed cluster; the merge stays on the client.

The client reads each file and ships its bytes, so workers need no shared file system; they need
the same version of timeline installed (`pip install timeline[cluster]`). Results come back in
path order, so the output is byte-identical to a local run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

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

BATCH = 256  # files in flight at once: bounds the client's memory, keeps the workers busy


class ClusterUnavailable(Exception):
    """The cluster cannot be used: the extra is not installed, or the scheduler cannot be reached."""


def _decode(path: str, data: bytes | Problem) -> Document | Problem:
    """Decode shipped bytes on a worker."""
    return data if isinstance(data, Problem) else decode_document(path, data)


def _census_remote(path: str, data: bytes | Problem) -> frozenset[int]:
    """The recurring-line census of one file, on a worker."""
    return census_item(_decode(path, data))


def _process_remote(
    path: str, data: bytes | Problem, options: Options, recurring: frozenset[int]
) -> ArticleResult:
    """The per-article map of one file, on a worker."""
    return process_item(path, _decode(path, data), options, recurring, None)


def connect(address: str) -> Any:
    """A client of the scheduler at `address` (e.g. tcp://scheduler:8786)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable(
            "--cluster needs the cluster extra: pip install 'timeline[cluster]'"
        ) from None
    try:
        return Client(address, timeout=20)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterUnavailable(f"cannot reach the scheduler at {address}: {exc}") from None


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
            censuses.extend(client.gather(client.map(_census_remote, list(batch), datas, pure=False)))
        recurring = count_recurring(censuses)
    for batch in _batches(paths):
        datas = [_payload(path, options) for path in batch]
        futures = client.map(
            _process_remote, list(batch), datas, [options] * len(batch), [recurring] * len(batch), pure=False
        )
        yield from client.gather(futures)
