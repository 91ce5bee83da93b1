"""`kronika ingest`: files, folders, globs or stdin → JSON lines of documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kronika.cli.app import app, console, fail
from kronika.errors import InputError, KronikaError


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="files (.txt, .html, .xml/.rss, .jsonl), directories, globs; "
                                               "'-' for stdin")],
    output: Annotated[str, typer.Option("-o", "--output", help="JSONL output file ('-' = stdout)")] = "-",
    published: Annotated[str | None, typer.Option(help="publication date for input that lacks one, "
                                                   "e.g. 2025-06-17")] = None,
    config: Annotated[Path | None, typer.Option(help="kronika.toml")] = None,
) -> None:
    """Read articles into JSON-lines documents, print each bad input and a summary. Exit 1 when any input failed."""
    from kronika.config import load_settings
    from kronika.ingest.output import ingest_to_jsonl

    if output != "-" and not Path(output).resolve().parent.is_dir():
        raise fail(f"{output}: the output folder does not exist; create it or choose another -o path")

    def report(err: InputError) -> None:
        console.print(f"[red]error:[/red] {escape(str(err))}", highlight=False, soft_wrap=True)

    try:
        settings = load_settings(config, published=published)
        stats = ingest_to_jsonl(paths, output, settings, on_error=report)
    except KronikaError as e:
        raise fail(str(e)) from e
    table = Table(title="Kronika ingest", show_header=False)
    table.add_row("files read", str(stats.files))
    table.add_row("documents written", str(stats.documents))
    table.add_row("exact duplicates dropped", str(stats.duplicates))
    table.add_row("near-duplicates flagged", str(stats.near_duplicates))
    table.add_row("errors", str(len(stats.errors)))
    console.print(table)
    if stats.errors:
        raise typer.Exit(1)
