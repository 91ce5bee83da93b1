"""Reports of the same real-world event, from several documents, merged into one — without
rewriting any per-document record.

Two reports are the same event when they have the same type, the same acting entity (an agent
in common; when one report names no agent, both must be dated and share another participant) and
compatible times (equal at the coarser precision, or unknown). A report joins a group only if it
fits every dated report already in it, so no chain of loose links merges 2023 with 2025, and
countries named everywhere ("Rosji") do not glue unrelated events together. Conflicts are flagged,
not averaged: two different figures for the same counted thing, or a delivery reported by one
source and denied by another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from kronika.model import Certainty, Document, Event

PARTICIPANT_ROLES = frozenset({"agent", "recipient", "partner", "place"})


@dataclass(frozen=True, slots=True)
class Report:
    """One event as one document tells it, with its provenance."""

    doc_id: str
    outlet: str | None
    url: str | None
    published: str | None
    title: str | None
    event: Event

    @property
    def id(self) -> str:
        return f"{self.doc_id}:{self.event.trigger[0]}-{self.event.trigger[1]}:{self.event.type}"


@dataclass(slots=True)
class MergedEvent:
    id: str
    type: str
    reports: list[Report]
    participants: dict[str, set[str]] = field(default_factory=dict)  # role → entity ids
    time: str | None = None
    outlets: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def corroboration(self) -> int:
        """Independent outlets that report it (documents without an outlet count once each)."""
        return len(self.outlets)

    @property
    def certainty(self) -> str:
        values = {r.event.certainty for r in self.reports}
        return values.pop().value if len(values) == 1 else "mixed"


def reports_from_documents(docs: Iterable[Document]) -> list[Report]:
    out = []
    for doc in docs:
        s = doc.source
        for ev in doc.events:
            out.append(Report(doc.id, s.outlet, s.url, s.published, s.title, ev))
    return out


def _time_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _time_of(ev: Event) -> str | None:
    return ev.time.value if ev.time and ev.time.value and not ev.time.value.startswith("X") else None


def _ids(ev: Event, names: frozenset[str]) -> set[str]:
    return {r.entity_id for r in ev.roles if r.name in names and r.entity_id}


AGENT = frozenset({"agent"})
OTHERS = PARTICIPANT_ROLES - AGENT


def _fits(report: Report, group: list[Report]) -> bool:
    ev = report.event
    t = _time_of(ev)
    if any(not _time_compatible(t, _time_of(r.event)) for r in group):
        return False
    agents = _ids(ev, AGENT)
    group_agents = set().union(*(_ids(r.event, AGENT) for r in group))
    if agents and group_agents:
        return bool(agents & group_agents)
    group_others = set().union(*(_ids(r.event, OTHERS) for r in group))
    dated = t is not None and any(_time_of(r.event) for r in group)
    return dated and bool(_ids(ev, OTHERS) & group_others)


def merge_reports(reports: list[Report]) -> list[MergedEvent]:
    """Greedy grouping, dated and agent-bearing reports first; deterministic ids and order."""
    order = sorted(range(len(reports)), key=lambda i: (_time_of(reports[i].event) is None,
                                                       not _ids(reports[i].event, AGENT), reports[i].id))
    groups: dict[str, list[list[Report]]] = {}
    for i in order:
        r = reports[i]
        candidates = groups.setdefault(r.event.type, [])
        if not _ids(r.event, PARTICIPANT_ROLES):
            candidates.append([r])
            continue
        for group in candidates:
            if _fits(r, group):
                group.append(r)
                break
        else:
            candidates.append([r])
    merged = [_merge_group(g) for gs in groups.values() for g in gs]
    merged.sort(key=lambda m: (m.time or "9999", m.type, m.id))
    return merged


def _merge_group(group: list[Report]) -> MergedEvent:
    group = sorted(group, key=lambda r: (r.published or "", r.id))
    mid = "ev:" + hashlib.sha1("|".join(sorted(r.id for r in group)).encode()).hexdigest()[:12]
    participants: dict[str, set[str]] = {}
    for r in group:
        for role in r.event.roles:
            if role.entity_id:
                participants.setdefault(role.name, set()).add(role.entity_id)
    outlets: list[str] = []
    for r in group:
        key = r.outlet or f"doc:{r.doc_id}"
        if key not in outlets:
            outlets.append(key)
    times = sorted({t for r in group if (t := _time_of(r.event))}, key=len, reverse=True)
    return MergedEvent(mid, group[0].event.type, group, participants, times[0] if times else None, outlets,
                       _conflicts(group))


def _conflicts(group: list[Report]) -> list[str]:
    conflicts: list[str] = []
    figures: dict[str, set[tuple[float, float | None]]] = {}
    for r in group:
        for q in r.event.quantities:
            if q.counted and q.unit in (None, ""):
                figures.setdefault(q.counted, set()).add((q.value, q.value_max))
    for counted, values in sorted(figures.items()):
        if len(values) > 1 and not _ranges_overlap(values):
            shown = ", ".join(_fmt(v) for v in sorted(values, key=lambda v: v[0]))
            conflicts.append(f"conflicting figures for {counted}: {shown}")
    certainties = {r.event.certainty for r in group}
    if Certainty.DENIED in certainties and certainties & {Certainty.ASSERTED, Certainty.REPORTED}:
        conflicts.append("contradicting certainty: reported by some sources, denied by others")
    return conflicts


def _ranges_overlap(values: set[tuple[float, float | None]]) -> bool:
    spans = [(lo, hi if hi is not None else lo) for lo, hi in values]
    return max(lo for lo, _ in spans) <= min(hi for _, hi in spans)


def _fmt(v: tuple[float, float | None]) -> str:
    lo, hi = v
    text = f"{lo:,.0f}".replace(",", " ")
    return f"{text}–{hi:,.0f}".replace(",", " ") if hi is not None else text
