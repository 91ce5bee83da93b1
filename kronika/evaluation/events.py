"""`kronika evaluate events`: per-type P/R/F1 of the event stage on golden cases of our own sentences.

Measures: type (an event of the expected type on the expected trigger word), type + agent + time
(also the expected agent among the event's agents and the expected time value), attribution (the
expected source named), certainty accuracy on matched events, and role accuracy: each expected
recipient / partner / place / item (surface text among the event's roles of that name) and quantity
(the expected number among the event's quantity values) counts as one slot, right or wrong.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kronika.model import Document, Source
from kronika.pipeline import build_pipeline, process

DEFAULT_CASES = Path(__file__).resolve().parents[2] / "tests" / "cases" / "events.yaml"


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class EventScores:
    type: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    full: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    attribution: PRF = field(default_factory=PRF)
    certainty_right: int = 0
    certainty_total: int = 0
    role_right: int = 0
    role_total: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: EventScores) -> None:
        """Count ``other``'s cases in too: the scores over several case files without running them twice."""
        for mine, theirs in ((self.type, other.type), (self.full, other.full)):
            for etype, prf in theirs.items():
                _add_prf(mine[etype], prf)
        _add_prf(self.attribution, other.attribution)
        self.certainty_right += other.certainty_right
        self.certainty_total += other.certainty_total
        self.role_right += other.role_right
        self.role_total += other.role_total
        self.errors.extend(other.errors)

    def flat(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, table in (("type", self.type), ("type_agent_time", self.full)):
            total = PRF(sum(x.tp for x in table.values()), sum(x.fp for x in table.values()),
                        sum(x.fn for x in table.values()))
            out[f"{name}_f1"] = total.f1
            for etype, prf in table.items():
                out[f"{etype}:{name}_f1"] = prf.f1
        out["attribution_f1"] = self.attribution.f1
        out["certainty_accuracy"] = self.certainty_right / self.certainty_total if self.certainty_total else 0.0
        out["role_accuracy"] = self.role_right / self.role_total if self.role_total else 0.0
        return out


def _add_prf(into: PRF, other: PRF) -> None:
    into.tp += other.tp
    into.fp += other.fp
    into.fn += other.fn


SLOT_ROLES = ("recipient", "partner", "place", "item")


def _slot_misses(exp: dict[str, Any], ev: Any) -> tuple[int, list[str]]:
    """(slots checked, the wrong ones) for the roles other than agent, and the quantity."""
    wrong = []
    slots = 0
    for role in SLOT_ROLES:
        if role in exp:
            slots += 1
            if exp[role] not in [r.text for r in ev.roles if r.name == role]:
                wrong.append(f"{role} {exp[role]!r} not in {[(r.name, r.text) for r in ev.roles]}")
    if "quantity" in exp:
        slots += 1
        if float(exp["quantity"]) not in [q.value for q in ev.quantities]:
            wrong.append(f"quantity {exp['quantity']} not in {[q.value for q in ev.quantities]}")
    return slots, wrong


def load_cases(path: Path = DEFAULT_CASES) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def evaluate_events(cases: list[dict[str, Any]]) -> EventScores:
    stages = build_pipeline()
    scores = EventScores()
    for case in cases:
        doc = process(stages, Document.create(case["text"], source=Source(published=case.get("published")))).doc
        predicted = {(e.type, doc.text[e.trigger[0]:e.trigger[1]]): e for e in doc.events}
        expected = {(x["type"], x["trigger"]): x for x in case.get("expect") or []}
        for key, exp in expected.items():
            etype = key[0]
            ev = predicted.get(key)
            if ev is None:
                scores.errors.append(f"missed {etype} {key[1]!r} in {case['text'][:90]!r}")
                scores.type[etype].fn += 1
                scores.full[etype].fn += 1
                if exp.get("attribution"):
                    scores.attribution.fn += 1
                continue
            scores.type[etype].tp += 1
            agents = [r.text for r in ev.roles if r.name == "agent"]
            agent_ok = "agent" not in exp or exp["agent"] in agents
            time_ok = "time" not in exp or (ev.time is not None and ev.time.value == str(exp["time"]))
            if agent_ok and time_ok:
                scores.full[etype].tp += 1
            else:
                scores.errors.append(
                    f"{etype} {key[1]!r}: agent {exp.get('agent')!r} vs {agents}, time {exp.get('time')!r} vs "
                    f"{ev.time.value if ev.time else None!r}")
                scores.full[etype].fn += 1
                scores.full[etype].fp += 1
            got_source = ev.attribution.source_name if ev.attribution else None
            want = exp.get("attribution")
            if want and got_source and want.lower() in got_source.lower():
                scores.attribution.tp += 1
            elif want:
                scores.errors.append(f"{etype} {key[1]!r}: attribution {want!r} vs {got_source!r}")
                scores.attribution.fn += 1
                if got_source:
                    scores.attribution.fp += 1
            elif got_source:
                scores.errors.append(f"{etype} {key[1]!r}: unexpected attribution {got_source!r}")
                scores.attribution.fp += 1
            scores.certainty_total += 1
            scores.certainty_right += ev.certainty.value == exp["certainty"]
            if ev.certainty.value != exp["certainty"]:
                scores.errors.append(f"{etype} {key[1]!r}: certainty {exp['certainty']} vs {ev.certainty.value}")
            slots, wrong = _slot_misses(exp, ev)
            scores.role_total += slots
            scores.role_right += slots - len(wrong)
            scores.errors.extend(f"{etype} {key[1]!r}: {w}" for w in wrong)
        for key in sorted(predicted.keys() - expected.keys()):
            scores.errors.append(f"extra {key[0]} {key[1]!r} in {case['text'][:90]!r}")
            scores.type[key[0]].fp += 1
            scores.full[key[0]].fp += 1
    return scores
