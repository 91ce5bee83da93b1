"""Floors for the event stage on held-out cases of our own sentences (never tuned on)."""

from kronika.evaluation.events import evaluate_events, load_cases
from tests.conftest import ROOT


def test_events_eval_heldout_floors():
    flat = evaluate_events(load_cases(ROOT / "tests" / "cases" / "events_heldout.yaml")).flat()
    assert flat["type_f1"] >= 0.88, flat
    assert flat["type_agent_time_f1"] >= 0.85, flat
    assert flat["certainty_accuracy"] >= 0.9, flat
    assert flat["attribution_f1"] >= 0.75, flat


def test_events_eval_counts_misses_and_extras():
    cases = [{"text": "Korea Północna wysłała do Rosji żołnierzy.",
              "expect": [{"type": "VISIT", "trigger": "wysłała", "certainty": "asserted"}]}]
    scores = evaluate_events(cases)
    assert scores.type["VISIT"].fn == 1 and scores.type["DEPLOYMENT"].fp == 1
