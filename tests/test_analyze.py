"""`kronika analyze`: plain records keep their id, ingest output round-trips, bad lines are reported."""

from __future__ import annotations

import io
import json

from kronika.analyze import analyze_stream
from kronika.config import Settings
from kronika.model import Document, Source
from kronika.model.serialize import doc_to_dict


def test_analyze_plain_records_keep_id_and_take_published(tmp_path):
    lines = [
        json.dumps({"id": "rec-1", "title": "Traktat", "text": "Rosja i Korea Północna podpisały traktat."}),
        "{nie json",
        json.dumps({"id": "rec-2", "text": "  "}),
        json.dumps(doc_to_dict(Document.create("Kim Dzong Un przyjechał wczoraj.",
                                               source=Source(external_id="pl-10", published="2024-06-20")))),
    ]
    out = tmp_path / "out.jsonl"
    errors: list[str] = []
    counts = analyze_stream(io.StringIO("\n".join(lines) + "\n"), str(out), Settings(published="2025-06-17"),
                            "in.jsonl", errors.append)
    assert counts == {"ok": 2, "failed": 2}
    assert any("in.jsonl:line 2" in e for e in errors) and any("in.jsonl:line 3" in e for e in errors)
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert docs[0]["id"] == "rec-1" and docs[0]["title"] == "Traktat" and docs[0]["published"] == "2025-06-17"
    # A line of `kronika ingest` output keeps its own content id and date, not its external id.
    assert docs[1]["id"] != "pl-10" and docs[1]["external_id"] == "pl-10" and docs[1]["published"] == "2024-06-20"
    assert docs[1]["times"] and docs[1]["times"][0]["value"] == "2024-06-19"
    assert not (tmp_path / "out.jsonl.part").exists()
