"""Entity mentions (surface + base form + link) and entities."""

from __future__ import annotations

import dataclasses
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


def _fast_mention_fields():  # noqa: ANN202 - a tuple of slot setters
    """The slot setters of Mention's fields, in order, for ``new_mention`` (see
    ``tokens._fast_token_fields``). Refuses a Mention whose fields or initialisation changed, so
    that no field is ever left unset."""
    names = tuple(f.name for f in dataclasses.fields(Mention))
    if names != ("start", "end", "text", "type", "base", "entity_id") or hasattr(Mention, "__post_init__"):
        raise RuntimeError(f"Mention changed ({names}): update _fast_mention_fields and its callers")
    return tuple(Mention.__dict__[n].__set__ for n in names)


_NEW = object.__new__
_SET_START, _SET_END, _SET_TEXT, _SET_TYPE, _SET_BASE, _SET_ENTITY_ID = _fast_mention_fields()


def new_mention(start: int, end: int, text: str, type: str, base: str, entity_id: str | None = None) -> Mention:
    """``Mention(start, end, text, type, base, entity_id)``, built in about half the time: the frozen
    dataclass's __init__ sets every field through object.__setattr__, and the recognizer builds
    one per mention."""
    m = _NEW(Mention)
    _SET_START(m, start)
    _SET_END(m, end)
    _SET_TEXT(m, text)
    _SET_TYPE(m, type)
    _SET_BASE(m, base)
    _SET_ENTITY_ID(m, entity_id)
    return m

@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: frozenset[str] = field(default_factory=frozenset)
    kb_id: str | None = None  # id in the bundled knowledge base, e.g. Wikidata "Q423"
    canonical_id: str | None = None
