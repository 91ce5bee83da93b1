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
from collections import Counter, defaultdict
from collections.abc import Iterable

from kronika.entities.kb import KBEntry, KnowledgeBase, load_kb
from kronika.entities.keys import name_key, slug
from kronika.model import Document, Entity, Mention

_MIN_STEM = 4  # shorter keys are too ambiguous for prefix matching ("Un", "May")
_MAX_SUFFIX = 3  # Polish case endings: -a, -owi, -em, -ach


def fallback_id(type_: str, base: str) -> str:
    """Id of an entity the KB lacks: "PER", "Jan Kowalski" → "per:jan-kowalski"."""
    return f"{type_.lower()}:{slug(base)}"


def kb_entry(kb: KnowledgeBase, m: Mention) -> KBEntry | None:
    """The KB entry a mention names: by base form, then surface, the mention's type first;
    a nationality noun (PER) gives its country. "Korei Północnej" (LOC, base "Korea Północna") → Korea Północna."""
    for name in dict.fromkeys((m.base, m.text)):
        e = kb.lookup(name, m.type)
        if e is not None:
            return e
    if m.type == "PER":
        e = kb.demonym(m.base) or kb.demonym(m.text)
        if e is not None:
            return e
    # The recognizer may call BBC an ORG where the KB says PRO; the id matters more than the type.
    for name in dict.fromkeys((m.base, m.text)):
        found = kb.candidates(name)
        if found and (m.type != "PER") == (found[0].type != "PER"):
            return found[0]
    return None


def _initials(key: str) -> str:
    words = [w for w in key.split() if w not in {"i", "w", "z", "na", "do", "ds", "of", "the", "and"}]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _stem_match(a: str, b: str) -> bool:
    """Same name with another case ending: "johnsona" ~ "johnson" (the base form guess failed)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= _MIN_STEM and long_.startswith(short[:-1] if len(short) > _MIN_STEM else short) \
        and len(long_) - len(short) <= _MAX_SUFFIX and " " not in long_[len(short) - 1:]


class _Cluster:
    __slots__ = ("type", "keys", "bases", "texts", "entry", "count")

    def __init__(self, type_: str, entry: KBEntry | None) -> None:
        self.type = type_
        self.keys: set[str] = set()
        self.bases: Counter[str] = Counter()
        self.texts: set[str] = set()
        self.entry = entry
        self.count = 0

    def name(self) -> str:
        if self.entry is not None:
            return self.entry.name
        # The longest base form is the full name; ties go to the most frequent spelling.
        return max(self.bases, key=lambda b: (len(b.split()), self.bases[b], len(b)))

    def id(self) -> str:
        return self.entry.id if self.entry is not None else fallback_id(self.type, self.name())


def cluster_mentions(mentions: list[Mention], kb: KnowledgeBase) -> list[tuple[int, _Cluster]]:
    """(mention index, cluster) for every mention; clusters are this document's entities."""
    clusters: list[_Cluster] = []
    by_kb: dict[str, _Cluster] = {}
    by_key: dict[tuple[str, str], _Cluster] = {}
    assigned: dict[int, _Cluster] = {}
    pending: list[int] = []
    for i, m in enumerate(mentions):
        entry = kb_entry(kb, m)
        if entry is not None:
            c = by_kb.get(entry.id)
            if c is None:
                c = by_kb[entry.id] = _Cluster(entry.type, entry)
                clusters.append(c)
            assigned[i] = c
            _note(c, m)
        else:
            pending.append(i)
    # Full names first, so a short form finds the name it abbreviates.
    pending.sort(key=lambda i: (-len(name_key(mentions[i].base).split()), i))
    for i in pending:
        m = mentions[i]
        key = name_key(m.base) or name_key(m.text)
        c = by_key.get((m.type, key)) or _attach(m, key, clusters)
        if c is None:
            c = _Cluster(m.type, None)
            clusters.append(c)
        by_key[(m.type, key)] = c
        assigned[i] = c
        _note(c, m)
    return [(i, assigned[i]) for i in range(len(mentions))]


def _note(c: _Cluster, m: Mention) -> None:
    """Record a mention in its cluster at once, so later short forms can find it."""
    c.keys.add(name_key(m.base))
    c.bases[m.base] += 1
    c.texts.add(m.text)
    c.count += 1


def _cluster_keys(c: _Cluster) -> Iterable[str]:
    if c.entry is not None:
        yield from (name_key(n) for n in c.entry.names())
    yield from c.keys


def _attach(m: Mention, key: str, clusters: list[_Cluster]) -> _Cluster | None:
    """The cluster a short, partial or inflected form belongs to, if exactly one fits best."""
    words = key.split()
    best: list[tuple[int, int, _Cluster]] = []
    for order, c in enumerate(clusters):
        if (c.type == "PER") != (m.type == "PER"):
            continue
        for full in _cluster_keys(c):
            fw = full.split()
            rank = None
            if _stem_match(key, full):
                rank = 0
            elif len(words) == 1 and len(fw) >= 2:
                w = words[0]
                if m.type == "PER" and len(w) >= 2 and any(_stem_match(w, x) for x in fw):
                    rank = 1 if _stem_match(w, fw[-1]) else 2  # a surname first, then a first name
                elif m.type != "PER" and _stem_match(w, fw[0]) and len(w) >= _MIN_STEM:
                    rank = 3  # "Komisja" → "Komisja Europejska"
                elif m.text.isupper() and 2 <= len(w) <= 6 and w == _initials(full):
                    rank = 1  # acronym of a name in the same document
            if rank is not None:
                best.append((rank, order, c))
                break
    if not best:
        return None
    best.sort(key=lambda t: (t[0], t[1]))
    top = [c for r, _o, c in best if r == best[0][0]]
    if len({id(c) for c in top}) > 1 and best[0][0] >= 2:
        return None  # two people share the first name: do not guess
    return best[0][2]


class EntityLinker:
    """Sets ``Mention.entity_id`` and fills ``doc.entities`` from the mentions of one document."""

    name = "link"
    version = "1"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("entities",)

    def __init__(self, settings: object | None = None) -> None:
        self.kb = load_kb()

    def __call__(self, doc: Document) -> Document:
        pairs = cluster_mentions(doc.mentions, self.kb)
        entities: dict[str, Entity] = {}
        aliases: dict[str, set[str]] = defaultdict(set)
        mentions = list(doc.mentions)
        for i, c in pairs:
            eid = c.id()
            mentions[i] = dataclasses.replace(mentions[i], entity_id=eid)
            aliases[eid].update(c.bases)
            aliases[eid].update(c.texts)
            if eid not in entities:
                entities[eid] = Entity(eid, c.type, c.name(), kb_id=c.entry.id if c.entry else None)
        doc.mentions = mentions
        doc.entities = {eid: dataclasses.replace(e, aliases=frozenset(aliases[eid] - {e.name}))
                        for eid, e in entities.items()}
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
    for eid in counts:
        if eid not in kb_ids:
            by_slug[eid.split(":", 1)[1]].append(eid)
    for ids in by_slug.values():
        if len(ids) > 1:
            top = max(ids, key=lambda x: counts[x])
            mapping.update({x: top for x in ids if x != top})
    surnames: dict[str, set[str]] = defaultdict(set)
    for eid, name in names.items():
        if eid.startswith("per:"):
            words = name_key(name).split()
            if len(words) >= 2:
                surnames[words[-1]].add(mapping.get(eid, eid))
    for eid, name in names.items():
        words = name_key(name).split()
        if eid.startswith("per:") and eid not in kb_ids and len(words) == 1 and len(surnames[words[0]]) == 1:
            mapping[eid] = next(iter(surnames[words[0]]))
    return mapping


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
