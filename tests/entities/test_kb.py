"""The bundled knowledge base: valid entries, spelling-insensitive lookup in every language."""

from __future__ import annotations

import pytest

from kronika.entities.kb import KnowledgeBase, load_kb, parse_entries, read_kb
from kronika.entities.keys import name_key, slug
from kronika.errors import InputError
from kronika.model.mentions import ENTITY_TYPES


def test_kb_loads_with_valid_unique_entries():
    kb = load_kb()
    assert len(kb) >= 150
    ids = [e.id for e in kb.entries]
    assert len(ids) == len(set(ids))
    for e in kb.entries:
        assert e.type in ENTITY_TYPES
        assert e.id.startswith(e.type.lower() + ":")
        assert e.name.strip() == e.name
        assert e.wikidata is None or (e.wikidata.startswith("Q") and e.wikidata[1:].isdigit())


def test_kb_no_alias_names_two_entries_of_one_type():
    seen: dict[tuple[str, str], str] = {}
    for e in load_kb().entries:
        for alias in e.names():
            key = (e.type, name_key(alias))
            assert seen.setdefault(key, e.id) == e.id, f"{alias!r}: {seen[key]} and {e.id}"


@pytest.mark.parametrize(("name", "expected"), [
    ("KRLD", "loc:korea-polnocna"),
    ("Ludowo-Demokratyczna Republika Korei", "loc:korea-polnocna"),
    ("korea polnocna", "loc:korea-polnocna"),  # typed without Polish letters
    ("North Korea", "loc:korea-polnocna"),
    ("Северная Корея", "loc:korea-polnocna"),
    ("КНДР", "loc:korea-polnocna"),
    ("Північна Корея", "loc:korea-polnocna"),
    ("Chosŏn", "loc:korea-polnocna"),
    ("Federacja Rosyjska", "loc:rosja"),
    ("Шойгу", "per:siergiej-szojgu"),
    ("Kim Jong-un", "per:kim-dzong-un"),
    ("Gerań-2", "pro:shahed-136"),
    ("geran 2", "pro:shahed-136"),
    ("obwód kurski", "loc:obwod-kurski"),
    ("HUR", "org:hur"),
])
def test_kb_lookup_finds_alias_in_each_language(name, expected):
    entry = load_kb().lookup(name)
    assert entry is not None and entry.id == expected


def test_kb_lookup_respects_type_and_misses_unknown():
    kb = load_kb()
    assert kb.lookup("Rosja", "PER") is None
    assert kb.lookup("Rosja", "LOC").name == "Rosja"
    assert kb.lookup("Korea") is None  # ambiguous on purpose: left to the linker
    assert kb.lookup("Zupełnie Nieznana Osoba") is None


def test_kb_demonym_links_nationality_to_country():
    kb = load_kb()
    assert kb.demonym("Rosjanie").id == "loc:rosja"
    assert kb.demonym("Brytyjczyk").id == "loc:wielka-brytania"
    assert kb.demonym("Moskwa") is None


def test_kb_alias_index_covers_every_name():
    kb = load_kb()
    index = kb.alias_index()
    for e in kb.entries:
        for alias in e.names():
            assert name_key(alias) in index


def test_kb_rejects_alias_clash_within_type():
    raw = [{"id": "loc:a", "type": "LOC", "name": "Aaa", "aliases": ["X"]},
           {"id": "loc:b", "type": "LOC", "name": "Bbb", "aliases": ["x"]}]
    with pytest.raises(InputError, match="also names loc:a"):
        KnowledgeBase(parse_entries(raw, "kb.yaml"), "kb.yaml")


def test_kb_rejects_bad_type_and_names_the_entry(tmp_path):
    p = tmp_path / "kb.yaml"
    p.write_text("- id: xyz:a\n  type: XYZ\n  name: A\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"kb.yaml:xyz:a: type 'XYZ'"):
        read_kb(p)
    p.write_text("- id: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML"):
        read_kb(p)


def test_keys_slug_is_ascii_and_stable():
    assert slug("Siergiej Szojgu") == "siergiej-szojgu"
    assert slug("Łódź") == "lodz"
    assert slug("Путин") == "putin"
    assert name_key("Hwasong-11") == name_key("HWASONG 11")
