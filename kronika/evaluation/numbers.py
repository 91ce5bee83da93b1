"""Scoring numbers and quantities.

1. ``score_numbers`` on the Polish number-normalisation data (../shared/data/pl_number_normalization,
   NKJP sentences with every digit token typed):

   - detection: which digit tokens the quantities stage picks up. Gold types that are quantities:
     CARDINAL, DECIMAL, CARDINAL_WITH_SUFFIX and the multipliers among NUMBER_WITH_SUFFIX
     ("7-krotnie"). Not quantities: DATE, TIME, ORDINAL(_WITH_SUFFIX), IDENTIFIER, TELEPHONE,
     LIST_ITEM, ELECTRONIC and the other NUMBER_WITH_SUFFIX ("30-letni" is an attribute, not an
     amount). FRACTION is left out of both (the stage does not read "1/3"). A gold quantity token is
     found when a predicted quantity overlaps it; a predicted quantity with digits that overlaps no
     gold quantity token is a false positive (it is a date, an identifier, a list number…).
   - value: the spelled-out ``normalized_token`` ("pięćdziesięciu dwóch przecinek dziewięciu") read
     back with ``parse_number`` and compared with the digits of ``token`` ("52,9"): this measures
     the number-word parser in every case. Compounds ("siedmiokrotnie", "pięćdziesięciometrowy")
     are read with their combining prefix.
2. ``score_quantity_cases`` on tests/cases/quantities.yaml: span P/R/F1 (exact surface match) and
   the accuracy of value, value_max, unit, counted, hedge and per on matched spans.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kronika.errors import InputError
from kronika.facts.number_words import split_combining
from kronika.facts.numbers import multiplier_value, parse_number

QUANTITY_TYPES = frozenset({"CARDINAL", "DECIMAL", "CARDINAL_WITH_SUFFIX"})
NOT_QUANTITY_TYPES = frozenset({"DATE", "TIME", "ORDINAL", "ORDINAL_WITH_SUFFIX", "IDENTIFIER", "TELEPHONE",
                                "LIST_ITEM", "ELECTRONIC", "NUMBER_WITH_SUFFIX"})
VALUE_TYPES = ("CARDINAL", "DECIMAL", "NUMBER_WITH_SUFFIX")
_DIGIT_CORE = re.compile(r"\d[\d\s.,\u00a0]*\d|\d")


def gold_files(data: Path) -> list[Path]:
    files = sorted(data.glob("*.jsonl.gz")) + sorted(data.glob("*.jsonl")) if data.is_dir() else [data]
    if not files or not all(f.is_file() for f in files):
        raise InputError(str(data), None, "no *.jsonl.gz or *.jsonl files here",
                         "pass --data ../shared/data/pl_number_normalization/")
    return files


def read_sentences(files: list[Path]) -> Iterator[dict]:
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(str(path), f"line {n}", f"not JSON: {e.msg}",
                                     "each line must be one JSON object") from None


def is_gold_quantity(tok: dict) -> bool | None:
    """True for a quantity, False for a number that is not one, None for a token to leave out."""
    kind = tok.get("token_type") or ""
    if kind == "NUMBER_WITH_SUFFIX" and "krotn" in tok["token"].lower():
        return True
    if kind in QUANTITY_TYPES:
        return True
    if kind in NOT_QUANTITY_TYPES:
        return False
    return None


def locate(sentence: str, tokens: list[dict]) -> Iterator[tuple[int, int, dict]]:
    """(start, end, token) for each top-level gold token found in order in ``sentence``."""
    pos = 0
    for tok in tokens:
        surface = tok["token"]
        at = sentence.find(surface, pos)
        if at < 0:
            continue
        pos = at + len(surface)
        yield at, pos, tok


def reference_value(tok: dict) -> float | None:
    """The value written in digits: "52,9" → 52.9, "7-krotnie" → 7, '"69"' → 69."""
    m = _DIGIT_CORE.search(tok["token"])
    return parse_number(m.group(0)) if m else None


def read_value(tok: dict) -> float | None:
    """Our reading of the spelled-out form: "siedmiokrotnie" → 7, "dwóch tysięcy" → 2000."""
    words = tok["normalized_token"]
    if tok.get("token_type") == "NUMBER_WITH_SUFFIX":
        mult = multiplier_value(words)
        if mult is not None:
            return mult
        split = split_combining(words.split()[0]) if words.split() else None
        return split[0] if split else None
    return parse_number(words)


@dataclass
class NumberScores:
    sentences: int = 0
    gold: int = 0  # gold quantity tokens
    found: int = 0  # gold quantity tokens overlapped by a prediction
    predicted: int = 0  # predicted quantities with digits
    predicted_ok: int = 0  # …that overlap a gold quantity token
    by_type: Counter = field(default_factory=Counter)  # type → tokens overlapped by a prediction
    type_total: Counter = field(default_factory=Counter)
    value_right: Counter = field(default_factory=Counter)
    value_total: Counter = field(default_factory=Counter)
    value_errors: list[tuple[str, str, float | None, float]] = field(default_factory=list)
    false_positives: list[tuple[str, str]] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        p = self.predicted_ok / self.predicted if self.predicted else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        right, total = sum(self.value_right.values()), sum(self.value_total.values())
        out = {"detection_precision": p, "detection_recall": r, "detection_f1": f,
               "value_accuracy": right / total if total else 0.0}
        for kind in VALUE_TYPES:
            if self.value_total[kind]:
                out[f"value_accuracy_{kind.lower()}"] = self.value_right[kind] / self.value_total[kind]
        return out


def score_numbers(data: Path, limit: int | None = None) -> NumberScores:
    """Detection and value scores on the number-normalisation data (see the module docstring)."""
    from kronika.model import Document, Source
    from kronika.pipeline import build_pipeline, process

    stages = build_pipeline(["segment", "morphology", "quantities"])
    s = NumberScores()
    for n, record in enumerate(read_sentences(gold_files(data))):
        if limit is not None and n >= limit:
            break
        s.sentences += 1
        text = record["sentence"]
        gold = [(a, b, t, is_gold_quantity(t)) for a, b, t in locate(text, record["tokens"])
                if any(c.isdigit() for c in t["token"])]
        for _a, _b, tok, _ in gold:
            kind = tok.get("token_type") or ""
            if kind in VALUE_TYPES:
                ref = reference_value(tok)
                if ref is None:
                    continue
                got = read_value(tok)
                s.value_total[kind] += 1
                if got is not None and abs(got - ref) <= 1e-9 * max(1.0, abs(ref)):
                    s.value_right[kind] += 1
                elif len(s.value_errors) < 200:
                    s.value_errors.append((kind, tok["normalized_token"], got, ref))
        result = process(stages, Document.create(text, source=Source()))
        quantities = result.doc.quantities if hasattr(result, "doc") else []
        for a, b, tok, isq in gold:
            hit = any(q.start < b and a < q.end for q in quantities)
            kind = tok.get("token_type") or "?"
            s.type_total[kind] += 1
            s.by_type[kind] += hit
            if isq:
                s.gold += 1
                s.found += hit
        for q in quantities:
            if not any(c.isdigit() for c in q.text):
                continue
            s.predicted += 1
            if any(isq and q.start < b and a < q.end for a, b, _, isq in gold):
                s.predicted_ok += 1
            elif len(s.false_positives) < 200:
                s.false_positives.append((q.text, text))
    return s


def _norm(item: dict) -> dict:
    out = {"value_max": None, "unit": None, "counted": None, "hedge": "exact", "per": None}
    out.update(item)
    for key in ("value", "value_max"):
        if out.get(key) is not None:
            out[key] = float(out[key])
    return out


def score_quantity_cases(cases: list[dict]) -> dict[str, float]:
    """Span P/R/F1 and per-field accuracy of the quantities stage on golden cases."""
    from kronika.model import Document, Source
    from kronika.pipeline import build_pipeline, process

    stages = build_pipeline(["segment", "morphology", "quantities"])
    tp = n_pred = n_gold = 0
    right: Counter = Counter()
    passed = 0
    fields = ("value", "value_max", "unit", "counted", "hedge", "per")
    for case in cases:
        result = process(stages, Document.create(case["text"], source=Source()))
        got = {q.text: {"value": q.value, "value_max": q.value_max, "unit": q.unit, "counted": q.counted,
                         "hedge": q.hedge.value, "per": q.per} for q in result.doc.quantities}
        want = {x["text"]: _norm(x) for x in case.get("expect") or []}
        n_pred += len(got)
        n_gold += len(want)
        ok = set(got) == set(want)
        for span in set(got) & set(want):
            tp += 1
            for f in fields:
                same = got[span][f] == want[span][f]
                right[f] += same
                ok = ok and same
        passed += ok
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    out = {"cases": float(len(cases)), "cases_passed": float(passed), "span_precision": p, "span_recall": r,
           "span_f1": 2 * p * r / (p + r) if p + r else 0.0}
    for f in fields:
        out[f"{f}_accuracy"] = right[f] / tp if tp else 0.0
    return out
