"""Finding input files and decoding their bytes: the only stage that touches the file system."""

from __future__ import annotations

import codecs
import fnmatch
import functools
import itertools
import os
import re
import stat
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, NamedTuple

from timeline.models import Document, Kind, Problem

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a saved article is a few hundred KB; 20 MB is generous
DEFAULT_TIME_BUDGET = 60.0  # seconds per file (reading to dating), a last resort against pathological input
PARSER_DEPTH = 256  # libxml2's limit on nested elements ("Excessive depth in document: 256")
KEPT_DEPTH = 200  # a page too deep for the parser keeps its first 200 levels (real pages stay under 50)
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
SELF_CLOSING_SIBLINGS = frozenset("p li dt dd option tr td th".split())
MAX_DEPTH = 100  # folder levels walked below a given folder; an archive by site/year/month/day needs 4

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Data kept beside articles (gold timelines, exports, metadata): named and passed over in a folder walk.
DATA_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv", ".tsv"})

# Magic numbers of formats people keep beside articles; never decoded as text.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf", "7-zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x00\x00\x00\x1cftyp", "MP4 video"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "old office document"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # control bytes that text files do not hold
HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<p[\s>]|<div[\s>]", re.I)
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# Control characters that must never reach a terminal or a later stage (tab and newline stay).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
ASCII_CONTROLS = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])  # CONTROL's characters below 128


@dataclass(frozen=True, slots=True)
class Selection:
    """Which files of a walked folder are read: shell patterns on the path below the folder, or the name."""

    include: tuple[str, ...] = ()  # --glob: when given, only files matching one of these
    exclude: tuple[str, ...] = ()  # --exclude: never files matching one of these

    def admits(self, relative: str) -> bool:
        """Whether a file found at `relative` (below the folder walked) is read."""
        if self.include and not _matches(relative, self.include):
            return False
        return not _matches(relative, self.exclude)


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether the path or its file name matches a pattern ('*' crosses folders, as in `find -path`)."""
    name = os.path.basename(relative)
    return any(fnmatch.fnmatchcase(relative, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def iter_paths(paths: Iterable[str], select: Selection = Selection()) -> Iterator[str | Problem]:
    """Every file under the given paths once (folders walked in sorted order, `select` applied), or a Problem.

    A file named twice (`folder folder/a.txt`, or through a link) is read once, where first found;
    files named on the command line are read whatever `select` says.
    """
    seen: set[str] = set()
    folders: dict[str, str] = {}  # each folder's real path, resolved once for all its files
    for item in _iter_given(paths, select):
        if isinstance(item, Problem):
            yield item
            continue
        identity = item if item == "-" else _identity(item, folders)
        if identity not in seen:
            seen.add(identity)
            yield item


def _identity(path: str, folders: dict[str, str]) -> str:
    """The file a path names, links resolved; a link that cannot be read (/proc/1/cwd) names itself.

    A file that is not a link is its folder's real path and its name: `folders` keeps the real path of
    each folder seen (realpath checks every component of every path, a third of a cached run's walk).
    """
    folder, name = os.path.split(path)
    try:
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.join(folders[folder], name)
    except OSError:
        return os.path.abspath(path)


def _iter_given(paths: Iterable[str], select: Selection) -> Iterator[str | Problem]:
    """The given paths' files, folders walked, duplicates kept."""
    for given in paths:
        if given == "-":
            yield given
            continue
        try:
            info = os.stat(given)
        except OSError as exc:
            yield Problem(given, _os_reason(exc))
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield given
            continue
        prefix = os.path.join(given, "")  # each walked path is the given folder's, then names
        for item in _walk(given):
            if isinstance(item, Problem):
                yield item
                continue
            relative = item[len(prefix) :]
            suffix = os.path.splitext(item)[1].lower()
            if not select.admits(relative):
                continue
            if suffix in DATA_SUFFIXES:
                yield Problem(item, f"data file ({suffix}), not read as an article", fatal=False, note=True)
            else:
                yield item


def _walk(folder: str) -> Iterator[str | Problem]:
    """Files under a folder, sorted, depth first, not following links to folders (no loops).

    The walk keeps its own stack, so no depth of folders can exhaust Python's; folders more than
    MAX_DEPTH levels below the given one are reported, not read.
    """
    stack: list[tuple[Iterator[os.DirEntry[str]], str, int]] = []
    listed = _list(folder)
    if isinstance(listed, Problem):
        yield listed
        return
    stack.append((listed, folder, 0))
    while stack:
        entries, parent, depth = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = os.path.join(parent, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            yield Problem(path, _os_reason(exc))
            continue
        if is_dir and depth + 1 > MAX_DEPTH:
            yield Problem(path, f"folder nested more than {MAX_DEPTH} levels deep, not read")
        elif is_dir:
            listed = _list(path)
            if isinstance(listed, Problem):
                yield listed
            else:
                stack.append((listed, path, depth + 1))
        elif entry.is_symlink() and _is_dir(entry):
            yield Problem(path, "link to a folder, not followed", fatal=False, note=True)
        else:
            yield path


def _list(folder: str) -> Iterator[os.DirEntry[str]] | Problem:
    """A folder's entries sorted by name, or why it cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            return iter(sorted(scan, key=lambda entry: entry.name))
    except OSError as exc:
        return Problem(folder, _os_reason(exc))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Problem:
    """Read a regular file's bytes; never open FIFOs, devices or sockets, which could block."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Problem(path, "broken link or missing file" if os.path.islink(path) else "no such file")
    except OSError as exc:
        return Problem(path, _os_reason(exc))
    if stat.S_ISDIR(info.st_mode):
        return Problem(path, "is a folder")
    if not stat.S_ISREG(info.st_mode):
        return Problem(path, "not a regular file (FIFO, device or socket), not read")
    if info.st_size > max_bytes:
        return Problem(path, f"too large ({info.st_size:,} bytes > --max-bytes {max_bytes:,})")
    try:
        with open(path, "rb") as handle:
            data = read_at_most(handle, max_bytes, info.st_size)
    except OSError as exc:
        return Problem(path, _os_reason(exc))
    if len(data) > max_bytes:
        return Problem(path, f"too large (> --max-bytes {max_bytes:,})")
    return data


def read_at_most(handle: BinaryIO, limit: int, expected: int) -> bytes:
    """Up to `limit` + 1 bytes of an open file whose size was `expected`: more than `limit` means too large.

    A read of n bytes allocates n at once: asking for the file's own size, not the limit, made reading a
    cached run's 2,000 small entries 3x cheaper; a file that grew since its size was taken is read on.
    """
    data = handle.read(min(expected, limit) + 1)
    if expected < len(data) <= limit:
        data += handle.read(limit + 1 - len(data))
    return data


def _os_reason(exc: OSError) -> str:
    """A short, stable reason for an operating-system error."""
    return (exc.strerror or type(exc).__name__).lower()


def load_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | Problem:
    """Read and decode one file."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, Problem):
        return data
    return decode_document(path, data)


def decode_document(path: str, data: bytes) -> Document | Problem:
    """Decode bytes into a Document, telling HTML from text; binary data is a Problem."""
    if not data.strip():
        return Problem(path, "empty file")
    binary = sniff_binary(data)
    if binary:
        return Problem(path, f"binary file ({binary})")
    suffix = Path(path).suffix.lower()
    looks_html = bool(HTML_SNIFF.search(data[:4096]))
    kind = Kind.HTML if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_html) else Kind.TEXT
    try:
        text, encoding, invalid = decode_bytes(data, kind)
    except (LookupError, UnicodeError, ValueError) as exc:  # an unforeseen codec costs one file, not the run
        return Problem(path, f"could not be decoded ({type(exc).__name__})")
    text = normalise_text(text)
    if not text.strip():
        return Problem(path, "no text (only white space or control characters)")
    notes: tuple[str, ...] = (f"not valid UTF-8: {invalid} invalid byte(s) replaced",) if invalid else ()
    if kind is Kind.HTML and too_deep_for_the_parser(text):
        text = flatten_html(text)
        limit = f"HTML nested past its parser's limit ({PARSER_DEPTH} levels)"
        notes += (f"{limit}: elements below level {KEPT_DEPTH} unwrapped",)
    return Document(path=path, text=text, kind=kind, encoding=encoding, notes=notes)


def too_deep_for_the_parser(html: str) -> bool:
    """Whether libxml2 (lxml, the HTML cleaner's parser) stops on this page's nesting and loses the rest."""
    if html.count("<") < PARSER_DEPTH:
        return False
    from lxml import etree  # here: a run whose files are all cached decodes none (0.05 s of imports)

    parser = etree.HTMLParser(encoding="utf-8")
    try:
        etree.fromstring(html.encode("utf-8", errors="replace"), parser)
    except (etree.LxmlError, ValueError):
        return False  # not a depth problem; the cleaner reports what it cannot read
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


class _Flattener(HTMLParser):
    """Rewrites a page with the elements nested deeper than KEPT_DEPTH unwrapped (their text stays)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # open elements, and whether each was written
        self.open_names: Counter[str] = Counter()  # how many of each are open: a stray end tag is O(1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            self.out.append(self.get_starttag_text() or "")
            return
        if tag in SELF_CLOSING_SIBLINGS and self.open and self.open[-1][0] == tag:
            self.handle_endtag(tag)  # <p>a<p>b: the second <p> closes the first, as browsers do
        kept = len(self.open) < KEPT_DEPTH
        self.open.append((tag, kept))
        self.open_names[tag] += 1
        if kept:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.open) < KEPT_DEPTH:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if not self.open_names[tag]:
            return
        while self.open:
            name, kept = self.open.pop()
            self.open_names[name] -= 1
            if kept:
                self.out.append(f"</{name}>")
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def flatten_html(html: str) -> str:
    """The page with elements below KEPT_DEPTH unwrapped, so the HTML parser reads all of it."""
    flattener = _Flattener()
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of some bytes, or None when they may be text."""
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature):
            return name
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in BOMS) or _utf16_without_bom(head):
        return None
    nul_share = head.count(0) / len(head)
    if nul_share > 0.05:
        return "binary data"
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    if controls / len(head) > 0.10:
        return "binary data"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text of a Latin script."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 8:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


class Decoded(NamedTuple):
    """Text decoded from bytes, the encoding used and how many invalid bytes were replaced."""

    text: str
    encoding: str
    invalid: int = 0


def decode_bytes(data: bytes, kind: Kind) -> Decoded:
    """Decode by BOM, UTF-8 (if its evidence wins), a declared charset (HTML), else the likeliest codepage."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name)
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    multibyte, invalid = utf8_evidence(data)
    if multibyte > invalid:  # stray bytes in UTF-8 text: no single-byte codepage makes that many pairs
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", invalid)
    if kind is Kind.HTML:
        declared = META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", errors="ignore")
            try:
                codecs.lookup(name)
                return Decoded(data.decode(name, errors="replace"), name.lower())
            except (LookupError, UnicodeError, ValueError):  # idna, punycode: no 'replace'; base64: not text
                pass
    name = likeliest_codepage(data[:65536])
    return Decoded(data.decode(name, errors="replace"), name)


def utf8_evidence(data: bytes) -> tuple[int, int]:
    """How many valid UTF-8 multibyte sequences the bytes hold, and how many bytes are not UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")  # each invalid byte becomes one U+DC80..U+DCFF
    invalid = len(SURROGATE.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return non_ascii - invalid, invalid


# Legacy codepages, roughly in the order of their share of web pages in W3Techs' survey of character
# encodings (ISO-8859-1/windows-1252 far ahead, then windows-1251, Shift_JIS, GB2312, EUC-KR, ...;
# the tail's order is not measured and rarely matters). When decodings read equally well, the
# commoner codepage is the likelier one.
WEB_ORDER = (
    "cp1252", "cp1251", "cp932", "gbk", "euc_kr", "cp1250", "cp1256", "iso8859_2", "euc_jp", "big5",
    "cp1254", "cp1253", "cp874", "cp1255", "iso8859_15", "koi8_r", "cp1257", "mac_roman",
)  # fmt: skip
# Multibyte codepages read any bytes as some plausible ideographs: tried only when detection proposes them.
MULTIBYTE = frozenset({"cp932", "gbk", "euc_kr", "euc_jp", "big5"})
WORD = re.compile(r"[^\W\d_]+")
JUNK = frozenset({"Cc", "Co", "Cn", "Cs"})  # C1 controls, private use, unassigned, lone surrogates
NON_ASCII = re.compile(rb"[\x80-\xff]")
EVIDENCE_BYTES = 8192  # of lines with non-ASCII bytes: enough to tell codepages apart, cheap to score
EVIDENCE_REACH = 512  # bytes of a line kept on either side of a non-ASCII byte


def likeliest_codepage(data: bytes) -> str:
    """The codepage whose reading looks most like text, among detection's candidates and the commonest."""
    from charset_normalizer import from_bytes  # here: most files are UTF-8 and never get this far

    candidates = [match.encoding for match in from_bytes(data)]
    sample = evidence_sample(data)
    names: list[str] = []
    for name in [*(name for name in WEB_ORDER if name not in MULTIBYTE or name in candidates), *candidates]:
        try:
            canonical = codecs.lookup(name).name
        except LookupError:
            continue
        if canonical not in names and canonical not in {"utf-8", "utf-16", "utf-32"}:
            names.append(canonical)
    scored = []
    for rank, name in enumerate(names):
        try:
            text = sample.decode(name, errors="replace")
        except (UnicodeError, ValueError, LookupError):
            continue
        scored.append((implausibility(text), rank, name))
    return min(scored)[2] if scored else "cp1252"


def evidence_sample(data: bytes) -> bytes:
    """The lines (at most EVIDENCE_REACH bytes either side) around non-ASCII bytes: where codepages differ."""
    sample = bytearray()
    done = 0
    for match in NON_ASCII.finditer(data):
        at = match.start()
        if at < done:
            continue
        start = max(data.rfind(b"\n", max(0, at - EVIDENCE_REACH), at) + 1, at - EVIDENCE_REACH)
        end = data.find(b"\n", at, at + EVIDENCE_REACH)
        done = end if end != -1 else min(len(data), at + EVIDENCE_REACH)
        sample += data[start:done] + b"\n"
        if len(sample) >= EVIDENCE_BYTES:
            break
    return bytes(sample)


def implausibility(text: str) -> int:
    """How many places of a decoding look like a wrong codepage's (mojibake): the fewer, the likelier."""
    bad = 0
    for char, after in itertools.pairwise(f"{text} "):
        if not char.isascii():
            category = unicodedata.category(char)
            bad += category in JUNK or char == "\ufffd" or (category[0] == "S" and after.isalpha())
    for match in WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = {_script(char) for char in word}
        all_accented = len(word) > 1 and not any(char.isascii() for char in word)
        if len(scripts) > 1 or (scripts == {"LATIN"} and all_accented):
            bad += 1  # scripts mixed in a word, or a Latin word made only of accented letters
        bad += sum(1 for a, b in itertools.pairwise(word) if a.islower() and b.isupper())  # 'cafÃ', 'ôThe'
    return bad


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script of a letter, as the first word of its Unicode name (LATIN, CYRILLIC, CJK, ...)."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def normalise_text(text: str) -> str:
    """Unify line ends, drop control characters (NUL, escape sequences, ...), replace lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        # most texts: no surrogate, and the control characters are seen by one bytes translate (several
        # times cheaper than the pattern, which each text is read and scanned with twice a run)
        raw = text.encode("ascii")
        if len(raw.translate(None, ASCII_CONTROLS)) == len(raw):
            return text
    # A declared UTF-7 (or another lax codec) can decode to lone surrogates, which no output can encode.
    text = SURROGATE.sub("\ufffd", text)
    return CONTROL.sub(lambda match: " " if match.group() in "\u2028\u2029" else "", text)


def read_path_list(source: str) -> list[str] | Problem:
    """The paths listed in a file (or `-`, stdin): one a line, or NUL-separated as `find -print0` writes."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        return Problem(source, _os_reason(exc))
    separator = b"\0" if b"\0" in data else b"\n"
    entries = (entry.removesuffix(b"\r") if separator == b"\n" else entry for entry in data.split(separator))
    return [os.fsdecode(entry) for entry in entries if entry.strip()]
