"""``kronika bench-web``: server-side render time of each desk page and search API latency.

Fills a temporary SQLite store with the sample articles plus N synthetic variants of them (other
dates, outlets and an opening sentence of their own, so every text and id differs), then times
requests through the app in-process (no network): that is the server's share of a page load.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from kronika.web.samples import ARTICLES, build

OUTLETS = ("Gazeta Testowa", "Dziennik Przykładowy", "Portal Wzorcowy", "Kurier Próbny", "Tygodnik Wzorcowy")


def synthetic_articles(n: int) -> list:
    """``n`` variants of the sample articles: "Relacja nr 17 z 2025-03, pisze Reporter17." + the article."""
    out = []
    for i in range(n):
        base = ARTICLES[i % len(ARTICLES)]
        year, month = 2023 + (i // 12) % 3, i % 12 + 1
        published = f"{year}-{month:02d}-{(i % 27) + 1:02d}"
        # 400 distinct reporters, so the entity tables hold hundreds of entities, not just the ten samples.
        reporter = f"Reporter{i % 400}"
        out.append(replace(base, text=f"Relacja nr {i} z {year}-{month:02d}, pisze {reporter}. " + base.text,
                           outlet=OUTLETS[i % len(OUTLETS)], published=published,
                           title=f"{base.title} ({i})", url=f"{base.url}/{i}",
                           mentions=[(reporter, f"per:reporter-{i % 400}"), *base.mentions]))
    return out


def fill_store(store, n: int, progress: Callable[[int], None] | None = None) -> int:
    """Save the samples and ``n`` synthetic documents; returns the number saved."""
    saved = 0
    for article in list(ARTICLES) + synthetic_articles(n):
        store.save(build(article))
        saved += 1
        if progress:
            progress(saved)
    return saved


def time_requests(client, paths: list[str], repeat: int) -> dict[str, float]:
    """Median milliseconds per path over ``repeat`` requests (after one warm-up request each)."""
    out = {}
    for path in paths:
        r = client.get(path)
        if r.status_code != 200:
            raise RuntimeError(f"{path} answered {r.status_code}: {r.text[:200]}")
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - t0) * 1000)
        out[path] = statistics.median(samples)
    return out


def bench_web(n: int = 1000, repeat: int = 15, store_url: str | None = None,
              progress: Callable[[int], None] | None = None) -> dict[str, dict[str, float]]:
    """{"pages": {path: median ms}, "api": {path: median ms}, "store": {"documents": …}}."""
    from fastapi.testclient import TestClient

    from kronika.api.app import create_app
    from kronika.config import Settings
    from kronika.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        url = store_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = open_store(url)
        try:
            if store.count_documents():
                from kronika.errors import StoreError

                raise StoreError(f"{store.url} already holds documents; bench-web needs an empty store")
            fill_store(store, n, progress)
            doc_id = build(ARTICLES[2]).id
            app = create_app(Settings(store_url=url), store=store)
            with TestClient(app) as client:
                pages = ["/", "/?q=" + quote("Korea Północna"), "/timeline", "/timeline?type=troop_deployment",
                         "/entities", "/entities/" + quote("loc:korea-polnocna", safe=""),
                         "/entities/" + quote("per:siergiej-szojgu", safe=""), "/graph", "/documents",
                         f"/documents/{doc_id}", "/claims"]
                api = ["/api/search?q=" + quote("Korea Północna"), "/api/search?q=" + quote("Szojgu"),
                       "/api/search?q=" + quote("żołnierzy obwodu kurskiego"), "/api/graph",
                       "/api/events?limit=100", "/api/quantities?limit=100"]
                result = {"pages": time_requests(client, pages, repeat), "api": time_requests(client, api, repeat)}
            result["store"] = {k: float(v) for k, v in store.summary().items()}
        finally:
            store.close()
    return result
