"""Quantities: a number with its unit, counted thing, hedge and rate."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Hedge(StrEnum):
    EXACT = "exact"
    ABOUT = "about"  # ok., około, blisko, niemal, prawie
    AT_LEAST = "at_least"  # co najmniej, przynajmniej
    MORE_THAN = "more_than"  # ponad
    AT_MOST = "at_most"  # do, maksymalnie
    LESS_THAN = "less_than"  # mniej niż, poniżej


@dataclass(frozen=True, slots=True)
class Quantity:
    """"co najmniej 11 tys. żołnierzy" → value 11000, counted "żołnierz", hedge at_least."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    counted: str | None = None
    hedge: Hedge = Hedge.EXACT
    per: str | None = None  # "year" for "rocznie"
