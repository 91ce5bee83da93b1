"""Knowledge-base names as a gazetteer over lemmas: "Korei Północnej" matches the KB name
"Korea Północna" because both lemmatise to "Korea północny".

Names are matched by lemma key and by surface key (``keys.name_key``), longest first. The
matches correct the tagger where the domain knows better: a name the tagger split or missed
("Kim Dzong Unem", "KN-23", "obwodu kurskiego") and two names it ran together ("Yonhap Korea
Północna").
"""

from __future__ import annotations

from functools import lru_cache

from kronika.language.inflect import base_form
from kronika.language.morphology import analyses
from kronika.language.segment import tokenize
from kronika.model import Token

MAX_WORDS = 8


@lru_cache(maxsize=200_000)
def gaz_lemma(word: str) -> str:
    """One lemma per word form, the same for KB names and for text: a proper-name reading if
    there is one, else Morfeusz's first ("Centralnej" → centralny, "Korei" → Korea). Being
    consistent matters more here than being right: both sides go through this function."""
    readings = analyses(word)
    proper = [r for r in readings if r.proper and r.lemma[:1].isupper()]
    return (proper or list(readings))[0].lemma


def lemma_key(words: list[str], lemmas: list[str]) -> str:
    """Lower-cased lemmas joined by spaces, keeping the surface of unknown words and symbols."""
    from kronika.entities.keys import name_key

    return name_key(" ".join(lemma or word for word, lemma in zip(words, lemmas, strict=True)))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Key (lemma key and surface key of every KB name and alias) → type; empty without a KB."""
    try:
        from kronika.entities.kb import load_kb
        from kronika.entities.keys import name_key

        kb = load_kb()
    except Exception:  # noqa: BLE001 - the tagger must keep working when the KB is absent or broken
        return {}
    index: dict[str, str] = {}
    for entry in kb.entries:
        for name in entry.names():
            words = [t.text for t in tokenize(name)]
            if not words or len(words) > MAX_WORDS:
                continue
            if words[0][:1].islower() and any(w[:1].isupper() for w in words[1:]):
                continue  # "agencja Yonhap": BSNLP marks only the name, and "Yonhap" is listed too
            lemmas = [gaz_lemma(w) for w in words]
            for key in (lemma_key(words, lemmas), name_key(name)):
                index.setdefault(key, entry.type)
    return index


def matches(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Non-overlapping (first, end, type) token ranges naming a KB entry, longest match first.
    A match must contain a capitalised word or a digit unless it is a lower-case KB name
    ("obwód kurski"), so common words never match on their own."""
    index = gazetteer()
    if not index:
        return []
    from kronika.entities.keys import name_key

    firsts = _first_words()
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(tokens)
    while i < n:
        found = None
        if _word_key(tokens[i].text) not in firsts and _word_key(gaz_lemma(tokens[i].text)) not in firsts:
            i += 1
            continue
        for j in range(min(n, i + MAX_WORDS), i, -1):
            span = tokens[i:j]
            if any(span[k].start - span[k - 1].end > 1 for k in range(1, len(span))):
                continue
            if not (span[0].text[:1].isalnum() and span[-1].text[-1:].isalnum()):
                continue
            words = [t.text for t in span]
            lemmas = [gaz_lemma(w) for w in words]
            typ = index.get(name_key("".join(_joined(span))))
            if typ is None and words[-1][:1].isupper():
                # unknown foreign names have no lemma: compare the person-name base form instead
                typ = index.get(name_key(base_form(span, "PER")))
                typ = typ if typ == "PER" else None
            if typ is None:
                typ = index.get(lemma_key(words, lemmas))
                if typ and not any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words):
                    # a lower-case name such as "obwód kurski" must be one the KB writes in lower case
                    if not _lowercase_name(lemma_key(words, lemmas)):
                        typ = None
            if typ:
                found = (i, j, typ)
                break
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    from kronika.entities.keys import name_key

    return name_key(word).split(" ")[0] if word else ""


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of every key: most tokens start no name, and this check is cheap."""
    return frozenset(k.split(" ")[0] for k in gazetteer())


def _joined(span: list[Token]) -> list[str]:
    parts: list[str] = []
    for k, t in enumerate(span):
        if k and t.start > span[k - 1].end:
            parts.append(" ")
        parts.append(t.text)
    return parts


@lru_cache(maxsize=1)
def _lowercase_keys() -> frozenset[str]:
    try:
        from kronika.entities.kb import load_kb
    except Exception:  # noqa: BLE001
        return frozenset()
    keys: set[str] = set()
    for entry in load_kb().entries:
        for name in entry.names():
            if name[:1].islower():
                words = [t.text for t in tokenize(name)]
                keys.add(lemma_key(words, [gaz_lemma(w) for w in words]))
    return frozenset(keys)


def _lowercase_name(key: str) -> bool:
    return key in _lowercase_keys()
