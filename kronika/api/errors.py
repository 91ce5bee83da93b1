"""One JSON error shape for every API route: ``{"error": {"status": 404, "code": "not_found", "message": "..."}}``.

Pages outside ``/api`` get the same information as an HTML page, because a person reads them.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from kronika.errors import InputError, KronikaError, StoreError

log = logging.getLogger(__name__)

# status → machine-readable code. A test pins this table, because a wrong default status is the
# classic bug of error mappings (yente's default-argument trap).
CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    503: "store_unavailable",
}


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    """The one error payload: ``error_body(404, "no document 'abc'")`` → ``{"error": {...}}``."""
    return {"error": {"status": status, "code": code or CODES.get(status, "error"), "message": message}}


def error_response(request: Request | None, status: int, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """JSON for the API, an HTML page for the desk (paths outside /api and /openapi.json)."""
    path = request.url.path if request is not None else "/api"
    if request is not None and not path.startswith("/api") and path != "/openapi.json":
        templates = getattr(request.app.state, "templates", None)
        if templates is not None:
            return templates.TemplateResponse(
                request, "error.html", {"status": status, "code": CODES.get(status, "error"), "message": message},
                status_code=status, headers=headers)
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    # "query.limit: Input should be less than or equal to 500": where, then what is wrong.
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


# Kronika's own errors → HTTP status, most specific first.
KRONIKA_ERROR_STATUS: dict[type[KronikaError], int] = {InputError: 422, StoreError: 503, KronikaError: 400}


def install_error_handlers(app: FastAPI) -> None:
    """Route every error — HTTP, validation, Kronika, unexpected — through ``error_response``."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; the API is listed at /docs"
        if exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}; see /docs"
        return error_response(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    async def _kronika(request: Request, exc: Exception) -> Response:
        # The most specific class in the table wins: InputError before its base KronikaError.
        status = next(code for cls, code in KRONIKA_ERROR_STATUS.items() if isinstance(exc, cls))
        return error_response(request, status, str(exc))

    for cls in KRONIKA_ERROR_STATUS:
        app.add_exception_handler(cls, _kronika)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); the server log has details")
