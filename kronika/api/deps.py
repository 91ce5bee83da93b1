"""Request-scoped access to what create_app stored on the app."""

from __future__ import annotations

from fastapi import Request


def get_store(request: Request):
    """The app's Store (kronika.store); routes read through it and kronika.api.queries only."""
    return request.app.state.store
