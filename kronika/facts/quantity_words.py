"""Word-level help for the quantities stage: unit, hedge and rate tables from data/pl, and the
morphology of the counted noun phrase ("pocisków artyleryjskich" → "pocisk artyleryjski")."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from kronika.model import Hedge, Token

NOUN_POS = ("subst", "depr", "ger")
ADJ_POS = ("adj", "ppas", "pact")


class PhraseTable(dict):
    """A table of phrases (tuples of lower-case words) that knows the first and the last words of its
    phrases, so that ``phrase_at`` can tell most tokens start or end none of them at one look."""

    def __init__(self, items: dict) -> None:
        super().__init__(items)
        self.first_words = frozenset(k[0] for k in self)
        self.last_words = frozenset(k[-1] for k in self)


def _load(name: str) -> dict[tuple[str, ...], str]:
    text = resources.files("kronika").joinpath(f"data/pl/{name}").read_text("utf-8")
    table: dict[tuple[str, ...], str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            key, value = line.split("\t")
        except ValueError:
            raise ValueError(f"kronika/data/pl/{name}:{n}: expected 'phrase<TAB>value', got {line!r}") from None
        table[tuple(key.lower().split())] = value
    return table


@lru_cache(maxsize=1)
def units() -> PhraseTable:
    return PhraseTable(_load("quantity_units.tsv"))


@lru_cache(maxsize=1)
def hedges() -> PhraseTable:
    return PhraseTable({k: Hedge(v) for k, v in _load("quantity_hedges.tsv").items()})


@lru_cache(maxsize=1)
def rates() -> PhraseTable:
    return PhraseTable(_load("quantity_rates.tsv"))


@lru_cache(maxsize=4096)
def nominative(adj_lemma: str, gender: str) -> str:
    """Adjective lemma in the nominative singular agreeing with ``gender``: ("balistyczny", "f") → "balistyczna"."""
    from kronika.language.morphology import morfeusz

    for form, _lemma, tag, *_ in morfeusz().generate(adj_lemma):
        parts = tag.split(":")
        if len(parts) >= 5 and parts[0] == "adj" and parts[1] == "sg" and "nom" in parts[2].split(".") \
                and gender in parts[3].split(".") and parts[4] == "pos":
            return form
    return adj_lemma


@lru_cache(maxsize=65536)
def noun_reading(word: str) -> tuple[str, str] | None:
    """The noun reading of ``word`` to count with, or None when it may be a preposition or other
    function word ("dzięki"). Prefers a genitive reading and avoids pluralia tantum: "statków" →
    "statek" rather than "statki"."""
    from kronika.language.morphology import analyses

    readings = analyses(word)
    if any(r.tag.startswith(("prep", "conj", "comp", "qub", "adv", "num")) for r in readings):
        return None
    nouns = [r for r in readings if r.tag.startswith(NOUN_POS)]
    if not nouns:
        return None
    best = min(nouns, key=lambda r: (":pt" in r.tag, "gen" not in r.tag))
    return best.lemma, best.tag


@lru_cache(maxsize=65536)
def gen_plural(word: str) -> bool:
    """Can ``word`` be a genitive plural noun ("żołnierzy"), as a count of five or more needs?"""
    from kronika.language.morphology import analyses

    return any(r.tag.startswith(NOUN_POS) and ":pl:" in r.tag and "gen" in r.tag.split(":")[2].split(".")
               for r in analyses(word))


def adj_lemma(token: Token) -> str:
    """Adjective lemma; a participle ("dostarczonych") keeps its own adjectival base form."""
    if pos_of(token) in ("ppas", "pact"):
        from kronika.language.morphology import analyses

        low = token.text.lower()
        for r in analyses(low):
            if r.tag.startswith("adj"):
                return r.lemma
        return participle_base(low, token.tag or "")
    return (token.lemma or token.text).lower()


@lru_cache(maxsize=4096)
def participle_base(word: str, tag: str) -> str:
    """"dostarczonych" (ppas) → "dostarczony": the masculine nominative singular form."""
    from kronika.language.morphology import morfeusz

    target = tag.split(":")[0]
    lemma = (morfeusz().analyse(word) or [(0, 0, (word, word, "", [], []))])[0][2][1].split(":")[0]
    aff = tag.split(":")[-1]
    for form, _l, t, *_ in morfeusz().generate(lemma):
        p = t.split(":")
        if p[0] == target and p[1] == "sg" and "nom" in p[2].split(".") and "m1" in p[3].split(".") \
                and p[-1] == aff:
            return form
    return word


def pos_of(token: Token) -> str:
    return (token.tag or "").split(":", 1)[0]


def gender_of(token: Token) -> str:
    parts = (token.tag or "").split(":")
    return parts[3].split(".")[0] if len(parts) > 3 else "m3"


def phrase_at(tokens: list[Token], i: int, table: dict, longest: int = 3, backwards: bool = False
            ) -> tuple[int, object] | None:
    """Longest table phrase ending before ``i`` (backwards) or starting at ``i``; (other end, value)."""
    edge = isinstance(table, PhraseTable)
    if backwards and 0 < i <= len(tokens):
        if edge and tokens[i - 1].text.lower() not in table.last_words:
            return None  # most tokens end no phrase
        words = [t.text.lower() for t in tokens[max(0, i - longest) : i]]  # lower-cased once
        for n in range(len(words), 0, -1):
            key = tuple(words[-n:])
            if key in table:
                return i - n, table[key]
    elif not backwards and 0 <= i < len(tokens):
        if edge and tokens[i].text.lower() not in table.first_words:
            return None  # most tokens start no phrase
        words = [t.text.lower() for t in tokens[i : i + longest]]
        for n in range(len(words), 0, -1):
            key = tuple(words[:n])
            if key in table:
                return i + n, table[key]
    return None
