"""One JSON error shape for every API route: {"error": {"status", "code", "message"}}."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kronika.api.app import create_app
from kronika.api.errors import CODES, error_body
from kronika.config import Settings
from kronika.store import open_store


@pytest.fixture
def make_client(store_url):
    stores = []

    def _make(**settings) -> TestClient:
        store = open_store(store_url)
        stores.append(store)
        return TestClient(create_app(Settings(store_url=store_url, **settings), store=store))

    yield _make
    for store in stores:
        store.close()


def _assert_shape(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == CODES[status]
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("method, path, kwargs, status", [
    ("get", "/api/documents/no-such-id", {}, 404),
    ("get", "/api/entities/per:nobody", {}, 404),
    ("get", "/api/no-such-route", {}, 404),
    ("get", "/api/search", {}, 422),
    ("get", "/api/search?q=x&limit=100000", {}, 422),
    ("get", "/api/events?from=June", {}, 422),
    ("get", "/api/documents?offset=-1", {}, 422),
    ("delete", "/api/documents", {}, 405),
    ("post", "/api/documents", {"json": {"text": "Tekst."}}, 401),
    ("post", "/api/documents", {"json": {"text": "Tekst."}, "headers": {"Authorization": "Bearer nope"}}, 401),
    ("post", "/api/documents", {"json": {"text": ""}, "headers": {"Authorization": "Bearer tok"}}, 422),
    ("post", "/api/documents", {"json": {"text": "T", "x": 1}, "headers": {"Authorization": "Bearer tok"}}, 422),
    ("post", "/api/documents", {"content": b"x", "headers": {"Authorization": "Bearer tok",
                                                              "Content-Type": "text/plain"}}, 415),
    ("post", "/api/documents", {"content": b"x" * 2000, "headers": {"Authorization": "Bearer tok",
                                                                     "Content-Type": "application/json"}}, 413),
])
def test_errors_one_shape_for_every_route(make_client, method, path, kwargs, status):
    client = make_client(api_token="tok", max_request_bytes=1000)
    error = _assert_shape(getattr(client, method)(path, **kwargs), status)
    if status == 404:
        assert "/docs" in error["message"] or "list ids at" in error["message"]  # says where to look


def test_errors_ingest_forbidden_without_configured_token(make_client):
    client = make_client(api_token=None)
    error = _assert_shape(client.post("/api/documents", json={"text": "Tekst."},
                                      headers={"Authorization": "Bearer anything"}), 403)
    assert "api_token" in error["message"]


def test_errors_body_too_large_even_without_content_length(make_client):
    client = make_client(api_token="tok", max_request_bytes=100)

    def chunks():
        for _ in range(10):
            yield b"x" * 50

    r = client.post("/api/documents", content=chunks(), headers={"Authorization": "Bearer tok",
                                                                 "Content-Type": "application/json"})
    error = _assert_shape(r, 413)
    assert "max_request_bytes" in error["message"]


def test_errors_pages_outside_api_answer_html(make_client):
    r = make_client().get("/entities/per:nobody")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "per:nobody" in r.text


def test_errors_codes_table():
    assert error_body(404, "x") == {"error": {"status": 404, "code": "not_found", "message": "x"}}
    assert CODES[401] == "unauthorized" and CODES[403] == "forbidden" and CODES[413] == "payload_too_large"
    assert error_body(418, "teapot")["error"]["code"] == "error"


@pytest.mark.parametrize("error, status", [
    ("input", 422), ("store", 503), ("kronika", 400),
])
def test_errors_kronika_errors_map_to_status(make_client, error, status):
    from kronika.errors import InputError, KronikaError, StoreError

    client = make_client()
    raising = {"input": InputError("a.txt", "line 3", "not JSON"), "store": StoreError("database is locked"),
               "kronika": KronikaError("bad request")}

    @client.app.get("/api/_raise")
    def _raise():
        raise raising[error]

    assert str(raising[error]) in _assert_shape(client.get("/api/_raise"), status)["message"]
