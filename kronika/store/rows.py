"""Document ⇄ table rows: the only code that knows both the dataclasses and the columns.

Example: the mention "Kim Dzong Una" at 17–30 of document "9f2c…" becomes the ``mentions`` row
``{"doc_id": "9f2c…", "seq": 0, "start": 17, "end": 30, "text": "Kim Dzong Una", "type": "PER", …}``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

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
    TokenColumns,
    token_columns,
)
from kronika.store.search import INDEX_LEMMAS_KEY

Row = Mapping[str, Any]


def _plain(obj: Any) -> dict[str, Any] | None:
    """A flat frozen dataclass as a JSON-ready dict (enums become their string values)."""
    if obj is None:
        return None
    return {f.name: (str(v) if isinstance(v := getattr(obj, f.name), str) else v) for f in dataclasses.fields(obj)}


def document_row(doc: Document) -> dict[str, Any]:
    s = doc.source
    return {
        "id": doc.id, "external_id": s.external_id, "title": s.title, "url": s.url, "published": s.published,
        "outlet": s.outlet, "path": s.path, "lang": doc.lang, "text": doc.text, "duplicate_of": doc.duplicate_of,
        "produced_by": dict(doc.produced_by),
        "meta": {k: v for k, v in doc.meta.items() if k != INDEX_LEMMAS_KEY},
        # Token and sentence text is recoverable from the offsets (Document.check guarantees it).
        "layers": {
            "sentences": [[x.start, x.end] for x in doc.sentences],
            "tokens": [list(row) for row in zip(*token_columns(doc.tokens), strict=True)],
        },
    }


def _span(doc_id: str, seq: int, a: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, "seq": seq, "start": a.start, "end": a.end, "text": a.text}


def layer_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows for every per-document table, keyed by table name."""
    i = doc.id
    out: dict[str, list[dict[str, Any]]] = {
        "mentions": [{**_span(i, n, m), "type": m.type, "base": m.base, "entity_id": m.entity_id}
                     for n, m in enumerate(doc.mentions)],
        "times": [{**_span(i, n, x), "type": x.type, "value": x.value, "anchored": bool(x.anchored),
                   "end_value": x.end_value} for n, x in enumerate(doc.times)],
        "quantities": [{**_span(i, n, q), "value": q.value, "value_max": q.value_max, "unit": q.unit,
                        "counted": q.counted, "hedge": str(q.hedge), "per": q.per}
                       for n, q in enumerate(doc.quantities)],
        "attributions": [{**_span(i, n, a), "source_name": a.source_name, "source_entity_id": a.source_entity_id}
                         for n, a in enumerate(doc.attributions)],
        "events": [], "event_roles": [],
        "doc_entities": [{"doc_id": i, "seq": n, "entity_id": e.id, "type": e.type, "name": e.name,
                          "aliases": sorted(e.aliases), "kb_id": e.kb_id, "canonical_id": e.canonical_id}
                         for n, e in enumerate(doc.entities.values())],
    }
    for n, ev in enumerate(doc.events):
        out["events"].append({
            **_span(i, n, ev), "type": ev.type, "trigger_start": ev.trigger[0], "trigger_end": ev.trigger[1],
            "certainty": str(ev.certainty), "time": _plain(ev.time),
            "time_value": ev.time.value if ev.time else None,
            "quantities": [_plain(q) for q in ev.quantities], "attribution": _plain(ev.attribution),
        })
        out["event_roles"].extend({"doc_id": i, "event_seq": n, "seq": k, "name": r.name, "start": r.start,
                                   "end": r.end, "text": r.text, "entity_id": r.entity_id}
                                  for k, r in enumerate(ev.roles))
    return out


def _quantity(d: Mapping[str, Any]) -> Quantity:
    return Quantity(**{**d, "hedge": Hedge(d["hedge"])})


def document_from_rows(doc: Row, layers: Mapping[str, Sequence[Row]]) -> Document:
    """Rebuild a Document from its ``documents`` row and its rows of every per-document table
    (each list already in ``seq`` order; event roles in (event_seq, seq) order)."""
    text = doc["text"]
    blob = doc["layers"] or {}
    result = Document(
        id=doc["id"], text=text, lang=doc["lang"],
        source=Source(outlet=doc["outlet"], url=doc["url"], published=doc["published"], path=doc["path"],
                      title=doc["title"], external_id=doc["external_id"]),
        produced_by=dict(doc["produced_by"] or {}), duplicate_of=doc["duplicate_of"], meta=dict(doc["meta"] or {}),
    )
    result.sentences = [Sentence(s, e, text[s:e]) for s, e in blob.get("sentences", ())]
    result.tokens = _token_layer(doc["id"], text, blob.get("tokens", ()))
    result.mentions = [Mention(r["start"], r["end"], r["text"], r["type"], r["base"], r["entity_id"])
                       for r in layers.get("mentions", ())]
    result.times = [TimeExpr(r["start"], r["end"], r["text"], r["type"], r["value"], bool(r["anchored"]),
                             r["end_value"]) for r in layers.get("times", ())]
    result.quantities = [Quantity(r["start"], r["end"], r["text"], r["value"], r["value_max"], r["unit"],
                                  r["counted"], Hedge(r["hedge"]), r["per"]) for r in layers.get("quantities", ())]
    result.attributions = [Attribution(r["start"], r["end"], r["text"], r["source_name"], r["source_entity_id"])
                           for r in layers.get("attributions", ())]
    roles: dict[int, list[Role]] = {}
    for r in layers.get("event_roles", ()):
        roles.setdefault(r["event_seq"], []).append(Role(r["name"], r["start"], r["end"], r["text"], r["entity_id"]))
    result.events = [
        Event(type=r["type"], start=r["start"], end=r["end"], text=r["text"],
              trigger=(r["trigger_start"], r["trigger_end"]), roles=tuple(roles.get(r["seq"], ())),
              time=TimeExpr(**r["time"]) if r["time"] else None,
              quantities=tuple(_quantity(q) for q in r["quantities"] or ()),
              attribution=Attribution(**r["attribution"]) if r["attribution"] else None,
              certainty=Certainty(r["certainty"]))
        for r in layers.get("events", ())
    ]
    result.entities = {r["entity_id"]: entity_from_row(r, key="entity_id") for r in layers.get("doc_entities", ())}
    return result


def _token_layer(doc_id: str, text: str, rows: Sequence[Sequence[Any]]) -> TokenColumns | list:
    """The stored [start, end, lemma, tag, proper] rows as columns, kept so until read: an export or a
    partial re-run only passes them on."""
    if not rows:
        return []
    try:
        columns = list(zip(*rows, strict=True))
        if len(columns) != 5:
            raise ValueError(f"{len(columns)} fields per token, expected 5")
    except (TypeError, ValueError) as e:
        raise ValueError(f"document {doc_id}: its stored token layer is malformed ({e}); delete the document "
                         "and run `kronika run` on its source again") from e
    return TokenColumns(text, *columns)


def entity_from_row(r: Row, key: str = "id") -> Entity:
    return Entity(id=r[key], type=r["type"], name=r["name"], aliases=frozenset(r["aliases"] or ()),
                  kb_id=r["kb_id"], canonical_id=r["canonical_id"])
