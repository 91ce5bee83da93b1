"""/api/search: inflection-insensitive full-text search plus the entities the query names."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from kronika.api import queries
from kronika.api.deps import get_store
from kronika.api.schemas import ErrorOut, SearchOut

router = APIRouter(tags=["search"], responses={422: {"model": ErrorOut}})


@router.get("/search", response_model=SearchOut)
def search(q: str = Query(..., min_length=1, max_length=200, description="e.g. 'Korea Północna'"),
           limit: int = Query(20, ge=1, le=100), store=Depends(get_store)) -> SearchOut:
    """"Korea Północna" also finds "Korei Północnej": the store searches base forms."""
    return queries.search(store, q, limit=limit)
