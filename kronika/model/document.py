"""The one mutable container: canonical text plus annotation layers."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kronika.model.events import Event
from kronika.model.mentions import Entity, Mention
from kronika.model.quantities import Quantity
from kronika.model.source import Attribution, Source
from kronika.model.times import TimeExpr
from kronika.model.tokens import Sentence, Token, TokenColumns

# Layers whose items carry start/end/text into Document.text.
SPAN_LAYERS = ("sentences", "tokens", "mentions", "times", "quantities", "attributions", "events")


def make_doc_id(text: str, url: str | None = None, path: str | None = None) -> str:
    """Content id: the same article (same text, same origin) always gets the same id."""
    origin = url or ""
    return hashlib.sha1(f"{origin}\n{text}".encode()).hexdigest()[:16]


class OffsetError(ValueError):
    """An annotation whose offsets do not point at its own text."""


DEFAULT_LANG = "pl"


def language_code(lang: str | None) -> str:
    """The primary ISO 639-1 code of a language tag, as the stages compare it: "PL", "pl-PL" and
    "pl_PL" → "pl"; no tag → "pl". Every way in (ingest, JSONL records, the API, BSNLP files)
    goes through ``Document.create``, so a record's own spelling cannot switch a stage off."""
    code = (lang or "").strip().replace("_", "-").split("-")[0].lower()
    return code or DEFAULT_LANG


@dataclass(slots=True)
class Document:
    """One article. ``text`` is canonical and never changes after ingest."""

    id: str
    text: str
    lang: str = DEFAULT_LANG
    source: Source = field(default_factory=Source)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: Sequence[Token] = field(default_factory=list)  # a list, or TokenColumns as decoded
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    produced_by: dict[str, str] = field(default_factory=dict)
    duplicate_of: str | None = None  # near-duplicate of another document (flag, not dropped)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, text: str, lang: str = "pl", source: Source | None = None, **kw: Any) -> Document:
        source = source or Source()
        return cls(id=make_doc_id(text, source.url, source.path), text=text, lang=language_code(lang),
                   source=source, **kw)

    def check(self) -> None:
        """Raise OffsetError unless every annotation satisfies text[start:end] == a.text."""
        n = len(self.text)
        for layer in SPAN_LAYERS:
            items = getattr(self, layer)
            if isinstance(items, TokenColumns) and items.points_into(self.text):
                # Token texts are slices of this very text by construction, so only the offsets can be
                # wrong (and building Tokens just to compare them would cost more than the check).
                for i, (s, e) in enumerate(items.offsets()):
                    if not 0 <= s <= e <= n:
                        raise OffsetError(f"document {self.id}: tokens[{i}] at {s}-{e} lies outside the "
                                          f"text ({n} characters)")
                continue
            for i, a in enumerate(items):
                if not (0 <= a.start <= a.end <= n) or self.text[a.start : a.end] != a.text:
                    got = self.text[a.start : a.end] if 0 <= a.start <= a.end <= n else "<out of range>"
                    raise OffsetError(
                        f"document {self.id}: {layer}[{i}] at {a.start}-{a.end} says {a.text!r} "
                        f"but the text there is {got!r}"
                    )
                if layer == "events":
                    ts, te = a.trigger
                    if not (a.start <= ts <= te <= a.end):
                        raise OffsetError(f"document {self.id}: events[{i}] trigger {a.trigger} outside evidence")
                    for r in a.roles:
                        if self.text[r.start : r.end] != r.text:
                            raise OffsetError(f"document {self.id}: events[{i}] role {r.name} offsets wrong")
