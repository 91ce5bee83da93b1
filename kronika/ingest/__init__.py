"""Ingest: bytes on disk → Documents, nothing else.

- ``read_path(path, settings)`` → the Documents of one file ("-" = stdin); raises InputError.
- ``iter_documents(paths, settings)`` → Documents and InputErrors for files, directories (recursive)
  and globs; never stops on one bad file; exact duplicates collapse, near-duplicates are flagged.

Example: ``iter_documents(["demo/"])`` yields one Document per article, e.g. the one whose text
starts "Kim Dzong Un przyjechał na kosmodrom Wostocznyj".
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kronika.config import Settings
from kronika.errors import InputError
from kronika.ingest.decode import STDIN, STDIN_NAME, check_not_binary, decode_bytes, normalize_text, read_bytes
from kronika.ingest.dedup import Deduplicator, Verdict
from kronika.ingest.feeds import looks_like_feed, parse_feed
from kronika.ingest.html import extract_page
from kronika.ingest.jsonl import looks_like_jsonl, read_documents
from kronika.ingest.langid import detect_lang
from kronika.ingest.text import parse_text
from kronika.model import Document, Source

__all__ = ["IngestStats", "iter_documents", "read_path", "expand_paths", "SUFFIXES"]

TEXT, HTML, FEED, JSONL = "text", "html", "feed", "jsonl"
SUFFIXES = {".txt": TEXT, ".text": TEXT, ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".xml": FEED, ".rss": FEED,
            ".atom": FEED, ".jsonl": JSONL, ".ndjson": JSONL}


@dataclass
class IngestStats:
    """Counts for the CLI summary; pass one to ``iter_documents`` to have it filled in."""

    files: int = 0
    documents: int = 0
    duplicates: int = 0  # exact copies, dropped
    near_duplicates: int = 0  # kept, with duplicate_of set
    errors: list[InputError] = field(default_factory=list)


def expand_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Files named by ``paths``: files as given, directories walked for known suffixes, globs expanded."""
    for raw in map(str, paths):  # a pathlib.Path must not leak into Source.path
        if raw == STDIN:
            yield STDIN
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                yield InputError(raw, None, "directory holds no .txt, .html, .xml/.rss or .jsonl files",
                                 "point at the folder with the articles")
            yield from (str(f) for f in found)
        elif p.exists():
            yield raw
        elif glob.has_magic(raw):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if os.path.isfile(m))
            if not matches:
                yield InputError(raw, None, "no files match this pattern", "check the pattern and quote it")
            yield from matches
        else:
            yield InputError(raw, None, "no such file or directory", "check the path")


def _kind(path: str, head: str) -> str:
    """Format by suffix; for an unknown suffix (or stdin), by the first characters."""
    suffix = Path(path).suffix.lower() if path != STDIN else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    start = head.lstrip()[:500].lower()
    if looks_like_feed(start):
        return FEED
    if start.startswith(("<!doctype html", "<html")) or "<body" in start:
        return HTML
    if looks_like_jsonl(head[:100_000]):
        return JSONL
    return TEXT


def _document(text: str, source: Source, lang: str | None) -> Document:
    text = normalize_text(text)
    return Document.create(text, lang=lang or detect_lang(text), source=source)


def _read_items(path: str, settings: Settings) -> Iterator[Document | InputError]:
    """Every Document of one file, and an InputError for each bad record; a bad file raises."""
    name = STDIN_NAME if path == STDIN else path
    data = read_bytes(path, settings.max_input_bytes)
    check_not_binary(data, name)
    sniff = data[:4096].decode("utf-8", errors="ignore")
    kind = _kind(path, sniff)
    if kind == FEED:
        for e in parse_feed(data, name):
            if not normalize_text(e.text):
                yield InputError(name, f"entry {e.index}", "feed entry has no text", "the entry is skipped")
                continue
            yield _document(e.text, Source(outlet=e.outlet, url=e.url, published=e.published, path=name,
                                           title=e.title, external_id=e.external_id), e.lang)
        return
    text = decode_bytes(data, name)
    if kind == HTML:
        page = extract_page(text, name)
        yield _document(page.text, Source(outlet=page.outlet, url=page.url, published=page.published, path=name,
                                          title=page.title), page.lang)
    elif kind == JSONL:
        yield from read_documents(normalize_text(text).split("\n"), name)
    else:
        parsed = parse_text(normalize_text(text))
        if not parsed.text.strip():
            raise InputError(name, None, "file has no text after its header", "add the article text")
        yield _document(parsed.text, Source(outlet=parsed.outlet, url=parsed.url, published=parsed.published,
                                            path=name,
                                            title=parsed.title, external_id=parsed.external_id), parsed.lang)


def read_path(path: str, settings: Settings | None = None) -> Iterator[Document]:
    """Documents of one file ("-" = stdin). Raises InputError naming the file (and line or byte).

    No duplicate detection here: that spans files and lives in ``iter_documents``.
    """
    path = str(path)
    for item in _read_items(path, settings or Settings()):
        if isinstance(item, InputError):
            raise item
        yield item


def iter_documents(paths: list[str], settings: Settings | None = None,
                   stats: IngestStats | None = None) -> Iterator[Document | InputError]:
    """Documents and InputErrors from files, directories and globs, in order; never raises for bad input.

    Exact duplicates (same id or same words) are dropped; near-duplicates get ``duplicate_of``.
    ``settings.published`` fills in the date of documents that have none.
    """
    settings = settings or Settings()
    stats = stats if stats is not None else IngestStats()
    dedup = Deduplicator(settings.near_duplicate_threshold)
    for path in expand_paths(paths):
        if isinstance(path, InputError):
            stats.errors.append(path)
            yield path
            continue
        stats.files += 1
        try:
            for item in _read_items(path, settings):
                if isinstance(item, InputError):
                    stats.errors.append(item)
                    yield item
                    continue
                if settings.published and not item.source.published:
                    item.source = replace(item.source, published=settings.published)
                verdict = dedup.check(item)
                if verdict is Verdict.EXACT:
                    stats.duplicates += 1
                    continue
                if verdict is Verdict.NEAR:
                    stats.near_duplicates += 1
                stats.documents += 1
                yield item
        except InputError as e:
            stats.errors.append(e)
            yield e
        except Exception as e:  # noqa: BLE001 - a parser bug on one odd file must not stop the batch
            err = InputError(path, None, f"could not be read ({type(e).__name__}: {e})",
                             "please report this with the file attached")
            stats.errors.append(err)
            yield err
