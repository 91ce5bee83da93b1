"""JSON-lines records → articles. Every error names the line number.

A record needs ``text``; ``id``, ``title``, ``url``, ``published``, ``lang`` and ``outlet`` are optional:
``{"id": "pap-1", "text": "Duma ratyfikowała traktat z KRLD.", "published": "2024-11-14"}``.
A line written by ``kronika ingest`` itself (it has ``schema_version``) is read back as that document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kronika.errors import InputError
from kronika.ingest.decode import normalize_text
from kronika.ingest.langid import detect_lang
from kronika.model import Document, Source
from kronika.model.serialize import doc_from_dict

_FIELDS = ("id", "title", "url", "published", "lang", "outlet")


@dataclass(frozen=True, slots=True)
class Record:
    """One plain record, its fields checked."""

    text: str
    lineno: int
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    outlet: str | None = None


def looks_like_jsonl(head: str) -> bool:
    """Sniff: the first non-blank line is a JSON object."""
    for line in head.split("\n"):
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


def parse_records(lines: Iterable[str], path: str) -> Iterator[Record | Document | InputError]:
    """Records in order; a bad line yields an InputError for that line and reading goes on.
    ``lines`` may be an open file, so a long stream is read line by line."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(path, f"line {lineno}", f"not JSON ({e.msg} at column {e.colno})",
                             "each line must be one JSON object")
            continue
        if not isinstance(rec, dict):
            yield InputError(path, f"line {lineno}", f"a JSON {type(rec).__name__}, not an object",
                             "each line must be one JSON object with a 'text' field")
            continue
        try:
            yield _record(rec, lineno, path)
        except InputError as e:
            yield e


def _record(rec: dict[str, Any], lineno: int, path: str) -> Record | Document:
    if "schema_version" in rec and "id" in rec:
        try:
            return doc_from_dict(rec)
        except (TypeError, KeyError, ValueError) as e:
            raise InputError(path, f"line {lineno}", f"malformed Kronika document ({e})",
                             "use the output of `kronika ingest`, or a plain record with 'text'") from e
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, f"line {lineno}", "record has no non-empty 'text' string",
                         "every record needs \"text\"; optional: " + ", ".join(_FIELDS))
    values: dict[str, str | None] = {}
    for key in _FIELDS:
        value = rec.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise InputError(path, f"line {lineno}", f"field '{key}' is a {type(value).__name__}",
                             f"give '{key}' as a string")
        values[key] = str(value) if value is not None and str(value).strip() else None
    return Record(text=text, lineno=lineno, external_id=values["id"], title=values["title"], url=values["url"],
                  published=values["published"], lang=values["lang"], outlet=values["outlet"])


def record_document(record: Record, path: str) -> Document:
    """A plain record as a Document: text normalised once, language detected unless given."""
    text = normalize_text(record.text)
    source = Source(outlet=record.outlet, url=record.url, published=record.published, path=path,
                    title=record.title, external_id=record.external_id)
    return Document.create(text, lang=record.lang or detect_lang(text), source=source)


def read_documents(lines: Iterable[str], path: str) -> Iterator[Document | InputError]:
    """Documents of a JSON-lines stream (plain records or Kronika documents), errors per line."""
    for item in parse_records(lines, path):
        yield record_document(item, path) if isinstance(item, Record) else item
