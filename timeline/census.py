"""The run-wide census of shared lines: which lines recur across different articles of a run.

A line found in several articles of one run is site boilerplate (a menu, a footer, a "Most Read"
teaser). Copies of one article are not different articles: a wire story filed under four names, or
syndicated with another headline, shares its body lines with its copies, and those lines are the
story, not boilerplate. So each file's prose is sketched (the smallest hashes of the 5-word shingles
of its lines of at least PROSE_WORDS words: a bottom-k MinHash), files whose prose mostly coincides
are grouped as copies of one article, and a line counts once per group: it is boilerplate when it
recurs in RECURRING_MIN different articles.

Everything here works on stable 64-bit line hashes, so a file's census is small data that a cache
can keep and a cluster can send back.
"""

from __future__ import annotations

import hashlib
import itertools
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from timeline.models import Document, Kind

CENSUS_VERSION = "lines-blake2b64;prose-shingles-5-crc32-bottom-32"  # a cached census of another is redone
RECURRING_MIN = 3  # a line found in this many different articles of one run is boilerplate
SKETCH_SIZE = 32  # shingle hashes kept per file: the Jaccard estimate is exact below this many shingles
SHINGLE_WORDS = 5  # words of a shingle: a line wrapped elsewhere (lynx) still shares most of its shingles
# Files whose prose shingles resemble each other more than this are copies of one article: fitted by
# bench/fit_copies.py on the w3m and lynx dumps of boilerplate/dev (5-fold CV grouped by page: F1
# 1.000 over 339 candidate pairs, 126 of them copies, 0.60 chosen in every fold; fitted 1.000;
# sketching whole lines instead: CV F1 0.885).
COPY_SHARE = 0.6
# Each posting of the copy index is compared with at most this many groups: a long line shared by
# more articles than this is a site's boilerplate, and true copies share their other lines too.
POSTINGS_COMPARED = 32


@dataclass(frozen=True, slots=True)
class Census:
    """What the run-wide census needs of one file: its line hashes and a sketch of its prose lines."""

    lines: frozenset[int]  # every census line (see `find_recurring_lines`), hashed
    sketch: tuple[int, ...] = ()  # the SKETCH_SIZE smallest hashes of its prose lines, ascending


EMPTY = Census(frozenset())


def hash_line(key: str) -> int:
    """A 64-bit hash of a line key that is the same in every process (Python's own is salted)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def take_census(doc: Document) -> Census:
    """The census of one text document (HTML pages are cleaned by their markup and take no part)."""
    if doc.kind is not Kind.TEXT:
        return EMPTY
    from timeline.clean import find_recurring_lines  # here: a cached run takes no census, loads no cleaner

    keys = find_recurring_lines([doc.text], min_count=1)
    return Census(frozenset(hash_line(key) for key in keys), sketch_prose(keys))


def sketch_prose(keys: Iterable[str]) -> tuple[int, ...]:
    """The SKETCH_SIZE smallest hashes of the 5-word shingles of the lines of PROSE_WORDS words or more.

    A shingle's hash is its CRC-32: stable across processes, and ten times cheaper than the lines'
    64-bit hash; a sketch only estimates a resemblance, so a rare collision costs nothing.
    """
    from timeline.clean.text import PROSE_WORDS

    shingles = {
        " ".join(words[start : start + SHINGLE_WORDS])
        for words in (key.split() for key in keys)
        if len(words) >= PROSE_WORDS
        for start in range(len(words) - SHINGLE_WORDS + 1)
    }
    return tuple(
        sorted(zlib.crc32(shingle.encode("utf-8", "surrogatepass")) for shingle in shingles)[:SKETCH_SIZE]
    )


def resemblance(a: Sequence[int], b: Sequence[int]) -> float:
    """The bottom-k estimate of the Jaccard similarity of two files' prose lines from their sketches."""
    return _resemblance(frozenset(a), frozenset(b))


def _resemblance(mine: frozenset[int], theirs: frozenset[int]) -> float:
    both = mine & theirs  # counted with set operations: a cached run compares thousands of pairs
    if not both:
        return 0.0
    smallest = sorted(mine | theirs)[:SKETCH_SIZE]
    return len(both.intersection(smallest)) / len(smallest)


def group_copies(sketches: Sequence[Sequence[int]]) -> list[int]:
    """For each file, the number of its group of copies (the index of the group's first file).

    Files with the same (non-empty) sketch are one group at once; only the first of each is compared.
    """
    first: dict[tuple[int, ...], int] = {}
    same = [
        first.setdefault(tuple(sketch), index) if sketch else index for index, sketch in enumerate(sketches)
    ]
    distinct = [index for index, twin in enumerate(same) if twin == index]
    groups = _group_distinct([sketches[index] for index in distinct])
    group_of = {index: distinct[group] for index, group in zip(distinct, groups, strict=True)}
    return [group_of[twin] for twin in same]


def _group_distinct(sketches: Sequence[Sequence[int]]) -> list[int]:
    """group_copies over sketches that differ: each compared with the files sharing its smallest hashes."""
    owner = list(range(len(sketches)))
    sets = [frozenset(sketch) for sketch in sketches]

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    postings: dict[int, list[int]] = {}
    for index, sketch in enumerate(sketches):
        compared: set[int] = set()  # the groups this file was compared with already
        for value in sketch:
            files = postings.setdefault(value, [])
            for other in files[:POSTINGS_COMPARED]:
                root, mine = find(other), find(index)
                if root != mine and root not in compared:
                    compared.add(root)
                    if _resemblance(sets[other], sets[index]) > COPY_SHARE:
                        owner[max(root, mine)] = min(root, mine)
            if len(files) < POSTINGS_COMPARED:
                files.append(index)
    return [find(index) for index in range(len(sketches))]


def count_recurring(censuses: Sequence[Census], min_count: int = RECURRING_MIN) -> frozenset[int]:
    """Hashes of the lines found in at least `min_count` different articles (copies counted once)."""
    if len(censuses) < min_count:
        return frozenset()
    lines_of: dict[int, set[int]] = {}
    for group, census in zip(group_copies([census.sketch for census in censuses]), censuses, strict=True):
        lines_of.setdefault(group, set()).update(census.lines)
    counts = Counter(itertools.chain.from_iterable(lines_of.values()))  # counted in C: 100,000s of lines
    return frozenset(line for line, count in counts.items() if count >= min_count)


class RecurringLines:
    """Recurring lines as stable hashes; `key in lines` hashes the line key and looks it up."""

    __slots__ = ("hashes",)

    def __init__(self, hashes: frozenset[int]) -> None:
        self.hashes = hashes

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and hash_line(key) in self.hashes

    def __bool__(self) -> bool:
        return bool(self.hashes)
