"""Few error classes, each message saying what, where and what to do."""

from __future__ import annotations


class KronikaError(Exception):
    """Base class of every error Kronika raises on purpose."""


class InputError(KronikaError):
    """Bad input file or record: names the path, the line or byte offset, the reason and a hint.

    Example: ``InputError("a.txt", "byte 1834", "not valid UTF-8", "re-save as UTF-8")``.
    """

    def __init__(self, path: str | None, where: str | None, reason: str, hint: str | None = None) -> None:
        self.path = path
        self.where = where
        self.reason = reason
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        loc = self.path or "<input>"
        if self.where:
            loc = f"{loc}:{self.where}"
        msg = f"{loc}: {self.reason}"
        if self.hint:
            msg += f" — {self.hint}"
        return msg


class ConfigError(KronikaError):
    """Bad configuration or pipeline definition."""


class StoreError(KronikaError):
    """Storage problem: unreachable database, incompatible schema version."""
