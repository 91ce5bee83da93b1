"""Entity linking: every mention gets a stable entity id, within and across documents.

In one document, short and partial forms join the full name ("Szojgu" → "Siergiej Szojgu",
"Johnson" → "Boris Johnson", "KE" → "Komisja Europejska", "Komisja" → "Komisja Europejska").
Ids come from the knowledge base when it knows the entity ("KRLD" → ``loc:korea-polnocna``),
otherwise from the type and the base form ("Jan Kowalski" → ``per:jan-kowalski``): the same name in
two documents gets the same id with no shared state. Nationality nouns link to their country
("Rosjanie" → ``loc:rosja``), as BSNLP annotates them.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from kronika.entities.kb import KBEntry, KnowledgeBase, load_kb
from kronika.entities.keys import name_key, slug
from kronika.language.inflect import nominal_forms
from kronika.language.morphology import analyses
from kronika.model import Document, Entity, Mention, new_mention

_MIN_STEM = 4  # shorter keys are too ambiguous for prefix matching ("Un", "May")
_MAX_SUFFIX = 3  # Polish case endings: -a, -owi, -em, -ach
_VOWELS = frozenset("aeiouy")  # keys carry no diacritics
# Endings a bare stem takes in the declension of names (keys: "ą" is "a", "ó" is "o").
_ENDINGS = frozenset({"a", "u", "y", "i", "e", "m", "ie", "em", "om", "ow", "owi", "ach", "ami", "ego", "emu",
                      "ej", "iem", "ia", "ii", "go", "mu", "ym", "im", "mi", "ch", "owa", "o", "ek"})


@lru_cache(maxsize=50_000)  # once per cluster of every document: names repeat
def fallback_id(type_: str, base: str) -> str:
    """Id of an entity the KB lacks: "PER", "Jan Kowalski" → "per:jan-kowalski"."""
    return f"{type_.lower()}:{slug(base)}"


_MAX_LEMMA_KEYS = 16  # product of readings per word; names have few words, keep it bounded


@lru_cache(maxsize=100_000)
def lemma_keys(name: str) -> frozenset[str]:
    """Keys of a name's words by their Morfeusz lemmas: "Białego Domu" → {"bialy dom", "biale dom"};
    "Korei Północnej" and "Korea Północna" share "korea polnocny"."""
    words = name.split()
    if not words or len(words) > 6:
        return frozenset()
    keys = {""}
    for w in words:
        lemmas = list(dict.fromkeys(name_key(r.lemma) for r in analyses(w)))[:3] or [name_key(w)]
        keys = {f"{k} {lem}".strip() for k in keys for lem in lemmas}
        if len(keys) > _MAX_LEMMA_KEYS:
            keys = set(sorted(keys)[:_MAX_LEMMA_KEYS])
    return frozenset(keys)


@lru_cache(maxsize=4)
def _lemma_index(kb: KnowledgeBase) -> dict[str, tuple[KBEntry, ...]]:
    """Lemma key → KB entries, for inflected mentions whose base form came out wrong."""
    index: dict[str, list[KBEntry]] = defaultdict(list)
    for e in kb.entries:
        for alias in e.names():
            for key in lemma_keys(alias):
                if e not in index[key]:
                    index[key].append(e)
    return {k: tuple(v) for k, v in index.items()}


def kb_entry(kb: KnowledgeBase, m: Mention) -> KBEntry | None:
    """The KB entry a mention names, of the mention's own type: by base form, surface, or the
    Morfeusz lemmas of the surface (when the base form came out wrong); a nationality noun (PER)
    gives its country. "Korei Północnej" (LOC, base "Korea Północna") → Korea Północna."""
    return _kb_entry(kb, m.base, m.text, m.type)


# Per (base, surface, type): news repeats its names, and a knowledge base never changes once
# loaded, so each distinct mention is looked up once per process (a third of the linking time).
@lru_cache(maxsize=100_000)
def _kb_entry(kb: KnowledgeBase, base: str, text: str, type_: str) -> KBEntry | None:
    for name in dict.fromkeys((base, text)):
        e = kb.lookup(name, type_)
        if e is not None:
            return e
    if type_ == "PER":
        for name in (base, text, *(lemma_keys(text) if " " not in text else ())):
            e = kb.demonym(name)
            if e is not None:
                return e
    same_type = {e.id: e for e in _lemma_hits(kb, text) if e.type == type_}
    if not same_type:
        # Foreign names Morfeusz does not know: "Financial Timesa" is "Financial Times".
        same_type = {e.id: e for key in {name_key(base), name_key(text)} for e in _stem_hits(kb, key)
                     if e.type == type_}
    return next(iter(same_type.values())) if len(same_type) == 1 else None


def _prefixes(key: str) -> tuple[str, ...]:
    return tuple(w[:3] for w in key.split())


@lru_cache(maxsize=4)
def _stem_index(kb: KnowledgeBase) -> dict[tuple[str, ...], tuple[tuple[str, KBEntry], ...]]:
    index: dict[tuple[str, ...], list[tuple[str, KBEntry]]] = defaultdict(list)
    for e in kb.entries:
        for alias in e.names():
            key = name_key(alias)
            if len(key) >= _MIN_STEM:
                index[_prefixes(key)].append((key, e))
    return {k: tuple(v) for k, v in index.items()}


def _stem_hits(kb: KnowledgeBase, key: str) -> list[KBEntry]:
    if len(key) < _MIN_STEM:
        return []
    return [e for alias, e in _stem_index(kb).get(_prefixes(key), ()) if _stem_match(key, alias)]


def kb_entry_any_type(kb: KnowledgeBase, m: Mention) -> KBEntry | None:
    """The one KB entry of another type a mention can only mean: the recognizer may call BBC an
    ORG where the KB says PRO, or "Obamę" an ORG, and the id matters more than the type. A person
    never becomes a place or a body ("Asia" the woman is not "Asia" the continent)."""
    return _kb_entry_any_type(kb, m.base, m.text, m.type == "PER")


@lru_cache(maxsize=100_000)  # per (base, surface): news repeats the names the KB lacks as well
def _kb_entry_any_type(kb: KnowledgeBase, base: str, text: str, person: bool) -> KBEntry | None:
    def fits(e: KBEntry) -> bool:
        return not person or e.type == "PER"

    found = {e.id: e for name in (base, text) for e in kb.candidates(name) if fits(e)}
    if not found:
        found = {e.id: e for e in _lemma_hits(kb, text) if fits(e)}
    return next(iter(found.values())) if len(found) == 1 else None


def _lemma_hits(kb: KnowledgeBase, text: str) -> list[KBEntry]:
    index = _lemma_index(kb)
    return [e for key in lemma_keys(text) for e in index.get(key, ())]


_STOP = frozenset({"i", "w", "z", "na", "do", "ds", "of", "the", "and", "e", "im"})


def _initials(key: str) -> set[str]:
    """Acronyms a name may go by: "ministerstwo spraw wewnetrznych i administracji" → {"mswia", "mswa"};
    "tehreek e labbaik pakistan" → {"telp", "tlp"}."""
    words = key.split()
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _STOP)}


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _word_match(a: str, b: str) -> bool:
    """Two forms of one word, differing only in a case ending: "trumpa" ~ "trump", "kuby" ~ "kuba"."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    cp = _common_prefix(a, b)
    if not (cp >= 3 and cp >= len(short) - 1 and cp >= len(long_) - _MAX_SUFFIX):
        return False
    # Two different endings are case endings when one carries a vowel ("Kuba"/"Kuby"); "Iran" and
    # "Irak" differ by consonants only. A bare extension counts only when it is a case ending.
    tails = (short[cp:], long_[cp:])
    if not all(tails):  # a bare extension is a case ending, not another word ("Wielka" + "noc")
        return (tails[0] or tails[1]) in _ENDINGS
    # Against an ending of consonants only, the other ending is an alternation before -e
    # ("Egipt"/"Egipcie", "Bóg"/"Boże") or a vowel the other spelling drops ("Jacek"/"Jack",
    # "Aleksander"/"Aleksandr"); "Barron" and "Barroso", "Kent" and "Kenia" are two names.
    bare = [t for t in tails if not any(ch in _VOWELS for ch in t)]
    if bare:
        other = tails[1] if bare[0] == tails[0] else tails[0]
        return len(bare) == 1 and (other.endswith("e") or (other[1:] == bare[0] and other[0] in _VOWELS))
    return True


@lru_cache(maxsize=100_000)  # per pair of keys: documents compare the same names again
def _stem_match(a: str, b: str) -> bool:
    """Same name, word by word, up to case endings: "marka burnetta" ~ "mark burnett"."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False

    def initial(x: str, y: str) -> bool:  # "D. Trumpa" ~ "Donald Trump", never for the last word
        return len(wa) > 1 and min(len(x), len(y)) == 1 and (x.startswith(y) or y.startswith(x))

    return all(_word_match(x, y) or (i < len(wa) - 1 and initial(x, y))
               for i, (x, y) in enumerate(zip(wa, wb, strict=True)))


def _reordered(words: list[str], full: list[str]) -> bool:
    """The same words up to case endings in another order (each word used once)."""
    left = list(full)
    for w in words:
        hit = next((f for f in left if _word_match(w, f)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _short_ending(a: str, b: str) -> bool:
    """Two forms of one word whose endings after the shared stem are at most two letters."""
    cp = _common_prefix(a, b)
    return len(a) - cp <= 2 and len(b) - cp <= 2


def _within(words: list[str], full: list[str]) -> int | None:
    """Where ``words`` occurs inside the longer ``full`` (word by word, up to endings), else None."""
    n = len(words)
    for i in range(len(full) - n + 1):
        if all(_word_match(w, f) for w, f in zip(words, full[i : i + n], strict=True)):
            return i
    return None


class _Cluster:
    __slots__ = ("type", "keys", "bases", "texts", "entry", "names", "count", "n")

    def __init__(self, type_: str, entry: KBEntry | None) -> None:
        self.type = type_
        self.keys: set[str] = set()
        self.bases: dict[str, int] = {}  # base form → mentions (a plain dict: Counter() is slow to make)
        self.texts: set[str] = set()
        self.entry = entry
        self.names = _entry_names(entry) if entry is not None else None
        self.count = 0
        self.n = -1  # its number in the document's ``_Index``, set there

    def name(self) -> str:
        if self.entry is not None:
            return self.entry.name
        # A full name (two words or more) over a short form; among full names the most frequent
        # ("Mahometa Asia Bibi", a recognition slip seen once, must not name Asia Bibi).
        return max(self.bases, key=lambda b: (len(b.split()) > 1, self.bases[b], -len(b)))  # nominative: shortest


@lru_cache(maxsize=100_000)
def _key_parts(key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Index slots of a name key: its words' 3-letter prefixes and its sorted-letter acronyms
    (cached: every document re-indexes the same KB names)."""
    return tuple({w[:3] for w in key.split()}), tuple({"".join(sorted(a)) for a in _initials(key)})


@dataclasses.dataclass(frozen=True, eq=False, slots=True)
class _EntryNames:
    """A KB entry's names as linking uses them (``_entry_names``). Compared and hashed by identity:
    one object per entry and process, it is a cheap key for the per-process caches below (a
    ``KBEntry`` hashes all its fields, aliases included, on every look-up)."""

    entry: KBEntry
    keys: tuple[str, ...]  # the name's and every alias's name_key
    words: frozenset[str]  # their index slots (``_key_parts``)
    inits: frozenset[str]
    by_key: Mapping[str, str]  # name key → name (of two names with one key, the later in sorted order)


@lru_cache(maxsize=20_000)
def _entry_names(entry: KBEntry) -> _EntryNames:
    """A KB entry's name keys and their index slots, once per process: an entry with dozens of
    aliases in five languages is otherwise re-keyed in every document naming it."""
    keys = tuple(name_key(n) for n in entry.names())
    parts = [_key_parts(k) for k in keys]
    return _EntryNames(entry, keys, frozenset(p for ps, _ in parts for p in ps),
                       frozenset(a for _, ins in parts for a in ins),
                       MappingProxyType({name_key(a): a for a in sorted(entry.names())}))


# Clusters a mention is compared with, at most (the first ones made). A news article offers at
# most 9 (BSNLP, seed articles); a shouted run of capitals offered hundreds, each compared word by
# word, and linking time grew with the square of the document's length.
MAX_CANDIDATES = 50


def _insert(slots: dict[str, list[int]], key: str, n: int) -> None:
    """Put ``n`` into the sorted slot ``key`` once (a cluster may gain a key long after it began)."""
    ordered = slots.get(key)
    if ordered is None:
        slots[key] = [n]
    elif ordered[-1] < n:  # the usual case: the newest cluster, or a slot it has not joined yet
        ordered.append(n)
    elif ordered[-1] != n:
        i = bisect_left(ordered, n)
        if ordered[i] != n:
            ordered.insert(i, n)


class _Index:
    """Clusters by the 3-letter prefixes of their name words and by their initials, so that a
    mention is compared only with clusters it could join: linear time in the document length."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        # Slot → cluster numbers in ascending order: a mention needs only the first MAX_CANDIDATES
        # of each slot, and taking them must not cost the slot's whole length (thousands of names
        # sharing a first word, "Koncern …", made that quadratic).
        self.words: dict[str, list[int]] = {}
        self.inits: dict[str, list[int]] = {}

    def new(self, c: _Cluster, *, slots: bool = True) -> _Cluster:
        """Number a new cluster and put its KB names in their slots (``slots=False``: later, in
        ``fill``)."""
        c.n = len(self.clusters)
        self.clusters.append(c)
        if slots and c.names is not None:
            self._add_slots(c, c.names.words, c.names.inits)
        return c

    def fill(self) -> None:
        """The slots of every cluster numbered so far, from its KB names and keys, at once.

        Equivalent to adding each name as it came, but cheaper: taken in cluster order, every
        slot only grows at its end, and a cluster's slots are collected in a set first."""
        for c in self.clusters:
            if c.names is None:
                words: set[str] = set()
                inits: set[str] = set()
                keys: Iterable[str] = c.keys
            else:  # a KB name's key adds no slot its entry lacks
                words, inits = set(c.names.words), set(c.names.inits)
                keys = c.keys.difference(c.names.keys)
            for key in keys:
                key_words, key_inits = _key_parts(key)
                words.update(key_words)
                inits.update(key_inits)
            for p in words:
                self.words.setdefault(p, []).append(c.n)
            for acronym in inits:
                self.inits.setdefault(acronym, []).append(c.n)

    def add_key(self, c: _Cluster, key: str) -> None:
        self._add_slots(c, *_key_parts(key))

    def _add_slots(self, c: _Cluster, prefixes: Iterable[str], inits: Iterable[str]) -> None:
        n = c.n
        for p in prefixes:
            _insert(self.words, p, n)
        for acronym in inits:
            _insert(self.inits, acronym, n)

    def candidates(self, m: Mention, keys: Iterable[str]) -> list[_Cluster]:
        found: set[int] = set()
        upper = m.text.isupper()
        for key in keys:
            prefixes, letters = _query_parts(key)
            for p in prefixes:
                found.update(self.words.get(p, ())[:MAX_CANDIDATES])
            if upper:
                found.update(self.inits.get(letters, ())[:MAX_CANDIDATES])
        return [self.clusters[n] for n in sorted(found)[:MAX_CANDIDATES]]


@lru_cache(maxsize=100_000)
def _query_parts(key: str) -> tuple[tuple[str, ...], str]:
    """The slots a mention's key looks in: its words' 3-letter prefixes, and its letters sorted
    (an acronym's slot)."""
    return _key_parts(key)[0], "".join(sorted(key))


@lru_cache(maxsize=100_000)
def _mention_keys(base: str, text: str) -> tuple[str, tuple[str, ...]]:
    """A mention's own key (its base form's, else its text's) and all its distinct non-empty keys."""
    key = name_key(base) or name_key(text)
    return key, tuple(dict.fromkeys(k for k in (key, name_key(text)) if k))


def cluster_mentions(mentions: list[Mention], kb: KnowledgeBase, text: str = "") -> list[tuple[int, _Cluster]]:
    """(mention index, cluster) for every mention, in mention order; clusters are this document's
    entities. With the document ``text``, a name and the alias the text gives it join: "Partia
    Pracy (PP)"."""
    index = _Index()
    by_kb: dict[str, _Cluster] = {}
    by_key: dict[tuple[str, str], _Cluster] = {}
    assigned: dict[int, _Cluster] = {}
    pending: list[int] = []

    def kb_cluster(entry: KBEntry) -> _Cluster:
        c = by_kb.get(entry.id)
        if c is None:
            c = by_kb[entry.id] = index.new(_Cluster(entry.type, entry))
        return c

    # Mentions the KB names: only the pending ones below look clusters up, so the index takes
    # these clusters in one go afterwards (``fill``), not name by name.
    for i, m in enumerate(mentions):
        entry = _kb_entry(kb, m.base, m.text, m.type)
        if entry is None:
            pending.append(i)
            continue
        c = by_kb.get(entry.id)
        if c is None:
            c = by_kb[entry.id] = index.new(_Cluster(entry.type, entry), slots=False)
        assigned[i] = c
        _note(None, c, m)
    if pending:
        index.fill()
    # Full names first, so a short form finds the name it abbreviates.
    pending.sort(key=lambda i: (-len(name_key(mentions[i].base).split()), i))
    for i in pending:
        m = mentions[i]
        key, keys = _mention_keys(m.base, m.text)
        c = by_key.get((m.type, key)) or _attach(m, keys, index.candidates(m, keys))
        if c is None:
            entry = kb_entry_any_type(kb, m)
            c = kb_cluster(entry) if entry is not None else index.new(_Cluster(m.type, None))
        by_key[(m.type, key)] = c
        assigned[i] = c
        _note(index, c, m)
    if text:
        for i, j in appositions(mentions, text):
            _join(assigned, assigned[i], assigned[j])
    return [(i, assigned[i]) for i in range(len(mentions))]


# "Asia Bibi, a właściwie Asia Noreen": the text itself says two names are one person.
_REAL_NAME = re.compile(r"\s*,?\s*(?:a\s+)?(?:właściwie|właśc\.|czyli|vel|alias"
                        r"|znan[aeyą]\s+(?:też\s+|także\s+)?jako)\s+$", re.IGNORECASE)
_OPEN = re.compile(r"\s*\(\s*$")
_CLOSE = re.compile(r"\s*\)")
_UPPER = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]")


def _acronym(s: str) -> bool:
    """"TLP", "AfD", "MPiT", "JUI-S": one word with at least two capitals, mostly capitals."""
    caps = len(_UPPER.findall(s))
    return " " not in s and 2 <= len(s) <= 10 and caps >= 2 and caps * 2 >= sum(ch.isalpha() for ch in s)


def _abbreviates(acronym: str, name: str) -> bool:
    """The acronym starts with the name's initials or they start with it: "TLP" for
    "Tehreek-e-Labaik"; never "PAP" for "Jakub Krupa"."""
    short = name_key(acronym).replace(" ", "")
    inits = _initials(name_key(name))
    return any(i.startswith(short) or short.startswith(i) for i in inits if len(i) >= 2)


def _tail_of(acronym: str, name: str) -> bool:
    """The name is only the end of what the acronym abbreviates: "Unii Europejskiej (DEEU)",
    where the recognizer kept "Unii Europejskiej" of "Departament ds. Wyjścia z Unii Europejskiej"."""
    short = name_key(acronym).replace(" ", "")
    return any(i in short[1:] for i in _initials(name_key(name)) if len(i) >= 2)


def appositions(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """Pairs (name, alias) of mention indices that the text equates: a name followed by its
    acronym in parentheses ("Tehreek-e-Labbaik Pakistan (TLP)"), a person followed by another
    name of theirs in parentheses or after "a właściwie", "czyli", "znany jako"
    ("Asia Bibi, a właściwie Asia Noreen"). A person and an acronym join only when the
    acronym spells the name: "Jakub Krupa (PAP)" is a byline, not an alias."""
    order = sorted(range(len(mentions)), key=[m.start for m in mentions].__getitem__)
    pairs = []
    for i, j in zip(order, order[1:], strict=False):
        a, b = mentions[i], mentions[j]
        gap = text[a.end:b.start]
        if len(gap) > 30:
            continue
        if "(" in gap and _OPEN.fullmatch(gap) and _CLOSE.match(text, b.end):  # "in": no regex for most gaps
            if _acronym(b.text) and not _acronym(a.text) and not _tail_of(b.text, a.text) and \
                    (a.type != "PER" or _abbreviates(b.text, a.text)):
                pairs.append((i, j))
            elif a.type == b.type == "PER" and not _acronym(b.text):
                pairs.append((i, j))
            elif _acronym(a.text) and not _acronym(b.text) and b.type != "PER" and _abbreviates(a.text, b.text):
                pairs.append((j, i))  # "TLP (Tehreek-e-Labbaik Pakistan)": the expansion follows
            elif a.type == b.type == "ORG" and " " in b.text and not b.text.isupper() and not _acronym(a.text):
                pairs.append((i, j))  # "Ministerstwo Spraw Wewnętrznych (Home Office)": a translation
        elif a.type == b.type == "PER" and _REAL_NAME.fullmatch(gap):
            pairs.append((i, j))
    return pairs


def _join(assigned: dict[int, _Cluster], a: _Cluster, b: _Cluster) -> None:
    """Merge cluster ``b`` into ``a`` (or ``a`` into ``b`` when only ``b`` is a KB entity);
    two different KB entities never merge."""
    if a is b or (a.entry is not None and b.entry is not None):
        return
    if a.entry is None and b.entry is not None:
        a, b = b, a
    for k, c in assigned.items():
        if c is b:
            assigned[k] = a
    for base, n in b.bases.items():
        a.bases[base] = a.bases.get(base, 0) + n
    a.texts |= b.texts
    a.keys |= b.keys
    a.count += b.count


def _note(index: _Index | None, c: _Cluster, m: Mention) -> None:
    """Record a mention in its cluster at once, so later short forms can find it (in ``index``;
    without one, the caller fills the index later)."""
    for key in (name_key(m.base), name_key(m.text)):
        if key not in c.keys:
            c.keys.add(key)
            if index is not None:
                index.add_key(c, key)
    c.bases[m.base] = c.bases.get(m.base, 0) + 1
    c.texts.add(m.text)
    c.count += 1


def _cluster_rank(person: bool, upper: bool, keys: tuple[str, ...], c: _Cluster) -> int | None:
    """The best ``_rank`` of a mention's keys against the names of a cluster (None: no fit)."""
    best = _best_rank(person, upper, keys, c.names) if c.names is not None else None
    for full in c.keys:
        r = _rank(person, upper, keys, full)
        if r is not None and (best is None or r < best):
            best = r
    return best


# A KB entry's names are compared at once: one cache look-up instead of one per alias.
@lru_cache(maxsize=50_000)
def _best_rank(person: bool, upper: bool, keys: tuple[str, ...], names: _EntryNames) -> int | None:
    ranks = [r for full in names.keys if (r := _rank(person, upper, keys, full)) is not None]
    return min(ranks) if ranks else None


# Per (mention keys, name) as strings: documents repeat the same short forms of the same names,
# and each comparison is dozens of word matches in Python.
@lru_cache(maxsize=100_000)
def _rank(person: bool, upper: bool, keys: tuple[str, ...], full: str) -> int | None:
    """How well a mention's keys fit one name of a cluster (lower is better; None: not at all);
    ``person``: the mention is a PER, ``upper``: its text is all capitals."""
    fw = full.split()
    for key in keys:
        words = key.split()
        if _stem_match(key, full):
            return 0
        if not person and len(words) == len(fw) > 2 and _reordered(words, fw):
            return 1  # "Najwyższy Sąd Pakistanu" is "Sąd Najwyższy Pakistanu"
        if len(words) >= len(fw):
            continue
        if person:
            at = _within(words, fw)
            if at is not None and (len(words) > 1 or len(words[0]) >= 2):
                return 1 if at + len(words) == len(fw) else 2  # a surname first, then a first name
        else:
            if len(words) == 1 and upper and 2 <= len(key) <= 6:
                inits = _initials(full)
                if key in inits:
                    return 1  # acronym of a name in the same document
                if len(key) >= 3 and any(sorted(key) == sorted(i) for i in inits):
                    return 2  # an English acronym of a translated name: "SNP", "Szkocka Partia Narodowa"
            at = _within(words, fw) if len(key) >= _MIN_STEM else None
            if at is not None and len(words) == 1 and not _short_ending(words[0], fw[at]):
                at = None  # "Wschodu" is not "Wschodnia": a part alone differs by a case ending only
            if at == 0:
                return 3  # "Komisja" → "Komisja Europejska"
            if at is not None and len(words) == 1:
                return 4  # "Times" → "Sunday Times"
    return None


def _attach(m: Mention, keys: tuple[str, ...], clusters: list[_Cluster]) -> _Cluster | None:
    """The cluster a short, partial or inflected form belongs to, if one fits best."""
    best: list[tuple[int, int, int, int, _Cluster]] = []
    person, upper = m.type == "PER", m.text.isupper()
    for order, c in enumerate(clusters):
        if (c.type == "PER") != person:
            continue
        rank = _cluster_rank(person, upper, keys, c)
        if rank is not None:
            best.append((rank, 0 if c.entry is not None else 1, -c.count, order, c))
    if not best:
        return None
    best.sort(key=lambda t: t[:4])
    top = best[0]
    if top[0] in (2, 4) and sum(1 for b in best if b[0] == top[0]) > 1:
        return None  # two people share the first name, two bodies a word: do not guess
    return top[-1]


_LETTERS = re.compile(r"[^\W\d_]")
_NAME_PARTS = re.compile(r"[\s\-‐–]+")


@lru_cache(maxsize=50_000)
def _doubtful(text: str, base: str) -> bool:
    """Whether a mention's base form may be wrong: a word Morfeusz does not know was guessed
    ("Zuckerberga"), or the form was kept although a word of it cannot be a nominative
    ("Wielka Brytanią", a slip of the writer)."""
    words = [w for w in text.split() if _LETTERS.search(w) and not w.isupper()]
    for w in words:
        forms = nominal_forms(w.strip(".,\"'„”()"))
        if not forms or (base == text and not any("nom" in f.cases for f in forms)):
            return True
    return False


@lru_cache(maxsize=50_000)
def _number(word: str) -> frozenset[str]:
    """The grammatical numbers a word's readings allow ("Wspólnot": pl; "Kuby": sg and pl)."""
    return frozenset(n for r in analyses(word) for part in r.tag.split(":")[1:2] for n in part.split(".")
                     if n in ("sg", "pl"))


@lru_cache(maxsize=20_000)
def _kb_names_by_lemmas(entry: KBEntry) -> dict[str, str]:
    """Lemma key (``lemma_keys``) → the entry's name with that key; a key two names share is left out."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for name in sorted(entry.names()):
        for key in lemma_keys(name):
            if out.setdefault(key, name) != name:
                shared.add(key)
    return {k: v for k, v in out.items() if k not in shared}


def _kb_base(names: _EntryNames, base: str, text: str, type_: str) -> str | None:
    """The KB name a mention of the entry takes as its base form, if any.

    The knowledge base lists base forms: a mention written as one of its entity's names is that
    name ("Angara" the rocket, not a form of "Angar"). So is a mention whose words are those of one
    of its names up to inflection, whatever base form the rules gave it ("Kuby" is Kuba, not the
    plural "Kuby"; "Republiki Południowej Afryki" keeps its genitive complement)."""
    if name_key(base) in names.by_key:
        return None
    kb_name = names.by_key.get(name_key(text))
    # Not for "Włochów" (PER: Włosi, not Włochy), "w Brytanii", acronyms ("FB" is no "Facebook").
    if kb_name is None and names.entry.type == type_ and \
            text[:1].isupper() and not any(w.isupper() for w in text.split()):
        by_lemmas = _kb_names_by_lemmas(names.entry)
        found = {by_lemmas[k] for k in lemma_keys(text) if k in by_lemmas}
        kb_name = found.pop() if len(found) == 1 else None
        if kb_name and _number(kb_name.split()[0]) - _number(text.split()[0]) == {"sg"}:
            kb_name = None  # a plural is not the singular name: "Wspólnot" stays Wspólnoty
    return kb_name or None


# Per (entry, base form, text, type): the same inflected forms of the same KB names recur across
# documents, and the lemma test costs Morfeusz look-ups.
@lru_cache(maxsize=100_000)
def _kb_reading(names: _EntryNames, base: str, text: str, type_: str) -> tuple[str, bool]:
    """A KB mention's base form (``_kb_base``, else its own) and whether it is doubtful, at once."""
    base = _kb_base(names, base, text, type_) or base
    return base, _doubtful(text, base)


@lru_cache(maxsize=50_000)
def _kb_spelling(names: _EntryNames, key: str, base_key: str) -> str | None:
    """The one KB name of the entry that a doubtful mention (text key ``key``, base form key
    ``base_key``) is a form of, when its base form is none of the entry's names."""
    if base_key in names.by_key:
        return None
    in_kb = {k for k in names.by_key if k not in (key, base_key) and _stem_match(key, k)}
    return names.by_key[in_kb.pop()] if len(in_kb) == 1 else None


def reconcile_bases(mentions: list[Mention], pairs: list[tuple[int, _Cluster]]) -> list[str]:
    """One entity, one base form per spelling: a doubtful base form gives way to a nominative the
    document itself writes for the same entity, word by word the same name up to case endings
    ("Marka Zuckerberga" → "Mark Zuckerberg" when the text also has "Mark Zuckerberg"), or to
    a knowledge-base name of it ("Financial Timesa" → "Financial Times")."""
    bases = [m.base for m in mentions]
    members: dict[_Cluster, list[int]] = {}
    for i, c in pairs:
        idx = members.get(c)
        if idx is None:
            members[c] = [i]
        else:
            idx.append(i)
    for c, idx in members.items():
        names = c.names
        if names is None:
            if len(idx) == 1 or not any(mentions[i].base == mentions[i].text for i in idx):
                continue  # nothing in the document to correct a base form by
            doubtful = [i for i in idx if _doubtful(mentions[i].text, bases[i])]
        else:
            doubtful = []
            for i in idx:
                m = mentions[i]
                bases[i], doubt = _kb_reading(names, m.base, m.text, m.type)
                if doubt:
                    doubtful.append(i)
        if doubtful:
            _correct_doubtful(mentions, bases, c, idx, doubtful)
    return bases


def _correct_doubtful(mentions: list[Mention], bases: list[str], c: _Cluster, idx: list[int],
                      doubtful: list[int]) -> None:
    """The doubtful base forms of one cluster's mentions (``idx``) take a name written in the
    nominative: the KB's, the document's own, or the surname of a full name."""
    attested = {mentions[i].text for i in idx if mentions[i].base == mentions[i].text}
    if c.entry is not None:
        attested.update(c.entry.names())
    by_key = {name_key(a): a for a in sorted(attested)}
    # The knowledge base's own spelling outranks the document's: a guessed "Theresy May" also
    # stands in the text as written, which would keep it as its own base form.
    # A surname alone ("Mulooka") takes the last word of the full name written in the nominative.
    # ("Saif-ul-Mulook" → "Mulook": hyphens part a name too.)
    parts_of = [_NAME_PARTS.split(a) for a in attested] if c.type == "PER" else []
    surnames = {name_key(parts[-1]): parts[-1] for parts in parts_of if len(parts) > 1}
    for i in doubtful:
        m = mentions[i]
        key, base_key = name_key(m.text), name_key(bases[i])
        kb_name = _kb_spelling(c.names, key, base_key) if c.names is not None else None
        if kb_name is not None:
            bases[i] = kb_name
            continue
        found = {k for k in by_key if k not in (key, base_key) and _stem_match(key, k)}
        if len(found) == 1 and base_key not in by_key:
            bases[i] = by_key[found.pop()]
        elif not found and " " not in key and base_key not in surnames:
            # Never a longer form for a shorter one: "Javid" is no "Javida".
            last = {k for k in surnames if k != key and len(k) <= len(key) and _word_match(key, k)}
            if len(last) == 1:
                bases[i] = surnames[last.pop()]


class EntityLinker:
    """Sets ``Mention.entity_id`` and fills ``doc.entities`` from the mentions of one document."""

    name = "link"
    version = "1"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("entities",)

    def __init__(self, settings: object | None = None) -> None:
        self.kb = load_kb()

    def __call__(self, doc: Document) -> Document:
        pairs = cluster_mentions(doc.mentions, self.kb, doc.text)
        bases = reconcile_bases(doc.mentions, pairs)
        entities: dict[str, tuple[str, str, str | None]] = {}  # id → type, name, KB id
        aliases: dict[str, set[str]] = defaultdict(set)
        ids: dict[_Cluster, str] = {}
        # Once per cluster, in the order of first mentions: its name and aliases do not change any more.
        for c in dict.fromkeys(c for _, c in pairs):
            name = c.name()
            eid = ids[c] = c.entry.id if c.entry is not None else fallback_id(c.type, name)
            aliases[eid].update(c.bases, c.texts)
            if eid not in entities:
                entities[eid] = (c.type, name, c.entry.id if c.entry else None)
        # The fast constructor, not dataclasses.replace: this runs once per mention. ``pairs`` is in
        # mention order.
        doc.mentions = [new_mention(m.start, m.end, m.text, m.type, base, ids[c])
                        for m, base, (_, c) in zip(doc.mentions, bases, pairs, strict=True)]
        doc.entities = {eid: Entity(eid, type_, name, frozenset(aliases[eid] - {name}), kb_id)
                        for eid, (type_, name, kb_id) in entities.items()}
        return doc


def unify_run(docs: list[Document]) -> dict[str, str]:
    """Run-level id merges for a batch of documents (used by ``bsnlp predict``): a one-word
    person id ("per:johnson") → the one full name in the run that ends with it ("per:boris-johnson");
    the same non-KB name typed differently in two documents → its most frequent type's id.
    Returns old id → new id; apply with ``relabel``."""
    kb_ids = {e.id for e in load_kb().entries}
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for doc in docs:
        for m in doc.mentions:
            if m.entity_id:
                counts[m.entity_id] += 1
        for e in doc.entities.values():
            names.setdefault(e.id, e.name)
    mapping: dict[str, str] = {}
    by_slug: dict[str, list[str]] = defaultdict(list)
    kb_by_slug: dict[str, list[str]] = defaultdict(list)
    for eid in kb_ids:
        kb_by_slug[_bare_slug(eid)].append(eid)
    for eid in counts:
        if eid not in kb_ids:
            by_slug[_bare_slug(eid)].append(eid)
    for slug_, ids in by_slug.items():
        known = kb_by_slug.get(slug_, [])
        if len(known) == 1:
            # A KB name typed otherwise in some documents ("Financial Times" read as a person).
            mapping.update({x: known[0] for x in ids})
        elif len(ids) > 1:
            top = max(ids, key=lambda x: counts[x])
            mapping.update({x: top for x in ids if x != top})
    # One name, two base-form guesses in two documents ("Asii Bibi" / "Asia Bibi"): join ids whose
    # names match word by word up to case endings. Buckets by word prefixes keep this linear.
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for eid in counts:
        if eid in kb_ids or eid in mapping or eid not in names:
            continue
        words = name_key(names[eid]).split()
        buckets[(eid.split(":", 1)[0], tuple(w[:3] for w in words))].append(eid)
    for ids in buckets.values():
        ids.sort(key=lambda x: -counts[x])
        for i, eid in enumerate(ids):
            if eid in mapping:
                continue
            for other in ids[i + 1:]:
                if other not in mapping and _stem_match(name_key(names[eid]), name_key(names[other])):
                    mapping[other] = eid
    _join_spellings(names, counts, kb_ids, mapping)
    surnames: dict[str, set[str]] = defaultdict(set)
    for eid, name in names.items():
        if eid.startswith("per:"):
            words = name_key(name).split()
            if len(words) >= 2:
                surnames[words[-1]].add(mapping.get(eid, eid))
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for sur in surnames:
        by_prefix[sur[:3]].append(sur)
    for eid, name in names.items():
        words = name_key(name).split()
        if not eid.startswith("per:") or eid in kb_ids or len(words) != 1 or len(words[0]) < 3:
            continue
        targets = set().union(*(surnames[sur] for sur in by_prefix[words[0][:3]] if _word_match(words[0], sur)))
        if len(targets) == 1:
            mapping[eid] = next(iter(targets))
    _join_acronyms(docs, kb_ids, mapping)
    return mapping


def _join_spellings(names: dict[str, str], counts: Counter[str], kb_ids: set[str],
                    mapping: dict[str, str]) -> None:
    """One foreign name spelled two ways in two documents ("Rebecca Bitrus" / "Rebbecca Bitrus",
    "Salman Taseer" / "Salman Taster", "Ittanwali" / "Itanwali"): the ids join when the names have
    the same number of words and differ in one word, one edit apart, unknown to Morfeusz in both
    spellings and at least SPELLING_MIN_CHARS long. Known words never join ("Kowalczyk" /
    "Kowalczuk"). The rarer spelling takes the more frequent one's id.

    Linear in the names: two words one edit apart share a form with one letter deleted ("rebecca"
    and "rebbecca" both give "rebcca"), so names are only compared when they share such a key."""
    candidates: dict[tuple, list[str]] = defaultdict(list)
    ids = sorted((eid for eid in counts if eid not in kb_ids and eid not in mapping and eid in names),
                 key=lambda x: (-counts[x], x))
    for eid in ids:
        kind, words = eid.split(":", 1)[0], names[eid].split()
        for p, word in enumerate(words):
            if len(word) < SPELLING_MIN_CHARS or not _unknown(word):
                continue
            rest = (kind, tuple(words[:p]), tuple(words[p + 1 :]))
            low = word.lower()
            for d in {low, *(low[:i] + low[i + 1 :] for i in range(len(low)))}:
                candidates[(rest, d)].append(eid)
    # A group lists its ids by frequency, and the groups come in the order of their first id: an id
    # is joined to a more frequent one before it could take another id itself, so no chains form.
    for group in candidates.values():
        for i, eid in enumerate(group[:-1]):
            if eid in mapping:
                continue
            for other in group[i + 1 :]:
                if other not in mapping and _spelling_variant(names[eid].split(), names[other].split()):
                    mapping[other] = eid


SPELLING_MIN_CHARS = 6  # shorter foreign words one edit apart are too often two names ("Khan" / "Kahn")


def _spelling_variant(a: list[str], b: list[str]) -> bool:
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    return min(len(x), len(y)) >= SPELLING_MIN_CHARS and _one_edit(x.lower(), y.lower()) \
        and _unknown(x) and _unknown(y)


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one insertion, deletion, substitution or swap of
    neighbours apart."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    return a[i + 1:] == b[i + 1:] or swapped


@lru_cache(maxsize=10_000)
def _unknown(word: str) -> bool:
    return all(r.tag == "ign" for r in analyses(word))


def _bare_slug(eid: str) -> str:
    """The id without its type and an English article: "pro:the-guardian" → "guardian"."""
    slug_ = eid.split(":", 1)[1]
    return slug_[4:] if slug_.startswith("the-") else slug_


def _join_acronyms(docs: list[Document], kb_ids: set[str], mapping: dict[str, str]) -> None:
    """An acronym alone in one document ("org:tlp") is the name it stood beside in another
    ("Tehreek-e-Labbaik Pakistan (TLP)"), when the run pairs it with one name only."""
    expansions: dict[str, set[str]] = defaultdict(set)  # acronym id → final ids of names it was beside
    alone: set[str] = set()
    for doc in docs:
        for e in doc.entities.values():
            if e.id in kb_ids:
                continue
            if _acronym(e.name):
                alone.add(e.id)
                continue
            for alias in e.aliases:
                if _acronym(alias) and _abbreviates(alias, e.name):
                    expansions[fallback_id(e.type, alias)].add(mapping.get(e.id, e.id))
    for eid in alone:
        targets = expansions.get(eid, set()) - {eid}
        if len(targets) == 1 and eid not in mapping:
            mapping[eid] = targets.pop()


def relabel(doc: Document, mapping: dict[str, str]) -> Document:
    """Apply an id mapping from ``unify_run`` to a document's mentions and entities."""
    if not mapping:
        return doc
    doc.mentions = [dataclasses.replace(m, entity_id=mapping.get(m.entity_id, m.entity_id)) for m in doc.mentions]
    merged: dict[str, Entity] = {}
    for e in doc.entities.values():
        new = mapping.get(e.id, e.id)
        if new in merged:
            old = merged[new]
            merged[new] = dataclasses.replace(old, aliases=old.aliases | e.aliases | {e.name})
        else:
            merged[new] = dataclasses.replace(e, id=new)
    doc.entities = merged
    return doc
