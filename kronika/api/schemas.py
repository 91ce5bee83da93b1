"""Response models. Every fact carries ``evidence``: the document, offsets and text that say so.

Example evidence: ``{"doc_id": "3f2a…", "start": 120, "end": 188, "text": "Według wywiadu do obwodu
kurskiego trafiło ok. 11 tys. żołnierzy.", "outlet": "Gazeta Przykładowa", "url": "https://…",
"published": "2024-11-04", "title": "…"}``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Evidence(BaseModel):
    doc_id: str
    start: int
    end: int
    text: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorOut(BaseModel):
    """``{"error": {"status": 404, "code": "not_found", "message": "no document 'abc'"}}``"""

    error: ErrorDetail


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str = "pl"


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


class DocumentOut(BaseModel):
    """The whole stored document: text and every annotation layer, as kronika.model.serialize writes it."""

    model_config = ConfigDict(extra="allow")
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class DocumentIn(BaseModel):
    """A document to ingest as JSON. Validated at the boundary; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="article text (plain)")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                  description="ISO date prefix: 2024, 2024-10 or 2024-10-03")
    lang: str = "pl"


class IngestOut(BaseModel):
    ids: list[str]
    stored: int
    skipped: int
    errors: list[str]


class SearchHitOut(BaseModel):
    doc_id: str
    title: str | None = None
    snippet: str
    score: float
    published: str | None = None
    url: str | None = None
    marks: list[list[int]] = Field(default=[], description="[start, end] of matched words in the snippet")


class EntitySummary(BaseModel):
    id: str
    type: str
    name: str
    mentions: int = 0
    documents: int = 0


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHitOut]
    entities: list[EntitySummary] = Field(description="entities whose name or alias matches the query")


class MentionOut(BaseModel):
    text: str
    base: str
    type: str
    evidence: Evidence
    context: str | None = Field(default=None, description="about 80 characters of text on each side")
    context_offset: int = Field(default=0, description="where the mention starts inside context")


class RoleOut(BaseModel):
    name: str
    text: str
    entity_id: str | None = None


class QuantityOut(BaseModel):
    """A claim about a number: "ok. 11 tys. żołnierzy", counted "żołnierz", hedge "about"."""

    text: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    counted: str | None = None
    hedge: str
    per: str | None = None
    source: str | None = Field(default=None, description="who says so (attribution), else the outlet")
    date: str | None = Field(default=None, description="date of the claimed fact, else the publication date")
    evidence: Evidence


class EventOut(BaseModel):
    type: str
    certainty: str
    time: str | None = None
    time_text: str | None = None
    trigger: str
    roles: list[RoleOut] = []
    source: str | None = None
    quantities: list[str] = []
    evidence: Evidence
    seq: int = Field(description="position in its document's event layer: /documents/{doc_id}#ev-{seq}")


class EventGroup(BaseModel):
    """One happening reported by several documents: same type, date and participants."""

    type: str
    time: str | None = None
    entities: list[str]
    outlets: list[str]
    reports: list[EventOut]


class EventsOut(BaseModel):
    items: list[EventOut]
    groups: list[EventGroup]
    total: int


class EntityDetail(BaseModel):
    id: str
    type: str
    name: str
    aliases: list[str]
    kb_id: str | None = None
    mention_count: int
    mentions: list[MentionOut]
    by_month: list[tuple[str, int]] = Field(description="(YYYY-MM of publication, mentions)")
    related: list[EntitySummary]
    events: list[EventOut]
    quantities: list[QuantityOut]


class GraphNode(BaseModel):
    id: str
    label: str
    kind: str  # "entity" or "event"
    type: str
    weight: int = 1


class GraphEdge(BaseModel):
    source: str
    target: str
    label: str = ""
    weight: int = 1


class GraphOut(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


def evidence(row: Any) -> Evidence:
    """Build Evidence from a row with doc_id/start/end/text/outlet/url/published/title columns."""
    m = row._mapping if hasattr(row, "_mapping") else row
    return Evidence(doc_id=m["doc_id"], start=m["start"], end=m["end"], text=m["text"], outlet=m.get("outlet"),
                    url=m.get("url"), published=m.get("published"), title=m.get("title"))
