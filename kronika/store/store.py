"""Store: documents and all their annotations in SQLite (a file) or PostgreSQL, via SQLAlchemy Core.

``save(doc)`` replaces one document and every annotation row of it in a single transaction, so
re-running a pipeline is an idempotent upsert and a crash mid-save leaves the previous version.

    with open_store("sqlite:///dane/kronika.db") as store:
        store.save(doc)                      # doc.text = "Korea Północna wysłała żołnierzy do Rosji."
        store.search("Korea Północna")       # → [SearchHit(doc_id=doc.id, …)]
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from kronika.errors import StoreError
from kronika.model import Document, Entity, OffsetError
from kronika.store import merge
from kronika.store import search as fts
from kronika.store import tables as t
from kronika.store.rows import document_from_rows, document_row, entity_from_row, layer_rows

_BATCH = 200  # documents loaded per round of queries when iterating

# Statements of the save path, built once: building them per document cost more than running them.
_DOC = sa.bindparam("doc_id")
_OLD_ENTITIES = sa.select(t.doc_entities).where(t.doc_entities.c.doc_id == _DOC)
_DELETES = [sa.delete(table).where(table.c.doc_id == _DOC) for table in t.DOC_TABLES]
_DELETE_DOC = sa.delete(t.documents).where(t.documents.c.id == _DOC)
_EXISTS = sa.select(t.documents.c.id).where(t.documents.c.id == _DOC)


def normalize_url(url: str) -> sa.URL:
    """Parse a store URL: a bare path means a SQLite file, ``postgresql://`` gets the psycopg (v3) driver.

    ``normalize_url("dane/kronika.db")`` → ``sqlite:///dane/kronika.db``.
    """
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    try:
        u = sa.make_url(url)
    except sa.exc.ArgumentError as e:
        raise StoreError(f"{url}: not a database URL; use sqlite:///path/to/kronika.db or "
                         "postgresql://user:password@host/dbname") from e
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    if u.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"{display_url(u)}: unsupported database '{u.get_backend_name()}'; "
                         "Kronika stores in SQLite (sqlite:///file.db) or PostgreSQL (postgresql://…)")
    return u


def display_url(u: sa.URL) -> str:
    """The URL for messages, password masked: postgresql://kronika:***@127.0.0.1/kronika."""
    return u.render_as_string(hide_password=True)


def open_store(url: str) -> Store:
    """Open (creating tables if needed) the store at ``url``; raise StoreError naming the URL and the fix."""
    u = normalize_url(url)
    # Messages show the URL as the user wrote it (postgresql://, not the internal +psycopg), password masked.
    shown = display_url(u.set(drivername=sa.make_url(url).drivername) if "://" in url else u)
    if u.get_backend_name() == "sqlite":
        engine = _sqlite_engine(u)
    else:
        # connect_timeout: an unreachable host should fail in seconds, not hang the CLI.
        engine = sa.create_engine(u, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    store = Store(engine, shown)
    try:
        with _setup_lock(u):
            store._initialize()
    except BaseException:
        engine.dispose()
        raise
    return store


@contextmanager
def _setup_lock(u: sa.URL) -> Iterator[None]:
    """Hold an exclusive OS lock on ``<db>.lock`` while a SQLite store is set up.

    Why: two processes opening a brand-new SQLite file at the same moment (a ``kronika run`` and
    ``kronika serve``, or two runs) can deadlock while both switch its journal to WAL, each waiting
    for the other's lock until the busy timeout. Setup takes milliseconds, so serialising it costs
    nothing; the lock is released before any document is written. PostgreSQL serialises its setup
    with an advisory lock instead (``Store._initialize``)."""
    db = _sqlite_file(u)
    if db is None:
        yield
        return
    try:
        import fcntl

        fh = open(f"{db}.lock", "a")  # noqa: SIM115 - closed below, after the lock
    except (ImportError, OSError):  # no fcntl (Windows) or a read-only folder: set up unlocked, as before
        yield
        return
    try:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        fh.close()  # closing the file releases the lock


def _sqlite_file(u: sa.URL) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL, in-memory and ``file:`` URI databases."""
    db = u.database or ""
    if u.get_backend_name() != "sqlite" or not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db).expanduser()


def _sqlite_engine(u: sa.URL) -> sa.Engine:
    db = _sqlite_file(u)
    if db is not None:
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{display_url(u)}: cannot create the folder for the database ({e.strerror}); "
                             "choose a writable path with --store or KRONIKA_STORE_URL") from e
    engine = sa.create_engine(u, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let us issue BEGIN ourselves: pysqlite's implicit transactions defer the write lock, and
        # two writers upgrading at once fail with "database is locked" instead of waiting.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.execute("PRAGMA foreign_keys = ON")
        # WAL: readers (the web UI) never block the writer. synchronous=NORMAL is still safe against a
        # killed process; only a power cut can lose the last commits.
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("kronika_write") else "BEGIN")

    return engine


class Store:
    """Documents with every annotation layer, merged entities and a full-text index."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url  # password masked; for messages

    # -- lifecycle ---------------------------------------------------------------------------------

    def _initialize(self) -> None:
        try:
            with self._write() as conn:
                if conn.dialect.name == "postgresql":
                    # Two processes opening a fresh database at once (API workers) would race on CREATE
                    # TABLE; SQLite's BEGIN IMMEDIATE already serialises them.
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(4711202601)"))
                found = None
                if sa.inspect(conn).has_table("schema_version"):
                    found = conn.execute(sa.select(sa.func.max(t.schema_version.c.version))).scalar()
                if found is not None and found > t.SCHEMA_VERSION:
                    raise StoreError(f"{self.url}: written by a newer Kronika (schema {found} > "
                                     f"{t.SCHEMA_VERSION}); upgrade Kronika, or use another --store")
                if found is not None and found < t.SCHEMA_VERSION:
                    raise StoreError(f"{self.url}: schema {found} is older than {t.SCHEMA_VERSION} and has no "
                                     "migration; export it with an older Kronika and load it into a new store")
                t.metadata.create_all(conn)
                fts.create_index(conn)
                if found is None:
                    conn.execute(sa.insert(t.schema_version).values(version=t.SCHEMA_VERSION))
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as e:
            raise StoreError(self._describe(e)) from e

    def _describe(self, e: BaseException) -> str:
        reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        if "locked" in reason or "deadlock" in reason:
            return (f"{self.url}: busy ({reason}): another process kept the database locked for 30 s; "
                    "retry, or let one process write at a time")
        if self.engine.dialect.name == "sqlite":
            return (f"{self.url}: cannot open as a SQLite database ({reason}); point --store or KRONIKA_STORE_URL "
                    "at a Kronika database file (a new path creates one)")
        return (f"{self.url}: cannot use PostgreSQL ({reason}); check that the server is running and the URL "
                "(--store or KRONIKA_STORE_URL) has the right host, port, user, password and database")

    @contextmanager
    def _guard(self, doc_id: str, action: str) -> Iterator[None]:
        """Turn database failures while writing one document into a StoreError that names it."""
        try:
            yield
        except (sa.exc.OperationalError, sqlite3.OperationalError) as e:
            raise StoreError(f"document {doc_id} not {action}: {self._describe(e)}") from e
        except sa.exc.SQLAlchemyError as e:
            reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
            raise StoreError(f"{self.url}: document {doc_id} not {action} ({reason}); the stored version, if "
                             "any, is unchanged") from e

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(kronika_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except (sa.exc.OperationalError, sqlite3.OperationalError) as e:
            raise StoreError(self._describe(e)) from e

    # -- writing -----------------------------------------------------------------------------------

    def save(self, doc: Document) -> None:
        """Store ``doc`` with all its layers, replacing any earlier version of it, in one transaction."""
        try:
            doc.check()
        except OffsetError as e:
            raise StoreError(f"{self.url}: document {doc.id} not saved: {e}; the stage that wrote that "
                             "layer has a bug") from e
        rows = layer_rows(doc)
        with self._guard(doc.id, "saved"), self._write() as conn:
            # A new document has no rows to delete and no votes to take back: one lookup instead of a
            # dozen statements, which is most of a first run's store time.
            old: Counter[merge.Vote] = Counter()
            if conn.execute(_EXISTS, {"doc_id": doc.id}).first() is not None:
                old = merge.votes(r._mapping for r in conn.execute(_OLD_ENTITIES, {"doc_id": doc.id}))
                self._delete_rows(conn, doc.id)
            conn.execute(sa.insert(t.documents), [document_row(doc)])
            for table in reversed(t.DOC_TABLES):  # parents before children
                if rows[table.name]:
                    conn.execute(sa.insert(table), rows[table.name])
            fts.index_document(conn, doc)  # _delete_rows removed any old entry
            merge.apply(conn, old, merge.votes(rows["doc_entities"]))

    def delete(self, doc_id: str) -> bool:
        """Remove a document and its annotations; True if it was there."""
        with self._guard(doc_id, "deleted"), self._write() as conn:
            old = merge.votes(r._mapping for r in conn.execute(_OLD_ENTITIES, {"doc_id": doc_id}))
            found = self._delete_rows(conn, doc_id)
            merge.apply(conn, old, Counter())
        return found

    @staticmethod
    def _delete_rows(conn: sa.Connection, doc_id: str) -> bool:
        for stmt in _DELETES:
            conn.execute(stmt, {"doc_id": doc_id})
        fts.delete_document(conn, doc_id)
        return conn.execute(_DELETE_DOC, {"doc_id": doc_id}).rowcount > 0

    # -- reading -----------------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        with self._read() as conn:
            docs = self._load(conn, [doc_id])
        return docs[0] if docs else None

    def has(self, doc_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() is not None

    def produced_by(self, doc_id: str) -> dict[str, str] | None:
        """layer → "stage@version" recorded for a stored document; None when it is not stored."""
        with self._read() as conn:
            row = conn.execute(sa.select(t.documents.c.produced_by).where(t.documents.c.id == doc_id)).first()
        return None if row is None else dict(row.produced_by or {})

    def ids(self) -> list[str]:
        """Every stored document id, sorted."""
        with self._read() as conn:
            return list(conn.scalars(sa.select(t.documents.c.id).order_by(t.documents.c.id)))

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document with all layers, ordered by id (loaded in batches)."""
        ids = self.ids()
        for i in range(0, len(ids), _BATCH):
            with self._read() as conn:
                batch = self._load(conn, ids[i : i + _BATCH])
            yield from batch

    def count_documents(self) -> int:
        with self._read() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one()

    def get_entity(self, entity_id: str) -> Entity | None:
        """The entity merged across documents: aliases of every document that has it."""
        with self._read() as conn:
            row = conn.execute(sa.select(t.entities).where(t.entities.c.id == entity_id)).first()
        return None if row is None else entity_from_row(row._mapping)

    def entity_documents(self, entity_id: str) -> list[str]:
        """Ids of documents that have this entity, sorted."""
        de = t.doc_entities
        with self._read() as conn:
            return list(conn.scalars(sa.select(de.c.doc_id).where(de.c.entity_id == entity_id)
                                     .distinct().order_by(de.c.doc_id)))

    def search(self, query: str, limit: int = 20) -> list[fts.SearchHit]:
        """Full-text search over titles, texts and lemmas: "Korea Północna" finds "Korei Północnej"."""
        with self._read() as conn:
            return fts.search(conn, query, limit)

    def summary(self) -> dict[str, int]:
        """Counts: documents, mentions, entities (distinct, merged), times, quantities, events, attributions."""
        count = sa.func.count()
        with self._read() as conn:
            out = {"documents": conn.execute(sa.select(count).select_from(t.documents)).scalar_one(),
                   "mentions": conn.execute(sa.select(count).select_from(t.mentions)).scalar_one(),
                   "entities": conn.execute(sa.select(count).select_from(t.entities)
                                            .where(t.entities.c.documents > 0)).scalar_one()}
            for table in (t.times, t.quantities, t.events, t.attributions):
                out[table.name] = conn.execute(sa.select(count).select_from(table)).scalar_one()
        return out

    @staticmethod
    def _load(conn: sa.Connection, ids: list[str]) -> list[Document]:
        d = t.documents
        docs = conn.execute(sa.select(d).where(d.c.id.in_(ids)).order_by(d.c.id)).all()
        if not docs:
            return []
        found = [r.id for r in docs]
        layers: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for table in t.DOC_TABLES:
            order = [table.c.doc_id] + ([table.c.event_seq] if "event_seq" in table.c else []) + [table.c.seq]
            for r in conn.execute(sa.select(table).where(table.c.doc_id.in_(found)).order_by(*order)):
                layers[r.doc_id][table.name].append(r._mapping)
        return [document_from_rows(r._mapping, layers[r.id]) for r in docs]

