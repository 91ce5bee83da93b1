"""Calendar arithmetic for time expressions: the publication date as an anchor, TIMEX3 values.

"19 czerwca ubiegłego roku" published "2025-03-02" → year 2025 − 1 → "2024-06-19". The anchor may
have month precision only ("2024-10"): then day-relative phrases ("wczoraj") stay unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PUBLISHED = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date with implied precision: "2024-10" → Anchor(2024, 10, None)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, published: str | None) -> Anchor:
        m = _PUBLISHED.match(published or "")
        if not m:
            return cls()
        y, mo, d = (int(g) if g else None for g in m.groups())
        if mo is not None and not 1 <= mo <= 12:
            return cls(y)
        if d is not None and (mo is None or date_value(y, mo, d) is None):
            return cls(y, mo)
        return cls(y, mo, d)

    @property
    def date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


def date_value(year: int | None, month: int, day: int) -> str | None:
    """"2024-06-19", or "XXXX-06-19" for an unknown year; None for a day that does not exist."""
    if not 1 <= month <= 12 or day < 1:
        return None
    if year is None:
        # 29 February exists in some year, 31 February in none.
        return f"XXXX-{month:02d}-{day:02d}" if day <= calendar.monthrange(2000, month)[1] else None
    if not 1 <= year <= 9999 or day > calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_value(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + offset
    return n // 12, n % 12 + 1


def week_value(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def weekday_date(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday (1 = Monday) before (−1), after (+1) or nearest to (0) the anchor date.

    Bare "w środę" in news is as often past as future, so 0 takes the closer one; the same day
    counts as nearest ("w środę" written on a Wednesday is that Wednesday).
    """
    delta = weekday - anchor.isoweekday()
    if direction < 0:
        delta = delta - 7 if delta >= 0 else delta
    elif direction > 0:
        delta = delta + 7 if delta <= 0 else delta
    else:
        delta = min((delta, delta - 7, delta + 7), key=lambda d: (abs(d), -d))
    return anchor + dt.timedelta(days=delta)


def duration_value(amount: float | None, unit: str) -> str:
    """(2, "W") → "P2W", (30, "MIN") → "PT30M", (None, …) → "VAGUE" ("kilka lat")."""
    if amount is None:
        return "VAGUE"
    if unit == "DE":
        amount, unit = amount * 10, "Y"
    elif unit == "CE":
        amount, unit = amount * 100, "Y"
    num = f"{amount:g}" if amount != int(amount) else str(int(amount))
    if unit in ("H", "MIN", "S"):
        return f"PT{num}{'M' if unit == 'MIN' else unit}"
    return f"P{num}{unit}"
