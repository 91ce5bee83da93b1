"""End to end in Debian's chromium (headless, via Playwright): search → entity → timeline → evidence.

A real uvicorn server on a free port serves a store filled with the hand-written sample articles.
Screenshots of every page go to artifacts/screenshots/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from kronika.api.app import create_app
    from kronika.config import Settings
    from kronika.store import open_store
    from kronika.web.samples import sample_documents

    url = f"sqlite:///{tmp_path_factory.mktemp('desk') / 'desk.db'}"
    store = open_store(url)
    for doc in sample_documents():
        store.save(doc)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(Settings(store_url=url), store=store), host="127.0.0.1",
                                        port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


def _missing(reason: str) -> None:
    # CI turns the browser tests on (KRONIKA_BROWSER_TESTS=1): there a missing browser is a failure.
    if os.environ.get("KRONIKA_BROWSER_TESTS") == "1":
        pytest.fail(f"KRONIKA_BROWSER_TESTS=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium; .ci/browser.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []
    # A CSP violation or a JS exception shows up here; the desk must have none.
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    yield pg
    context.close()


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_browser_search_entity_timeline_evidence(server, page):
    page.goto(server + "/")
    _shot(page, "01-home")
    page.fill("#q", "Korea Północna")
    page.press("#q", "Enter")
    page.wait_for_selector(".hit")
    assert page.locator(".snippet mark", has_text="Korei").count() >= 1  # inflected form found
    _shot(page, "02-search")

    page.click(".entity-matches a.chip")
    page.wait_for_selector("h1.entity-name")
    assert "Korea Północna" in page.inner_text("h1.entity-name")
    assert page.locator("svg.bars rect").count() == 3  # three months with mentions
    _shot(page, "03-entity")

    page.click("text=timeline")
    page.wait_for_selector(".tl-item")
    assert page.locator("#timeline-svg circle").count() >= 1  # drawn by static/timeline.js under the CSP
    treaty = page.locator(".tl-item", has_text="treaty")
    assert "2024-06-19" in treaty.inner_text() and "2 outlets" in treaty.inner_text()
    _shot(page, "04-timeline")

    treaty.locator("a.evidence").first.click()
    page.wait_for_selector("#focus")
    assert page.locator("#focus").is_visible()
    assert "podpisały" in page.inner_text("#focus") or "podpisano" in page.inner_text("#focus")
    assert page.locator("#doctext .hl.time").first.get_attribute("title") == "DATE 2024-06-19"
    _shot(page, "05-document")
    assert page.problems == []


def test_browser_search_names_entity_and_claims(server, page):
    page.goto(server + "/?q=Szojgu")
    page.click("a.chip:has-text('Siergiej Szojgu')")
    page.wait_for_selector("h1.entity-name")
    assert page.locator(".events a.evidence").count() == 1

    page.goto(server + "/claims?counted=żołnierz")
    rows = page.locator("#claims tbody tr")
    assert rows.count() == 2
    text = page.inner_text("#claims")
    assert "wywiad Korei Południowej" in text and "Pentagon" in text
    _shot(page, "06-claims")
    with page.expect_download() as download:
        page.click("a.button:has-text('CSV')")
    assert download.value.suggested_filename == "kronika-claims.csv"

    page.click("#claims a:has-text('ok. 10 tys. żołnierzy')")
    page.wait_for_selector("#focus")
    assert page.locator("#doctext .hl.qty").first.get_attribute("title") == "≈ 10000 żołnierz (about)"
    assert page.problems == []


def test_browser_graph_is_drawn(server, page):
    page.goto(server + "/graph")
    page.wait_for_selector("#graph[data-ready='1']", timeout=10000)
    assert page.locator("#graph circle.event").count() == 4
    assert page.locator("#graph circle.entity").count() >= 5
    _shot(page, "07-graph")
    page.goto(server + "/docs")
    assert page.locator(".route").count() >= 9
    _shot(page, "08-api-docs")
    assert page.problems == []
