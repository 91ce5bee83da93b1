"""`kronika evaluate numbers` (number detection and number-word values on the NKJP normalisation data)
and `kronika evaluate quantities` (the golden case file of the quantities stage)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from kronika.cli.app import apply_gate, console, evaluate_app, fail

_CASES = Path(__file__).resolve().parents[2] / "tests" / "cases" / "quantities.yaml"
NUMBER_FLOORS = ("detection_precision", "detection_recall", "detection_f1", "value_accuracy")


@evaluate_app.command("numbers")
def evaluate_numbers(
    data: Path = typer.Option(Path("../shared/data/pl_number_normalization/"),
                              help="folder with pl_numnorm_traindev.jsonl.gz"),
    limit: int = typer.Option(None, help="score only the first N sentences (no --check/--update then)"),
    errors: int = typer.Option(0, help="print this many value errors and false positives"),
    check: bool = typer.Option(False, "--check", help="exit 1 if a score fell below evaluation/baseline/numbers.json"),
    update: bool = typer.Option(False, "--update", help="raise the floors in evaluation/baseline/numbers.json"),
    allow_regression: bool = typer.Option(False, "--allow-regression", help="let --update lower a floor"),
) -> None:
    """Number detection P/R/F1 (quantities stage vs typed gold number tokens) and value accuracy of
    parse_number on the spelled-out gold forms ("pięćdziesięciu dwóch przecinek dziewięciu" = 52,9)."""
    from kronika.errors import InputError
    from kronika.evaluation.numbers import gold_files, score_numbers

    if not data.exists():
        raise fail(f"{data} not found: pass --data ../shared/data/pl_number_normalization/")
    try:
        files = gold_files(data)
        with console.status("scoring numbers"):
            s = score_numbers(data, limit)
    except InputError as e:
        raise fail(str(e)) from None
    m = s.metrics()
    table = Table(title=f"number detection ({s.sentences} sentences)")
    for col in ("measure", "value", "counts"):
        table.add_column(col)
    table.add_row("precision", f"{m['detection_precision']:.3f}", f"{s.predicted_ok}/{s.predicted} predicted")
    table.add_row("recall", f"{m['detection_recall']:.3f}", f"{s.found}/{s.gold} gold quantity tokens")
    table.add_row("F1", f"{m['detection_f1']:.3f}", "")
    print_table(table)
    types = Table(title="gold number tokens overlapped by a predicted quantity, per type")
    for col in ("type", "counts as quantity", "overlapped", "total", "rate"):
        types.add_column(col)
    from kronika.evaluation.numbers import NOT_QUANTITY_TYPES, QUANTITY_TYPES

    for kind, total in s.type_total.most_common():
        role = "yes" if kind in QUANTITY_TYPES else ("no" if kind in NOT_QUANTITY_TYPES else "ignored")
        if kind == "NUMBER_WITH_SUFFIX":
            role = "only -krotnie"
        types.add_row(kind, role, str(s.by_type[kind]), str(total), f"{s.by_type[kind] / total:.3f}")
    print_table(types)
    values = Table(title="value accuracy: parse_number(normalized_token) == digits of token")
    for col in ("type", "right", "total", "accuracy"):
        values.add_column(col)
    for kind, total in s.value_total.most_common():
        values.add_row(kind, str(s.value_right[kind]), str(total), f"{s.value_right[kind] / total:.3f}")
    values.add_row("all", str(sum(s.value_right.values())), str(sum(s.value_total.values())),
                   f"{m['value_accuracy']:.3f}")
    print_table(values)
    for kind, words, got, ref in s.value_errors[:errors]:
        console.print(f"value {kind}: {words!r} → {got} (gold {ref})", highlight=False)
    for span, sentence in s.false_positives[:errors]:
        console.print(f"false positive {span!r} in {sentence[:120]!r}", highlight=False)
    _gate(m, files, limit, check, update, allow_regression)


def _gate(metrics: dict, files: list[Path], limit: int | None, check: bool, update: bool,
          allow_regression: bool) -> None:
    if (check or update) and limit is not None:
        raise fail("--check and --update measure the whole data set: drop --limit")
    command = "kronika evaluate numbers --data ../shared/data/pl_number_normalization/"
    apply_gate("numbers", metrics, list(NUMBER_FLOORS), files, command, check, update, allow_regression)


def print_table(table: Table) -> None:
    from rich.console import Console

    Console().print(table)


@evaluate_app.command("quantities")
def evaluate_quantities(
    cases: Path = typer.Option(_CASES, help="golden case file (YAML list of {text, expect})"),
) -> None:
    """Span P/R/F1 and field accuracy (value, value_max, unit, counted, hedge, per) on the golden cases."""
    import yaml

    from kronika.evaluation.numbers import score_quantity_cases

    if not cases.is_file():
        raise fail(f"{cases} not found: pass --cases tests/cases/quantities.yaml")
    try:
        loaded = yaml.safe_load(cases.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise fail(f"{cases}: not valid YAML ({e}); fix the file") from None
    if not isinstance(loaded, list):
        raise fail(f"{cases}: expected a list of cases with 'text' and 'expect'")
    m = score_quantity_cases(loaded)
    table = Table(title=f"quantities on {cases.name}: {int(m['cases_passed'])}/{int(m['cases'])} cases pass")
    table.add_column("measure")
    table.add_column("value")
    for key, value in m.items():
        if key not in ("cases", "cases_passed"):
            table.add_row(key, f"{value:.3f}")
    print_table(table)
