"""Entities and events as a graph for /api/graph and the graph page (read-only, over kronika.api.queries)."""

from __future__ import annotations

import sqlalchemy as sa

from kronika.api.queries import engine, events, list_entities, match_entities
from kronika.api.schemas import GraphEdge, GraphNode, GraphOut
from kronika.store import tables as t


def graph(store, q: str | None = None, entity: str | None = None, limit: int = 150) -> GraphOut:
    """Merged events as nodes joined to their participating entities.

    With ``q`` or ``entity`` only the events of the matching entities; without, the latest events.
    An entity–entity edge is added for pairs that share documents when there are no events to show.
    Example: ``graph(store, q="Szojgu")`` → nodes "visit 2024-09", "Siergiej Szojgu", "Pjongjang"
    and an edge from the visit to each of the two.
    """
    if q:
        ids = [e.id for e in match_entities(store, q, limit=20)]
    elif entity:
        ids = [entity]
    else:
        ids = None
    if ids is not None and not ids:
        return GraphOut(nodes=[], edges=[])
    found = events(store, entity_ids=ids, limit=limit * 2, newest_first=True)
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str], GraphEdge] = {}
    for i, g in enumerate(found.groups[:limit]):
        node_id = f"event:{i}"
        label = f"{g.type} {g.time or ''}".strip()
        nodes[node_id] = GraphNode(id=node_id, label=label, kind="event", type=g.type, weight=len(g.reports))
        for ent in g.entities:
            edges[(node_id, ent)] = GraphEdge(source=node_id, target=ent, label=g.type, weight=len(g.reports))
    wanted = {e for _, e in edges} | set(ids or ())
    if not found.groups:
        return _cooccurrence_graph(store, ids, limit)
    for s in list_entities(store, ids=list(wanted), limit=len(wanted) or 1):
        nodes[s.id] = GraphNode(id=s.id, label=s.name, kind="entity", type=s.type, weight=s.mentions)
    kept = [e for e in edges.values() if e.target in nodes]
    return GraphOut(nodes=list(nodes.values()), edges=kept)


def _cooccurrence_graph(store, ids: list[str] | None, limit: int) -> GraphOut:
    """Entities sharing documents, for stores analyzed without the events stage.

    Only the strongest pairs are kept (at most 60 edges): a hairball of every co-mention says nothing.
    """
    m = t.mentions
    m2 = m.alias("m2")
    top = [e.id for e in list_entities(store, limit=30)] if ids is None else ids
    if not top:
        return GraphOut(nodes=[], edges=[])
    both = m.c.entity_id.in_(top) & m2.c.entity_id.in_(top) if ids is None else \
        m.c.entity_id.in_(top) | m2.c.entity_id.in_(top)
    with engine(store).connect() as conn:
        pairs = conn.execute(
            sa.select(m.c.entity_id.label("a"), m2.c.entity_id.label("b"),
                      sa.func.count(sa.distinct(m.c.doc_id)).label("n"))
            .join(m2, sa.and_(m2.c.doc_id == m.c.doc_id, m2.c.entity_id > m.c.entity_id))
            .where(both).group_by(m.c.entity_id, m2.c.entity_id)
            .order_by(sa.desc("n"), m.c.entity_id, m2.c.entity_id).limit(min(limit, 60))).all()
    wanted = {p.a for p in pairs} | {p.b for p in pairs} | set(ids or ())
    nodes = [GraphNode(id=s.id, label=s.name, kind="entity", type=s.type, weight=s.mentions)
             for s in list_entities(store, ids=list(wanted), limit=len(wanted) or 1)]
    names = {n.id for n in nodes}
    edges = [GraphEdge(source=p.a, target=p.b, label="co-occurs", weight=p.n) for p in pairs
             if p.a in names and p.b in names]
    return GraphOut(nodes=nodes, edges=edges)
