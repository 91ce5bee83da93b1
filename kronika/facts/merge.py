"""Reports of the same real-world event, from several documents, merged into one — without
rewriting any per-document record.

Two reports are the same event when they have the same type, share a participant entity
(agent, recipient, partner or place) and their times are compatible (equal at the coarser
precision, or one of them unknown). Conflicts are flagged, not averaged: two different figures
for the same counted thing, or a delivery reported by one source and denied by another.
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


def _participants(ev: Event) -> set[str]:
    return {r.entity_id for r in ev.roles if r.name in PARTICIPANT_ROLES and r.entity_id}


def _time_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _time_of(ev: Event) -> str | None:
    return ev.time.value if ev.time and ev.time.value and not ev.time.value.startswith("X") else None


def merge_reports(reports: list[Report]) -> list[MergedEvent]:
    """Union-find over compatible report pairs of the same type; deterministic ids and order."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: dict[str, list[int]] = {}
    for i, r in enumerate(reports):
        by_type.setdefault(r.event.type, []).append(i)
    for idxs in by_type.values():
        for a_pos, a in enumerate(idxs):
            pa, ta = _participants(reports[a].event), _time_of(reports[a].event)
            if not pa:
                continue
            for b in idxs[a_pos + 1 :]:
                if pa & _participants(reports[b].event) and _time_compatible(ta, _time_of(reports[b].event)):
                    parent[find(b)] = find(a)
    groups: dict[int, list[Report]] = {}
    for i, r in enumerate(reports):
        groups.setdefault(find(i), []).append(r)
    merged = [_merge_group(g) for g in groups.values()]
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
