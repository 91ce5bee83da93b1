"""Desk pages: rendered from the store, escaped, under a CSP, with evidence links and CSV download."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from kronika.api.app import create_app
from kronika.config import Settings
from kronika.model import Document, Mention, Source
from kronika.store import open_store
from kronika.web.samples import sample_documents
from kronika.web.views import claims_csv, month_bars

PAGES = ["/", "/?q=Korea+P%C3%B3%C5%82nocna", "/timeline", "/timeline?type=treaty&certainty=asserted", "/entities",
         "/entities/loc:korea-polnocna", "/graph", "/graph?q=Szojgu", "/documents", "/claims",
         "/claims?counted=żołnierz", "/docs"]


@pytest.fixture(scope="module")
def samples():
    return sample_documents()


@pytest.fixture
def client(tmp_path, samples):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    store = open_store(url)
    for doc in samples:
        store.save(doc)
    evil = Document.create("<script>alert('x')</script> Tekst o <b>Korei Północnej</b>.",
                           source=Source(title="<img src=x onerror=alert(1)>", outlet="Zły Portal",
                                         published="2024-12-01", url="javascript:alert(1)"))
    start = evil.text.index("Korei")
    evil.mentions = [Mention(start, start + 15, "Korei Północnej", "LOC", "Korea Północna", "loc:korea-polnocna")]
    evil.check()
    store.save(evil)
    with TestClient(create_app(Settings(store_url=url), store=store)) as c:
        c.evil = evil
        c.samples = samples
        yield c
    store.close()


@pytest.mark.parametrize("path", PAGES)
def test_views_pages_render_with_csp(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in r.text  # no inline scripts: the CSP would block them
    assert r.headers["x-content-type-options"] == "nosniff"


def test_views_csp_on_json_static_and_errors(client):
    for path in ("/api/documents", "/static/style.css", "/static/graph.js", "/api/nothing", "/nothing"):
        assert "default-src 'self'" in client.get(path).headers["content-security-policy"], path


def test_views_document_text_is_escaped(client):
    r = client.get(f"/documents/{client.evil.id}")
    assert "&lt;script&gt;alert(" in r.text and "<script>alert" not in r.text
    assert "&lt;b&gt;" in r.text and "<b>Korei" not in r.text
    assert "<img src=x" not in r.text and "&lt;img src=x onerror=alert(1)&gt;" in r.text
    assert 'href="/entities/loc%3Akorea-polnocna"' in r.text
    assert 'href="javascript:' not in r.text  # shown, but never a link


def test_views_search_escapes_query_and_snippet(client):
    r = client.get("/", params={"q": "<script>alert(1)</script> Korei"})
    assert r.status_code == 200 and "<script>alert(1)" not in r.text
    assert "&lt;script&gt;" in r.text


def test_views_search_offers_entity_page(client):
    r = client.get("/", params={"q": "Szojgu"})
    assert 'href="/entities/per%3Asiergiej-szojgu"' in r.text
    r = client.get("/", params={"q": "Korea Północna"})
    assert "Traktat o pomocy wojskowej" in r.text  # the text says only "Korei Północnej"
    assert "<mark>Korei</mark>" in r.text


def test_views_timeline_links_each_report_to_its_evidence(client):
    r = client.get("/timeline", params={"type": "troop_deployment"})
    doc = next(d for d in client.samples if d.source.outlet == "Portal Wzorcowy")
    ev = doc.events[0]
    assert f"/documents/{doc.id}?span={ev.start}-{ev.end}#focus" in r.text
    assert "2 outlets: Gazeta Testowa, Portal Wzorcowy" in r.text


def test_views_document_marks_followed_evidence(client):
    doc = client.samples[0]
    r = client.get(f"/documents/{doc.id}", params={"span": "0-14"})
    assert 'id="focus"' in r.text and ">Władimir Putin<" in r.text
    assert client.get(f"/documents/{doc.id}", params={"span": "5-99999"}).status_code == 422
    assert 'id="ev-0"' in r.text and 'title="DATE 2024-06-19"' in r.text


def test_views_entity_page_has_chart_aliases_and_evidence(client):
    r = client.get("/entities/loc:korea-polnocna")
    assert "KRLD" in r.text and "<svg class=\"bars\"" in r.text and "2024-06: 2 mentions" in r.text
    assert "/documents/" in r.text and "#focus" in r.text


def test_views_claims_csv_download(client):
    r = client.get("/claims.csv", params={"counted": "żołnierz"})
    assert r.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {(float(x["value"]), x["hedge"], x["source"]) for x in rows} == {
        (11000, "at_least", "wywiad Korei Południowej"), (10000, "about", "Pentagon")}
    doc = {d.id: d for d in client.samples}
    for x in rows:
        assert doc[x["doc_id"]].text[int(x["start"]):int(x["end"])] == x["text"]


def test_views_claims_csv_defuses_formulas():
    class Ev:
        doc_id, start, end, outlet, published, url = "d", 0, 1, "=HYPERLINK(1)", None, None

    class Claim:
        value, value_max, unit, counted, hedge, text, source, date, evidence = 1, None, None, "@x", "exact", "-1", \
            "+cmd", None, Ev

    row = list(csv.reader(io.StringIO(claims_csv([Claim]))))[1]
    assert row[3] == "'@x" and row[5] == "'-1" and row[6] == "'+cmd" and row[8] == "'=HYPERLINK(1)"


def test_views_month_bars_scale_to_largest():
    chart = month_bars([("2024-06", 2), ("2024-07", 4)], width=200, height=120)
    heights = [b["h"] for b in chart["bars"]]
    assert heights[1] == 90 and heights[0] == 45
    assert month_bars([])["bars"] == []
