"""Full-text search: SQLite FTS5 or PostgreSQL tsvector ('simple' config), the one place the backends differ.

Both index the same three texts per document: the title, the surface text, and the lemma sequence
(when tokens carry lemmas). A query word is looked up as itself or as its lemma, so "Korea Północna"
finds "Korei Północnej" (lemmas "Korea", "północny"). Snippets are cut from the surface text in
Python, identically for both backends.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from kronika.language.morphology import best_reading
from kronika.model import Document
from kronika.store import tables as t

# Letters and digits: "_" separates words in both FTS5 and PostgreSQL's parser, so it does here too.
_WORD = re.compile(r"[^\W_]+")
_SNIPPET_CHARS = 200

# PostgreSQL keeps its tsvector in an ordinary table; SQLite needs a virtual table created by raw DDL.
_pg_metadata = sa.MetaData()
pg_search = sa.Table(
    "documents_search", _pg_metadata,
    sa.Column("doc_id", sa.String, primary_key=True),
    sa.Column("tsv", postgresql.TSVECTOR, nullable=False),
    sa.Index("ix_documents_search_tsv", "tsv", postgresql_using="gin"),
)
# unicode61 without diacritic folding: PostgreSQL's 'simple' config keeps "ó" too, so both backends
# treat "północna" and "polnocna" as different words.
_FTS5_DDL = ("CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
             "doc_id UNINDEXED, title, body, lemmas, tokenize = 'unicode61 remove_diacritics 0')")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching document. ``snippet`` is surface text around the first match, e.g.
    "…wojska Korei Północnej walczą w obwodzie kurskim…"; ``marks`` are (start, end) of every matched
    word inside ``snippet`` for highlighting."""

    doc_id: str
    title: str | None
    snippet: str
    score: float
    published: str | None
    url: str | None
    marks: tuple[tuple[int, int], ...] = ()


def create_index(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        _pg_metadata.create_all(conn)
    else:
        conn.exec_driver_sql(_FTS5_DDL)


def _fts_rowid(doc_id: str) -> int:
    # FTS5 rows are addressed by an integer rowid; deriving it from the id makes deleting a document's
    # row a lookup instead of a scan of the UNINDEXED doc_id column. 56 bits: collisions need ~10^8 docs.
    return int.from_bytes(hashlib.sha1(doc_id.encode()).digest()[:7], "big")


@lru_cache(maxsize=200_000)
def lemma_variants(surface: str, lemma: str | None) -> frozenset[str]:
    """Lowercased lemmas a word is indexed and searched under.

    The morphology stage keeps a capitalised unknown-looking word as its own lemma ("Północnej"
    inside a sentence is taken for a name), so capitalised words also get the lemma of their
    lowercased form ("północny"). Example: ``lemma_variants("Północnej", "Północnej")`` →
    ``frozenset({"północnej", "północny"})``.
    """
    out = {lemma.lower()} if lemma else set()
    if surface[:1].isupper():
        out.add(best_reading(surface.lower(), False).lemma.lower())
    return frozenset(out)


# Where a parallel worker leaves the document's index lemmas (``index_lemmas``), so the one process
# that writes the store does not redo that Morfeusz work; a transient key, never stored.
INDEX_LEMMAS_KEY = "_index_lemmas"


def index_lemmas(doc: Document) -> str:
    """The lemma field of the index: every token's lemma variants, space-separated."""
    lemmas: list[str] = []
    for tok in doc.tokens:
        if tok.lemma is not None:
            lemmas.extend(sorted(lemma_variants(tok.text, tok.lemma)))
    return " ".join(lemmas)


def index_texts(doc: Document) -> tuple[str, str, str]:
    """(title, body, lemmas) as indexed: lemmas only when the tokens carry them."""
    precomputed = doc.meta.get(INDEX_LEMMAS_KEY)
    lemmas = precomputed if isinstance(precomputed, str) else index_lemmas(doc)
    return doc.source.title or "", doc.text, lemmas


def index_document(conn: sa.Connection, doc: Document) -> None:
    """Add the document's index entry (inside the save transaction, after ``delete_document``
    removed any old one)."""
    # Lowercased here because PostgreSQL's lower() follows the database locale: under LC_CTYPE=C it
    # leaves "Ż" as it is, and "Żołnierze" would never match the query word "żołnierze".
    title, body, lemmas = (x.lower() for x in index_texts(doc))
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(
            "INSERT INTO documents_search (doc_id, tsv) VALUES (:doc_id, "
            "setweight(to_tsvector('simple'::regconfig, CAST(:title AS text)), 'A') || "
            "to_tsvector('simple'::regconfig, CAST(:body AS text)) || "
            "to_tsvector('simple'::regconfig, CAST(:lemmas AS text)))"),
            {"doc_id": doc.id, "title": title, "body": body, "lemmas": lemmas})
    else:
        conn.execute(sa.text("INSERT INTO documents_fts (rowid, doc_id, title, body, lemmas) "
                             "VALUES (:rowid, :doc_id, :title, :body, :lemmas)"),
                     {"rowid": _fts_rowid(doc.id), "doc_id": doc.id, "title": title, "body": body,
                      "lemmas": lemmas})


def delete_document(conn: sa.Connection, doc_id: str) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("DELETE FROM documents_search WHERE doc_id = :doc_id"), {"doc_id": doc_id})
    else:
        conn.execute(sa.text("DELETE FROM documents_fts WHERE rowid = :rowid"), {"rowid": _fts_rowid(doc_id)})


def query_terms(query: str) -> list[set[str]]:
    """One set of alternatives per query word: the word and its lemmas, lowercased.

    ``query_terms("Korea Północna")`` → ``[{"korea"}, {"północna", "północny"}]``.
    """
    out: list[set[str]] = []
    for word in _WORD.findall(query):
        terms = {word.lower(), best_reading(word, False).lemma.lower()}
        terms |= lemma_variants(word, None)
        out.append(terms)
    return out


def _fts5_query(groups: list[set[str]]) -> str:
    def quote(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    return " AND ".join("(" + " OR ".join(quote(x) for x in sorted(g)) + ")" for g in groups)


def _pg_query(groups: list[set[str]]) -> tuple[str, dict[str, str]]:
    params: dict[str, str] = {}
    parts = []
    for gi, group in enumerate(groups):
        alts = []
        for ti, term in enumerate(sorted(group)):
            key = f"t{gi}_{ti}"
            params[key] = term
            alts.append(f"plainto_tsquery('simple'::regconfig, CAST(:{key} AS text))")
        parts.append("(" + " || ".join(alts) + ")")
    return " && ".join(parts), params


def search(conn: sa.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Documents matching every word of ``query`` (as itself or its lemma), best first."""
    groups = query_terms(query)
    if not groups or limit <= 0:
        return []
    if conn.dialect.name == "postgresql":
        tsquery, params = _pg_query(groups)
        rows = conn.execute(sa.text(
            f"SELECT doc_id, ts_rank(tsv, q) AS score FROM documents_search, (SELECT {tsquery} AS q) AS qq "
            "WHERE tsv @@ q ORDER BY score DESC, doc_id LIMIT :limit"),
            {**params, "limit": limit}).all()
        ranked = [(r.doc_id, float(r.score)) for r in rows]
    else:
        # Title hits weigh three times as much as body or lemma hits; bm25() is negative, lower = better.
        rows = conn.execute(sa.text(
            "SELECT doc_id, bm25(documents_fts, 0.0, 3.0, 1.0, 1.0) AS rank FROM documents_fts "
            "WHERE documents_fts MATCH :q ORDER BY rank, doc_id LIMIT :limit"),
            {"q": _fts5_query(groups), "limit": limit}).all()
        ranked = [(r.doc_id, -float(r.rank)) for r in rows]
    if not ranked:
        return []
    d = t.documents
    ids = [doc_id for doc_id, _ in ranked]
    docs = {r.id: r for r in conn.execute(
        sa.select(d.c.id, d.c.title, d.c.url, d.c.published, d.c.text).where(d.c.id.in_(ids))).all()}
    flat = set().union(*groups)
    # Most hits contain a query word as typed; only the others need their tokens (a large JSON blob)
    # to find the inflected form the lemma matched.
    surface = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in sorted(flat, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
    lemma_only = [i for i, row in docs.items() if not surface.search(row.text)]
    tokens = {r.id: (r.layers or {}).get("tokens") or () for r in conn.execute(
        sa.select(d.c.id, d.c.layers).where(d.c.id.in_(lemma_only)))} if lemma_only else {}
    hits = []
    for doc_id, score in ranked:
        row = docs.get(doc_id)
        if row is None:  # index row without its document: never written by save(), skip defensively
            continue
        snippet, marks = make_snippet(row.text, tokens.get(doc_id, ()), flat)
        hits.append(SearchHit(doc_id, row.title, snippet, score, row.published, row.url, marks))
    return hits


def _matches(text: str, tokens: Sequence[Sequence[Any]], terms: set[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of every token matching a term by surface or lemma, in text order (lazily)."""
    if not tokens:
        for m in _WORD.finditer(text):
            if m.group().lower() in terms:
                yield m.start(), m.end()
        return
    for start, end, lemma, *_ in tokens:
        surface = text[start:end]
        low = surface.lower()
        if low in terms or (lemma is not None and not lemma_variants(surface, lemma).isdisjoint(terms)):
            yield start, end
        elif not low.isalnum() and any(w in terms for w in _WORD.findall(low)):  # "Dzong-Una" → dzong, una
            yield start, end


def make_snippet(text: str, tokens: Sequence[Sequence[Any]], terms: set[str],
                 width: int = _SNIPPET_CHARS) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Surface text around the first matching word, cut at spaces, with the matches' offsets in it.

    ``tokens`` are the compact rows [start, end, lemma, …] stored with the document; without them
    words are matched by their surface only. A match only in the title gives the opening of the text.
    Tokens are scanned only up to the end of the snippet.
    """
    matches = _matches(text, tokens, terms)
    first = next(matches, None)
    start = first[0] if first else 0
    lo = max(0, start - width // 3)
    if lo > 0:
        space = text.find(" ", lo)
        lo = space + 1 if 0 <= space < start else lo
    hi = min(len(text), lo + width)
    if hi < len(text):
        space = text.rfind(" ", lo, hi)
        hi = space if space > (first[1] if first else lo) else hi
    found = [first] if first else []
    for m in matches:
        if m[0] >= hi:
            break
        found.append(m)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    body = re.sub(r"\s", " ", text[lo:hi])  # one line; same length, so offsets stay valid
    shift = len(prefix) - lo
    marks = tuple((s + shift, e + shift) for s, e in found if s >= lo and e <= hi)
    return prefix + body + suffix, marks
