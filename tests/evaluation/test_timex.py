"""Tests of the TempEval-3 timex scorer and `kronika evaluate times`."""

from __future__ import annotations

import json

import pytest

from kronika.errors import InputError
from kronika.evaluation.timex import GoldDoc, GoldTimex, load_gold, score, score_doc
from kronika.facts.times import find_times
from kronika.model import TimeExpr


def test_timex_strict_and_relaxed_spans():
    gold = [GoldTimex(10, 20, "19 czerwca", "DATE", "2024-06-19"), GoldTimex(30, 37, "rocznie", "SET", None)]
    system = [TimeExpr(7, 20, "w 19 czerwca", "DATE", "2024-06-19"), TimeExpr(30, 37, "rocznie", "SET", "P1Y"),
              TimeExpr(50, 55, "jutro", "DATE", None)]
    c, pairs = score_doc(gold, system)
    assert (c.gold, c.system, c.strict, c.relaxed) == (2, 3, 1, 2)
    m = c.metrics()
    assert m["strict_span_p"] == pytest.approx(1 / 3) and m["relaxed_span_r"] == 1.0
    # the SET has no gold value: it leaves the value measure on both sides
    assert (c.value_gold, c.value_system, c.value_ok) == (1, 2, 1)
    assert m["value_f1"] == pytest.approx(2 * 0.5 * 1 / 1.5)


def test_timex_values_compare_case_insensitively():
    c, _ = score_doc([GoldTimex(0, 5, "środę", "DATE", "xxxx-Wxx-3")], [TimeExpr(0, 5, "środę", "DATE", "XXXX-WXX-3")])
    assert c.value_ok == 1 and c.metrics()["value_f1"] == 1.0


def test_timex_one_gold_matches_one_system_item():
    gold = [GoldTimex(0, 20, "19 czerwca 2024 roku", "DATE", "2024-06-19")]
    system = [TimeExpr(0, 10, "19 czerwca", "DATE", "2024-06-19"), TimeExpr(11, 20, "2024 roku", "DATE", "2024")]
    c, _ = score_doc(gold, system)
    assert c.relaxed == 1 and c.system == 2


def test_timex_load_gold_names_the_bad_line(tmp_path):
    good = {"doc_id": "a", "dct": "2024-06-19", "text": "wczoraj",
            "timexes": [{"start": 0, "end": 7, "text": "wczoraj", "type": "DATE", "val": "2024-06-18"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        load_gold(path)
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    [doc] = load_gold(path)
    report = score([doc], find_times)
    assert report.flat()["value_f1"] == 1.0 and report.flat()["DATE:relaxed_span_f1"] == 1.0


def test_timex_dev_meets_the_targets(shared_dir):
    docs = load_gold(shared_dir / "data" / "timex" / "kpwr_timex_dev.jsonl")
    assert all(isinstance(d, GoldDoc) for d in docs)
    m = score(docs, find_times).flat()
    assert m["relaxed_span_f1"] >= 0.85
    assert m["value_f1"] >= 0.75


def test_timex_cli_prints_tables_and_checks(shared_dir):
    from typer.testing import CliRunner

    from kronika.cli import app

    gold = shared_dir / "data" / "timex" / "kpwr_timex_dev.jsonl"
    result = CliRunner().invoke(app, ["evaluate", "times", "--gold", str(gold), "--check"])
    assert result.exit_code == 0, result.output
    assert "relaxed F1" in result.output and "DURATION" in result.output
    missing = CliRunner().invoke(app, ["evaluate", "times", "--gold", str(shared_dir / "nope.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_timex_cli_check_fails_below_a_floor(shared_dir, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kronika.cli import app
    from kronika.evaluation import gate

    gold = shared_dir / "data" / "timex" / "kpwr_timex_dev.jsonl"
    monkeypatch.setattr(gate, "BASELINE_DIR", tmp_path)
    (tmp_path / "times.json").write_text(json.dumps(
        {"gold_sha1": gate.hash_files([gold]), "command": "kronika evaluate times", "epsilon": 0.005,
         "floors": {"value_f1": 0.99}}), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "times", "--gold", str(gold), "--check"])
    assert result.exit_code == 1 and "value_f1" in result.output
