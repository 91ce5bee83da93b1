"""/api/entities: the list with mention counts, and one entity with its evidence."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query

from kronika.api import queries
from kronika.api.deps import get_store
from kronika.api.schemas import EntityDetail, EntitySummary, ErrorOut

router = APIRouter(tags=["entities"], responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}})


@router.get("/entities", response_model=list[EntitySummary])
def list_entities(type: str | None = Query(None, description="PER, ORG, LOC, EVT, PRO"),
                  q: str | None = Query(None, description="name or alias contains"),
                  limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
                  store=Depends(get_store)) -> list[EntitySummary]:
    """Entities, most mentioned first."""
    return queries.list_entities(store, type=type, q=q, limit=limit, offset=offset)


@router.get("/entities/{entity_id}", response_model=EntityDetail)
def get_entity(entity_id: str, limit: int = Query(200, ge=1, le=2000), store=Depends(get_store)) -> EntityDetail:
    """Name, aliases, mentions with evidence, co-occurring entities, events and quantities."""
    detail = queries.entity_detail(store, entity_id, limit=limit)
    if detail is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}; list ids at /api/entities")
    return detail
