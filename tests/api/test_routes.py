"""The JSON API over both storage backends, on hand-written sample articles (kronika.web.samples)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kronika.api.app import create_app
from kronika.config import Settings
from kronika.store import open_store
from kronika.web.samples import sample_documents

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def samples():
    return sample_documents()


@pytest.fixture
def client(store_url, samples):
    store = open_store(store_url)
    for doc in samples:
        store.save(doc)
    settings = Settings(store_url=store_url, api_token=TOKEN, stages=["segment", "morphology"])
    with TestClient(create_app(settings, store=store)) as c:
        c.samples = {d.source.title: d for d in samples}
        c.texts = {d.id: d.text for d in samples}
        yield c
    store.close()


def _check_evidence(client, ev: dict) -> None:
    # Every fact points at real text: the document slice must equal the evidence text.
    assert client.texts[ev["doc_id"]][ev["start"]:ev["end"]] == ev["text"]
    assert ev["outlet"] and ev["url"] and ev["published"]


def test_routes_documents_list_is_paginated(client):
    page = client.get("/api/documents", params={"limit": 3}).json()
    assert page["total"] == 4 and len(page["items"]) == 3
    rest = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()["items"]
    assert len(rest) == 1 and rest[0]["id"] not in {d["id"] for d in page["items"]}
    assert [d["published"] for d in page["items"]] == sorted((d["published"] for d in page["items"]), reverse=True)


def test_routes_document_has_text_and_every_layer(client):
    doc = client.samples["Pentagon o żołnierzach KRLD"]
    body = client.get(f"/api/documents/{doc.id}").json()
    assert body["text"] == doc.text and body["outlet"] == "Portal Wzorcowy"
    for layer in ("sentences", "mentions", "times", "quantities", "attributions", "events", "entities"):
        assert body[layer], layer
    assert "tokens" not in body
    assert len(client.get(f"/api/documents/{doc.id}", params={"tokens": True}).json()["tokens"]) == len(doc.tokens)
    q = body["quantities"][0]
    assert doc.text[q["start"]:q["end"]] == q["text"] == "ok. 10 tys. żołnierzy"


def test_routes_search_is_inflection_insensitive(client):
    only_genitive = client.samples["Traktat o pomocy wojskowej"]
    assert "Korea Północna" not in only_genitive.text and "Korei Północnej" in only_genitive.text
    body = client.get("/api/search", params={"q": "Korea Północna"}).json()
    assert only_genitive.id in {h["doc_id"] for h in body["hits"]}
    assert [e["id"] for e in body["entities"]] == ["loc:korea-polnocna"]
    hit = next(h for h in body["hits"] if h["doc_id"] == only_genitive.id)
    assert any(hit["snippet"][s:e] == "Korei" for s, e in hit["marks"])


@pytest.mark.parametrize("query, entity", [("Szojgu", "per:siergiej-szojgu"), ("Korei Północnej", "loc:korea-polnocna"),
                                           ("Pentagonu", "org:pentagon"), ("Kim Dzong-Un,", "per:kim-dzong-un")])
def test_routes_search_names_the_entity(client, query, entity):
    assert entity in [e["id"] for e in client.get("/api/search", params={"q": query}).json()["entities"]]


def test_routes_entities_list_counts_mentions(client):
    items = client.get("/api/entities").json()
    assert items[0] == {"id": "loc:korea-polnocna", "type": "LOC", "name": "Korea Północna", "mentions": 4,
                        "documents": 4}
    assert [e["id"] for e in client.get("/api/entities", params={"type": "PER"}).json()] == [
        "per:kim-dzong-un", "per:siergiej-szojgu", "per:wladimir-putin"]


def test_routes_entity_detail_carries_evidence(client):
    body = client.get("/api/entities/loc:obwod-kurski").json()
    assert body["name"] == "obwód kurski" and body["mention_count"] == 2
    assert {m["text"] for m in body["mentions"]} == {"obwodu kurskiego"}
    assert {r["id"] for r in body["related"]} >= {"loc:korea-polnocna", "org:pentagon"}
    assert {e["type"] for e in body["events"]} == {"troop_deployment"}
    assert sorted(q["value"] for q in body["quantities"]) == [10000, 11000]
    assert body["by_month"] == [["2024-10", 1], ["2024-11", 1]]
    for fact in body["mentions"] + body["events"] + body["quantities"]:
        _check_evidence(client, fact["evidence"])
    assert "KRLD" in client.get("/api/entities/loc:korea-polnocna").json()["aliases"]


def test_routes_events_merge_reports_across_outlets(client):
    body = client.get("/api/events", params={"type": "treaty"}).json()
    assert body["total"] == 2
    [group] = body["groups"]
    assert group["time"] == "2024-06-19"
    assert sorted(group["outlets"]) == ["Dziennik Przykładowy", "Gazeta Testowa"]
    for item in body["items"]:
        _check_evidence(client, item["evidence"])
        assert item["trigger"] in {"podpisały", "podpisano"}


@pytest.mark.parametrize("params, expected", [
    ({"certainty": "reported"}, ["troop_deployment", "troop_deployment"]),
    ({"entity": "per:siergiej-szojgu"}, ["visit"]),
    ({"from": "2024-09", "to": "2024-09"}, ["visit"]),
    ({"outlet": "Portal Wzorcowy"}, ["troop_deployment"]),
    ({"type": "treaty", "outlet": "Portal Wzorcowy"}, []),
])
def test_routes_events_filters(client, params, expected):
    assert [e["type"] for e in client.get("/api/events", params=params).json()["items"]] == expected


def test_routes_quantities_have_source_and_date(client):
    claims = client.get("/api/quantities", params={"counted": "żołnierz"}).json()
    assert {(c["value"], c["hedge"], c["source"]) for c in claims} == {
        (11000, "at_least", "wywiad Korei Południowej"), (10000, "about", "Pentagon")}
    for c in claims:
        _check_evidence(client, c["evidence"])
    only = client.get("/api/quantities", params={"entity": "org:pentagon"}).json()
    assert [c["value"] for c in only] == [10000]
    assert client.get("/api/quantities", params={"counted": "pocisk"}).json() == []


def test_routes_graph_joins_events_and_entities(client):
    body = client.get("/api/graph", params={"q": "Szojgu"}).json()
    ids = {n["id"]: n for n in body["nodes"]}
    assert ids["per:siergiej-szojgu"]["kind"] == "entity"
    events = [n for n in body["nodes"] if n["kind"] == "event"]
    assert [e["type"] for e in events] == ["visit"]
    assert {(e["source"], e["target"]) for e in body["edges"]} >= {(events[0]["id"], "per:siergiej-szojgu")}
    everything = client.get("/api/graph").json()
    assert len([n for n in everything["nodes"] if n["kind"] == "event"]) == 4  # 6 reports, 4 happenings


def test_routes_ingest_json_with_token(client):
    text = "Delegacja z Pjongjangu przyjechała do Moskwy w marcu."
    r = client.post("/api/documents", json={"text": text, "title": "Delegacja", "published": "2025-03-02"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    [doc_id] = r.json()["ids"]
    stored = client.get(f"/api/documents/{doc_id}").json()
    assert stored["text"] == text and stored["sentences"]
    assert client.get("/api/search", params={"q": "delegacja"}).json()["hits"][0]["doc_id"] == doc_id


def test_routes_ingest_file_upload(client):
    data = "Rosja przekazała Korei Północnej systemy obrony powietrznej.\n".encode()
    r = client.post("/api/documents", files={"file": ("notatka.txt", data, "text/plain")},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    assert client.get(f"/api/documents/{r.json()['ids'][0]}").json()["text"].startswith("Rosja przekazała")


def test_routes_ingest_refuses_without_token(client):
    r = client.post("/api/documents", json={"text": "Tekst."})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/documents", json={"text": "Tekst."}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    assert client.get("/api/documents").json()["total"] == 4
