"""QuantityFinder: golden cases, the not-a-quantity rules, bad input and linear time."""

from __future__ import annotations

import math
import time

import pytest

from kronika.facts.quantities import QuantityFinder, find_quantities
from kronika.model import Hedge

LAYERS = ("segment", "morphology", "quantities")
FIELDS = ("value", "value_max", "unit", "counted", "hedge", "per")


def _got(q) -> dict:
    return {"text": q.text, "value": q.value, "value_max": q.value_max, "unit": q.unit, "counted": q.counted,
            "hedge": q.hedge.value, "per": q.per}


def _want(item: dict) -> dict:
    out = {"text": item["text"], "value_max": None, "unit": None, "counted": None, "hedge": "exact", "per": None}
    out.update(item)
    out["value"] = float(out["value"])
    out["value_max"] = None if out["value_max"] is None else float(out["value_max"])
    return out


def test_quantities_golden_cases(make_doc, cases):
    all_cases = cases("quantities")
    assert len(all_cases) >= 60
    failures = []
    for case in all_cases:
        doc = make_doc(case["text"], layers=LAYERS)
        got = [_got(q) for q in doc.quantities]
        want = [_want(x) for x in case["expect"]]
        if got != want:
            failures.append(f"{case['text']!r}\n   got  {got}\n   want {want}")
    assert not failures, "\n".join(failures)


def test_quantities_stage_interface():
    assert QuantityFinder.name == "quantities" and QuantityFinder.version == "1"
    assert QuantityFinder.requires == ("sentences", "tokens", "morphology")
    assert QuantityFinder.assigns == ("quantities",)


def test_quantities_span_offsets_match_text(make_doc):
    doc = make_doc("Pjongjang wysłał ok. 1,5 mln pocisków. Rosja oddała 2 mld dolarów.", layers=LAYERS)
    assert [q.text for q in doc.quantities] == ["ok. 1,5 mln pocisków", "2 mld dolarów"]
    doc.check()  # raises when text[start:end] != q.text


def test_quantities_hedge_is_enum(make_doc):
    doc = make_doc("Wysłano co najmniej 11 tys. żołnierzy.", layers=LAYERS)
    assert doc.quantities[0].hedge is Hedge.AT_LEAST


def test_quantities_multipliers_found_by_the_scan_for_krotn(make_doc):
    # The trigger scan tries "\w+krotn" only in texts that hold "krotn": a word multiplier is found.
    doc = make_doc("Produkcja pocisków wzrosła czterokrotnie, a eksport 7-krotnie.", layers=LAYERS)
    assert [(q.text, q.value, q.unit) for q in doc.quantities] == [("czterokrotnie", 4.0, "times"),
                                                                     ("7-krotnie", 7.0, "times")]


@pytest.mark.parametrize("digits", [400, 5000])
def test_quantities_very_long_number_is_skipped_not_inf(make_doc, digits):
    doc = make_doc(f"Wpisano {'7' * digits} żołnierzy oraz 5 czołgów.", layers=LAYERS)
    assert [q.value for q in doc.quantities] == [5.0]
    assert all(math.isfinite(q.value) for q in doc.quantities)


def test_quantities_comma_list_is_not_a_decimal(make_doc):
    doc = make_doc("Wyniki 1,5,6 oraz 1,5 mln pocisków.", layers=LAYERS)
    assert [(q.text, q.value) for q in doc.quantities] == [("1,5 mln pocisków", 1_500_000.0)]


def test_quantities_time_linear_in_length(make_doc):
    sentence = "Korea wysłała ponad 10 tys. żołnierzy i 3 mln pocisków artyleryjskich rocznie. "
    small = make_doc(sentence * 200, layers=("segment", "morphology"))
    big = make_doc(sentence * 2000, layers=("segment", "morphology"))
    finder = QuantityFinder()
    find_quantities(small.text, small.tokens)  # warm the caches
    t0 = time.process_time()
    n_small = len(finder(small).quantities)
    t_small = time.process_time() - t0
    t0 = time.process_time()
    n_big = len(finder(big).quantities)
    t_big = time.process_time() - t0
    assert (n_small, n_big) == (400, 4000)
    assert t_big < 25 * t_small + 0.05  # 10× the text; quadratic would be ~100×


def test_quantities_on_seed_articles(make_doc, seeds_dir):
    """Real news: every quantity found in the seeds is well formed (offsets, finite values)."""
    found = 0
    for path in sorted(seeds_dir.glob("*"))[:5]:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = make_doc(text, layers=LAYERS)
        for q in doc.quantities:
            assert math.isfinite(q.value) and (q.value_max is None or q.value_max > q.value)
        found += len(doc.quantities)
    assert found > 0


def test_quantities_random_number_soup_never_fails(make_doc):
    """Random mixes of digits, separators, scales and hedges: no exception, offsets right, values finite."""
    import random

    pieces = list("0123456789 ,.-–:/%$") + ["tys.", "mln", "ok.", "od", "do", "pięciu", "tysięcy", "żołnierzy",
                                           "kilka", "\u00a0", "7-krotnie", "zł", "rocznie", "1,5,6", "r."]
    rng = random.Random(7)
    for _ in range(150):
        text = "".join(rng.choice(pieces) + (" " if rng.random() < 0.4 else "") for _ in range(rng.randint(1, 25)))
        doc = make_doc(text, layers=LAYERS)
        for q in doc.quantities:
            assert math.isfinite(q.value) and (q.value_max is None or math.isfinite(q.value_max)), (text, q)


def test_quantities_phrase_at_with_edge_words_agrees_with_trying_every_length():
    # phrase_at tells from a table's first (last) words that no phrase starts (ends) at a token, and
    # lower-cases the window once: the same answers as building every key.
    import random

    from kronika.facts.quantity_words import hedges, phrase_at, rates, units
    from kronika.model import Token

    def every_length(tokens, i, table, longest, backwards):
        for n in range(longest, 0, -1):
            lo, hi = (i - n, i) if backwards else (i, i + n)
            if lo >= 0 and hi <= len(tokens):
                key = tuple(t.text.lower() for t in tokens[lo:hi])
                if key in table:
                    return (lo if backwards else hi), table[key]
        return None

    tables = (units(), hedges(), rates())
    words = [w for table in tables for key in table for w in key] + ["x", "Co", "NAJMNIEJ", "Rocznie"]
    rng = random.Random(7)
    for _ in range(3000):
        tokens = [Token(0, 0, rng.choice(words)) for _ in range(rng.randint(0, 6))]
        for table in tables:
            for longest in (1, 2, 3):
                for i in range(-1, len(tokens) + 2):
                    for backwards in (False, True):
                        assert phrase_at(tokens, i, table, longest, backwards) == every_length(
                            tokens, i, table, longest, backwards)
