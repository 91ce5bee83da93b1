"""Events on golden cases of our own sentences, plus unit tests on hand-built documents."""

from __future__ import annotations

import pytest
import yaml

from kronika.facts.certainty import certainty_of
from kronika.facts.events import EventExtractor, trigger_of
from kronika.model import Certainty, Document, Source
from kronika.model.events import EVENT_TYPES
from kronika.pipeline import build_pipeline, process
from tests.conftest import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "cases" / "events.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_events_golden_cases(case, pipeline):
    result = process(pipeline, Document.create(case["text"], source=Source(published=case.get("published"))))
    doc = result.doc
    got = {(e.type, doc.text[e.trigger[0]:e.trigger[1]]): e for e in doc.events}
    if not case["expect"]:
        assert not doc.events, [(e.type, e.trigger) for e in doc.events]
    for exp in case["expect"]:
        key = (exp["type"], exp["trigger"])
        assert key in got, f"{key} not in {list(got)}"
        ev = got[key]
        assert ev.certainty.value == exp["certainty"], (ev.certainty, exp)
        if "time" in exp:
            assert ev.time is not None and ev.time.value == str(exp["time"]), (ev.time, exp)
        for role in ("agent", "recipient", "partner", "place"):
            if role in exp:
                texts = [r.text for r in ev.roles if r.name == role]
                assert exp[role] in texts, (role, texts, ev.roles)
        if "attribution" in exp:
            assert ev.attribution is not None and exp["attribution"] in ev.attribution.source_name


def test_events_types_table_is_complete():
    assert {"MEETING", "VISIT", "AGREEMENT", "ARMS_TRANSFER", "TECH_TRANSFER", "DEPLOYMENT", "PRODUCTION",
            "CASUALTIES", "DIRECTIVE", "STATEMENT", "SANCTION", "MILITARY_EXERCISE"} <= set(EVENT_TYPES)
    for t in EVENT_TYPES.values():
        assert t.definition and t.roles


def test_events_trigger_lookup_uses_every_reading():
    assert trigger_of("wyśle") == ("wysłać", "DEPLOYMENT")
    assert trigger_of("rozmowach")[1] == "MEETING"
    assert trigger_of("kot") is None


def test_events_certainty_negation_only_next_to_trigger(make_doc):
    doc = make_doc("Rosja nie ukrywa, że Korea dostarczyła pociski.")
    idx = next(i for i, t in enumerate(doc.tokens) if t.text == "dostarczyła")
    assert certainty_of(doc.tokens, idx, False) is Certainty.ASSERTED


def test_events_offsets_valid_on_seed_articles(seeds_dir, pipeline):
    from kronika.ingest import read_path

    n = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        for doc in read_path(str(path)):
            doc = process(pipeline, doc).doc
            doc.check()
            n += len(doc.events)
            for ev in doc.events:
                assert ev.start <= ev.trigger[0] < ev.trigger[1] <= ev.end
    assert n >= 10


def test_events_stage_declares_its_inputs():
    assert EventExtractor.requires[-1] == "attributions" and EventExtractor.assigns == ("events",)


def test_events_certainty_negated_light_verb_denies_the_noun(make_doc):
    doc = make_doc("Kreml zapewnił, że nie doszło do znaczących dostaw broni.")
    idx = next(i for i, t in enumerate(doc.tokens) if t.text == "dostaw")
    assert certainty_of(doc.tokens, idx, True) is Certainty.DENIED


def test_events_past_event_month_not_after_publication(pipeline):
    for text in ("Umowa została ratyfikowana w listopadzie.", "Umowę ratyfikowano w listopadzie."):
        doc = process(pipeline, Document.create(text, source=Source(published="2025-06-20"))).doc
        assert [e.time.value for e in doc.events] == ["2024-11"], text


def test_events_date_after_since_or_before_is_not_the_events(pipeline):
    doc = process(pipeline, Document.create("Prezydent Rosji przyleciał do Pjongjangu po raz pierwszy od 2000 roku.",
                                            source=Source(published="2024-06-19"))).doc
    visit = next(e for e in doc.events if e.type == "VISIT")
    assert visit.time is None
    doc = process(pipeline, Document.create("Prezydent Rosji przyleciał do Pjongjangu 18 czerwca 2024 roku.")).doc
    assert next(e for e in doc.events if e.type == "VISIT").time.value == "2024-06-18"


def test_events_dropped_subject_comes_from_a_sentence_without_triggers(pipeline):
    # Only sentences with a trigger word are read, but a dropped subject's antecedent is the previous
    # sentence's subject, trigger or not.
    text = "Szojgu jest ministrem obrony Rosji. W środę spotkał się w Pjongjangu z przywódcą Korei Północnej."
    doc = process(pipeline, Document.create(text)).doc
    assert [(e.type, [r.text for r in e.roles if r.name == "agent"]) for e in doc.events] == [("MEETING", ["Szojgu"])]


def test_events_rules_read_only_context_lemmas(seeds_dir, pipeline):
    # The stage hands the rules only the sentence's lemmas in CONTEXT_WORDS (from one word lookup per
    # token); with every lemma of the sentence they must find the same events.
    from kronika.facts.event_lexicon import (
        CONTEXT_WORDS,
        context_lemmas,
        sentence_lemmas,
        triggers_of_infos,
        word_infos,
    )
    from kronika.facts.events import extract_sentence_events
    from kronika.ingest import read_path
    from kronika.language.segment import SentenceItems, sentence_token_ranges

    n = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        for doc in read_path(str(path)):
            doc = process(pipeline, doc).doc
            infos = word_infos(doc.tokens)
            layers = [SentenceItems(layer) for layer in (doc.mentions, doc.times, doc.quantities, doc.attributions)]
            for sentence, i, j in sentence_token_ranges(doc):
                tokens = doc.tokens[i:j]
                full = sentence_lemmas(tokens)
                context = context_lemmas(tokens, infos[i:j])
                assert context == full & CONTEXT_WORDS
                args = (doc, sentence, tokens, *(items_in(sentence) for items_in in layers), None,
                        triggers_of_infos(infos[i:j]))
                events = list(extract_sentence_events(*args, context))
                assert events == list(extract_sentence_events(*args, full))
                n += len(events)
    assert n >= 10
