"""Kronika: news-intelligence pipeline for Polish news with provenance on every fact."""

__version__ = "0.1.0"

from kronika.model import Document, Source  # noqa: E402

__all__ = ["Document", "Source", "__version__"]
