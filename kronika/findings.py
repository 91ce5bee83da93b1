"""What a run found, for the summary `kronika run` prints: top entities and events by type."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kronika.store import tables as t


def findings(store: Any, top: int = 10) -> dict[str, list[tuple[str, int]]]:
    """{"entities": [("Korea Północna (LOC)", 41), …], "events": [("DEPLOYMENT", 7), …]}."""
    m, e, ev = t.mentions, t.entities, t.events
    n = sa.func.count().label("n")
    with store.engine.connect() as conn:
        ents = conn.execute(
            sa.select(e.c.name, e.c.type, n).select_from(m.join(e, m.c.entity_id == e.c.id))
            .group_by(e.c.id, e.c.name, e.c.type).order_by(n.desc(), e.c.name).limit(top)).all()
        events = conn.execute(sa.select(ev.c.type, n).group_by(ev.c.type).order_by(n.desc(), ev.c.type)).all()
    return {"entities": [(f"{name} ({etype})", count) for name, etype, count in ents],
            "events": [(etype, count) for etype, count in events]}
