"""Events: a claim, made in one document, that something happened."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kronika.model.quantities import Quantity
from kronika.model.source import Attribution
from kronika.model.times import TimeExpr


class Certainty(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    UNCERTAIN = "uncertain"
    PLANNED = "planned"
    DENIED = "denied"


@dataclass(frozen=True, slots=True)
class Role:
    name: str  # "agent", "recipient", "place", "item"
    start: int
    end: int
    text: str
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    start: int  # evidence span, usually the sentence
    end: int
    text: str
    trigger: tuple[int, int]
    roles: tuple[Role, ...] = ()
    time: TimeExpr | None = None
    quantities: tuple[Quantity, ...] = ()
    attribution: Attribution | None = None
    certainty: Certainty = Certainty.ASSERTED
