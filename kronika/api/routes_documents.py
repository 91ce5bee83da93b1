"""/api/documents: list, get one with every layer, and ingest (token required)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from starlette.datastructures import UploadFile

from kronika.api import queries
from kronika.api.deps import get_store
from kronika.api.schemas import DocumentIn, DocumentOut, DocumentPage, ErrorOut, IngestOut
from kronika.api.security import require_token
from kronika.model import Document, Source
from kronika.model.serialize import doc_to_dict

router = APIRouter(tags=["documents"], responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}})


@router.get("/documents", response_model=DocumentPage)
def list_documents(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
                   outlet: str | None = None, store=Depends(get_store)) -> DocumentPage:
    """Stored documents, newest publication first."""
    return queries.list_documents(store, limit=limit, offset=offset, outlet=outlet)


@router.get("/documents/{doc_id}", response_model=DocumentOut)
def get_document(doc_id: str, tokens: bool = Query(False, description="include the token layer (large)"),
                 store=Depends(get_store)) -> dict:
    """The document text and every annotation layer (tokens only on request: they dwarf the rest)."""
    doc = store.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}; list ids at /api/documents")
    record = doc_to_dict(doc)
    if not tokens:
        record.pop("tokens", None)
    return record


@router.post("/documents", response_model=IngestOut, status_code=201,
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut}},
             dependencies=[Depends(require_token)])
async def ingest_document(request: Request, store=Depends(get_store)) -> IngestOut:
    """Analyze and store one document: a JSON body (DocumentIn) or a multipart upload in field ``file``.

    Needs ``Authorization: Bearer <api_token>``; refused with 403 when no token is configured.
    """
    from kronika.runner import run_documents

    settings = request.app.state.settings
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(422, "multipart upload needs a file in the field 'file'")
        docs = _read_upload(upload.filename or "upload.txt", await upload.read(), settings)
    elif ctype.startswith("application/json"):
        try:
            payload = DocumentIn.model_validate_json(await request.body())
        except ValueError as e:
            raise HTTPException(422, f"body is not a valid document: {_first_error(e)}") from e
        source = Source(title=payload.title, url=payload.url, outlet=payload.outlet, published=payload.published)
        docs = [Document.create(payload.text, lang=payload.lang, source=source)]
    else:
        raise HTTPException(415, "send application/json (text, title, url, outlet, published) "
                                 "or multipart/form-data with a 'file'")
    ids = [d.id for d in docs if isinstance(d, Document)]
    report = run_documents(docs, store, settings)
    errors = [str(e) for e in report.input_errors]
    errors += [f"{f.doc_id}: stage {f.stage}: {f.error}" for f in report.failures]
    if not ids and errors:
        raise HTTPException(422, "; ".join(errors))
    return IngestOut(ids=ids, stored=report.stored, skipped=report.skipped, errors=errors)


def _first_error(e: ValueError) -> str:
    errors = getattr(e, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(str(x) for x in first.get('loc', ()))}: {first.get('msg')}"
    return str(e)


def _read_upload(filename: str, data: bytes, settings) -> list:
    """Hand the upload to kronika.ingest under its own suffix, so .html/.xml/.jsonl are read as such."""
    from kronika.ingest import iter_documents

    suffix = Path(filename).suffix.lower() or ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        out = []
        for item in iter_documents([str(path)], settings):
            if isinstance(item, Document):
                # The temp path means nothing to the analyst: record the name the file was uploaded as.
                item.source = replace(item.source, path=filename)
            out.append(item)
        return out
