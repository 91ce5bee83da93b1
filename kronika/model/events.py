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


@dataclass(frozen=True, slots=True)
class EventType:
    """One row of the event-type table: what the type means, which roles it takes, and the
    PLOVER / CAMEO codes GDELT and POLECAT users can join on (None where no code fits)."""

    name: str
    definition: str
    roles: tuple[str, ...]
    plover: str | None
    cameo: str | None


# The documented table of event types (issue 5). Roles: agent (who acts), recipient/partner (to or
# with whom), place, item (what is moved, made or signed).
EVENT_TYPES: dict[str, EventType] = {t.name: t for t in (
    EventType("MEETING", "Leaders or officials meet or hold talks", ("agent", "partner", "place"),
              "CONSULT", "040"),
    EventType("VISIT", "An official travels to another country or site", ("agent", "place", "partner"),
              "CONSULT", "042/043"),
    EventType("AGREEMENT", "A treaty, deal or agreement is signed, ratified or concluded",
              ("agent", "partner", "item", "place"), "AGREE", "057"),
    EventType("ARMS_TRANSFER", "Weapons or ammunition are exported, delivered or supplied",
              ("agent", "recipient", "item"), "AID", "0234 (military aid)"),
    EventType("TECH_TRANSFER", "Technology, know-how or other assistance is given (incl. space, missiles)",
              ("agent", "recipient", "item"), "AID", "0231/0234"),
    EventType("DEPLOYMENT", "Troops, sappers or workers are sent or stationed somewhere",
              ("agent", "recipient", "place", "item"), "MOBILIZE", "154 (mobilize armed forces)"),
    EventType("PRODUCTION", "Output of weapons or goods is raised, a factory is built or run",
              ("agent", "item", "place"), None, None),
    EventType("CASUALTIES", "People are killed or wounded", ("agent", "place", "item"), "ASSAULT", "19"),
    EventType("DIRECTIVE", "An order, decree or directive is issued", ("agent", "recipient", "item"),
              "DEMAND", "10"),
    EventType("STATEMENT", "A declaration, pledge, warning, threat or denial is made", ("agent", "recipient"),
              None, "01"),
    EventType("SANCTION", "Sanctions or restrictions are imposed", ("agent", "recipient"), "SANCTION", "163"),
    EventType("MILITARY_EXERCISE", "A military exercise, drill or weapons test is held",
              ("agent", "place", "item"), "MOBILIZE", "138/152"),
)}
