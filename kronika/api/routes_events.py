"""/api/events (timeline), /api/quantities (claims) and /api/graph."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from kronika.api import graph as graphs
from kronika.api import queries
from kronika.api.deps import get_store
from kronika.api.schemas import ErrorOut, EventsOut, GraphOut, QuantityOut

router = APIRouter(tags=["facts"], responses={422: {"model": ErrorOut}})

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@router.get("/events", response_model=EventsOut)
def events(type: str | None = Query(None, description="event type, e.g. arms_transfer"),
           entity: str | None = Query(None, description="entity id taking part"),
           date_from: str | None = Query(None, pattern=DATE, alias="from"),
           date_to: str | None = Query(None, pattern=DATE, alias="to"),
           certainty: str | None = Query(None, description="asserted, reported, uncertain, planned, denied"),
           outlet: str | None = None,
           limit: int = Query(500, ge=1, le=5000),
           store=Depends(get_store)) -> EventsOut:
    """Events in date order, each with its evidence; ``groups`` merges reports of the same happening."""
    return queries.events(store, type=type, entity=entity, date_from=date_from, date_to=date_to,
                          certainty=certainty, outlet=outlet, limit=limit)


@router.get("/quantities", response_model=list[QuantityOut])
def quantities(counted: str | None = Query(None, description="base form of the counted thing, e.g. żołnierz"),
               entity: str | None = Query(None, description="entity id mentioned in the same sentence"),
               limit: int = Query(500, ge=1, le=5000), store=Depends(get_store)) -> list[QuantityOut]:
    """Quantity claims with counted thing, hedge, source and date."""
    return queries.quantities(store, counted=counted, entity=entity, limit=limit)


@router.get("/graph", response_model=GraphOut)
def graph(q: str | None = Query(None, description="limit to entities matching this name"),
          entity: str | None = Query(None, description="limit to the neighbourhood of this entity id"),
          limit: int = Query(150, ge=1, le=1000), store=Depends(get_store)) -> GraphOut:
    """Entities and events as nodes; an edge joins an event to each entity taking part."""
    return graphs.graph(store, q=q, entity=entity, limit=limit)
