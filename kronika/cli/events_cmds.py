"""`kronika timeline` and `kronika export events`."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Annotated

import typer
from rich.table import Table

from kronika.cli.app import app, console, evaluate_app, export_app, fail
from kronika.cli.store_cmds import StoreOption, resolve_store_url
from kronika.errors import KronikaError
from kronika.model import Document


def _merged_events(store_url: str, entity: str | None, etype: str | None, since: str | None,
                   until: str | None) -> tuple[list, dict[str, str]]:
    """Merged events that pass the filters, and entity id → base name for display."""
    from kronika.facts.merge import merge_reports, reports_from_documents
    from kronika.store import open_store

    names: dict[str, str] = {}

    def remember_names(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            names.update((eid, e.name) for eid, e in doc.entities.items())
            yield doc

    with open_store(store_url) as st:
        reports = reports_from_documents(remember_names(st.iter_documents()))
    merged = merge_reports(reports)
    wanted_type = etype.upper() if etype else None
    needle = entity.lower() if entity else None
    out = []
    for m in merged:
        if wanted_type and m.type != wanted_type:
            continue
        if since and (not m.time or m.time[: len(since)] < since[: len(m.time)]):
            continue
        if until and (not m.time or m.time[: len(until)] > until[: len(m.time)]):
            continue
        if needle:
            texts = {role.text.lower() for r in m.reports for role in r.event.roles}
            ids = {e.lower() for ids in m.participants.values() for e in ids}
            bases = {names[e].lower() for ids in m.participants.values() for e in ids if e in names}
            if not any(needle in n for n in texts | ids | bases):
                continue
        out.append(m)
    return out, names


@app.command("timeline")
def timeline_cmd(
    entity: Annotated[str | None, typer.Option(help="only events with this entity (name or id, substring)")] = None,
    type: Annotated[str | None, typer.Option("--type", help="event type, e.g. DEPLOYMENT")] = None,
    since: Annotated[str | None, typer.Option(help="from this date (ISO prefix: 2024, 2024-06, 2024-06-19)")] = None,
    until: Annotated[str | None, typer.Option(help="up to this date (ISO prefix)")] = None,
    store: StoreOption = None,
) -> None:
    """Events merged across documents, in time order, with corroboration and conflicts."""
    try:
        merged, names = _merged_events(resolve_store_url(store), entity, type, since, until)
    except KronikaError as e:
        raise fail(str(e)) from e
    table = Table(title=f"Kronika timeline: {len(merged)} events")
    for col in ("when", "type", "who / whom / where", "certainty", "sources", "evidence"):
        table.add_column(col, overflow="fold")
    for m in merged:
        first = m.reports[0].event
        # The entity's base form where the role is linked: "Kim Dzong Un", not "Kim Dzong Unem".
        roles = ", ".join(f"{r.name}: {names.get(r.entity_id or '', r.text)}" for r in first.roles)
        flags = ("\n[red]" + "; ".join(m.conflicts) + "[/red]") if m.conflicts else ""
        table.add_row(m.time or "?", m.type, roles, m.certainty,
                      f"{m.corroboration} ({', '.join(m.outlets)})" + flags, first.text[:160])
    console.print(table)


@export_app.command("events")
def export_events_cmd(
    format: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    output: Annotated[str, typer.Option("-o", "--output", help="file ('-' = stdout)")] = "-",
    store: StoreOption = None,
) -> None:
    """Every event report with provenance columns (document, offsets, outlet, url, published)."""
    from kronika.export.tables import write_csv, write_jsonl

    if format not in {"jsonl", "csv"}:
        raise fail(f"--format {format!r}: use jsonl or csv")
    try:
        merged, _names = _merged_events(resolve_store_url(store), None, None, None, None)
    except KronikaError as e:
        raise fail(str(e)) from e
    writer = write_csv if format == "csv" else write_jsonl
    if output == "-":
        n = writer(merged, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = writer(merged, fh)
    console.print(f"exported {n} event reports", highlight=False)


GATED = ("type_f1", "type_agent_time_f1", "attribution_f1", "certainty_accuracy", "role_accuracy")


@evaluate_app.command("events")
def evaluate_events_cmd(
    cases: Annotated[list[str] | None, typer.Option(
        help="golden case file (YAML list of {text, expect}); repeat for several, scored per file and together")
    ] = None,
    errors: Annotated[int, typer.Option(help="print this many misses, extras and wrong slots")] = 0,
    check: Annotated[bool, typer.Option("--check", help="exit 1 if a score fell below evaluation/baseline/events.json")
                     ] = False,
    update: Annotated[bool, typer.Option("--update", help="raise the floors in evaluation/baseline/events.json")
                      ] = False,
    allow_regression: Annotated[bool, typer.Option("--allow-regression", help="let --update lower a floor")] = False,
) -> None:
    """Per-type P/R/F1 of events (type; type + agent + time), attribution F1, certainty and role accuracy."""
    from pathlib import Path

    from kronika.cli.app import apply_gate
    from kronika.evaluation.events import DEFAULT_CASES, EventScores, evaluate_events, load_cases

    paths = [Path(c) for c in cases] if cases else [DEFAULT_CASES]
    for path in paths:
        if not path.is_file():
            raise fail(f"{path}: no such case file; pass --cases FILE")
    metrics: dict[str, float] = {}
    total = EventScores()
    for path in paths:
        scores = evaluate_events(load_cases(path))
        total.add(scores)
        _print_scores(path.name, scores)
        for line in scores.errors[:errors]:
            console.print(f"  {line}", highlight=False)
        if len(paths) > 1:  # a file without role slots has no role accuracy to pin
            metrics.update({f"{path.stem}:{k}": v for k, v in scores.flat().items()
                            if k in GATED and (k != "role_accuracy" or scores.role_total)})
    if len(paths) > 1:
        scores = total
        _print_scores("all files", scores)
    metrics.update(scores.flat())
    keys = [*GATED, *(k for k in metrics if k.split(":", 1)[-1] in GATED and ":" in k)]
    apply_gate("events", metrics, keys, paths, " ".join(["kronika evaluate events", *(f"--cases {p}" for p in paths)]),
               check, update, allow_regression)


def _print_scores(title: str, scores) -> None:
    table = Table(title=f"kronika evaluate events ({title})")
    for col in ("type", "type P", "type R", "type F1", "+agent+time F1"):
        table.add_column(col)
    for etype in sorted(scores.type):
        t, f = scores.type[etype], scores.full[etype]
        table.add_row(etype, f"{t.p:.3f}", f"{t.r:.3f}", f"{t.f1:.3f}", f"{f.f1:.3f}")
    flat = scores.flat()
    table.add_row("ALL", "", "", f"{flat['type_f1']:.3f}", f"{flat['type_agent_time_f1']:.3f}")
    console.print(table)
    console.print(f"attribution F1 {flat['attribution_f1']:.3f}; certainty accuracy "
                  f"{flat['certainty_accuracy']:.3f} ({scores.certainty_right}/{scores.certainty_total}); "
                  f"role accuracy {flat['role_accuracy']:.3f} ({scores.role_right}/{scores.role_total})",
                  highlight=False)
