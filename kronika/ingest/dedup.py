"""Duplicates: exact copies collapse to one document; near copies are flagged, not dropped.

Agencies syndicate: the same PAP story about Szojgu in Pjongjang appears on five portals with a
changed headline or a last paragraph cut. Those are near-duplicates (MinHash/LSH over word
shingles, Jaccard ≥ threshold); ``Document.duplicate_of`` points at the first copy seen.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from enum import StrEnum

from kronika.model import Document

_WORD = re.compile(r"\w+")
_SHINGLE = 3  # word trigrams: short news items still yield enough shingles to compare
_NUM_PERM = 128


class Verdict(StrEnum):
    NEW = "new"
    EXACT = "exact"  # drop it: the same id or the same text was already seen
    NEAR = "near"  # keep it, with duplicate_of set


def _text_key(text: str) -> str:
    """Exact-duplicate key: the words, case-folded; whitespace and punctuation differences vanish."""
    return hashlib.sha1(" ".join(_WORD.findall(text.casefold())).encode()).hexdigest()


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < _SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)}


class Deduplicator:
    """Remembers the documents seen in one ingest run.

    >>> d = Deduplicator(0.8)
    >>> d.check(Document.create("Szojgu ponownie odwiedził Pjongjang."))
    <Verdict.NEW: 'new'>
    """

    def __init__(self, threshold: float = 0.8) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._ids: set[str] = set()
        self._texts: set[str] = set()
        self._lsh = MinHashLSH(threshold=threshold, num_perm=_NUM_PERM)
        self._permutations = None  # made once; datasketch would redo it for every document
        self._scheme = None
        self._hashes: dict[str, object] = {}
        self._order: dict[str, int] = {}
        self._original: dict[str, str] = {}  # doc id → id of the first copy of its story

    def check(self, doc: Document) -> Verdict:
        """Classify ``doc`` against the documents seen so far; sets ``doc.duplicate_of`` for near copies."""
        from datasketch import MinHash

        key = _text_key(doc.text)
        if doc.id in self._ids or key in self._texts:
            return Verdict.EXACT
        self._ids.add(doc.id)
        self._texts.add(key)
        # crc32 (C code) instead of datasketch's default sha1 per shingle: 3x faster, and still deterministic.
        if self._permutations is None:
            mh = MinHash(num_perm=_NUM_PERM, hashfunc=zlib.crc32)
            self._permutations, self._scheme = mh.permutations, mh.scheme
        else:
            mh = MinHash(num_perm=_NUM_PERM, hashfunc=zlib.crc32, permutations=self._permutations,
                         scheme=self._scheme)
        mh.update_batch(list(_shingles(doc.text)))
        # LSH only proposes candidates; confirm each with the Jaccard estimate and take the earliest seen.
        matches = [c for c in self._lsh.query(mh) if mh.jaccard(self._hashes[c]) >= self.threshold]
        self._lsh.insert(doc.id, mh)
        self._hashes[doc.id] = mh
        self._order[doc.id] = len(self._order)
        if not matches:
            self._original[doc.id] = doc.id
            return Verdict.NEW
        original = self._original[min(matches, key=self._order.__getitem__)]
        self._original[doc.id] = original
        if doc.duplicate_of is None:
            doc.duplicate_of = original
        return Verdict.NEAR
