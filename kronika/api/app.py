"""``create_app(settings)`` → the FastAPI app serving the JSON API (/api), the desk (HTML) and /docs.

Nothing happens at import time: the store is opened when the app is created (or passed in by a
test), and closed at shutdown if the app opened it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from kronika.api import routes_documents, routes_entities, routes_events, routes_search
from kronika.api.errors import install_error_handlers
from kronika.api.security import SecurityMiddleware
from kronika.config import Settings, load_settings

WEB = Path(__file__).resolve().parent.parent / "web"


def create_app(settings: Settings | None = None, store=None) -> FastAPI:
    """Build the app over ``store`` (or the store named by ``settings.store_url``).

    ``create_app(Settings(store_url="sqlite:///kronika-demo.db"))`` serves the demo database.
    """
    from kronika.store import open_store
    from kronika.web import views

    settings = settings or load_settings()
    owns_store = store is None
    store = store if store is not None else open_store(settings.resolved_store_url())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_store:
            store.close()

    app = FastAPI(
        title="Kronika",
        summary="Entities, dates, quantities and events from Polish news, each pointing back to its sentence.",
        version="0.1.0",
        # FastAPI's own /docs loads Swagger from a CDN with an inline script: both break offline use
        # and our CSP. The desk serves its own /docs page rendered from the OpenAPI schema.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.templates = Jinja2Templates(directory=str(WEB / "templates"))
    views.configure(app.state.templates)
    install_error_handlers(app)
    app.add_middleware(SecurityMiddleware, max_bytes=settings.max_request_bytes)
    for module in (routes_documents, routes_search, routes_entities, routes_events):
        app.include_router(module.router, prefix="/api")
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")
    return app
