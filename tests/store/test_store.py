"""Store over both backends: round trip, idempotent and replacing saves, merged entities, schema
version refusal, bad URLs, crash safety (SQLite), deterministic JSONL export."""

from __future__ import annotations

import io
import re
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from kronika.errors import StoreError
from kronika.export.jsonl import export_jsonl
from kronika.model import (
    Attribution,
    Certainty,
    Document,
    Entity,
    Event,
    Hedge,
    Mention,
    Quantity,
    Role,
    Sentence,
    Source,
    TimeExpr,
    Token,
)
from kronika.model.serialize import doc_to_dict, read_jsonl
from kronika.store import open_store, tables
from tests.conftest import ROOT

TEXT = ("Według Daily NK Korea Północna wysłała do Rosji co najmniej 11 tys. żołnierzy w październiku 2024 r. "
        "Kreml temu nie zaprzeczył.")


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def full_doc(doc_id: str = "doc-full", extra_alias: str = "KRLD", text: str = TEXT) -> Document:
    """A document with every layer filled by hand, offsets taken from the text itself."""
    s = Source(outlet="Przegląd Testowy", url="https://example.org/a/1", published="2024-11-05",
               path="/dane/a1.txt", title="Żołnierze z Korei w Rosji", external_id="a-1")
    doc = Document(id=doc_id, text=text, source=s)
    first = text.index(".", text.index("2024")) + 1
    doc.sentences = [Sentence(0, first, text[:first]), Sentence(first + 1, len(text), text[first + 1:])]
    doc.tokens = [Token(m.start(), m.end(), m.group(), m.group().lower(), "subst", None)
                  for m in re.finditer(r"\w+", text)]
    doc.tokens[3] = replace(doc.tokens[3], lemma="Korea", proper="nazwa_geograficzna")
    kp, ros, dnk = _span(text, "Korea Północna"), _span(text, "Rosji"), _span(text, "Daily NK")
    doc.mentions = [Mention(*dnk, "Daily NK", "ORG", "Daily NK", "org:daily-nk"),
                    Mention(*kp, "Korea Północna", "LOC", "Korea Północna", "loc:korea-polnocna"),
                    Mention(*ros, "Rosji", "LOC", "Rosja", "loc:rosja")]
    doc.entities = {
        "org:daily-nk": Entity("org:daily-nk", "ORG", "Daily NK", frozenset({"Daily NK"})),
        "loc:korea-polnocna": Entity("loc:korea-polnocna", "LOC", "Korea Północna",
                                     frozenset({"Korea Północna", extra_alias}), kb_id="Q423"),
        "loc:rosja": Entity("loc:rosja", "LOC", "Rosja", frozenset({"Rosja"})),
    }
    when = TimeExpr(*_span(text, "w październiku 2024 r."), "w październiku 2024 r.", "DATE", "2024-10", False,
                    None)
    doc.times = [when]
    qty = Quantity(*_span(text, "co najmniej 11 tys. żołnierzy"), "co najmniej 11 tys. żołnierzy", 11000.0,
                   None, None, "żołnierz", Hedge.AT_LEAST, None)
    doc.quantities = [qty, Quantity(*_span(text, "2024"), "2024", 2024.0, 2025.5, "USD", None, Hedge.ABOUT,
                                    "year")]
    attr = Attribution(*_span(text, "Według Daily NK"), "Według Daily NK", "Daily NK", "org:daily-nk")
    doc.attributions = [attr]
    trig = _span(text, "wysłała")
    doc.events = [
        Event("troop_deployment", 0, first, text[:first], trig,
              roles=(Role("agent", *kp, "Korea Północna", "loc:korea-polnocna"),
                     Role("recipient", *ros, "Rosji", "loc:rosja")),
              time=when, quantities=(qty,), attribution=attr, certainty=Certainty.REPORTED),
        Event("denial", first + 1, len(text), text[first + 1:], _span(text, "zaprzeczył"),
              certainty=Certainty.DENIED),
    ]
    doc.produced_by = {"tokens": "segment@1", "mentions": "mentions@1"}
    doc.meta = {"source_file_line": 3, "note": "ręcznie"}
    doc.check()
    return doc


def _count(url: str, table: sa.Table) -> int:
    from kronika.store.store import normalize_url

    engine = sa.create_engine(normalize_url(url))
    with engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return n


def test_store_round_trip_every_layer(store_url):
    doc = full_doc()
    with open_store(store_url) as st:
        st.save(doc)
        got = st.get(doc.id)
        assert got is not None
        assert doc_to_dict(got) == doc_to_dict(doc)
        assert got.events[0].trigger == doc.events[0].trigger and isinstance(got.events[0].trigger, tuple)
        assert got.quantities[0].hedge is Hedge.AT_LEAST
        assert st.has(doc.id) and not st.has("missing")
        assert st.get("missing") is None
        assert st.produced_by(doc.id) == {"tokens": "segment@1", "mentions": "mentions@1"}
        assert st.produced_by("missing") is None
        assert st.summary() == {"documents": 1, "mentions": 3, "entities": 3, "times": 1, "quantities": 2,
                                "events": 2, "attributions": 1}


def test_store_round_trip_pipeline_doc(store_url, make_doc):
    doc = make_doc("Kim Dzong Un przyjechał do Władywostoku. Rozmowy trwały dwa dni.", published="2024-09")
    with open_store(store_url) as st:
        st.save(doc)
        assert doc_to_dict(st.get(doc.id)) == doc_to_dict(doc)


def test_store_resave_is_idempotent(store_url):
    doc = full_doc()
    with open_store(store_url) as st:
        st.save(doc)
        first = (st.summary(), doc_to_dict(st.get(doc.id)))
        st.save(doc)
        st.save(doc)
        assert (st.summary(), doc_to_dict(st.get(doc.id))) == first
        assert st.count_documents() == 1
    assert _count(store_url, tables.event_roles) == 2


def test_store_save_replaces_every_layer(store_url):
    doc = full_doc()
    with open_store(store_url) as st:
        st.save(doc)
        smaller = full_doc()
        smaller.mentions = smaller.mentions[:1]
        smaller.events = []
        smaller.entities = {"org:daily-nk": smaller.entities["org:daily-nk"]}
        smaller.source = replace(smaller.source, title="Nowy tytuł")
        st.save(smaller)
        got = st.get(doc.id)
        assert doc_to_dict(got) == doc_to_dict(smaller)
        assert st.summary()["mentions"] == 1 and st.summary()["events"] == 0
        # Entities only the old version had are gone from the merged table too.
        assert st.summary()["entities"] == 1 and st.get_entity("loc:rosja") is None
        assert [h.doc_id for h in st.search("Nowy tytuł")] == [doc.id]
    assert _count(store_url, tables.event_roles) == 0


def test_store_entities_merge_across_documents(store_url):
    a = full_doc("doc-a", extra_alias="KRLD")
    b = full_doc("doc-b", extra_alias="Korea Płn.")
    with open_store(store_url) as st:
        st.save(a)
        st.save(b)
        merged = st.get_entity("loc:korea-polnocna")
        assert merged.aliases == {"Korea Północna", "KRLD", "Korea Płn."}
        assert merged.kb_id == "Q423"
        assert st.entity_documents("loc:korea-polnocna") == ["doc-a", "doc-b"]
        assert st.summary()["entities"] == 3
        # Each document still reads back the entity exactly as it saw it.
        assert st.get("doc-a").entities["loc:korea-polnocna"].aliases == {"Korea Północna", "KRLD"}
        # An analyst's merge on the shared row survives re-saving one document.
        with st.engine.begin() as conn:
            conn.execute(sa.update(tables.entities).where(tables.entities.c.id == "loc:korea-polnocna")
                         .values(canonical_id="loc:krld"))
        st.save(full_doc("doc-a", extra_alias="Północna Korea"))
        merged = st.get_entity("loc:korea-polnocna")
        assert merged.aliases == {"Korea Północna", "Północna Korea", "Korea Płn."}  # KRLD left with doc-a
        assert merged.canonical_id == "loc:krld"
        assert st.delete("doc-b") is True
        assert st.get_entity("loc:korea-polnocna").aliases == {"Korea Północna", "Północna Korea"}
        assert st.delete("doc-b") is False
        st.delete("doc-a")
        assert st.get_entity("loc:rosja") is None
        assert st.count_documents() == 0 and st.search("Korea") == []


def test_store_iter_documents_sorted_by_id(store_url):
    docs = [full_doc(f"d{i:03d}") for i in (5, 1, 250, 3)]
    with open_store(store_url) as st:
        for d in docs:
            st.save(d)
        got = list(st.iter_documents())
    assert [d.id for d in got] == ["d001", "d003", "d005", "d250"]
    assert all(doc_to_dict(g) == doc_to_dict(full_doc(g.id)) for g in got)


def test_store_refuses_newer_schema(store_url):
    with open_store(store_url) as st:
        st.save(full_doc())
        with st.engine.begin() as conn:
            conn.execute(sa.update(tables.schema_version).values(version=tables.SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match=rf"newer Kronika \(schema {tables.SCHEMA_VERSION + 1} > "
                                         rf"{tables.SCHEMA_VERSION}\); upgrade Kronika"):
        open_store(store_url)


def test_store_rejects_bad_offsets(store_url):
    doc = full_doc()
    doc.mentions.append(Mention(0, 5, "Korea", "LOC", "Korea"))
    with open_store(store_url) as st, pytest.raises(StoreError, match="doc-full not saved.*mentions\\[3\\]"):
        st.save(doc)


def test_store_unreachable_postgresql_names_url_without_password():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://kronika:tajne-haslo@127.0.0.1:1/kronika")
    msg = str(err.value)
    assert "postgresql://kronika:***@127.0.0.1:1/kronika" in msg
    assert "tajne-haslo" not in msg and "server is running" in msg


def test_store_non_database_file(tmp_path: Path):
    path = tmp_path / "notatki.db"
    path.write_text("To nie jest baza danych, tylko notatki.\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match=f"sqlite:///{path}: cannot open as a SQLite database"):
        open_store(f"sqlite:///{path}")


def test_store_unsupported_url():
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        open_store("mysql://u:p@localhost/k")


def test_store_bare_path_creates_parent_dirs(tmp_path: Path):
    path = tmp_path / "a" / "b" / "kronika.db"
    with open_store(str(path)) as st:
        st.save(full_doc())
    assert path.is_file()
    with open_store(f"sqlite:///{path}") as st:
        assert st.count_documents() == 1


_CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from dataclasses import replace
    from tests.store.test_store import full_doc
    from kronika.model import Mention
    from kronika.store import open_store

    def version(i, v):
        doc = full_doc(f"d{{i:05d}}")
        # Version v has v extra mentions; meta says which version it is, so a reader can tell a torn doc.
        doc.mentions = doc.mentions + [replace(doc.mentions[0])] * v
        doc.meta = {{"version": v}}
        return doc

    with open_store({url!r}) as st:
        i = 0
        while True:
            st.save(version(i, 0))
            if i:
                st.save(version(i - 1, 1 + i % 50))  # replace the previous document with a bigger version
            print(i, flush=True)
            i += 1
""")


def test_store_survives_kill_mid_batch(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    child = subprocess.Popen([sys.executable, "-c", _CHILD.format(root=str(ROOT), url=url)],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        seen = 0
        deadline = time.monotonic() + 60
        while seen < 30 and time.monotonic() < deadline:
            line = child.stdout.readline()
            assert line, "child process died before saving 30 documents"
            seen = int(line) + 1
        time.sleep(0.013)  # land the kill somewhere inside a later save
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    with open_store(url) as st:
        docs = list(st.iter_documents())
        assert len(docs) >= 30
        mentions = 0
        for doc in docs:
            doc.check()
            v = doc.meta["version"]
            assert len(doc.mentions) == 3 + v, f"{doc.id}: version {v} with {len(doc.mentions)} mentions"
            assert len(doc.events) == 2 and len(doc.entities) == 3
            mentions += len(doc.mentions)
        summary = st.summary()
        assert summary["documents"] == len(docs) and summary["mentions"] == mentions
        assert summary["events"] == 2 * len(docs) and summary["entities"] == 3
        assert len(st.search("Kreml", limit=10_000)) == len(docs)
        assert st.get_entity("loc:rosja") is not None
        assert len(st.entity_documents("loc:rosja")) == len(docs)


def test_export_jsonl_deterministic_and_loadable(store_url, tmp_path: Path):
    docs = [full_doc(f"e{i}") for i in (3, 1, 2)]
    outs = []
    for order in (docs, docs[::-1]):
        with open_store(store_url) as st:
            for d in st.iter_documents():
                st.delete(d.id)
            for d in order:
                st.save(d)
            buf = io.StringIO()
            assert export_jsonl(st, buf) == 3
            outs.append(buf.getvalue())
    assert outs[0] == outs[1]
    back = list(read_jsonl(io.StringIO(outs[0])))
    assert [d.id for d in back] == ["e1", "e2", "e3"]
    assert [doc_to_dict(d) for d in back] == [doc_to_dict(full_doc(d.id)) for d in back]


_WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from tests.store.test_store import full_doc
    from kronika.store import open_store

    with open_store({url!r}) as st:
        for i in range(12):
            st.save(full_doc(f"{tag}{{i:03d}}", extra_alias="{tag}-alias"))
            if i % 5 == 4:
                st.save(full_doc(f"{tag}{{i - 2:03d}}", extra_alias="{tag}-alias"))  # re-save mid-way
""")


def test_store_concurrent_writers_share_entities(store_url):
    with open_store(store_url):
        pass  # create the tables first, as `kronika run` does before any worker writes
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER.format(root=str(ROOT), url=store_url, tag=tag)],
                              cwd=ROOT, stderr=subprocess.PIPE, text=True) for tag in ("p", "q")]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with open_store(store_url) as st:
        assert st.count_documents() == 24
        merged = st.get_entity("loc:korea-polnocna")
        assert merged.aliases == {"Korea Północna", "p-alias", "q-alias"}
        assert len(st.entity_documents("loc:rosja")) == 24
        assert st.summary()["mentions"] == 24 * 3
    assert _count(store_url, tables.entity_values) > 0


def test_store_normalize_url():
    from kronika.store import normalize_url

    assert normalize_url("dane/k.db").render_as_string() == "sqlite:///dane/k.db"
    assert normalize_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:////abs/k.db").database == "/abs/k.db"
