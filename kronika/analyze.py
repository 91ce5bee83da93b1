"""`kronika analyze`: JSONL documents in, analyzed JSONL out."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import IO

from kronika.config import Settings
from kronika.errors import InputError
from kronika.ingest.jsonl import Record, parse_records, record_document
from kronika.model import Document
from kronika.model.serialize import doc_to_dict
from kronika.pipeline import Processed, build_pipeline, run


def read_records(fh: IO[str], path: str) -> Iterator[Document | InputError]:
    """The ingest JSON-lines reader, except that a plain record's own `id` becomes the document id,
    so analyzed output can be joined to its input. Lines of `kronika ingest` output keep theirs."""
    for item in parse_records(fh, path):
        if isinstance(item, Record):
            doc = record_document(item, path)
            if item.external_id:
                doc.id = item.external_id
            yield doc
        else:
            yield item


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
