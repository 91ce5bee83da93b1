"""The analyst's desk: server-rendered pages over the same queries as the JSON API.

Every fact on a page links to its evidence: ``/documents/{id}?span=START-END#focus`` opens the
document with that span marked and scrolled into view.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from kronika.api import queries
from kronika.api.deps import get_store
from kronika.web.highlight import HEDGE_SIGNS, Span, highlight, spans_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
TIMELINE_LIMIT = 500  # reports per timeline page: beyond this the page is slow and unreadable anyway


def evidence_url(ev) -> str:
    """``/documents/3f2a…?span=120-188#focus``: the document with this evidence marked."""
    return f"/documents/{quote(ev.doc_id, safe='')}?span={ev.start}-{ev.end}#focus"


def entity_url(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe='')}"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", "\u00a0") if float(value).is_integer() else f"{value:g}"


def web_url(url: str | None) -> str | None:
    """The article URL if it is http(s), else None: escaping does not stop a "javascript:" link."""
    if url and url.split(":", 1)[0].lower() in ("http", "https"):
        return url
    return None


def configure(templates: Jinja2Templates) -> None:
    """Filters and helpers the templates use."""
    env = templates.env
    env.globals.update(evidence_url=evidence_url, entity_url=entity_url, hedge_sign=HEDGE_SIGNS.get, web_url=web_url)
    env.filters["num"] = _num


def _render(request: Request, name: str, context: dict, status_code: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def month_bars(by_month: list[tuple[str, int]], width: int = 640, height: int = 120) -> dict:
    """Geometry of the mentions-over-time bar chart (SVG drawn by the template, no JS)."""
    if not by_month:
        return {"bars": [], "width": width, "height": height}
    top = max(n for _, n in by_month)
    step = width / len(by_month)
    bars = []
    for i, (month, n) in enumerate(by_month):
        h = max(2.0, (height - 30) * n / top)  # 14 px above the tallest bar for its count
        bars.append({"x": round(i * step + 2, 1), "w": round(max(step - 4, 2), 1), "y": round(height - 16 - h, 1),
                     "h": round(h, 1), "month": month, "n": n, "label_x": round(i * step + step / 2, 1)})
    return {"bars": bars, "width": width, "height": height}


@router.get("/")
def search_page(request: Request, q: str = Query("", max_length=200), store=Depends(get_store)) -> Response:
    """Search with snippets; entities named by the query are offered first."""
    result = queries.search(store, q, limit=30) if q.strip() else None
    context = {"q": q, "result": result, "page": "search"}
    if result is None:
        context["summary"] = store.summary()
        context["latest"] = queries.list_documents(store, limit=8).items
        context["top"] = queries.list_entities(store, limit=12)
    return _render(request, "search.html", context)


@router.get("/timeline")
def timeline_page(request: Request, type: str | None = None, entity: str | None = None,
                  certainty: str | None = None, outlet: str | None = None,
                  date_from: str | None = Query(None, alias="from", pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"),
                  date_to: str | None = Query(None, alias="to", pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"),
                  store=Depends(get_store)) -> Response:
    """Events by date, merged across outlets; filters by type, entity, certainty, outlet, dates."""
    found = queries.events(store, type=type or None, entity=entity or None, certainty=certainty or None,
                           outlet=outlet or None, date_from=date_from or None, date_to=date_to or None,
                           limit=TIMELINE_LIMIT)
    names = {e.id: e.name for e in queries.list_entities(store, limit=1000)}
    filters = {"type": type or "", "entity": entity or "", "certainty": certainty or "", "outlet": outlet or "",
               "from": date_from or "", "to": date_to or ""}
    return _render(request, "timeline.html", {
        "page": "timeline", "events": found, "limit": TIMELINE_LIMIT, "names": names, "filters": filters,
        "types": queries.event_types(store), "outlets": queries.outlets(store),
        "certainties": ["asserted", "reported", "uncertain", "planned", "denied"]})


@router.get("/entities")
def entities_page(request: Request, type: str | None = None, q: str | None = None,
                  store=Depends(get_store)) -> Response:
    items = queries.list_entities(store, type=type or None, q=q or None, limit=500)
    return _render(request, "entities.html", {"page": "entities", "items": items, "type": type or "", "q": q or ""})


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: str, store=Depends(get_store)) -> Response:
    detail = queries.entity_detail(store, entity_id, limit=100)
    if detail is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}; browse them at /entities")
    return _render(request, "entity.html", {"page": "entities", "e": detail, "chart": month_bars(detail.by_month)})


@router.get("/graph")
def graph_page(request: Request, q: str = "", entity: str = "") -> Response:
    """The graph itself is drawn by static/graph.js from /api/graph."""
    api = "/api/graph?" + urlencode({k: v for k, v in {"q": q, "entity": entity}.items() if v})
    return _render(request, "graph.html", {"page": "graph", "q": q, "entity": entity, "api": api})


@router.get("/documents")
def documents_page(request: Request, offset: int = Query(0, ge=0), outlet: str | None = None,
                   store=Depends(get_store)) -> Response:
    page = queries.list_documents(store, limit=50, offset=offset, outlet=outlet or None)
    return _render(request, "documents.html", {"page": "documents", "docs": page, "outlet": outlet or ""})


def _parse_span(span: str | None, n: int) -> tuple[int, int] | None:
    if not span:
        return None
    start, _, end = span.partition("-")
    if not (start.isdigit() and end.isdigit()) or not int(start) < int(end) <= n:
        raise HTTPException(422, f"span {span!r} is not START-END inside the document (0–{n})")
    return int(start), int(end)


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str, span: str | None = Query(None, max_length=40),
                  store=Depends(get_store)) -> Response:
    """The text with entities, dates, quantities and events highlighted; claims table below."""
    doc = store.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}; browse them at /documents")
    spans = spans_of(doc)
    focus = _parse_span(span, len(doc.text))
    if focus:
        spans.append(Span(focus[0], focus[1], "focus", "the evidence you followed", anchor="focus"))
    claims = [c for c in queries.quantities(store, limit=5000, doc_id=doc_id)]
    return _render(request, "document.html", {
        "page": "documents", "doc": doc, "body": highlight(doc.text, spans), "claims": claims,
        "entities": sorted(doc.entities.values(), key=lambda e: (e.type, e.name))})


@router.get("/claims")
def claims_page(request: Request, counted: str | None = None, entity: str | None = None,
                store=Depends(get_store)) -> Response:
    claims = queries.quantities(store, counted=counted or None, entity=entity or None, limit=1000)
    csv_url = "/claims.csv?" + urlencode({k: v for k, v in {"counted": counted, "entity": entity}.items() if v})
    names = {e.id: e.name for e in queries.list_entities(store, limit=1000)}
    return _render(request, "claims.html", {"page": "claims", "claims": claims, "counted": counted or "",
                                            "entity": entity or "", "csv_url": csv_url, "names": names})


CSV_COLUMNS = ("value", "value_max", "unit", "counted", "hedge", "text", "source", "date", "outlet", "published",
               "url", "doc_id", "start", "end")


def claims_csv(claims) -> str:
    """Claims as CSV with provenance columns; cells starting with = + - @ are quoted against formula injection."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for c in claims:
        ev = c.evidence
        row = [c.value, c.value_max, c.unit, c.counted, c.hedge, c.text, c.source, c.date, ev.outlet, ev.published,
               ev.url, ev.doc_id, ev.start, ev.end]
        w.writerow(["'" + x if isinstance(x, str) and x[:1] in "=+-@" else ("" if x is None else x) for x in row])
    return buf.getvalue()


@router.get("/claims.csv")
def claims_download(counted: str | None = None, entity: str | None = None, doc: str | None = None,
                    store=Depends(get_store)) -> Response:
    claims = queries.quantities(store, counted=counted or None, entity=entity or None, limit=100000,
                                doc_id=doc or None)
    return Response(claims_csv(claims), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="kronika-claims.csv"'})


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema (no CDN, no inline script)."""
    spec = request.app.openapi()
    routes = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", "")}
                      for p in op.get("parameters", [])]
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "description": op.get("description", ""), "params": params,
                           "responses": sorted(op.get("responses", {}))})
    return _render(request, "docs.html", {"page": "docs", "routes": routes, "info": spec.get("info", {})})
