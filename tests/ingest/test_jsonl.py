"""JSONL records; errors name the line and reading goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronika.errors import InputError
from kronika.ingest import iter_documents, read_path
from kronika.model.serialize import write_jsonl


def _write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_record_fields(tmp_path: Path) -> None:
    rec = {"id": "pap-1", "text": "Duma ratyfikowała traktat z KRLD.", "title": "Traktat",
           "url": "https://pap.example.pl/1", "published": "2024-10-24", "lang": "pl", "outlet": "Agencja Próbna"}
    [doc] = read_path(_write(tmp_path / "a.jsonl", [json.dumps(rec, ensure_ascii=False)]))
    s = doc.source
    assert (s.external_id, s.title, s.url, s.published, s.outlet) == ("pap-1", "Traktat", rec["url"], "2024-10-24",
                                                                      "Agencja Próbna")
    assert doc.text == rec["text"] and doc.lang == "pl"
    assert len(doc.id) == 16 and doc.id != "pap-1"  # content id; the input's id is kept as external_id


def test_jsonl_language_detected_when_absent(tmp_path: Path) -> None:
    rec = {"text": "North Korean troops were deployed to the Kursk region in the autumn."}
    [doc] = read_path(_write(tmp_path / "a.jsonl", [json.dumps(rec)]))
    assert doc.lang == "en"


def test_jsonl_errors_name_the_line_and_reading_goes_on(tmp_path: Path) -> None:
    path = _write(tmp_path / "mix.jsonl", [
        json.dumps({"text": "Pierwszy artykuł o saperach z Korei Północnej."}),
        "{to nie jest JSON",
        json.dumps({"title": "Bez tekstu"}),
        "",
        json.dumps(["lista", "a nie obiekt"]),
        json.dumps({"text": "Ostatni artykuł o wizycie Szojgu w Pjongjangu."}),
    ])
    items = list(iter_documents([path]))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if not isinstance(i, InputError)]
    assert [e.where for e in errors] == ["line 2", "line 3", "line 5"]
    assert all(e.path == path for e in errors)
    assert "not JSON" in errors[0].reason and "'text'" in errors[1].reason
    assert [d.text.split()[0] for d in docs] == ["Pierwszy", "Ostatni"]


def test_jsonl_read_path_raises_the_first_bad_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", [json.dumps({"text": "Dobry."}), '{"text": 5}'])
    with pytest.raises(InputError, match="line 2"):
        list(read_path(path))


def test_jsonl_kronika_output_reads_back_as_the_same_document(tmp_path: Path) -> None:
    [doc] = read_path(_write(tmp_path / "a.jsonl", [json.dumps({"text": "Kim przyjął Szojgu.", "id": "x"})]))
    out = tmp_path / "docs.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        write_jsonl([doc], fh)
    [again] = read_path(str(out))
    assert (again.id, again.text, again.source.external_id) == (doc.id, doc.text, "x")
