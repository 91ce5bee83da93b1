"""Read-side SQL for the API and the desk, over the store's tables (SQLAlchemy Core; never writes).

The store owns the schema (kronika/store/tables.py) and writes; this module only answers the
questions an analyst asks: who is mentioned where, what happened when, who said how many. Every
answer carries evidence (document, offsets, text, outlet, url, published).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from kronika.api.schemas import (
    DocumentPage,
    DocumentSummary,
    EntityDetail,
    EntitySummary,
    EventGroup,
    EventOut,
    EventsOut,
    Evidence,
    MentionOut,
    QuantityOut,
    RoleOut,
    SearchHitOut,
    SearchOut,
)
from kronika.store import tables as t

D = t.documents
SOURCE_COLS = (D.c.outlet, D.c.url, D.c.published, D.c.title)
EventKey = tuple[str, int]  # (doc_id, seq)


def engine(store) -> sa.Engine:
    return store.engine


def _ev(m: Any, start: int | None = None, end: int | None = None, text: str | None = None) -> Evidence:
    return Evidence(doc_id=m["doc_id"], start=m["start"] if start is None else start,
                    end=m["end"] if end is None else end, text=m["text"] if text is None else text,
                    outlet=m["outlet"], url=m["url"], published=m["published"], title=m["title"])


# ----------------------------------------------------------------------------------------- documents

def list_documents(store, limit: int = 50, offset: int = 0, outlet: str | None = None) -> DocumentPage:
    """Newest first: ``list_documents(store, limit=20)`` → DocumentPage(items=[…], total=…)."""
    where = [D.c.outlet == outlet] if outlet else []
    with engine(store).connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(D).where(*where)).scalar_one()
        rows = conn.execute(
            sa.select(D.c.id, D.c.title, D.c.url, D.c.outlet, D.c.published, D.c.lang).where(*where)
            .order_by(D.c.published.desc().nulls_last(), D.c.id).limit(limit).offset(offset)).all()
    items = [DocumentSummary(**r._mapping) for r in rows]
    return DocumentPage(items=items, total=total, limit=limit, offset=offset)


def outlets(store) -> list[str]:
    with engine(store).connect() as conn:
        rows = conn.execute(sa.select(D.c.outlet).where(D.c.outlet.is_not(None)).distinct().order_by(D.c.outlet))
        return [r[0] for r in rows]


def event_types(store) -> list[str]:
    with engine(store).connect() as conn:
        return [r[0] for r in conn.execute(sa.select(t.events.c.type).distinct().order_by(t.events.c.type))]


def _sentences(conn: sa.Connection, doc_ids: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    # Only the "sentences" key of the layers blob: tokens are far larger and not needed here.
    ids = list(set(doc_ids))
    out: dict[str, list[tuple[int, int]]] = {}
    for chunk in range(0, len(ids), 500):
        rows = conn.execute(sa.select(D.c.id, D.c.layers["sentences"]).where(D.c.id.in_(ids[chunk:chunk + 500])))
        for doc_id, sents in rows:
            out[doc_id] = sorted((int(s[0]), int(s[1])) for s in (sents or ()))
    return out


def sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The (start, end) of the sentence holding character ``pos``, or None."""
    i = bisect.bisect_right(sentences, (pos, float("inf"))) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return None


# ------------------------------------------------------------------------------------------ entities

def _mention_counts():
    m = t.mentions
    return (sa.select(m.c.entity_id, sa.func.count().label("n"))
            .where(m.c.entity_id.is_not(None)).group_by(m.c.entity_id).subquery())


def list_entities(store, type: str | None = None, q: str | None = None, limit: int = 100,
                  offset: int = 0, ids: list[str] | None = None) -> list[EntitySummary]:
    """Entities with their mention and document counts, most mentioned first."""
    e, counts = t.entities, _mention_counts()
    stmt = (sa.select(e.c.id, e.c.type, e.c.name, e.c.documents, sa.func.coalesce(counts.c.n, 0).label("n"))
            .select_from(e.outerjoin(counts, counts.c.entity_id == e.c.id)))
    if type:
        stmt = stmt.where(e.c.type == type)
    if q:
        stmt = stmt.where(sa.or_(e.c.name.contains(q, autoescape=True),
                                 sa.cast(e.c.aliases, sa.Text).contains(q, autoescape=True)))
    if ids is not None:
        stmt = stmt.where(e.c.id.in_(ids))
    stmt = stmt.order_by(sa.desc("n"), e.c.name).limit(limit).offset(offset)
    with engine(store).connect() as conn:
        return [EntitySummary(id=r.id, type=r.type, name=r.name, mentions=r.n, documents=r.documents)
                for r in conn.execute(stmt)]


def _fragments(word: str, lemmas: set[str]) -> list[str]:
    # A name inflects at its end ("Korea" → "Korei"), and SQLite lowercases only ASCII, so the SQL
    # pre-filter uses a piece of the shared stem without its first letter: "Korei"/"korea" → "ore".
    low = word.lower()
    stem = low
    for lemma in lemmas:
        n = 0
        while n < min(len(stem), len(lemma)) and stem[n] == lemma[n]:
            n += 1
        stem = stem[:n]
    piece = stem[1:5]
    return [piece] if len(piece) >= 2 else []


def match_entities(store, query: str, limit: int = 10) -> list[EntitySummary]:
    """Entities whose name or an alias has every query word, inflected or not.

    ``match_entities(store, "Szojgu")`` → [EntitySummary(name="Siergiej Szojgu", …)];
    ``match_entities(store, "Korei Północnej")`` → [EntitySummary(name="Korea Północna", …)].
    """
    from kronika.store.search import query_terms

    groups = query_terms(query)
    words = re.findall(r"\w+", query)  # the same split as query_terms, so the two lists line up
    if not groups:
        return []
    e = t.entities
    conds = []
    for word, group in zip(words, groups, strict=False):
        for piece in _fragments(word, group):
            # aliases is JSON: non-ASCII letters may be stored escaped (\u00f3), so try both spellings.
            escaped = sa.func.lower(sa.cast(e.c.aliases, sa.Text))
            conds.append(sa.or_(sa.func.lower(e.c.name).contains(piece, autoescape=True),
                                escaped.contains(piece, autoescape=True),
                                escaped.contains(piece.encode("ascii", "backslashreplace").decode()
                                                 .replace("\\x", "\\u00"), autoescape=True)))
    if not conds:
        return []
    with engine(store).connect() as conn:
        rows = conn.execute(sa.select(e.c.id, e.c.name, e.c.aliases, e.c.documents).where(sa.and_(*conds))
                            .order_by(e.c.documents.desc()).limit(500)).all()
    found = []
    for r in rows:
        names = [r.name, *(r.aliases or ())]
        for name in names:
            name_terms = set().union(*query_terms(name)) if query_terms(name) else set()
            if all(g & name_terms for g in groups):
                found.append(r.id)
                break
    return list_entities(store, ids=found[:limit], limit=limit) if found else []


def entity_detail(store, entity_id: str, limit: int = 200) -> EntityDetail | None:
    """Everything the desk shows about one entity; None when no entity or mention has this id."""
    e, m = t.entities, t.mentions
    with engine(store).connect() as conn:
        row = conn.execute(sa.select(e).where(e.c.id == entity_id)).first()
        count = conn.execute(sa.select(sa.func.count()).where(m.c.entity_id == entity_id)).scalar_one()
        if row is None and count == 0:
            return None
        bigger = sa.func.greatest if conn.dialect.name == "postgresql" else sa.func.max
        context = sa.func.substr(D.c.text, bigger(m.c.start - 80, 0) + 1, 160 + m.c.end - m.c.start)
        rows = conn.execute(
            sa.select(m.c.doc_id, m.c.start, m.c.end, m.c.text, m.c.base, m.c.type, *SOURCE_COLS,
                      context.label("context"))
            .join(D, D.c.id == m.c.doc_id).where(m.c.entity_id == entity_id)
            .order_by(D.c.published.desc().nulls_last(), m.c.doc_id, m.c.start).limit(limit)).all()
        month = sa.func.substr(D.c.published, 1, 7)
        by_month = conn.execute(
            sa.select(month.label("month"), sa.func.count()).join(D, D.c.id == m.c.doc_id)
            .where(m.c.entity_id == entity_id, D.c.published.is_not(None))
            .group_by(month).order_by(month)).all()
        docs = sa.select(m.c.doc_id).where(m.c.entity_id == entity_id).distinct().scalar_subquery()
        m2 = m.alias("m2")
        related_rows = conn.execute(
            sa.select(m2.c.entity_id, sa.func.count(sa.distinct(m2.c.doc_id)).label("n"))
            .where(m2.c.doc_id.in_(docs), m2.c.entity_id.is_not(None), m2.c.entity_id != entity_id)
            .group_by(m2.c.entity_id).order_by(sa.desc("n"), m2.c.entity_id).limit(20)).all()
    shared = {r.entity_id: r.n for r in related_rows}
    related = list_entities(store, ids=list(shared), limit=len(shared) or 1) if shared else []
    for r in related:
        r.documents = shared.get(r.id, r.documents)  # documents shared with this entity
    related.sort(key=lambda r: (-r.documents, r.name))
    events_found = events(store, entity=entity_id, limit=min(limit, 50), newest_first=True).items
    mentions = []
    for r in rows:
        mp = r._mapping
        mentions.append(MentionOut(text=r.text, base=r.base, type=r.type, evidence=_ev(mp), context=r.context,
                                   context_offset=r.start - max(r.start - 80, 0)))
    if row is not None:
        name, etype, aliases, kb = row.name, row.type, sorted(row.aliases or ()), row.kb_id
    else:  # linked mentions without a merged entity row: name it after its most frequent base form
        bases = Counter(r.base for r in rows)
        name, etype, aliases, kb = bases.most_common(1)[0][0], rows[0].type, sorted(bases), None
    return EntityDetail(
        id=entity_id, type=etype, name=name, aliases=aliases, kb_id=kb, mention_count=count, mentions=mentions,
        by_month=[(mo, n) for mo, n in by_month], related=related, events=events_found,
        quantities=quantities(store, entity=entity_id, limit=min(limit, 50)))


# -------------------------------------------------------------------------------------------- events

def _participants(conn: sa.Connection, rows: list[Any]) -> dict[EventKey, list[RoleOut]]:
    """Roles of each event, plus linked mentions inside its evidence that no role already covers."""
    doc_ids = list({r.doc_id for r in rows})
    found: dict[EventKey, list[tuple[str, str, str | None]]] = defaultdict(list)
    seen: dict[EventKey, set[str | None]] = defaultdict(set)
    r, m = t.event_roles, t.mentions
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for row in rows:
        spans[row.doc_id].append((row.start, row.end, row.seq))
    for chunk in range(0, len(doc_ids), 500):
        ids = doc_ids[chunk:chunk + 500]
        for doc_id, event_seq, name, text, entity_id in conn.execute(
                sa.select(r.c.doc_id, r.c.event_seq, r.c.name, r.c.text, r.c.entity_id).where(r.c.doc_id.in_(ids))
                .order_by(r.c.doc_id, r.c.event_seq, r.c.seq)).all():
            found[(doc_id, event_seq)].append((name, text, entity_id))
            seen[(doc_id, event_seq)].add(entity_id)
        for doc_id, start, end, text, entity_id in conn.execute(
                sa.select(m.c.doc_id, m.c.start, m.c.end, m.c.text, m.c.entity_id)
                .where(m.c.doc_id.in_(ids), m.c.entity_id.is_not(None))).all():
            for ev_start, ev_end, seq in spans[doc_id]:
                key = (doc_id, seq)
                if ev_start <= start and end <= ev_end and entity_id not in seen[key]:
                    found[key].append(("mention", text, entity_id))
                    seen[key].add(entity_id)
    # model_construct: these values come from our own tables, validating them again costs half the time.
    return {key: [RoleOut.model_construct(name=n, text=x, entity_id=e) for n, x, e in roles]
            for key, roles in found.items()}


def _involving(entity_ids: list[str]):
    """SQL condition on t.events: a role linked to one of the entities, or a mention of one inside the evidence.

    The documents come first through the entity_id indexes; inside the correlated EXISTS the
    entity test is wrapped in coalesce() so the planner walks the document's few rows by primary key
    instead of every mention of a frequent entity (SQLite otherwise picks ix_mentions_entity_id).
    """
    ev, r, m = t.events, t.event_roles, t.mentions
    docs = sa.union(sa.select(m.c.doc_id).where(m.c.entity_id.in_(entity_ids)),
                    sa.select(r.c.doc_id).where(r.c.entity_id.in_(entity_ids)))
    by_role = sa.exists().where(r.c.doc_id == ev.c.doc_id, r.c.event_seq == ev.c.seq,
                                sa.func.coalesce(r.c.entity_id, "").in_(entity_ids))
    by_mention = sa.exists().where(m.c.doc_id == ev.c.doc_id, m.c.start >= ev.c.start, m.c.end <= ev.c.end,
                                   sa.func.coalesce(m.c.entity_id, "").in_(entity_ids))
    return sa.and_(ev.c.doc_id.in_(docs), sa.or_(by_role, by_mention))


def events(store, type: str | None = None, entity: str | None = None, date_from: str | None = None,
           date_to: str | None = None, certainty: str | None = None, outlet: str | None = None,
           limit: int = 500, entity_ids: list[str] | None = None, newest_first: bool = False) -> EventsOut:
    """Events in date order (their own date, else the publication date), filtered, with evidence.

    Dates compare as ISO prefixes: ``date_to="2024-06"`` keeps "2024-06-19" and "2024-06".
    """
    ev = t.events
    when = sa.func.coalesce(ev.c.time_value, D.c.published)
    stmt = (sa.select(ev, *SOURCE_COLS, when.label("when")).join(D, D.c.id == ev.c.doc_id))
    if type:
        stmt = stmt.where(ev.c.type == type)
    if certainty:
        stmt = stmt.where(ev.c.certainty == certainty)
    if outlet:
        stmt = stmt.where(D.c.outlet == outlet)
    if date_from:
        stmt = stmt.where(when >= date_from)
    if date_to:
        stmt = stmt.where(when <= date_to + "~")  # "~" sorts after digits and "-": the prefix's last day
    ids = ([entity] if entity else []) + list(entity_ids or ())
    if entity_ids is not None and not ids:
        return EventsOut(items=[], groups=[], total=0)
    if ids:
        stmt = stmt.where(_involving(ids))
    order = when.desc().nulls_last() if newest_first else when.nulls_last()
    with engine(store).connect() as conn:
        rows = conn.execute(stmt.order_by(order, ev.c.doc_id, ev.c.seq).limit(limit)).all()
        roles = _participants(conn, rows)
    items = [_event_out(r, roles.get((r.doc_id, r.seq), [])) for r in rows]
    return EventsOut(items=items, groups=group_events(items), total=len(items))


def _event_out(r: Any, roles: list[RoleOut]) -> EventOut:
    mp = r._mapping
    time = r.time or {}
    attribution = r.attribution or {}
    lo, hi = r.trigger_start - r.start, r.trigger_end - r.start
    return EventOut(
        type=r.type, certainty=r.certainty, time=r.time_value, time_text=time.get("text"),
        trigger=r.text[lo:hi], roles=roles, source=attribution.get("source_name"),
        quantities=[q.get("text", "") for q in (r.quantities or ())], evidence=_ev(mp), seq=r.seq)


def group_events(items: list[EventOut]) -> list[EventGroup]:
    """Merge reports of one happening: same type, same month (or both undated), shared participants.

    Two outlets writing "19 czerwca 2024 r. podpisano traktat" and "w czerwcu podpisano układ" about
    Korea Północna give one group with both outlets: that is what "corroborated" means on the desk.
    """
    groups: list[tuple[tuple[str, str], set[str], EventGroup]] = []
    for item in items:
        ents = {r.entity_id for r in item.roles if r.entity_id}
        key = (item.type, (item.time or "")[:7])
        found = next((x for x in groups if x[0] == key and (not ents or not x[1] or ents & x[1])), None)
        if found is None:
            found = (key, set(), EventGroup(type=item.type, time=item.time, entities=[], outlets=[], reports=[]))
            groups.append(found)
        _, gents, g = found
        gents |= ents
        g.reports.append(item)
        g.entities = sorted(gents)
        if item.time and (not g.time or len(item.time) > len(g.time)):
            g.time = item.time  # the most precise date any report gives
        outlet = item.evidence.outlet or item.evidence.doc_id
        if outlet not in g.outlets:
            g.outlets.append(outlet)
    return sorted((g for _, _, g in groups), key=lambda g: (g.time or "~", -len(g.outlets)))


# ---------------------------------------------------------------------------------------- quantities

def quantities(store, counted: str | None = None, entity: str | None = None,
               limit: int = 500, doc_id: str | None = None) -> list[QuantityOut]:
    """Quantity claims with who says so and when.

    Source: the attribution of the event holding the quantity, else an attribution cue in the same
    sentence ("według Daily NK"), else the outlet. Date: the event's date, else the publication date.
    """
    q, ev, a, m = t.quantities, t.events, t.attributions, t.mentions
    stmt = sa.select(q, *SOURCE_COLS).join(D, D.c.id == q.c.doc_id)
    if counted:
        stmt = stmt.where(q.c.counted == counted)
    if doc_id:
        stmt = stmt.where(q.c.doc_id == doc_id)
    with engine(store).connect() as conn:
        if entity:
            stmt = stmt.where(q.c.doc_id.in_(sa.select(m.c.doc_id).where(m.c.entity_id == entity)))
        rows = conn.execute(stmt.order_by(D.c.published.nulls_last(), q.c.doc_id, q.c.start)
                            .limit(limit * 4 if entity else limit)).all()
        doc_ids = list({r.doc_id for r in rows})
        sentences = _sentences(conn, doc_ids)
        evs: dict[str, list[Any]] = defaultdict(list)
        cues: dict[str, list[Any]] = defaultdict(list)
        anchors: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for chunk in range(0, len(doc_ids), 500):
            ids = doc_ids[chunk:chunk + 500]
            for r in conn.execute(sa.select(ev.c.doc_id, ev.c.start, ev.c.end, ev.c.time_value, ev.c.attribution)
                                  .where(ev.c.doc_id.in_(ids))):
                evs[r.doc_id].append(r)
            for r in conn.execute(sa.select(a.c.doc_id, a.c.start, a.c.end, a.c.source_name)
                                  .where(a.c.doc_id.in_(ids))):
                cues[r.doc_id].append(r)
            if entity:
                for r in conn.execute(sa.select(m.c.doc_id, m.c.start, m.c.end)
                                      .where(m.c.doc_id.in_(ids), m.c.entity_id == entity)):
                    anchors[r.doc_id].append((r.start, r.end))
    out = []
    for r in rows:
        sent = sentence_of(sentences.get(r.doc_id, []), r.start) or (r.start, r.end)
        if entity and not any(sent[0] <= s and e <= sent[1] for s, e in anchors[r.doc_id]):
            continue  # the entity is in the document but not in this claim's sentence
        holder = next((e for e in evs[r.doc_id] if e.start <= r.start and r.end <= e.end), None)
        source = (holder.attribution or {}).get("source_name") if holder is not None else None
        if source is None:
            cue = next((c for c in cues[r.doc_id] if sent[0] <= c.start and c.end <= sent[1]), None)
            source = cue.source_name if cue is not None else None
        mp = r._mapping
        out.append(QuantityOut(
            text=r.text, value=r.value, value_max=r.value_max, unit=r.unit, counted=r.counted, hedge=r.hedge,
            per=r.per, source=source or r.outlet, date=(holder.time_value if holder is not None else None)
            or r.published, evidence=_ev(mp)))
        if len(out) >= limit:
            break
    return out


# ------------------------------------------------------------------------------------------ search

def search(store, query: str, limit: int = 20) -> SearchOut:
    """Full-text hits (inflection-insensitive, by the store) plus entities the query names."""
    hits = [SearchHitOut(doc_id=h.doc_id, title=h.title, snippet=h.snippet, score=h.score,
                         published=h.published, url=h.url, marks=[list(x) for x in getattr(h, "marks", ())])
            for h in store.search(query, limit=limit)]
    return SearchOut(query=query, hits=hits, entities=match_entities(store, query))
