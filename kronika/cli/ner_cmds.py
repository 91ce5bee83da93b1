"""Commands of this area; registered on the apps in kronika.cli.app."""

from __future__ import annotations

from kronika.cli.app import app  # noqa: F401
