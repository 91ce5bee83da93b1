"""Entity mentions (surface + base form + link) and entities."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("PER", "ORG", "LOC", "EVT", "PRO")


@dataclass(frozen=True, slots=True)
class Mention:
    """"Kim Dzong Una" (surface) → base "Kim Dzong Un", type PER, entity_id "per:kim-dzong-un"."""

    start: int
    end: int
    text: str
    type: str
    base: str
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: frozenset[str] = field(default_factory=frozenset)
    kb_id: str | None = None  # id in the bundled knowledge base, e.g. Wikidata "Q423"
    canonical_id: str | None = None
