import io

import pytest

from kronika.errors import InputError
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
from kronika.model.serialize import SCHEMA_VERSION, doc_from_dict, doc_to_dict, read_jsonl, write_jsonl

TEXT = "Według agencji Yonhap Korea Północna wysłała 19 czerwca co najmniej 11 tys. żołnierzy."


def span(sub: str) -> tuple[int, int, str]:
    i = TEXT.index(sub)
    return i, i + len(sub), sub


def full_doc() -> Document:
    doc = Document.create(TEXT, source=Source(outlet="Kronika", url="https://example.org/1",
                                              published="2024-10", title="Tytuł", external_id="x-1"))
    doc.sentences = [Sentence(0, len(TEXT), TEXT)]
    doc.tokens = [Token(0, 6, "Według", "według", "prep:gen", None)]
    doc.mentions = [Mention(*span("Korea Północna"), "LOC", "Korea Północna", "loc:korea-polnocna")]
    doc.entities = {"loc:korea-polnocna": Entity("loc:korea-polnocna", "LOC", "Korea Północna",
                                                 frozenset({"KRLD", "Korea Północna"}), "Q423")}
    time = TimeExpr(*span("19 czerwca"), "DATE", "2024-06-19", True)
    qty = Quantity(*span("co najmniej 11 tys. żołnierzy"), 11000.0, None, None, "żołnierz", Hedge.AT_LEAST)
    doc.times = [time]
    doc.quantities = [qty]
    attr = Attribution(*span("Według agencji Yonhap"), "Yonhap", "org:yonhap")
    doc.attributions = [attr]
    doc.events = [Event("deployment", 0, len(TEXT), TEXT, span("wysłała")[:2],
                        (Role("agent", *span("Korea Północna"), "loc:korea-polnocna"),), time, (qty,), attr,
                        Certainty.REPORTED)]
    doc.produced_by = {"tokens": "segment@1"}
    doc.check()
    return doc


def test_serialize_round_trip_keeps_every_layer():
    doc = full_doc()
    d = doc_to_dict(doc)
    assert d["schema_version"] == SCHEMA_VERSION
    back = doc_from_dict(d)
    back.check()
    assert doc_to_dict(back) == d
    assert back.events[0].quantities[0].hedge is Hedge.AT_LEAST


def test_serialize_jsonl_round_trip():
    buf = io.StringIO()
    assert write_jsonl([full_doc(), Document.create("Drugi.")], buf) == 2
    docs = list(read_jsonl(io.StringIO(buf.getvalue())))
    assert [d.text for d in docs] == [TEXT, "Drugi."]


def test_serialize_rejects_newer_schema():
    d = doc_to_dict(full_doc())
    d["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(ValueError, match="upgrade"):
        doc_from_dict(d)


def test_serialize_bad_line_names_line_number():
    with pytest.raises(InputError, match="line 2"):
        list(read_jsonl(io.StringIO('{"id": "a", "text": "x"}\n{oops\n'), "docs.jsonl"))
