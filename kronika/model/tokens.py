"""Sentences and tokens: offsets into Document.text plus morphology."""

from __future__ import annotations

import dataclasses
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


def _fast_token_fields():  # noqa: ANN202 - a tuple of slot setters
    """The slot setters of Token's fields, in order, for building tokens without the frozen
    dataclass's __init__ (which sets every field through object.__setattr__; this takes a third
    less time, and tokenize and morphology build a Token per word). Refuses a Token whose fields
    or initialisation changed, so that no field is ever left unset."""
    names = tuple(f.name for f in dataclasses.fields(Token))
    if names != ("start", "end", "text", "lemma", "tag", "proper") or hasattr(Token, "__post_init__"):
        raise RuntimeError(f"Token changed ({names}): update _fast_token_fields and its callers")
    return tuple(Token.__dict__[n].__set__ for n in names)


_NEW = object.__new__
_SET_START, _SET_END, _SET_TEXT, _SET_LEMMA, _SET_TAG, _SET_PROPER = _fast_token_fields()


def new_token(start: int, end: int, text: str, lemma: str | None = None, tag: str | None = None,
              proper: str | None = None) -> Token:
    """``Token(start, end, text, lemma, tag, proper)``, built faster (see ``_fast_token_fields``)."""
    t = _NEW(Token)
    _SET_START(t, start)
    _SET_END(t, end)
    _SET_TEXT(t, text)
    _SET_LEMMA(t, lemma)
    _SET_TAG(t, tag)
    _SET_PROPER(t, proper)
    return t
