"""Scoring of numbers and quantities: gold typing rules, value reading, a small real-data run."""

from __future__ import annotations

import gzip
import json

import pytest

from kronika.errors import InputError
from kronika.evaluation.numbers import (
    is_gold_quantity,
    locate,
    read_value,
    reference_value,
    score_numbers,
    score_quantity_cases,
)


def _tok(token: str, kind: str, normalized: str = "") -> dict:
    return {"token": token, "token_type": kind, "normalized_token": normalized}


def test_numbers_gold_typing():
    assert is_gold_quantity(_tok("12", "CARDINAL")) is True
    assert is_gold_quantity(_tok("7-krotnie", "NUMBER_WITH_SUFFIX")) is True
    assert is_gold_quantity(_tok("30-letni", "NUMBER_WITH_SUFFIX")) is False
    assert is_gold_quantity(_tok("1999", "DATE")) is False
    assert is_gold_quantity(_tok("1/3", "FRACTION")) is None


def test_numbers_values_read_back():
    assert reference_value(_tok('"69"', "CARDINAL")) == 69
    assert reference_value(_tok("70.000,00", "CARDINAL")) == 70000
    assert read_value(_tok("52,9", "DECIMAL", "pięćdziesięciu dwóch przecinek dziewięciu")) == pytest.approx(52.9)
    assert read_value(_tok("7-krotnie", "NUMBER_WITH_SUFFIX", "siedmiokrotnie")) == 7
    assert read_value(_tok("50-metrowy", "NUMBER_WITH_SUFFIX", "pięćdziesięciometrowy")) == 50


def test_numbers_locate_in_order():
    spans = list(locate("Mam 5 kotów i 5 psów.", [_tok("5", "CARDINAL"), _tok("5", "CARDINAL")]))
    assert [(a, b) for a, b, _ in spans] == [(4, 5), (14, 15)]


def test_numbers_score_on_own_file(tmp_path):
    record = {"sentence": "Rosja kupiła 300 pocisków 19 czerwca.", "tokens": [
        _tok("Rosja", "PLAIN"), _tok("kupiła", "PLAIN"), _tok("300", "CARDINAL", "trzysta"),
        _tok("pocisków", "PLAIN"), _tok("19 czerwca", "DATE", "dziewiętnastego czerwca"), _tok(".", "PUNCT")]}
    path = tmp_path / "gold.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    s = score_numbers(tmp_path)
    m = s.metrics()
    assert (s.gold, s.found, s.predicted, s.predicted_ok) == (1, 1, 1, 1)
    assert m["detection_f1"] == 1.0 and m["value_accuracy"] == 1.0


def test_numbers_missing_data_names_the_folder(tmp_path):
    with pytest.raises(InputError, match="pl_number_normalization"):
        score_numbers(tmp_path / "nowhere")


def test_numbers_quantity_cases_score():
    cases = [{"text": "Wysłano ponad 5 tys. żołnierzy.",
              "expect": [{"text": "ponad 5 tys. żołnierzy", "value": 5000, "counted": "żołnierz",
                          "hedge": "more_than"}]},
             {"text": "Spotkanie odbyło się 1 października.", "expect": []}]
    m = score_quantity_cases(cases)
    assert m["cases_passed"] == 2 and m["span_f1"] == 1.0 and m["counted_accuracy"] == 1.0


def test_numbers_real_data_sample(shared_dir):
    data = shared_dir / "data" / "pl_number_normalization"
    if not data.is_dir():
        pytest.skip(f"{data} not found")
    m = score_numbers(data, limit=400).metrics()
    assert m["value_accuracy"] > 0.95 and m["detection_precision"] > 0.8
