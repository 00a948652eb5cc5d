"""A cache of per-article results, keyed by content, the tool's code and what shapes the result.

Entries are data, never code: JSON checked field by field against the result classes (models.py),
with a checksum of their own content and the hash of the input they were made from. An entry that
does not pass is a miss: the article is recomputed, and the run says so once on standard error.
The folder is created readable by its owner only, and a folder that others can write to is not used
(an entry is trusted as much as the folder it lives in).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import operator
import os
import re
import stat
import tempfile
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from timeline import __version__
from timeline.census import CENSUS_VERSION, Census
from timeline.load import CONTROL, read_at_most
from timeline.models import EVENT_KINDS, ArticleResult, Document, Event, Kind, Source, Statement

FORMAT = "6"  # 1: pickle (never read again); 2: JSON checked against the result classes;
#             3: TimeExpr.tense, tense_from and ArticleInfo.language; 4: Statement.kind, caption, parts;
#             5: keyed by content, not path; merged events cached;
#             6: statements without their article (the result's info is theirs)
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # far above any entry a 20 MB article gives; bounds a hostile one
FOLDER_MODE = 0o700


class InvalidEntry(ValueError):
    """A cache entry (or a shipped result) that does not match the result schema."""


def encode_value(value: object) -> Any:
    """A result (dataclasses, tuples, dates, enums, scalars) as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: encode_value(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):  # datetime included
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode_value(item) for item in value]
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a dataclass (models.py writes them as strings)."""
    return typing.get_type_hints(cls)


def decode_value(data: Any, hint: Any) -> Any:
    """Data read back as the type `hint`; InvalidEntry when it does not fit exactly."""
    return _decoder(hint)(data)


Decoder = typing.Callable[[Any], Any]


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """The reader of one type, made once: a cached result is read field by field without asking `typing`."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _union_decoder(hint)
    if origin is tuple:
        return _tuple_decoder(typing.get_args(hint))
    if hint is type(None):
        return _none
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass_decoder(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return functools.partial(_enum, hint)
    if hint is dt.datetime or hint is dt.date:
        return functools.partial(_decode_time, hint=hint)
    scalars: dict[Any, Decoder] = {bool: _bool, int: _int, float: _float, str: _str}
    if hint in scalars:
        return scalars[hint]
    raise InvalidEntry(f"no reader for {hint}")


def _union_decoder(hint: Any) -> Decoder:
    options = typing.get_args(hint)
    optional = type(None) in options  # null is read at once, not after the other types refused it

    def decode(data: Any) -> Any:
        if data is None and optional:
            return None
        for option in options:
            try:
                return _decoder(option)(data)
            except InvalidEntry:
                continue
        raise InvalidEntry(f"{data!r:.40} fits none of {hint}")

    return decode


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    """A JSON list (msgpack may give a tuple) as a tuple[X, ...] or a fixed tuple[X, Y]."""
    if len(args) == 2 and args[1] is Ellipsis:

        def decode_all(data: Any) -> tuple[Any, ...]:
            _expect(isinstance(data, list | tuple), data, "a list")
            item = _decoder(args[0])
            return tuple(item(value) for value in data)

        return decode_all

    def decode_fixed(data: Any) -> tuple[Any, ...]:
        _expect(isinstance(data, list | tuple), data, "a list")
        _expect(len(data) == len(args), data, f"a list of {len(args)}")
        return tuple(_decoder(arg)(value) for value, arg in zip(data, args, strict=True))

    return decode_fixed


def _dataclass_decoder(cls: type) -> Decoder:
    """A JSON object with exactly the fields of `cls`."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    expected = frozenset(names)

    fields: list[tuple[str, Decoder]] = []  # filled at the first call: a field's class may refer back

    def decode(data: Any) -> Any:
        _expect(isinstance(data, dict), data, f"a {cls.__name__} object")
        if data.keys() != expected:
            raise InvalidEntry(f"{cls.__name__} fields differ: {sorted(set(data) ^ expected)[:5]}")
        if not fields:
            fields.extend((name, _decoder(_hints(cls)[name])) for name in names)
        return cls(**{name: read(data[name]) for name, read in fields})

    return decode


def _none(data: Any) -> None:
    _expect(data is None, data, "null")


def _enum(cls: type[enum.Enum], data: Any) -> enum.Enum:
    try:
        return cls(data)
    except (ValueError, TypeError):
        raise InvalidEntry(f"{data!r:.40} is not a {cls.__name__}") from None


def _bool(data: Any) -> bool:
    if type(data) is not bool:
        raise InvalidEntry(f"{data!r:.40} is not a boolean")
    return data


def _int(data: Any) -> int:
    if type(data) is not int:  # not a bool either
        raise InvalidEntry(f"{data!r:.40} is not an integer")
    return data


def _float(data: Any) -> float:
    if type(data) is not float and type(data) is not int:
        raise InvalidEntry(f"{data!r:.40} is not a number")
    return float(data)


def _str(data: Any) -> str:
    if type(data) is not str:
        raise InvalidEntry(f"{data!r:.40} is not a string")
    return data


def _expect(condition: bool, data: object, what: str) -> None:
    if not condition:
        raise InvalidEntry(f"{data!r:.40} is not {what}")


def _decode_time(data: Any, hint: type[dt.date]) -> dt.date:
    """An ISO date or date-time, of exactly the type asked for."""
    _expect(isinstance(data, str) and len(data) <= 40, data, "an ISO date")
    try:
        value = hint.fromisoformat(data)
    except ValueError:
        raise InvalidEntry(f"{data!r:.40} is not an ISO date") from None
    _expect(type(value) is hint, data, hint.__name__)
    return value


@functools.cache
@functools.cache
def code_version() -> str:
    """The tool's version and a digest of its code and data files: a checkout changed since the release
    it is numbered after keeps the number, and must not take the results another code made."""
    return f"{__version__}+{tree_digest(Path(__file__).parent)[:16]}"


def tree_digest(root: Path) -> str:
    """The SHA-256 of a folder's files, their paths and contents, in path order (`__pycache__` left out)."""
    digest = hashlib.sha256()
    files = sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.relative_to(root).parts
    )
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def schema_fingerprint() -> str:
    """A digest of the result classes' fields and types: a change of shape is a new key, not a bad entry."""
    seen: dict[str, str] = {}
    pending: list[type] = [ArticleResult]
    while pending:
        cls = pending.pop()
        if cls.__name__ in seen:
            continue
        hints = _hints(cls)
        seen[cls.__name__] = ",".join(f"{name}:{hints[name]}" for name in sorted(hints))
        for hint in hints.values():
            pending.extend(_dataclasses_in(hint))
    text = ";".join(f"{name}({fields})" for name, fields in sorted(seen.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _dataclasses_in(hint: Any) -> list[type]:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return [hint]
    return [found for arg in typing.get_args(hint) for found in _dataclasses_in(arg)]


def checksum(data: Any) -> str:
    """The SHA-256 of data in its canonical JSON form."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def content_hash(doc: Document) -> str:
    """What a document's result is made from: the tool's version, its kind and decoded text (not its path)."""
    digest = hashlib.sha256()
    for part in (FORMAT, code_version(), doc.kind.value):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(doc.text.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()


def encode_result(result: ArticleResult) -> Any:
    """A result as plain data, its statements without their article: the result's own info is theirs.

    Each statement carrying a copy of the article's identity made an entry a third longer and its
    reading a third slower.
    """
    data = encode_value(result)
    for statement in data["statements"]:
        del statement["article"]
    return data


def encode_entry(key: str, content: str, result: ArticleResult) -> bytes:
    """A cache entry: format, key, input hash, the result (for no path in particular) and its checksum."""
    data = encode_result(rebase(result, ""))
    entry = {"format": FORMAT, "key": key, "input": content, "checksum": checksum(data)}
    entry["result"] = data
    return json.dumps(entry, sort_keys=True, allow_nan=False).encode("ascii")


def _load_entry(raw: bytes, fields: set[str]) -> dict[str, Any]:
    """A JSON object with exactly `fields` and a checksum of its "result" (or its other fields)."""
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested past the parser's stack
        raise InvalidEntry(f"not JSON ({type(exc).__name__})") from None
    _expect(isinstance(entry, dict), entry, "an object")
    if set(entry) != fields:
        raise InvalidEntry("not a cache entry")
    if entry["format"] != FORMAT:
        raise InvalidEntry("made for another format")
    checked = entry["result"] if "result" in entry else {k: v for k, v in entry.items() if k != "checksum"}
    try:
        expected = checksum(checked)
    except (ValueError, RecursionError):  # NaN, or nesting too deep to dump again
        raise InvalidEntry("not canonical JSON") from None
    if entry["checksum"] != expected:
        raise InvalidEntry("checksum does not match its content")
    return typing.cast(dict[str, Any], entry)


def decode_entry(raw: bytes, key: str, content: str, path: str) -> ArticleResult:
    """The result an entry holds, checked, as the result of `path`; InvalidEntry when a check fails."""
    entry = _load_entry(raw, {"format", "key", "input", "checksum", "result"})
    if entry["key"] != key:
        raise InvalidEntry("made for another key or format")
    if entry["input"] != content:
        raise InvalidEntry("made from other input")
    return rebase(read_result(entry["result"], ""), path)


def rebase(result: ArticleResult, path: str) -> ArticleResult:
    """The same result as the result of the file `path` (a result depends on the content, not the name)."""
    if result.path == path:
        return result
    info = dataclasses.replace(result.info, path=path) if result.info else None
    with_article = _replacer(Statement, "article")
    statements = tuple(with_article(s, info) for s in result.statements) if info else ()
    problems = tuple(dataclasses.replace(problem, path=path) for problem in result.problems)
    return dataclasses.replace(result, path=path, info=info, statements=statements, problems=problems)


@functools.cache
def _replacer(cls: type, name: str) -> typing.Callable[[Any, Any], Any]:
    """`dataclasses.replace(item, name=value)` for items of `cls`, twice as fast (a cached re-run does it
    for every statement): every field passed by position."""
    fields = dataclasses.fields(cls)
    if not all(field.init and not field.kw_only for field in fields):
        return lambda item, value: dataclasses.replace(item, **{name: value})
    names = [field.name for field in fields]
    values_of, position = operator.attrgetter(*names), names.index(name)

    def replace(item: Any, value: Any) -> Any:
        values = list(values_of(item))
        values[position] = value
        return cls(*values)

    return replace


def read_result(data: Any, path: str) -> ArticleResult:
    """A result of `path` from `encode_result`'s data (a cache entry, a cluster worker), checked; else
    InvalidEntry."""
    _expect(isinstance(data, dict) and isinstance(data.get("statements"), list | tuple), data, "a result")
    try:
        result = decode_value({**data, "statements": []}, ArticleResult)
        if data["statements"] and result.info is None:
            raise InvalidEntry("statements of no article")
        read = _decoder_given(Statement, "article")
        statements = tuple(read(item, result.info) for item in data["statements"])  # one shared info
    except RecursionError:
        raise InvalidEntry("nested too deeply") from None
    result = dataclasses.replace(result, statements=statements)
    check_result(result, path)
    return typing.cast(ArticleResult, result)


@functools.cache
def _decoder_given(cls: type, given: str) -> typing.Callable[[Any, Any], Any]:
    """The reader of `cls` from an object without the field `given`, whose value the caller has."""
    names = tuple(field.name for field in dataclasses.fields(cls) if field.name != given)
    expected = frozenset(names)
    fields = [(name, _decoder(_hints(cls)[name])) for name in names]

    def decode(data: Any, value: Any) -> Any:
        _expect(isinstance(data, dict), data, f"a {cls.__name__} object")
        if data.keys() != expected:
            raise InvalidEntry(f"{cls.__name__} fields differ: {sorted(set(data) ^ expected)[:5]}")
        return cls(**{given: value}, **{name: read(data[name]) for name, read in fields})

    return decode


def check_result(result: ArticleResult, path: str) -> None:
    """What the types cannot say: one file's result, counts not negative, every span inside its sentence."""
    if result.path != path or any(problem.path != path for problem in result.problems):
        raise InvalidEntry("made for another file")
    if result.sentences < 0 or result.unresolved < 0:
        raise InvalidEntry("a negative count")
    for statement in result.statements:
        expr = statement.expr
        if statement.article != result.info:
            raise InvalidEntry("a statement of another article")
        text = statement.text
        if not 0 <= expr.start < expr.end <= len(text) or text[expr.start : expr.end] != expr.text:
            raise InvalidEntry("an expression outside its sentence")
        if (expr.first_day is None) != (expr.last_day is None) or (
            expr.first_day and expr.last_day and expr.first_day > expr.last_day
        ):
            raise InvalidEntry("an interval that ends before it starts")
        if CONTROL.search(statement.text):
            raise InvalidEntry("control characters in a statement")


@dataclasses.dataclass(frozen=True, slots=True)
class Scan:
    """What the first pass keeps of a file: its content hash, kind, loading notes and census."""

    content: str
    kind: Kind
    notes: tuple[str, ...]
    census: Census


SCAN_FIELDS = ("format", "version", "path", "stat", "content", "kind", "notes", "lines", "sketch", "checksum")


def scan_version() -> str:
    """What a file's first-pass record depends on besides the file: the tool's version and the census's."""
    return f"{code_version()}/{CENSUS_VERSION}"


Stamp = tuple[int, int, int, int, int]


def file_stamp(info: os.stat_result) -> Stamp:
    """What tells that a file has not changed since it was read: its times, size, inode and device.

    The change time too: setting a file's modification time back (touch -d, a copy keeping times)
    changes it.
    """
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev, info.st_ctime_ns)


def is_unchanged(stamp: Sequence[int], info: os.stat_result, written_ns: int) -> bool:
    """Whether a file still has the stamp a record kept, and was not "racily clean" when it was kept.

    A file changed in the same clock tick as it was read keeps its stamp: a file whose times are not
    older than the record's own modification time (as git's index does) is read again.
    """
    return (
        tuple(stamp) == file_stamp(info) and info.st_mtime_ns < written_ns and info.st_ctime_ns < written_ns
    )


def _hashes(data: Any) -> tuple[int, ...]:
    """A list of 64-bit line hashes, checked."""
    _expect(isinstance(data, list), data, "a list")
    _expect(all(type(value) is int and 0 <= value < 2**64 for value in data), data, "64-bit hashes")
    return tuple(data)


def decode_scan(entry: dict[str, Any]) -> Scan:
    """A file's first-pass record from a checked entry; InvalidEntry when a field does not fit."""
    content = entry["content"]
    _expect(isinstance(content, str) and len(content) == 64, content, "a content hash")
    _expect(isinstance(entry["path"], str), entry["path"], "a path")
    notes = _notes(entry["notes"])
    census = Census(frozenset(_hashes(entry["lines"])), _hashes(entry["sketch"]))
    return Scan(content, decode_value(entry["kind"], Kind), notes, census)


def _notes(data: Any) -> tuple[str, ...]:
    """A file's loading notes, checked: a list of strings without control characters."""
    _expect(isinstance(data, list) and all(isinstance(note, str) for note in data), data, "notes")
    if any(CONTROL.search(note) for note in data):
        raise InvalidEntry("control characters in a note")
    return tuple(data)


@dataclasses.dataclass(frozen=True, slots=True)
class Recorded:
    """One file of a run's record: its stamp before it was read, content hash, loading notes, result key."""

    stamp: Stamp
    content: str
    notes: tuple[str, ...]
    key: str


def encode_record(paths: Sequence[str], files: Sequence[Recorded]) -> list[Any]:
    """A run's record as data: each file's absolute path, stamp, content hash, notes and result key."""
    return [
        [os.path.abspath(path), list(file.stamp), file.content, list(file.notes), file.key]
        for path, file in zip(paths, files, strict=True)
    ]


def encode_record_entry(key: str, paths: Sequence[str], files: Sequence[Recorded]) -> bytes:
    """A run's record as a cache entry: format, key, the files and their checksum."""
    data = encode_record(paths, files)
    entry = {"format": FORMAT, "key": key, "checksum": checksum(data), "result": data}
    return json.dumps(entry, sort_keys=True, allow_nan=False).encode("ascii")


def decode_record(data: Any, paths: Sequence[str]) -> list[Recorded]:
    """The files of `encode_record` for these very paths, checked; InvalidEntry when one does not fit."""
    _expect(isinstance(data, list) and len(data) == len(paths), data, "a record of these files")
    files = []
    for path, item in zip(paths, data, strict=True):
        _expect(isinstance(item, list) and len(item) == 5, item, "a recorded file")
        where, stamp, content, notes, key = item
        _expect(where == os.path.abspath(path), where, "the path of its file")
        _expect(isinstance(stamp, list) and len(stamp) == 5, stamp, "a stamp")
        _expect(all(type(value) is int for value in stamp), stamp, "a stamp of integers")
        _expect(_is_digest(content) and _is_digest(key), item, "a content hash and a key")
        files.append(Recorded(typing.cast(Stamp, tuple(stamp)), content, _notes(notes), key))
    return files


def read_record(raw: bytes, key: str, paths: Sequence[str]) -> list[Recorded]:
    """The files of a run's record of `key` over these paths, checked; InvalidEntry when a check fails."""
    entry = _load_entry(raw, {"format", "key", "checksum", "result"})
    _expect(entry["key"] == key, entry["key"], "this run's key")
    return decode_record(entry["result"], paths)


DIGEST = re.compile(r"[0-9a-f]{64}")


def _is_digest(value: Any) -> bool:
    """Whether `value` is a SHA-256 in lower-case hexadecimal."""
    return isinstance(value, str) and DIGEST.fullmatch(value) is not None


def encode_events(events: Sequence[Event], statements: Sequence[Statement]) -> list[Any]:
    """A run's merged events as data: each event's date and text, its sources as statement numbers."""
    number = {id(statement): index for index, statement in enumerate(statements)}
    return [
        [
            event.value,
            encode_value(event.first_day),
            encode_value(event.last_day),
            event.granularity,
            event.mod,
            event.text,
            [[number[id(source.statement)], source.relation] for source in event.sources],
            event.kind,
            list(event.other_dates),
        ]
        for event in events
    ]


def decode_events(data: Any, statements: Sequence[Statement]) -> tuple[Event, ...]:
    """The events of `encode_events` over the same statements, checked; InvalidEntry when one does not fit.

    Every statement is a source of exactly one event, and each event's date and text are those of one
    of its own sources, so an entry can only regroup the run's own statements, never add to them.
    """
    _expect(isinstance(data, list), data, "a list of events")
    events, used = [], [False] * len(statements)
    optional_text, optional_day = _decoder(str | None), _decoder(dt.date | None)  # looked up once
    texts = _decoder(tuple[str, ...])
    for item in data:
        _expect(isinstance(item, list) and len(item) == 9, item, "an event")
        value, first, last, granularity, mod, text, sources, kind, other_dates = item
        members = _read_sources(sources, statements, used, optional_text)
        first_day, last_day = optional_day(first), optional_day(last)
        exprs = {
            (m.statement.expr.value, m.statement.expr.first_day, m.statement.expr.last_day) for m in members
        }
        _expect((value, first_day, last_day) in exprs, value, "the date of one of its sources")
        _expect(any(m.statement.text == text for m in members), text, "the text of one of its sources")
        _expect(kind in EVENT_KINDS, kind, "an event kind")
        others = () if other_dates == [] else texts(other_dates)  # most events have none
        values = {m.statement.expr.value for m in members}
        _expect(all(other in values for other in others), others, "dates of its own sources")
        events.append(
            Event(
                value, first_day, last_day, _str(granularity), optional_text(mod), text, members, kind, others
            )
        )
    _expect(all(used), len(used), "every statement in an event")
    return tuple(events)


def _read_sources(
    sources: Any, statements: Sequence[Statement], used: list[bool], read_relation: Decoder
) -> tuple[Source, ...]:
    """An event's sources: numbers of statements no other event of the run has, and their relations."""
    _expect(isinstance(sources, list) and bool(sources), sources, "a list of sources")
    members = []
    for source in sources:  # checked inline, not with _expect: a run has a source per statement
        if type(source) is not list or len(source) != 2:
            raise InvalidEntry(f"{source!r:.40} is not a source")
        index = source[0]
        if type(index) is not int or not 0 <= index < len(used) or used[index]:
            raise InvalidEntry(f"{index!r:.40} is not a statement of its own")
        used[index] = True
        members.append(Source(statements[index], read_relation(source[1])))
    return tuple(members)


def folder_problem(folder: Path) -> str | None:
    """Why a cache folder cannot be trusted (owned by someone else, writable by others), or None."""
    try:
        info = folder.stat()
    except OSError:
        return None  # not there yet: it will be made user-only
    if not stat.S_ISDIR(info.st_mode):
        return "not a folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return "owned by another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "writable by other users"
    return None


class Cache:
    """JSON ArticleResults under DIR/<2 hex>/<key>.json; a bad entry is a miss, counted, never an error."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self.rejected: list[str] = []  # why entries of this run did not validate (reported once)
        self.keys: dict[str, str] = {}  # the result key of each file of this run (for the merge's key)

    def key(self, content: str, default_date: dt.date | None, recurring: frozenset[int]) -> str:
        """The key of a result: the input's content hash, the result classes and the settings that shape it.

        `recurring`: the hashes of the document's own lines that recur across the run's articles.
        """
        digest = hashlib.sha256()
        for part in (FORMAT, schema_fingerprint(), code_version(), content, str(default_date)):
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(b",".join(b"%x" % line for line in sorted(recurring)))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _read(self, path: Path) -> bytes | None:
        """An entry's bytes (None when there is none); a huge one is noted as invalid."""
        found = self._read_stamped(path)
        return found[0] if found else None

    def _read_stamped(self, path: Path) -> tuple[bytes, int] | None:
        """An entry's bytes and its modification time (None when there is none); a huge one is noted."""
        try:
            with open(path, "rb") as handle:
                info = os.fstat(handle.fileno())
                raw = read_at_most(handle, MAX_ENTRY_BYTES, info.st_size)
        except OSError:
            return None
        if len(raw) > MAX_ENTRY_BYTES:
            self.rejected.append(f"{path.name}: too large")
            return None
        return raw, info.st_mtime_ns

    def get(self, key: str, content: str, path: str) -> ArticleResult | None:
        """The cached result for the file `path`, or None (a missing entry silently, an invalid one noted)."""
        shared = self.get_shared(key, content)
        return rebase(shared, path) if shared is not None else None

    def get_shared(self, key: str, content: str) -> ArticleResult | None:
        """The cached result of a content, for no file in particular (`rebase` names the file), or None.

        Files of the same content have the same key: a run reads and checks their entry once.
        """
        target = self._path(key)
        raw = self._read(target)
        if raw is None:
            return None
        try:
            return decode_entry(raw, key, content, "")
        except InvalidEntry as exc:
            self.rejected.append(f"{target.name}: {exc}")
            return None

    def put(self, key: str, content: str, result: ArticleResult) -> None:
        """Store a result atomically in a user-only folder; a cache that cannot be written is skipped."""
        try:
            self._write(self._path(key), encode_entry(key, content, result))
        except (TypeError, ValueError):
            return

    def _write(self, target: Path, data: bytes) -> None:
        """Write an entry through a temporary file and a rename; an unwritable folder is skipped."""
        try:
            self.folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            for level in reversed(target.relative_to(self.folder).parents[:-1]):  # each one user-only
                (self.folder / level).mkdir(mode=FOLDER_MODE, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")  # mode 0o600
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except OSError:
            return

    def _scan_path(self, path: str) -> Path:
        name = hashlib.sha256(os.path.abspath(path).encode("utf-8", errors="surrogatepass")).hexdigest()
        return self.folder / "files" / name[:2] / f"{name}.json"

    def get_scan(self, path: str, info: os.stat_result) -> Scan | None:
        """What the first pass found in a file that has not changed since (`is_unchanged`)."""
        target = self._scan_path(path)
        found = self._read_stamped(target)
        if found is None:
            return None
        raw, written = found
        try:
            entry = _load_entry(raw, set(SCAN_FIELDS))
            scan = decode_scan(entry)
        except InvalidEntry as exc:
            self.rejected.append(f"{target.name}: {exc}")
            return None
        if entry["path"] != os.path.abspath(path) or not is_unchanged(entry["stat"], info, written):
            return None  # another file, or this one changed (or may have): it is read again
        if entry["version"] != scan_version():
            return None  # made by another version of the tool or of the census: read again
        return scan

    def put_scan(self, path: str, info: os.stat_result, scan: Scan) -> None:
        """Remember what the first pass found in a file, for as long as it does not change."""
        entry: dict[str, Any] = {
            "format": FORMAT,
            "version": scan_version(),
            "path": os.path.abspath(path),
            "stat": list(file_stamp(info)),
            "content": scan.content,
            "kind": scan.kind.value,
            "notes": list(scan.notes),
            "lines": sorted(scan.census.lines),
            "sketch": list(scan.census.sketch),
        }
        try:
            entry["checksum"] = checksum(entry)
            data = json.dumps(entry, sort_keys=True, allow_nan=False).encode("ascii")
        except (TypeError, ValueError):  # a path that is not valid Unicode: not remembered
            return
        self._write(self._scan_path(path), data)

    def run_key(self, results: Sequence[ArticleResult]) -> str:
        """The key of a run's merge: every file's path, result key and whether it gave a result."""
        digest = hashlib.sha256(f"{FORMAT}\0{schema_fingerprint()}\0{code_version()}\0".encode())
        for result in results:
            key = self.keys.get(result.path, "") if result.info is not None else ""
            digest.update(
                f"{result.path}\0{key}\0{len(result.statements)}\0".encode("utf-8", "surrogatepass")
            )
        return digest.hexdigest()

    def get_events(self, key: str, statements: Sequence[Statement]) -> tuple[Event, ...] | None:
        """A run's merged events, when the very same results were merged before; else None."""
        target = self.folder / "runs" / f"{key}.json"
        raw = self._read(target)
        if raw is None:
            return None
        try:
            entry = _load_entry(raw, {"format", "key", "checksum", "result"})
            _expect(entry["key"] == key, entry["key"], "this run's key")
            return decode_events(entry["result"], statements)
        except InvalidEntry as exc:
            self.rejected.append(f"{target.name}: {exc}")
            return None

    def put_events(self, key: str, statements: Sequence[Statement], events: Sequence[Event]) -> None:
        """Keep a run's merged events for a re-run over the same results."""
        data = encode_events(events, statements)
        entry = {"format": FORMAT, "key": key, "checksum": checksum(data), "result": data}
        self._write(self.folder / "runs" / f"{key}.json", json.dumps(entry, sort_keys=True).encode("ascii"))

    def record_key(self, paths: Sequence[str], default_date: dt.date | None) -> str:
        """The key of a run's record: its files' absolute paths, in order, and the settings of its keys."""
        digest = hashlib.sha256(f"{FORMAT}\0{scan_version()}\0{default_date}\0".encode())
        for path in paths:
            digest.update(os.path.abspath(path).encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def get_record(
        self, paths: Sequence[str], default_date: dt.date | None
    ) -> tuple[list[Recorded], int] | None:
        """The record of the last run over these very files, and when it was written; else None."""
        key = self.record_key(paths, default_date)
        target = self.folder / "inputs" / f"{key}.json"
        found = self._read_stamped(target)
        if found is None:
            return None
        try:
            return read_record(found[0], key, paths), found[1]
        except InvalidEntry as exc:
            self.rejected.append(f"{target.name}: {exc}")
            return None

    def put_record(
        self, paths: Sequence[str], default_date: dt.date | None, files: Sequence[Recorded]
    ) -> None:
        """Keep what a run found of its files, for a re-run over the same files to trust their stamps."""
        key = self.record_key(paths, default_date)
        try:
            raw = encode_record_entry(key, paths, files)
        except (TypeError, ValueError):  # a path that is not valid Unicode: not recorded
            return
        self._write(self.folder / "inputs" / f"{key}.json", raw)

    def take_rejected(self) -> list[str]:
        """The rejections noted since the last call (a worker sends them back with its results)."""
        taken, self.rejected = self.rejected, []
        return taken
