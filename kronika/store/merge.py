"""Entities merged across documents: each document votes for its entities' names, aliases and links.

When document A knows ``loc:korea-polnocna`` as {"Korea Północna", "KRLD"} and document B as
{"Korea Północna", "Korea Płn."}, the merged row has all three aliases and the name most documents
use. A save adds only its own difference to the vote counts (``entity_values``), so it costs the size
of the document, not of the corpus, and re-saving a document with the same entities writes nothing.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite as sqlite_dialect

from kronika.store import tables as t

Vote = tuple[str, str, str]  # (entity_id, field, value)



@cache
def _statements(dialect: str) -> dict[str, sa.Executable]:
    """The id-list statements, built once per dialect: constructing them per save cost more than
    running them. SQLite reads the ids from one JSON parameter, because an expanding IN list is
    re-rendered on every execution (a tenth of the save time); PostgreSQL keeps the IN list."""
    if dialect == "sqlite":
        ids_json = sa.select(sa.column("value")).select_from(sa.func.json_each(sa.bindparam("ids")))
        ids: Any = ids_json.scalar_subquery()
    else:
        ids = sa.bindparam("ids", expanding=True)
    ev, en = t.entity_values, t.entities
    return {
        "drop_zero_votes": sa.delete(ev).where(ev.c.entity_id.in_(ids), ev.c.docs <= 0),
        "votes": sa.select(ev).where(ev.c.entity_id.in_(ids)),
        "merged": sa.select(en).where(en.c.id.in_(ids)),
        "drop_merged": sa.delete(en).where(en.c.id.in_(ids)),
    }


def _ids_param(conn: sa.Connection, ids: list[str]) -> dict[str, Any]:
    return {"ids": json.dumps(ids) if conn.dialect.name == "sqlite" else ids}


def votes(entities: Iterable[Mapping[str, Any]]) -> Counter[Vote]:
    """The votes of one document's entities (rows or dicts with id/entity_id, type, name, aliases, …)."""
    out: Counter[Vote] = Counter()
    for e in entities:
        eid = e.get("entity_id") or e["id"]
        out[(eid, "doc", "")] += 1
        out[(eid, "type", e["type"])] += 1
        out[(eid, "name", e["name"])] += 1
        for alias in set(e["aliases"] or ()):
            out[(eid, "alias", alias)] += 1
        for field in ("kb_id", "canonical_id"):
            if e[field]:
                out[(eid, field, e[field])] += 1
    return out


@cache
def _upsert(dialect: str, table_name: str) -> sa.Insert:
    """INSERT … ON CONFLICT DO UPDATE for the merged tables: vote counts add up, merged rows are replaced."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite_dialect.insert
    if table_name == "entity_values":
        ev = t.entity_values
        stmt = insert(ev)
        return stmt.on_conflict_do_update(index_elements=[ev.c.entity_id, ev.c.field, ev.c.value],
                                          set_={"docs": ev.c.docs + stmt.excluded.docs})
    en = t.entities
    stmt = insert(en)
    return stmt.on_conflict_do_update(index_elements=[en.c.id],
                                      set_={c.name: stmt.excluded[c.name] for c in en.c if c.name != "id"})


def apply(conn: sa.Connection, old: Counter[Vote], new: Counter[Vote]) -> None:
    """Replace a document's old votes by its new ones and recompute the merged rows they change."""
    delta: Counter[Vote] = Counter(new)
    delta.subtract(old)
    changed = sorted({eid for (eid, _, _), d in delta.items() if d})
    if not changed:
        return
    # Every changed entity's "doc" row is written even when its count stays the same: in PostgreSQL that
    # row lock makes concurrent saves of one entity take turns, so the later one recomputes from both.
    for eid in changed:
        delta[(eid, "doc", "")] += 0
    rows = [{"entity_id": eid, "field": f, "value": v, "docs": d}
            for (eid, f, v), d in sorted(delta.items()) if d or f == "doc" and eid in changed]
    conn.execute(_upsert(conn.dialect.name, "entity_values"), rows)
    conn.execute(_statements(conn.dialect.name)["drop_zero_votes"], _ids_param(conn, changed))
    _recompute(conn, changed)


def _best(counts: dict[str, int]) -> str | None:
    # Most documents win; ties go to the alphabetically first value, so save order never matters.
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _recompute(conn: sa.Connection, ids: list[str]) -> None:
    fields: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    stmts, params = _statements(conn.dialect.name), _ids_param(conn, ids)
    for r in conn.execute(stmts["votes"], params):
        fields[r.entity_id][r.field][r.value] = r.docs
    existing = {r.id: r for r in conn.execute(stmts["merged"], params)}
    upserts, drop = [], []
    for eid in ids:
        f = fields.get(eid)
        old = existing.get(eid)
        if not f or not f["doc"].get(""):
            # No document has it any more. An analyst's merge (canonical_id) is kept with 0 documents.
            if old is not None and old.canonical_id:
                upserts.append({**old._mapping, "documents": 0})
            elif old is not None:
                drop.append(eid)
            continue
        upserts.append({
            "id": eid, "type": _best(f["type"]), "name": _best(f["name"]), "aliases": sorted(f["alias"]),
            "kb_id": _best(f["kb_id"]),
            "canonical_id": old.canonical_id if old is not None and old.canonical_id else _best(f["canonical_id"]),
            "documents": f["doc"][""],
        })
    if drop:
        conn.execute(stmts["drop_merged"], _ids_param(conn, drop))
    if upserts:
        conn.execute(_upsert(conn.dialect.name, "entities"), upserts)
