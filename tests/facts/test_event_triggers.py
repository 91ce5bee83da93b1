"""Which trigger words make events: generic words need their context; one event per type and predicate."""

from __future__ import annotations

import pytest

from kronika.facts.event_lexicon import sentence_lemmas, trigger_of
from kronika.facts.event_triggers import candidates, choose
from kronika.model import Document
from kronika.pipeline import build_pipeline, process


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(["segment", "morphology", "mentions", "link"])


def _types(pipeline, text: str) -> list[tuple[str, str]]:
    doc = process(pipeline, Document.create(text)).doc
    tokens = doc.tokens
    hits = [trigger_of(t.text) for t in tokens]
    found = choose(candidates(tokens, sentence_lemmas(tokens), doc.mentions, None, hits), tokens)
    return [(tokens[i].text, etype) for i, _, etype in found]


@pytest.mark.parametrize("text,expected", [
    ("Korea Północna przeprowadziła test pocisku balistycznego.", [("test", "MILITARY_EXERCISE")]),
    ("Test na obecność wirusa dał wynik negatywny.", []),
    ("Ogromne straty wśród żołnierzy.", [("straty", "CASUALTIES")]),
    ("Strata netto spółki wzrosła.", []),
    ("Pjongjang wysłał do Rosji pociski.", [("wysłał", "ARMS_TRANSFER")]),
    ("Pjongjang wysłał do Rosji saperów.", [("wysłał", "DEPLOYMENT")]),
    ("Urzędnik wysłał list do ministra.", []),
    ("Koncern zwiększył eksport stali.", []),
    ("Putin podpisał dekret.", [("dekret", "DIRECTIVE")]),
    ("Putin zapowiedział wizytę w Pjongjangu.", [("wizytę", "VISIT")]),
])
def test_event_triggers_need_their_context(pipeline, text, expected):
    assert _types(pipeline, text) == expected


def test_event_triggers_two_predicates_of_one_type_are_two_events(pipeline):
    found = _types(pipeline, "Traktat podpisany w czerwcu, a ratyfikowany w listopadzie.")
    assert found == [("podpisany", "AGREEMENT"), ("ratyfikowany", "AGREEMENT")]
