"""Events as flat rows with provenance columns, for CSV and JSONL export."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from kronika.facts.merge import MergedEvent

COLUMNS = ("merged_id", "type", "certainty", "time", "corroboration", "conflicts", "agent", "recipient",
           "partner", "place", "item", "quantities", "attribution", "trigger", "evidence", "doc_id", "start",
           "end", "outlet", "url", "published", "title")


def event_rows(merged: Iterable[MergedEvent]) -> Iterable[dict[str, Any]]:
    """One row per report (per document), carrying its merged event's id and corroboration."""
    for m in merged:
        for r in m.reports:
            ev = r.event
            roles: dict[str, list[str]] = {}
            for role in ev.roles:
                roles.setdefault(role.name, []).append(role.text)
            yield {
                "merged_id": m.id, "type": ev.type, "certainty": ev.certainty.value,
                "time": ev.time.value if ev.time else None, "corroboration": m.corroboration,
                "conflicts": "; ".join(m.conflicts),
                **{k: "; ".join(roles.get(k, [])) for k in ("agent", "recipient", "partner", "place", "item")},
                "quantities": "; ".join(q.text for q in ev.quantities),
                "attribution": ev.attribution.source_name if ev.attribution else None,
                "trigger": ev.text[ev.trigger[0] - ev.start : ev.trigger[1] - ev.start],
                "evidence": ev.text, "doc_id": r.doc_id, "start": ev.start, "end": ev.end,
                "outlet": r.outlet, "url": r.url, "published": r.published, "title": r.title,
            }


def write_csv(merged: Iterable[MergedEvent], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for row in event_rows(merged):
        writer.writerow(row)
        n += 1
    return n


def write_jsonl(merged: Iterable[MergedEvent], fh: IO[str]) -> int:
    n = 0
    for row in event_rows(merged):
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n
