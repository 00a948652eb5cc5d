"""A cache of per-article results, keyed by content, the tool's version and what shapes the result."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from timeline import __version__
from timeline.models import ArticleResult, Document

FORMAT = "2"  # bump when the pickled classes change shape


class Cache:
    """Pickled ArticleResults under DIR/<2 hex>/<key>.pickle; a bad entry is a miss, never an error."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)

    def key(self, doc: Document, default_date: dt.date | None, recurring: frozenset[str]) -> str:
        """The key of a document's result: its path and text, the version, and the settings that matter."""
        digest = hashlib.sha256()
        for part in (FORMAT, __version__, doc.path, doc.kind.value, str(default_date), *sorted(recurring)):
            digest.update(part.encode("utf-8", errors="surrogatepass") + b"\0")
        digest.update(doc.text.encode("utf-8", errors="surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> ArticleResult | None:
        """The cached result, or None."""
        try:
            with open(self._path(key), "rb") as handle:
                result = pickle.load(handle)
        except (
            OSError,
            EOFError,
            pickle.UnpicklingError,
            AttributeError,
            ImportError,
            TypeError,
            ValueError,
        ):
            return None
        return result if isinstance(result, ArticleResult) else None

    def put(self, key: str, result: ArticleResult) -> None:
        """Store a result atomically; a cache that cannot be written is silently skipped."""
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except OSError:
            return
