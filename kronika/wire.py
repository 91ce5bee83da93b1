"""The compact format documents travel in between the main process and Dask workers.

Why not ``doc_to_dict``: with 2 workers on 2 cores, every CPU-second the main process spends
decoding results is taken from a worker. Nested dicts cost the worker 0.6 CPU-s per 100 BSNLP
articles to build and the main process 0.3 CPU-s to turn back into dataclasses; plain tuples,
pickled once per batch into a single ``bytes`` (which Dask ships as one frame, without pickling
it again), cost a fraction of that. Results leave out the text — the main process still holds the
document it sent — and token and sentence texts, which are slices of it (``Document.check`` on
the worker guarantees that).

    blob = encode_request([(doc, None)])       # doc.text = "Korea Północna wysłała żołnierzy do Rosji."
    [(same, stages)] = decode_request(blob)    # on the worker: the document and the stages to run (None = all)

This is a private wire format between processes of one run, not a file format: the JSON lines
export (``kronika.model.serialize``) is unchanged.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from sys import intern
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
    Token,
    TokenColumns,
    token_columns,
)

_PROTOCOL = pickle.HIGHEST_PROTOCOL


def _time(x: TimeExpr | None) -> tuple | None:
    return None if x is None else (x.start, x.end, x.text, x.type, x.value, x.anchored, x.end_value)


def _quantity(q: Quantity) -> tuple:
    # Enums travel as their string values: unpickling an enum member costs a lookup per object.
    return (q.start, q.end, q.text, q.value, q.value_max, q.unit, q.counted, str(q.hedge), q.per)


def _attribution(a: Attribution | None) -> tuple | None:
    return None if a is None else (a.start, a.end, a.text, a.source_name, a.source_entity_id)


def _event(e: Event) -> tuple:
    return (e.type, e.start, e.end, e.text, e.trigger,
            tuple((r.name, r.start, r.end, r.text, r.entity_id) for r in e.roles),
            _time(e.time), tuple(_quantity(q) for q in e.quantities), _attribution(e.attribution), str(e.certainty))


def _tokens(tokens: Sequence[Token]) -> tuple:
    """Tokens as five columns. Lemmas and tags repeat ("w", "i", "subst:sg:nom:f"): interned, they
    are the same object every time, so pickle writes each once per batch and the main process
    unpickles each once instead of allocating a string per token."""
    starts, ends, lemmas, tags, propers = token_columns(tokens)
    return (starts, ends, [None if x is None else intern(x) for x in lemmas],
            [None if x is None else intern(x) for x in tags], propers)


def encode_layers(doc: Document) -> tuple:
    """Every annotation layer of ``doc`` as plain tuples; token and sentence texts are left out."""
    return (
        tuple((s.start, s.end) for s in doc.sentences),
        _tokens(doc.tokens),
        tuple((m.start, m.end, m.text, m.type, m.base, m.entity_id) for m in doc.mentions),
        tuple((e.id, e.type, e.name, tuple(sorted(e.aliases)), e.kb_id, e.canonical_id)
              for e in doc.entities.values()),
        tuple(_time(x) for x in doc.times),
        tuple(_quantity(q) for q in doc.quantities),
        tuple(_attribution(a) for a in doc.attributions),
        tuple(_event(e) for e in doc.events),
    )


def _q(t: Sequence[Any]) -> Quantity:
    return Quantity(t[0], t[1], t[2], t[3], t[4], t[5], t[6], Hedge(t[7]), t[8])


def apply_layers(doc: Document, layers: tuple) -> Document:
    """Set the layers encoded by :func:`encode_layers` on ``doc`` (whose text they point into)."""
    sentences, tokens, mentions, entities, times, quantities, attributions, events = layers
    text = doc.text
    doc.sentences = [Sentence(s, e, text[s:e]) for s, e in sentences]
    # Kept as columns until read: the main process usually only writes them to the store.
    doc.tokens = TokenColumns(text, *tokens)
    doc.mentions = [Mention(*m) for m in mentions]
    doc.entities = {e[0]: Entity(e[0], e[1], e[2], frozenset(e[3]), e[4], e[5]) for e in entities}
    doc.times = [TimeExpr(*x) for x in times]
    doc.quantities = [_q(q) for q in quantities]
    doc.attributions = [Attribution(*a) for a in attributions]
    doc.events = [
        Event(type=e[0], start=e[1], end=e[2], text=e[3], trigger=tuple(e[4]),
              roles=tuple(Role(*r) for r in e[5]), time=TimeExpr(*e[6]) if e[6] else None,
              quantities=tuple(_q(q) for q in e[7]), attribution=Attribution(*e[8]) if e[8] else None,
              certainty=Certainty(e[9]))
        for e in events
    ]
    return doc


def _source(s: Source) -> tuple:
    return (s.outlet, s.url, s.published, s.path, s.title, s.external_id)


def encode_request(items: Sequence[tuple[Document, Sequence[str] | None]]) -> bytes:
    """Documents for one batch, each with the stage names to run on it (None = the whole pipeline).
    A document that comes back from the store for a partial re-run carries its still-valid layers."""
    return pickle.dumps([
        (d.id, d.text, d.lang, _source(d.source), d.produced_by, d.duplicate_of, d.meta,
         encode_layers(d), tuple(stages) if stages else None)
        for d, stages in items
    ], protocol=_PROTOCOL)


def decode_request(blob: bytes) -> list[tuple[Document, tuple[str, ...] | None]]:
    out = []
    for doc_id, text, lang, source, produced_by, duplicate_of, meta, layers, stages in pickle.loads(blob):
        doc = Document(id=doc_id, text=text, lang=lang, source=Source(*source), produced_by=dict(produced_by),
                       duplicate_of=duplicate_of, meta=dict(meta))
        out.append((apply_layers(doc, layers), stages))
    return out


def ok_result(doc: Document) -> tuple:
    """A processed document without its text (the main process has it)."""
    return ("ok", doc.id, doc.lang, _source(doc.source), doc.produced_by, doc.duplicate_of, doc.meta,
            encode_layers(doc))


def failed_result(doc_id: str, path: str | None, stage: str, error: str) -> tuple:
    return ("failed", doc_id, path, stage, error)


def encode_results(results: Sequence[tuple]) -> bytes:
    return pickle.dumps(list(results), protocol=_PROTOCOL)


def decode_result(rec: tuple, sent: Document) -> Document | tuple[str, str | None, str, str]:
    """The analyzed document (``sent`` updated in place), or (doc_id, path, stage, error) for a failure."""
    if rec[0] == "failed":
        return rec[1], rec[2], rec[3], rec[4]
    _, doc_id, lang, source, produced_by, duplicate_of, meta, layers = rec
    if doc_id != sent.id:
        raise ValueError(f"worker answered for document {doc_id}, expected {sent.id}")
    sent.lang, sent.source, sent.produced_by = lang, Source(*source), produced_by
    sent.duplicate_of, sent.meta = duplicate_of, meta
    return apply_layers(sent, layers)


def decode_results(blob: bytes) -> list[tuple]:
    return pickle.loads(blob)
