"""Knowledge-base names as a gazetteer over lemmas: "Korei Północnej" matches the KB name
"Korea Północna" because both lemmatise to "Korea północny".

Names are matched by lemma key and by surface key (``keys.name_key``), longest first. The
matches correct the tagger where the domain knows better: a name the tagger split or missed
("Kim Dzong Unem", "KN-23", "obwodu kurskiego") and two names it ran together ("Yonhap Korea
Północna").
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from kronika.language.inflect import TYPE_LABELS, guess
from kronika.language.morphology import analyses
from kronika.language.segment import token_spans
from kronika.model import Token

MAX_WORDS = 8
MAX_WORD_CHARS = 60  # longer "words" are run-on text: key only their start


@lru_cache(maxsize=200_000)
def gaz_lemma(word: str) -> str:
    """One lemma per word form, the same for KB names and for text: a proper-name reading if
    there is one, else Morfeusz's first ("Centralnej" → centralny, "Korei" → Korea). Being
    consistent matters more here than being right: both sides go through this function."""
    readings = analyses(word)
    proper = [r for r in readings if r.proper and r.lemma[:1].isupper()]
    return (proper or list(readings))[0].lemma


def _kb_lemma(word: str, type_: str) -> str:
    """The lemma of a word of a KB name: a proper-name reading of the entry's type if there is one
    ("Stany" of the USA → "Stany", not the surname "Stan" that ``gaz_lemma`` picks: that would make
    every sentence-initial "Stan" the USA), else ``gaz_lemma``. Text words are keyed by ``gaz_lemma``."""
    fitting = TYPE_LABELS.get(type_, ())
    for r in analyses(word):
        if r.proper in fitting and r.lemma[:1].isupper():
            return r.lemma
    return gaz_lemma(word)


def lemma_key(words: list[str], lemmas: list[str]) -> str:
    """Lower-cased lemmas joined by spaces, keeping the surface of unknown words and symbols."""
    from kronika.entities.keys import name_key

    return name_key(" ".join(lemma or word for word, lemma in zip(words, lemmas, strict=True)))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Key (lemma key, surface key and common-word key of every KB name and alias) → type; empty
    without a KB."""
    try:
        from kronika.entities.kb import load_kb
        from kronika.entities.keys import name_key

        kb = load_kb()
    except Exception:  # noqa: BLE001 - the tagger must keep working when the KB is absent or broken
        return {}
    index: dict[str, str] = {}
    for entry in kb.entries:
        for name in entry.names():
            words = token_spans(name)[2]
            if not words or len(words) > MAX_WORDS:
                continue
            if words[0][:1].islower() and any(w[:1].isupper() for w in words[1:]):
                continue  # "agencja Yonhap": BSNLP marks only the name, and "Yonhap" is listed too
            lemmas = [_kb_lemma(w, entry.type) for w in words]
            # The common-word key as text words get it (``_token_keys``): "Izba Gmin" → "izba gmina"
            # matches "Izby Gmin", whose "Izby" reads first as a village.
            # Several words only: alone, "Stan" would be the USA's "Stany" and "Boję" the BoJ.
            keys = [lemma_key(words, lemmas), name_key(name)]
            if len(words) > 1:
                keys.append(lemma_key(words, [_common_lemma(w, gaz_lemma(w)) for w in words]))
            for key in keys:
                index.setdefault(key, entry.type)
    return index




@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every word prefix of every key ("korea", "korea polnocna"): a window stops growing as
    soon as it is no key's prefix, so matching costs a few dictionary lookups per token."""
    out: set[str] = set()
    for key in gazetteer():
        words = key.split(" ")
        out.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
    return frozenset(out)


@lru_cache(maxsize=1)
def _acronym_keys() -> frozenset[str]:
    """Keys of KB names written in capitals ("ROK", "KRLD"): they match only capitals, or the
    common word "rok" (year) would be South Korea."""
    from kronika.entities.keys import name_key

    try:
        from kronika.entities.kb import load_kb

        kb = load_kb()
    except Exception:  # noqa: BLE001 - see gazetteer()
        return frozenset()
    return frozenset(name_key(n) for e in kb.entries for n in e.names() if n.isupper())


@lru_cache(maxsize=1)
def _lowercase_keys() -> frozenset[str]:
    """Lemma and surface keys of KB names written in lower case ("obwód kurski"): the only names
    that may match without a capitalised word."""
    from kronika.entities.keys import name_key

    try:
        from kronika.entities.kb import load_kb

        kb = load_kb()
    except Exception:  # noqa: BLE001 - see gazetteer()
        return frozenset()
    keys: set[str] = set()
    for entry in kb.entries:
        for name in entry.names():
            if name[:1].islower():
                words = token_spans(name)[2]
                keys.add(lemma_key(words, [gaz_lemma(w) for w in words]))
                keys.add(name_key(name))
    return frozenset(keys)


def _common_lemma(word: str, lemma: str) -> str:
    """The longest common-word lemma of a word whose ``gaz_lemma`` is a proper name's: "Izby" of
    "Izby Lordów" is the village Izby to ``gaz_lemma`` but the izba of the KB's "Izba Lordów";
    "Radzie" is rada rather than rad (radium)."""
    common = [r.lemma for r in analyses(word) if not r.proper and r.tag != "ign"]
    return max(common, key=len) if common else lemma


# surface, lemma, person and common-word keys, starts a KB name, names a nationality, name cue
WordKeys = tuple[str, str, str, str, bool, bool, bool]


@lru_cache(maxsize=200_000)
def _token_keys(word: str) -> tuple[str, str, str, str, bool, bool]:
    """Keys of one word: surface, lemma, person-name base form and common-noun lemma ("Unem" →
    "unem", "unem", "un", "unem"; see ``_common_lemma``), whether one of them starts a KB name
    (the prefixes are fixed for the process), and whether the word names people by nationality or
    party (``corrections.is_member_noun``; ``nationality_nouns`` reads it here: this is the one
    lookup per token)."""
    from kronika.entities.corrections import is_member_noun
    from kronika.entities.keys import name_key

    surface = name_key(word)
    if not surface:
        return "", "", "", "", False, False
    lemma = name_key(gaz_lemma(word))
    # Known words already have a lemma; only unknown ones need the (cheap) suffix guesser.
    unknown = analyses(word)[0].tag == "ign"
    person = name_key(guess(word, "PER")) if unknown and word[:1].isupper() else lemma
    common = name_key(_common_lemma(word, gaz_lemma(word)))
    prefixes = _prefixes()
    return surface, lemma, person, common, \
        surface in prefixes or lemma in prefixes or person in prefixes or common in prefixes, \
        is_member_noun(word)


_KEYS: dict[str, WordKeys] = {}  # word as written → _token_keys of its start
_MAX_KEYS = 200_000  # the same bound as _token_keys: a huge vocabulary starts the dict afresh


def _keys_miss(word: str) -> WordKeys:
    if len(_KEYS) >= _MAX_KEYS:
        _KEYS.clear()
    keys = _KEYS[word] = (*_token_keys(word[:MAX_WORD_CHARS]), _name_cue(word))
    return keys


def _name_cue(word: str) -> bool:
    """A capitalised word or a digit: what a KB name written with capitals needs to match in text
    (read from the whole word, which the keys are not)."""
    return word[:1].isupper() or any(c.isdigit() for c in word)


def word_keys(tokens: list[Token]) -> list[WordKeys]:
    """``_token_keys`` of each token's word."""
    # A plain dict in front of the cached function: one lookup per token, a third of the call's cost.
    get = _KEYS.get
    return [get(t.text) or _keys_miss(t.text) for t in tokens]


def matches(tokens: list[Token], keys: list[WordKeys] | None = None) -> list[tuple[int, int, str]]:
    """Non-overlapping (first, end, type) token ranges naming a KB entry, longest match first.
    A match must contain a capitalised word or a digit unless it is a lower-case KB name
    ("obwód kurski"), so common words never match on their own. ``keys``: ``word_keys(tokens)``,
    if already computed."""
    if not gazetteer():
        return []
    if keys is None:
        keys = word_keys(tokens)
    # Most words start no KB name; each word's keys say whether it may.
    candidates = list(compress(count(), map(itemgetter(4), keys)))
    out: list[tuple[int, int, str]] = []
    n = len(tokens)
    resume = 0
    for i in candidates:
        if i < resume:
            continue  # inside the previous match
        # Nine windows in ten stop within two words ("w" before a word no KB name goes on with):
        # their outcome is a function of those two words, looked up instead of rebuilt.
        glued = i + 1 < n and tokens[i + 1].start - tokens[i].end <= 1
        pair = (tokens[i].text, tokens[i + 1].text if glued else None)
        known = _PAIRS.get(pair)
        if known is None:
            if len(_PAIRS) >= _MAX_KEYS:
                _PAIRS.clear()
            known = _PAIRS[pair] = _longest_at(tokens, keys, i, i + 2 if glued else i + 1)
        length, typ, open_end = known
        if open_end and glued:  # both words went on as a KB name's prefix: the full window decides
            length, typ, _open = _longest_at(tokens, keys, i, min(n, i + MAX_WORDS))
        if length:
            out.append((i, i + length, typ))
            resume = i + length
    return out


# (word, the next word if written right after it, else None) → ``_longest_at`` over those words.
# Valid for the process: the keys and the KB are (see ``_token_keys``).
_PAIRS: dict[tuple[str, str | None], tuple[int, str, bool]] = {}


def _longest_at(tokens: list[Token], keys: list[WordKeys], i: int, stop: int) -> tuple[int, str, bool]:
    """(length, type) of the longest KB name starting at token i and ending before ``stop`` (length
    0: none), and whether every word up to ``stop`` kept the window a KB name's prefix (a longer
    window might then find more). Reads only the words and the gaps between them."""
    index = gazetteer()
    prefixes = _prefixes()
    lower_keys = _lowercase_keys()
    acronyms = _acronym_keys()
    found = 0, "", False
    surface = lemma = person = common = ""  # the window's keys so far, one per kind of key
    cue = False  # whether the window holds a capitalised word or a digit
    for j in range(i, stop):
        k0, k1, k2, k3, _starts, _nationality, word_cue = keys[j]
        if not k0 or (j > i and tokens[j].start - tokens[j - 1].end > 1):
            return found
        cue = cue or word_cue
        surface = surface + " " + k0 if surface else k0
        lemma = lemma + " " + k1 if lemma else k1
        person = person + " " + k2 if person else k2
        common = common + " " + k3 if common else k3
        if not (surface in prefixes or lemma in prefixes or person in prefixes or common in prefixes):
            return found
        typ = index.get(surface)
        if typ is not None and surface not in lower_keys and not cue:
            typ = None  # keys drop case: "wspólnota" in lower case is not the "Wspólnota" (EU)
        if typ is None and person != lemma and person in index and tokens[j].text[:1].isupper():
            # Unknown foreign names have no lemma: "Kim Dzong Unem" → "kim dzong un",
            # "Financial Timesa" → "financial times".
            typ = index[person]
        if typ is None and lemma in index and (lemma in lower_keys or cue):
            typ = index[lemma]
        if typ is None and common != lemma and common in index and \
                (common in lower_keys or cue):
            typ = index[common]
        # An acronym matches only in capitals, unless the KB also lists it in lower case ("dpa").
        if typ and (surface in acronyms or lemma in acronyms or common in acronyms) and \
                surface not in lower_keys and not all(t.text.isupper() for t in tokens[i : j + 1]):
            typ = None
        if typ:
            found = j + 1 - i, typ, False
    return found[0], found[1], True
