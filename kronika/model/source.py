"""Where a document came from, and who a claim is attributed to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """The publication a document came from.

    ``published`` is an ISO prefix with implied precision ("2024-10" for a month,
    "2024-10-01" for a day): the seed article header " date 2024-10" only gives a month.
    It is the anchor for relative dates ("w zeszłym tygodniu"); None leaves them unresolved.
    """

    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    title: str | None = None
    external_id: str | None = None  # the id the input gave (BSNLP "pl-10", JSONL "id")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says so: the cue span "według Daily NK" and the source it names."""

    start: int
    end: int
    text: str
    source_name: str
    source_entity_id: str | None = None
