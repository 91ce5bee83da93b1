"""The Typer apps every command module registers on. Commands stay thin: parse, check, call one function."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="kronika",
    help="Kronika: entities, dates, quantities and events from news, each pointing back to its source.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
evaluate_app = typer.Typer(help="Measure quality on annotated data (prints P/R/F1; --check gates on baselines).",
                           no_args_is_help=True)
export_app = typer.Typer(help="Export stored documents and facts.", no_args_is_help=True)
bsnlp_app = typer.Typer(help="BSNLP shared-task interface.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(export_app, name="export")
app.add_typer(bsnlp_app, name="bsnlp")

console = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def apply_gate(name: str, metrics: dict[str, float], keys: list[str], gold_files: list, command: str,
               check: bool, update: bool, allow_regression: bool = False) -> None:
    """The --update / --check tail every `kronika evaluate` command shares (see evaluation/gate.py)."""
    from kronika.evaluation import gate

    sha = gate.hash_files(gold_files)
    if update:
        try:
            gate.update(name, metrics, keys, sha, command, allow_regression=allow_regression)
        except ValueError as e:
            raise fail(str(e)) from None
        console.print(f"updated {gate.baseline_path(name)}")
    if check:
        problems = gate.check(name, metrics, sha)
        for p in problems:
            console.print(f"[red]regression:[/red] {p}", highlight=False)
        if problems:
            raise typer.Exit(1)
        console.print(f"[green]{name}: every score is at or above its floor[/green]")
