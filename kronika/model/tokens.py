"""Sentences and tokens: offsets into Document.text plus morphology."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, overload

from kronika.model.slots import slot_setters

# Keys for sorting and bisecting anything with offsets (tokens, sentences, mentions…): C-level
# getters, where a Python function would cost a frame per step of a binary search.
START = attrgetter("start")
END = attrgetter("end")


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


_NEW = object.__new__
# Morphology and the decoders of TokenColumns build a Token per word.
_SET_START, _SET_END, _SET_TEXT, _SET_LEMMA, _SET_TAG, _SET_PROPER = slot_setters(
    Token, ("start", "end", "text", "lemma", "tag", "proper"))


def new_token(start: int, end: int, text: str, lemma: str | None = None, tag: str | None = None,
              proper: str | None = None) -> Token:
    """``Token(start, end, text, lemma, tag, proper)``, built faster (``slot_setters``)."""
    t = _NEW(Token)
    _SET_START(t, start)
    _SET_END(t, end)
    _SET_TEXT(t, text)
    _SET_LEMMA(t, lemma)
    _SET_TAG(t, tag)
    _SET_PROPER(t, proper)
    return t


class TokenColumns(Sequence[Token]):
    """A token layer held as five columns (starts, ends, lemmas, tags, proper labels) until
    something reads a token; then the Tokens are built once and kept.

    Why: a document coming back from a parallel worker, or out of the store, is often only written
    somewhere else (the store's token blob, the worker's request) and never read token by token.
    Building ~400 frozen Tokens per article just to take them apart again was half of the main
    process's CPU in a 2-worker run, and that CPU is taken from the workers on 2 cores. Reading is
    unchanged: ``doc.tokens[3]``, ``len``, iteration and ``==`` with a list behave as for a list.
    The segmenter hands its tokens to the morphology stage this way too (their readings still None).
    The layer is read-only: the Tokens built from it never differ from its columns.

        cols = TokenColumns("Kim Dzong Un", [0, 4, 10], [3, 9, 12], ["Kim", "Dzong", "Un"],
                            ["subst:sg:nom:m1"] * 3, ["imię", "imię", "imię"])
        cols[1].text  # "Dzong"
    """

    __slots__ = ("_text", "_columns", "_tokens")

    def __init__(self, text: str, starts: Sequence[int], ends: Sequence[int], lemmas: Sequence[str | None],
                 tags: Sequence[str | None], propers: Sequence[str | None]) -> None:
        if not len(starts) == len(ends) == len(lemmas) == len(tags) == len(propers):
            raise ValueError("token columns differ in length")
        self._text = text
        self._columns = (starts, ends, lemmas, tags, propers)
        self._tokens: list[Token] | None = None

    def columns(self) -> tuple[Sequence[int], Sequence[int], Sequence[str | None], Sequence[str | None],
                               Sequence[str | None]]:
        return self._columns

    def points_into(self, text: str) -> bool:
        """True when the offsets are into ``text`` (the document's own text: every token's text is
        then its slice, by construction)."""
        return self._text is text or self._text == text

    def offsets(self) -> Iterator[tuple[int, int]]:
        """(start, end) of every token, without building Tokens."""
        return zip(self._columns[0], self._columns[1], strict=True)

    def materialized(self) -> list[Token]:
        if self._tokens is None:
            text = self._text
            self._tokens = [new_token(s, e, text[s:e], lemma, tag, proper)
                            for s, e, lemma, tag, proper in zip(*self._columns, strict=True)]
        return self._tokens

    def __len__(self) -> int:
        return len(self._columns[0])

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        return self.materialized()[i]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.materialized())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenColumns | list):
            return self.materialized() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like list

    def __repr__(self) -> str:
        return repr(self.materialized())

    def __reduce__(self) -> tuple[Any, ...]:
        return TokenColumns, (self._text, *self._columns)


def token_columns(tokens: Sequence[Token]) -> tuple[Sequence[int], Sequence[int], Sequence[str | None],
                                                     Sequence[str | None], Sequence[str | None]]:
    """(starts, ends, lemmas, tags, propers) of any token layer; free for a TokenColumns."""
    if isinstance(tokens, TokenColumns):
        return tokens.columns()
    return ([t.start for t in tokens], [t.end for t in tokens], [t.lemma for t in tokens],
            [t.tag for t in tokens], [t.proper for t in tokens])
