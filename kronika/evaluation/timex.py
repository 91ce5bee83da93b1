"""TempEval-3 scoring of time expressions against KPWr TIMEX3 gold (PolEval 2019 Task 1 conventions).

A gold line is one document: {"doc_id", "dct", "text", "timexes": [{"start", "end", "type", "val"}]}.
For "Putin przyjechał wczoraj" with DCT 2024-06-20, gold "wczoraj" DATE 2024-06-19 against a
system "wczoraj" DATE 2024-06-19 scores 1.0 on every measure.

Measures: strict (exact span) and relaxed (overlap) span P/R/F1; for attributes, TempEval-3's
attribute F1 (P = correct / system count, R = correct / gold count, over relaxed matches) and the
accuracy on matched pairs. Values are compared case-insensitively ("xxxx-08-31" = "XXXX-08-31").
Gold timexes without a global value (SET in KPWr keeps only the local value) are left out of the
value measure, and so are the system timexes matched to them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kronika.errors import InputError
from kronika.model import TIME_TYPES, TimeExpr

Predict = Callable[[str, str | None], list[TimeExpr]]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    dct: str | None
    text: str
    timexes: tuple[GoldTimex, ...]


def load_gold(path: Path) -> list[GoldDoc]:
    """Read a KPWr timex JSONL file; a malformed line raises InputError naming the line."""
    docs = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(str(path), None, f"cannot read: {e.strerror}", "check --gold") from e
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            timexes = tuple(GoldTimex(t["start"], t["end"], t["text"], t["type"], t.get("val"))
                            for t in d["timexes"])
            docs.append(GoldDoc(str(d["doc_id"]), d.get("dct"), d["text"], timexes))
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(str(path), f"line {n}", f"not a timex gold record ({type(e).__name__}: {e})",
                             "each line must be a JSON object with doc_id, dct, text and timexes") from e
    return docs


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_gold: int = 0  # gold timexes that have a value
    value_system: int = 0  # system timexes not matched to a value-less gold timex
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for k in self.__slots__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def metrics(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        def div(a: int, b: int) -> float:
            return a / b if b else 0.0

        out: dict[str, float] = {}
        for name, hits in (("strict_span", self.strict), ("relaxed_span", self.relaxed)):
            p, r = div(hits, self.system), div(hits, self.gold)
            out.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f1(p, r)})
        out["type_f1"] = f1(div(self.type_ok, self.system), div(self.type_ok, self.gold))
        out["type_accuracy"] = div(self.type_ok, self.relaxed)
        out["value_f1"] = f1(div(self.value_ok, self.value_system), div(self.value_ok, self.value_gold))
        matched_with_value = self.relaxed - (self.system - self.value_system)
        out["value_accuracy"] = div(self.value_ok, matched_with_value)
        return out


@dataclass(slots=True)
class Report:
    overall: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TIME_TYPES})
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (doc_id, kind, detail)

    def flat(self) -> dict[str, float]:
        out = dict(self.overall.metrics())
        for t, c in self.by_type.items():
            out.update({f"{t}:{k}": v for k, v in c.metrics().items()})
        return out


def _same_value(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.upper() == b.upper()


def score_doc(gold: Iterable[GoldTimex], system: Iterable[TimeExpr]) -> tuple[Counts, list[tuple]]:
    """Counts for one document; relaxed matching pairs each gold timex with at most one system one."""
    gold, system = list(gold), list(system)
    c = Counts(gold=len(gold), system=len(system), value_gold=sum(g.value is not None for g in gold))
    c.value_system = len(system)
    used: set[int] = set()
    pairs = []
    for g in gold:
        cands = [i for i, s in enumerate(system) if i not in used and s.start < g.end and g.start < s.end]
        if not cands:
            continue
        i = min(cands, key=lambda i: (system[i].start != g.start or system[i].end != g.end,
                                      abs(system[i].start - g.start)))
        used.add(i)
        pairs.append((g, system[i]))
    for g, s in pairs:
        c.relaxed += 1
        c.strict += (g.start, g.end) == (s.start, s.end)
        c.type_ok += g.type == s.type
        if g.value is None:
            c.value_system -= 1
        else:
            c.value_ok += _same_value(g.value, s.value)
    return c, pairs


def score(docs: Iterable[GoldDoc], predict: Predict) -> Report:
    """Run ``predict(text, dct)`` on every gold document and add up the TempEval-3 counts."""
    report = Report()
    for doc in docs:
        system = predict(doc.text, doc.dct)
        counts, pairs = score_doc(doc.timexes, system)
        report.overall.add(counts)
        for t in TIME_TYPES:
            c, _ = score_doc([g for g in doc.timexes if g.type == t], [s for s in system if s.type == t])
            report.by_type[t].add(c)
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        report.errors += [(doc.doc_id, "missed", f"{g.text!r} {g.type} {g.value}")
                          for g in doc.timexes if id(g) not in matched_g]
        report.errors += [(doc.doc_id, "spurious", f"{s.text!r} {s.type} {s.value}")
                          for s in system if id(s) not in matched_s]
        report.errors += [(doc.doc_id, "value", f"{s.text!r} {s.type} {s.value} ≠ gold {g.text!r} {g.type} "
                           f"{g.value}") for g, s in pairs
                          if g.value is not None and not _same_value(g.value, s.value)]
    return report
