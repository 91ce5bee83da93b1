"""`kronika evaluate times`: TempEval-3 scores of the times stage on KPWr TIMEX3 gold."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kronika.cli.app import apply_gate, console, evaluate_app, fail
from kronika.model import TIME_TYPES

GATED = ("strict_span_f1", "relaxed_span_f1", "type_f1", "value_f1")
_SPAN_COLUMNS = (("strict P", "strict_span_p"), ("strict R", "strict_span_r"), ("strict F1", "strict_span_f1"),
                 ("relaxed P", "relaxed_span_p"), ("relaxed R", "relaxed_span_r"),
                 ("relaxed F1", "relaxed_span_f1"))
_ATTR_COLUMNS = (("type acc", "type_accuracy"), ("type F1", "type_f1"), ("value acc", "value_accuracy"),
                 ("value F1", "value_f1"))


def _tables(title: str, report) -> list[Table]:
    """One table for spans, one for attributes; rows per TIMEX3 type and overall."""
    rows = [(t, report.by_type[t]) for t in TIME_TYPES] + [("all", report.overall)]
    tables = []
    for sub, columns, counts_col in (("spans", _SPAN_COLUMNS, ("gold", "system")),
                                     ("type and value on relaxed matches", _ATTR_COLUMNS, ("matched", "with value"))):
        table = Table(title=f"{title}: {sub}")
        table.add_column("type")
        for name in counts_col:
            table.add_column(name, justify="right")
        for name, _ in columns:
            table.add_column(name, justify="right")
        for label, c in rows:
            m = c.metrics()
            counts = (c.gold, c.system) if columns is _SPAN_COLUMNS else (c.relaxed, c.value_gold)
            cells = [("n/a" if k.startswith("value") and not c.value_gold else f"{m[k]:.3f}") for _, k in columns]
            table.add_row(label, *map(str, counts), *cells, style="bold" if label == "all" else None)
        tables.append(table)
    return tables


@evaluate_app.command("times")
def evaluate_times(
    gold: Path = typer.Option(Path("../shared/data/timex/kpwr_timex_dev.jsonl"),
                              help="KPWr TIMEX3 JSONL (one document a line, with dct and timexes)"),
    errors: int = typer.Option(0, help="print this many missed, spurious and wrong-value timexes"),
    check: bool = typer.Option(False, "--check", help="exit 1 if a score fell below evaluation/baseline/times.json"),
    update: bool = typer.Option(False, "--update", help="raise the floors in evaluation/baseline/times.json"),
    allow_regression: bool = typer.Option(False, "--allow-regression", help="let --update lower a floor"),
) -> None:
    """Strict and relaxed span P/R/F1, type and value accuracy/F1, per type and overall (DCT = `dct`)."""
    from kronika.errors import InputError
    from kronika.evaluation.timex import load_gold, score
    from kronika.facts.times import find_times

    if not gold.is_file():
        raise fail(f"{gold}: no such file; pass --gold ../shared/data/timex/kpwr_timex_dev.jsonl")
    try:
        docs = load_gold(gold)
    except InputError as e:
        raise fail(str(e)) from None
    report = score(docs, find_times)
    out = Console()
    out.width = max(out.width, 110)
    for table in _tables(f"times on {gold.name} ({len(docs)} documents)", report):
        out.print(table)
    for doc_id, kind, detail in report.errors[:errors]:
        console.print(f"{doc_id} {kind}: {detail}", highlight=False)
    metrics = report.flat()
    keys = [*GATED, *(f"{t}:relaxed_span_f1" for t in TIME_TYPES)]
    apply_gate("times", metrics, keys, [gold], f"kronika evaluate times --gold {gold}", check, update, allow_regression)
