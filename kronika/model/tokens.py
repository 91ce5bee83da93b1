"""Sentences and tokens: offsets into Document.text plus morphology."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """One token. After the morphology stage: "Korei" → lemma "Korea", tag "subst:sg:gen:f",
    proper "nazwa_geograficzna"."""

    start: int
    end: int
    text: str
    lemma: str | None = None
    tag: str | None = None
    proper: str | None = None  # Morfeusz proper-name label, None for common words
