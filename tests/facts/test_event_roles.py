"""Roles from mentions: subjects and their conjuncts, passive agents, places under prepositions."""

from __future__ import annotations

import pytest

from kronika.facts.event_roles import build_roles, governing_preposition
from kronika.model import Document
from kronika.pipeline import build_pipeline, process


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(["segment", "morphology", "mentions", "link"])


def _roles(pipeline, text: str, trigger: str, etype: str) -> dict[str, list[str]]:
    doc = process(pipeline, Document.create(text)).doc
    tok = next(t for t in doc.tokens if t.text == trigger)
    out: dict[str, list[str]] = {}
    for r in build_roles(etype, tok, doc.tokens, doc.mentions, set(), doc.text):
        out.setdefault(r.name, []).append(r.text)
    return out


def test_event_roles_coordinated_subjects_are_all_agents(pipeline):
    roles = _roles(pipeline, "Rosja i Korea Północna podpisały traktat.", "podpisały", "AGREEMENT")
    assert roles["agent"] == ["Rosja", "Korea Północna"]


def test_event_roles_passive_agent_is_the_przez_phrase(pipeline):
    roles = _roles(pipeline, "Traktat został podpisany przez Władimira Putina w Pjongjangu.", "podpisany",
                   "AGREEMENT")
    assert roles["agent"] == ["Władimira Putina"] and roles["place"] == ["Pjongjangu"]


def test_event_roles_a_place_is_no_agent(pipeline):
    roles = _roles(pipeline, "W obwodzie kurskim zginęło 200 żołnierzy.", "zginęło", "CASUALTIES")
    assert "agent" not in roles


def test_event_roles_preposition_before_a_place_head(pipeline):
    doc = process(pipeline, Document.create("Zakłady w prowincji Jagang i w poniedziałek Kim.")).doc
    jagang = next(t for t in doc.tokens if t.text == "Jagang")
    kim = next(t for t in doc.tokens if t.text == "Kim")
    assert governing_preposition(doc.tokens, jagang.start) == "w"
    assert governing_preposition(doc.tokens, kim.start) == ""
