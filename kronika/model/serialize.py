"""Document ⇄ dict ⇄ JSON lines. Every record carries ``schema_version``."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from kronika.errors import InputError
from kronika.model.document import Document
from kronika.model.events import Certainty, Event, Role
from kronika.model.mentions import Entity, Mention
from kronika.model.quantities import Hedge, Quantity
from kronika.model.source import Attribution, Source
from kronika.model.times import TimeExpr
from kronika.model.tokens import Sentence, Token, TokenColumns

SCHEMA_VERSION = 1

_SIMPLE = {"sentences": Sentence, "tokens": Token, "mentions": Mention, "times": TimeExpr,
           "attributions": Attribution}


def _asdict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _asdict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple, TokenColumns)):
        return [_asdict(x) for x in obj]
    if isinstance(obj, frozenset):
        return sorted(obj)
    if isinstance(obj, dict):
        return {k: _asdict(v) for k, v in obj.items()}
    return obj


def doc_to_dict(doc: Document) -> dict[str, Any]:
    """Flat, readable record: id, title, url, published, lang, text, then one list per layer."""
    s = doc.source
    d: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": doc.id,
        "external_id": s.external_id,
        "title": s.title,
        "url": s.url,
        "published": s.published,
        "outlet": s.outlet,
        "path": s.path,
        "lang": doc.lang,
        "text": doc.text,
    }
    for layer in ("sentences", "tokens", "mentions", "times", "quantities", "attributions", "events"):
        d[layer] = _asdict(getattr(doc, layer))
    d["entities"] = [_asdict(e) for e in doc.entities.values()]
    d["produced_by"] = dict(doc.produced_by)
    d["duplicate_of"] = doc.duplicate_of
    if doc.meta:
        d["meta"] = doc.meta
    return d


def _quantity(d: dict[str, Any]) -> Quantity:
    return Quantity(**{**d, "hedge": Hedge(d.get("hedge", "exact"))})


def _time(d: dict[str, Any] | None) -> TimeExpr | None:
    return TimeExpr(**d) if d else None


def _event(d: dict[str, Any]) -> Event:
    return Event(
        type=d["type"], start=d["start"], end=d["end"], text=d["text"], trigger=tuple(d["trigger"]),
        roles=tuple(Role(**r) for r in d.get("roles", ())),
        time=_time(d.get("time")),
        quantities=tuple(_quantity(q) for q in d.get("quantities", ())),
        attribution=Attribution(**d["attribution"]) if d.get("attribution") else None,
        certainty=Certainty(d.get("certainty", "asserted")),
    )


def doc_from_dict(d: dict[str, Any]) -> Document:
    version = d.get("schema_version", SCHEMA_VERSION)
    if version > SCHEMA_VERSION:
        raise ValueError(f"record has schema_version {version}, this Kronika reads up to {SCHEMA_VERSION}; upgrade")
    source = Source(outlet=d.get("outlet"), url=d.get("url"), published=d.get("published"),
                    path=d.get("path"), title=d.get("title"), external_id=d.get("external_id"))
    doc = Document(id=d["id"], text=d["text"], lang=d.get("lang") or "pl", source=source)
    for layer, cls in _SIMPLE.items():
        setattr(doc, layer, [cls(**x) for x in d.get(layer) or ()])
    doc.quantities = [_quantity(x) for x in d.get("quantities") or ()]
    doc.events = [_event(x) for x in d.get("events") or ()]
    doc.entities = {
        e["id"]: Entity(**{**e, "aliases": frozenset(e.get("aliases", ()))}) for e in d.get("entities") or ()
    }
    doc.produced_by = dict(d.get("produced_by") or {})
    doc.duplicate_of = d.get("duplicate_of")
    doc.meta = dict(d.get("meta") or {})
    return doc


def write_jsonl(docs: Iterable[Document], fh: IO[str]) -> int:
    n = 0
    for doc in docs:
        fh.write(json.dumps(doc_to_dict(doc), ensure_ascii=False) + "\n")
        n += 1
    return n


def read_jsonl(fh: IO[str], path: str = "<stdin>") -> Iterator[Document]:
    """Read documents written by write_jsonl; errors name the line."""
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(path, f"line {lineno}", f"not JSON ({e.msg})", "each line must be one JSON object") from e
        if not isinstance(rec, dict) or "text" not in rec or "id" not in rec:
            raise InputError(path, f"line {lineno}", "record lacks 'id' or 'text'",
                             "use the output of `kronika ingest` or `kronika analyze`")
        try:
            yield doc_from_dict(rec)
        except (TypeError, KeyError, ValueError) as e:
            raise InputError(path, f"line {lineno}", f"malformed document record ({e})") from e
