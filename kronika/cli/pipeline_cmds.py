"""`kronika run`, `kronika analyze`, `kronika bench`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kronika.cli.app import app, console, fail
from kronika.config import load_settings
from kronika.errors import KronikaError


def _stages_option(stages: str | None) -> list[str] | None:
    return [s.strip() for s in stages.split(",") if s.strip()] if stages else None


@app.command("run")
def run_cmd(
    paths: Annotated[list[str], typer.Argument(help="files, directories or globs; '-' for stdin")],
    store: Annotated[str | None, typer.Option("--store", help="database URL (default: KRONIKA_STORE_URL or "
                                               "SQLite in the data dir)")] = None,
    published: Annotated[str | None, typer.Option(help="publication date for input that lacks one")] = None,
    stages: Annotated[str | None, typer.Option(help="comma-separated stages (default: all)")] = None,
    force: Annotated[bool, typer.Option(help="re-analyze documents already analyzed by this pipeline")] = False,
    workers: Annotated[int, typer.Option(help="analyze in N local worker processes (Dask LocalCluster)")] = 1,
    dask_scheduler: Annotated[str | None, typer.Option("--dask-scheduler", help="address of an existing Dask "
                                                       "scheduler, e.g. tcp://10.0.0.5:8786")] = None,
    config: Annotated[Path | None, typer.Option(help="kronika.toml")] = None,
) -> None:
    """Ingest, analyze and store documents, then print a summary. Exit 1 when any input failed."""
    from kronika.cli.store_cmds import resolve_store_url
    from kronika.ingest import iter_documents
    from kronika.runner import run_documents
    from kronika.store import open_store

    try:
        settings = load_settings(config, published=published, stages=_stages_option(stages))
        url = resolve_store_url(store)
        with open_store(url) as st:
            report = run_documents(iter_documents(paths, settings), st, settings, progress=True,
                                   on_error=lambda m: console.print(f"[red]error:[/red] {m}", highlight=False,
                                                                    soft_wrap=True),
                                   force=force, workers=workers, scheduler=dask_scheduler)
            summary = st.summary()
            from kronika.findings import findings

            found = findings(st)
    except KronikaError as e:
        raise fail(str(e)) from e
    table = Table(title="Kronika run", show_header=False)
    table.add_row("documents new", str(report.new))
    table.add_row("documents re-analyzed", str(report.reanalyzed))
    table.add_row("documents skipped (already analyzed)", str(report.skipped))
    table.add_row("input errors", str(len(report.input_errors)))
    table.add_row("stage failures", str(len(report.failures)))
    if workers > 1 or dask_scheduler:
        table.add_row("batches retried after a worker was lost", str(report.retried_batches))
    for key, value in summary.items():
        table.add_row(f"in store: {key}", str(value))
    console.print(table)
    if found["entities"]:
        top = Table(title="Most mentioned entities")
        top.add_column("entity")
        top.add_column("mentions", justify="right")
        for name, count in found["entities"]:
            top.add_row(name, str(count))
        console.print(top)
    if found["events"]:
        console.print("Events by type: " + ", ".join(f"{k} {v}" for k, v in found["events"]), highlight=False)
    console.print(f"Browse it: kronika serve --store {url}  →  http://127.0.0.1:8000", highlight=False,
                  soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command("analyze")
def analyze_cmd(
    input: Annotated[str, typer.Option("-i", "--input", help="JSONL documents ('-' = stdin)")] = "-",
    output: Annotated[str, typer.Option("-o", "--output", help="analyzed JSONL ('-' = stdout)")] = "-",
    published: Annotated[str | None, typer.Option(help="publication date for documents that lack one, "
                                                   "e.g. 2025-06-17")] = None,
    stages: Annotated[str | None, typer.Option(help="comma-separated stages (default: all)")] = None,
    config: Annotated[Path | None, typer.Option(help="kronika.toml")] = None,
) -> None:
    """Run the analysis stages over JSONL documents (the output of `kronika ingest`, or plain records
    with `text` and optional `id`, `title`, `url`, `published`, `lang`, `outlet`)."""
    from kronika.analyze import analyze_stream

    try:
        settings = load_settings(config, published=published, stages=_stages_option(stages))
        fin = sys.stdin if input == "-" else open(input, encoding="utf-8")  # noqa: SIM115
    except (KronikaError, OSError) as e:
        raise fail(str(e)) from e
    try:
        report = analyze_stream(fin, output, settings, source_name="<stdin>" if input == "-" else input,
                                on_error=lambda m: console.print(f"[red]error:[/red] {m}", highlight=False,
                                                                 soft_wrap=True))
    except KronikaError as e:
        raise fail(str(e)) from e
    finally:
        if fin is not sys.stdin:
            fin.close()
    console.print(f"analyzed {report['ok']} documents, {report['failed']} failed", highlight=False)
    if report["failed"]:
        raise typer.Exit(1)


@app.command("bench")
def bench_cmd(
    data: Annotated[Path | None, typer.Option(help="folder of Polish articles (default: "
                                               "../shared/data/bsnlp/*/raw/pl)")] = None,
    min_mb: Annotated[float, typer.Option(help="repeat the corpus until it has this many MB")] = 2.0,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
    repeat: Annotated[int, typer.Option(min=1, help="runs per pipeline configuration; the fastest counts")] = 3,
    scale: Annotated[bool, typer.Option("--scale", help="parallel scaling: 1 and 2 local workers and a Dask "
                                        "LocalCluster, over ≥ 500 articles")] = False,
) -> None:
    """Throughput of each pipeline configuration beside bare Morfeusz passes over the same text, as ratios."""
    from kronika.bench import default_bench_files, run_bench

    files = sorted(data.rglob("*.txt")) if data else default_bench_files()
    if not files:
        raise fail("no benchmark input: pass --data DIR with Polish .txt articles")
    if scale:
        from kronika.bench import run_scale_bench

        results = run_scale_bench(files, console=console, repeat=repeat)
    else:
        results = run_bench(files, min_mb=min_mb, console=console, repeat=repeat)
    if as_json:
        print(json.dumps(results, indent=2))
        return
    table = Table(title=f"kronika bench: {results['documents']} documents, {results['tokens']} tokens, "
                        f"{results['megabytes']:.2f} MB")
    for col in ("configuration", "seconds", "docs/s", "tokens/s", "ratio"):
        table.add_column(col)
    for row in results["rows"]:
        table.add_row(row["name"], f"{row['seconds']:.2f}", f"{row['docs_per_s']:.0f}",
                      f"{row['tokens_per_s']:.0f}", row.get("ratio", ""))
    console.print(table)
    for line in results["notes"]:
        console.print(line, highlight=False)
