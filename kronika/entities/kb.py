"""The bundled knowledge base of this domain: entities with stable ids, Polish names and aliases.

The data lives in ``kronika/data/kb/entities.yaml`` (format documented at the top of that file)
so an analyst can add an entity without touching code. Lookup is by spelling-insensitive key
(see ``keys.name_key``) over the name, the aliases and the demonyms:

>>> kb = load_kb()
>>> kb.lookup("KRLD").name
'Korea Północna'
>>> kb.lookup("Северная Корея").id
'loc:korea-polnocna'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kronika.entities.keys import name_key
from kronika.errors import InputError
from kronika.model.mentions import ENTITY_TYPES

DEFAULT_KB = Path(__file__).resolve().parents[1] / "data" / "kb" / "entities.yaml"
_FIELDS = {"id", "type", "name", "aliases", "demonyms", "wikidata", "note"}


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One entity: id "per:siergiej-szojgu", type PER, name "Siergiej Szojgu", aliases ("Szojgu", "Шойгу", …)."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # "Rosjanie", "Rosjanin": BSNLP links nationality nouns to the country
    wikidata: str | None = None

    def names(self) -> tuple[str, ...]:
        """The name first, then every alias."""
        return (self.name, *self.aliases)


class KnowledgeBase:
    """Entries plus key indexes. Within one type a key names one entry (checked at load);
    across types a key may repeat ("Kreml" could be the building or the administration)."""

    def __init__(self, entries: Iterable[KBEntry], path: str = "<memory>") -> None:
        self.entries: tuple[KBEntry, ...] = tuple(entries)
        self.path = path
        self.by_id: dict[str, KBEntry] = {}
        self._by_key: dict[str, list[KBEntry]] = {}
        self._demonym: dict[str, KBEntry] = {}
        for e in self.entries:
            if e.id in self.by_id:
                raise InputError(path, e.id, "duplicate id", "give every entry its own id")
            self.by_id[e.id] = e
            for alias in e.names():
                self._add(self._by_key, name_key(alias), e, alias)
            for dem in e.demonyms:
                key = name_key(dem)
                other = self._demonym.get(key)
                if other is not None and other.id != e.id:
                    raise InputError(path, e.id, f"demonym {dem!r} is also listed under {other.id}",
                                     "keep each demonym in one entry")
                self._demonym[key] = e

    def _add(self, index: dict[str, list[KBEntry]], key: str, e: KBEntry, alias: str) -> None:
        if not key:
            raise InputError(self.path, e.id, f"alias {alias!r} is empty after normalisation", "remove it")
        bucket = index.setdefault(key, [])
        for other in bucket:
            if other.id == e.id:
                return
            if other.type == e.type:
                raise InputError(self.path, e.id, f"alias {alias!r} also names {other.id} of the same type",
                                 "remove the alias from one of the two entries")
        bucket.append(e)

    def lookup(self, name: str, type: str | None = None) -> KBEntry | None:
        """The entry named ``name`` (any alias, any case, with or without diacritics).

        "krld" → Korea Północna. With ``type`` only entries of that type match; without it the
        first-listed entry wins when several types share the key.
        """
        bucket = self._by_key.get(name_key(name), ())
        for e in bucket:
            if type is None or e.type == type:
                return e
        return None

    def candidates(self, name: str) -> tuple[KBEntry, ...]:
        """Every entry (of any type) that ``name`` names: "Kreml" → the administration."""
        return tuple(self._by_key.get(name_key(name), ()))

    def demonym(self, word: str) -> KBEntry | None:
        """The place a nationality noun belongs to: "Koreańczycy" → None (ambiguous), "Rosjanie" → Rosja."""
        return self._demonym.get(name_key(word))

    def alias_index(self) -> dict[str, KBEntry]:
        """Normalised alias → entry, for gazetteer matching (first-listed entry on a cross-type clash)."""
        return {key: bucket[0] for key, bucket in self._by_key.items()}

    def __len__(self) -> int:
        return len(self.entries)


def _strings(value: object, path: str, eid: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise InputError(path, eid, f"{field!r} must be a list of non-empty strings", f"write {field}: [a, b]")
    return tuple(x.strip() for x in value)


def parse_entries(raw: object, path: str) -> list[KBEntry]:
    """Validate the YAML structure; every error names the file and the entry id (or position)."""
    if not isinstance(raw, list):
        raise InputError(path, None, "the knowledge base must be a YAML list of entries", "start entries with '- id:'")
    out: list[KBEntry] = []
    for i, item in enumerate(raw):
        where = f"entry {i + 1}"
        if not isinstance(item, dict):
            raise InputError(path, where, "entry is not a mapping", "write 'id:', 'type:', 'name:' keys")
        eid = str(item.get("id") or "")
        where = eid or where
        unknown = set(item) - _FIELDS
        if unknown:
            raise InputError(path, where, f"unknown keys {sorted(unknown)}", f"allowed keys: {sorted(_FIELDS)}")
        typ = item.get("type")
        if typ not in ENTITY_TYPES:
            raise InputError(path, where, f"type {typ!r} is not one of {ENTITY_TYPES}", "fix the type")
        if not eid or not eid.startswith(f"{typ.lower()}:"):
            raise InputError(path, where, f"id {eid!r} must start with '{typ.lower()}:'", "e.g. loc:korea-polnocna")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(path, where, "missing 'name' (Polish base form)", "add name: …")
        wd = item.get("wikidata")
        if wd is not None and not (isinstance(wd, str) and wd.startswith("Q") and wd[1:].isdigit()):
            raise InputError(path, where, f"wikidata {wd!r} is not a Q-id", "write e.g. wikidata: Q423 or leave it out")
        out.append(KBEntry(eid, typ, name.strip(), _strings(item.get("aliases"), path, where, "aliases"),
                           _strings(item.get("demonyms"), path, where, "demonyms"), wd))
    return out


def read_kb(path: Path) -> KnowledgeBase:
    """Load and validate one YAML file (uncached; use ``load_kb`` in code)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(str(path), None, f"cannot read the knowledge base: {e.strerror}", "check the path") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise InputError(str(path), where, f"invalid YAML: {getattr(e, 'problem', e)}", "fix the syntax") from e
    return KnowledgeBase(parse_entries(raw, str(path)), str(path))


@lru_cache(maxsize=8)
def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """The knowledge base at ``path`` (default: the bundled one), loaded once per process."""
    return read_kb(Path(path) if path else DEFAULT_KB)
