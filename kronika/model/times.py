"""Time expressions, TIMEX3-style."""

from __future__ import annotations

from dataclasses import dataclass

TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """"19 czerwca ubiegłego roku" published 2025-03-02 → type DATE, value "2024-06-19", anchored True.

    ``value`` is a TIMEX3 value with implied precision ("2024", "2024-11", "2024-Q4", "P2W",
    "XXXX-06-17"); None when it cannot be resolved (relative expression, no publication date).
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchored: bool = False
    end_value: str | None = None
