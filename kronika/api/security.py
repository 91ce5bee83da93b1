"""Security edges: a Content-Security-Policy on every response, a request size cap, the ingest token.

The CSP forbids inline scripts, so every script of the desk lives in ``kronika/web/static``; article
text is escaped by Jinja2's autoescape, and the CSP is the second wall if an escape is ever missed.
"""

from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kronika.api.errors import error_body

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _TooLarge(Exception):
    pass


class SecurityMiddleware:
    """Adds the security headers and answers 413 when a body exceeds ``max_bytes``.

    The size is checked twice: Content-Length up front (cheap, most clients send it) and the bytes
    actually received (a chunked upload has no Content-Length).
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(send_with_headers, int(declared))
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send_with_headers, received)

    async def _reject(self, send: Send, size: int) -> None:
        body = json.dumps(error_body(
            413, f"request body of {size} bytes exceeds the limit of {self.max_bytes} bytes; "
                 "send a smaller document or raise max_request_bytes in kronika.toml")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def require_token(request: Request) -> None:
    """FastAPI dependency for write routes: 403 when no token is configured, 401 on a wrong one.

    Read-only by default: an unset ``api_token`` disables ingest instead of leaving it open.
    """
    expected = request.app.state.settings.api_token
    if not expected:
        raise HTTPException(403, "ingest is disabled: set api_token in kronika.toml or KRONIKA_API_TOKEN")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer <api_token>'",
                            headers={"WWW-Authenticate": "Bearer"})
