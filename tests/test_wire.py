"""The worker wire format carries every layer exactly; results leave the text at home."""

from __future__ import annotations

import pickle

import pytest

from kronika import wire
from kronika.model import Document, Hedge
from kronika.model.serialize import doc_to_dict
from tests.store.test_store import full_doc


def test_wire_request_round_trip_with_layers_and_stages():
    doc = full_doc()
    fresh = Document.create("Rosja i Korea Północna podpisały traktat o partnerstwie.")
    [(a, a_stages), (b, b_stages)] = wire.decode_request(wire.encode_request([(doc, ["quantities", "events"]),
                                                                              (fresh, None)]))
    assert doc_to_dict(a) == doc_to_dict(doc)
    assert a_stages == ("quantities", "events") and b_stages is None
    assert doc_to_dict(b) == doc_to_dict(fresh) and not b.tokens


def test_wire_result_round_trip_rebuilds_every_layer():
    doc = full_doc()
    blob = wire.encode_results([wire.ok_result(doc)])
    assert doc.text.encode() not in blob  # the main process holds the text already
    sent = Document(id=doc.id, text=doc.text)
    [rec] = wire.decode_results(blob)
    got = wire.decode_result(rec, sent)
    assert got is sent
    assert doc_to_dict(got) == doc_to_dict(doc)
    got.check()
    assert got.quantities[0].hedge is Hedge.AT_LEAST
    assert isinstance(got.events[0].trigger, tuple) and got.events[0].time == doc.events[0].time
    assert got.entities["loc:korea-polnocna"].aliases == frozenset({"Korea Północna", "KRLD"})


def test_wire_failure_and_wrong_document():
    rec = pickle.loads(wire.encode_results([wire.failed_result("d1", "/dane/a.txt", "times", "ValueError: x")]))[0]
    assert wire.decode_result(rec, Document(id="d1", text="Tekst.")) == ("d1", "/dane/a.txt", "times",
                                                                          "ValueError: x")
    ok = wire.ok_result(full_doc())
    with pytest.raises(ValueError, match="expected other"):
        wire.decode_result(ok, Document(id="other", text=full_doc().text))
