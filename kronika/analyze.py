"""`kronika analyze`: JSONL documents in, analyzed JSONL out."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import IO

from kronika.config import Settings
from kronika.errors import InputError
from kronika.model import Document, Source
from kronika.model.serialize import doc_from_dict, doc_to_dict
from kronika.pipeline import Processed, build_pipeline, run


def record_to_document(rec: dict, path: str, lineno: int) -> Document:
    """A line of `kronika ingest` output (has schema_version) or a plain record with `text`.

    A plain record's own `id` is kept as the document id, so outputs can be joined to inputs.
    """
    if "schema_version" in rec:
        return doc_from_dict(rec)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, f"line {lineno}", "record has no non-empty 'text' field",
                         "every JSONL record needs a 'text' string")
    source = Source(outlet=rec.get("outlet"), url=rec.get("url"), published=rec.get("published"),
                    title=rec.get("title"), external_id=str(rec["id"]) if rec.get("id") is not None else None,
                    path=path)
    doc = Document.create(text, lang=rec.get("lang") or "pl", source=source)
    if source.external_id:
        doc.id = source.external_id
    return doc


def read_records(fh: IO[str], path: str) -> Iterator[Document | InputError]:
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(path, f"line {lineno}", f"not JSON ({e.msg} at column {e.colno})",
                             "each line must be one JSON object")
            continue
        if not isinstance(rec, dict):
            yield InputError(path, f"line {lineno}", "not a JSON object", "each line must be one JSON object")
            continue
        try:
            yield record_to_document(rec, path, lineno)
        except InputError as e:
            yield e
        except (TypeError, KeyError, ValueError) as e:
            yield InputError(path, f"line {lineno}", f"malformed record ({e})")


def analyze_stream(fin: IO[str], output: str, settings: Settings, source_name: str = "<stdin>",
                   on_error: Callable[[str], None] | None = None) -> dict[str, int]:
    """Analyze every document of ``fin`` and write JSONL to ``output`` ('-' = stdout)."""
    stages = build_pipeline(settings.stages, settings)
    counts = {"ok": 0, "failed": 0}

    def docs() -> Iterator[Document]:
        for item in read_records(fin, source_name):
            if isinstance(item, InputError):
                counts["failed"] += 1
                if on_error:
                    on_error(str(item))
                continue
            if settings.published and not item.source.published:
                item.source = replace(item.source, published=settings.published)
            yield item

    fout = sys.stdout if output == "-" else open(output + ".part", "w", encoding="utf-8")  # noqa: SIM115
    try:
        for result in run(stages, docs(), progress=output != "-"):
            if isinstance(result, Processed):
                fout.write(json.dumps(doc_to_dict(result.doc), ensure_ascii=False) + "\n")
                counts["ok"] += 1
            else:
                counts["failed"] += 1
                if on_error:
                    on_error(f"{result.path or result.doc_id}: stage {result.stage} failed: {result.error}")
    finally:
        if fout is not sys.stdout:
            fout.close()
    if output != "-":
        import os

        os.replace(output + ".part", output)  # a killed run never leaves a half-written output
    return counts
