"""Tests of the times stage: golden cases, bad input, offsets, speed, the stage in the pipeline."""

from __future__ import annotations

import time

import pytest

from kronika.facts.time_resolve import Anchor, date_value, duration_value, weekday_date
from kronika.facts.times import TimeResolver, find_times
from kronika.pipeline import build_pipeline, process


def _items(text: str, published: str | None) -> list[dict]:
    return [{"text": t.text, "type": t.type, "value": t.value, "anchored": t.anchored}
            for t in find_times(text, published)]


def test_times_golden_cases(cases):
    data = cases("times")
    assert len(data) >= 60
    failures = []
    for case in data:
        expected = [{k: e[k] for k in ("text", "type", "value", "anchored")} for e in case["expect"]]
        got = _items(case["text"], case.get("published"))
        if got != expected:
            failures.append(f"{case['text']!r} (published {case.get('published')}):\n  got {got}\n  want {expected}")
    assert not failures, "\n".join(failures)


def test_times_offsets_point_at_the_text():
    text = "Wczoraj, 19 czerwca, Putin był w Pjongjangu; w ubiegły wtorek i w 2019 roku też."
    found = find_times(text, "2024-06-20")
    assert [t.text for t in found] == ["Wczoraj", "19 czerwca", "ubiegły wtorek", "2019 roku"]
    assert all(text[t.start:t.end] == t.text for t in found)


@pytest.mark.parametrize("word", ["się", "mają", "majątek", "marcowali", "lutownica", "rokowania", "latarnia",
                                  "codzienność", "Dzisiejszość", "wtorkowy123"])
def test_times_no_match_inside_words(word):
    assert find_times(f"Rosjanie {word} nic nie mówią.", "2024-06-19") == []


def test_times_invalid_dates_are_never_values():
    for text in ("31 lutego 2024 r.", "30 lutego", "99.99.2024", "32.01.2024", "00.00.2000", "godz. 25:61"):
        assert find_times(text, None) == [], text
        assert find_times(f"Komunikat z {text} sprostowano.", "2024-06-19") == [], text
    assert [t.value for t in find_times("29 lutego 2024", None)] == ["2024-02-29"]
    assert find_times("29 lutego 2023", None) == []


def test_times_long_numbers_and_lists_do_not_crash():
    text = "Liczba " + "7" * 5000 + " oraz 1,5,6 i " + "12," * 2000 + " koniec."
    assert find_times(text, "2024-06-19") == []


def test_times_time_is_linear_in_text_length():
    unit = "W ubiegły wtorek, 19 czerwca 2024 r., Rosja i Korea Północna podpisały umowę na 10 lat. " * 50
    started = time.process_time()
    small = find_times(unit, "2024-06-20")
    t_small = time.process_time() - started
    started = time.process_time()
    big = find_times(unit * 20, "2024-06-20")
    t_big = time.process_time() - started
    assert len(big) == 20 * len(small)
    assert t_big < 60 * max(t_small, 1e-3)


@pytest.mark.parametrize("piece", ["123 ", "12.12.", "2024-", "12 i ", "9.00-", "19 czerwca ", "1,"])
def test_times_adversarial_repetitions_stay_linear(piece):
    def cost(n: int) -> float:
        started = time.process_time()
        find_times(piece * n, "2024-06-19")
        return time.process_time() - started

    small, big = cost(500), cost(8000)  # 16× the text: quadratic would be ~256× the time
    assert big < 64 * max(small, 2e-3), (small, big)


def test_time_resolve_anchor_precision():
    assert Anchor.parse("2024-10") == Anchor(2024, 10, None)
    assert Anchor.parse("2024-10-01").date is not None
    assert Anchor.parse("nonsense") == Anchor()
    assert Anchor.parse("2024-02-31") == Anchor(2024, 2, None)
    assert date_value(None, 2, 29) == "XXXX-02-29" and date_value(None, 2, 30) is None
    assert duration_value(2, "W") == "P2W" and duration_value(30, "MIN") == "PT30M"
    assert duration_value(None, "Y") == "VAGUE"


def test_time_resolve_weekdays_around_a_wednesday():
    import datetime as dt

    wed = dt.date(2024, 6, 19)
    assert weekday_date(wed, 2, -1) == dt.date(2024, 6, 18)
    assert weekday_date(wed, 3, -1) == dt.date(2024, 6, 12)
    assert weekday_date(wed, 1, 1) == dt.date(2024, 6, 24)
    assert weekday_date(wed, 3, 0) == wed
    assert weekday_date(wed, 5, 0) == dt.date(2024, 6, 21)


def test_times_stage_fills_the_layer(make_doc):
    doc = make_doc("W czwartym kwartale Pjongjang wyśle do Rosji amunicję.", published="2024-10",
                   layers=("segment",))
    result = process(build_pipeline(["segment", "times"]), doc)
    assert hasattr(result, "doc"), result
    [t] = result.doc.times
    assert (t.text, t.type, t.value, t.anchored) == ("czwartym kwartale", "DATE", "2024-Q4", True)
    assert result.doc.produced_by["times"] == f"times@{TimeResolver.version}"


def test_times_on_seed_articles(seeds_dir):
    found = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        times = find_times(text, "2024-10")
        assert all(text[t.start:t.end] == t.text for t in times)
        found += len(times)
    assert found >= 5
