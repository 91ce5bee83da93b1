"""`kronika serve` (the analyst's desk and the JSON API) and `kronika bench-web` (its speed)."""

from __future__ import annotations

from typing import Annotated

import typer

from kronika.cli.app import app, console, fail
from kronika.errors import KronikaError


@app.command("serve")
def serve_cmd(
    store: Annotated[str | None, typer.Option("--store", help="database URL (default: KRONIKA_STORE_URL or "
                                                               "SQLite in the data dir)")] = None,
    host: Annotated[str, typer.Option("--host", help="address to bind; 127.0.0.1 keeps the desk on this "
                                                     "machine, 0.0.0.0 opens it to the network")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
) -> None:
    """Serve the desk (search, timeline, entities, graph, documents, claims) and the API at http://HOST:PORT."""
    import uvicorn

    from kronika.api.app import create_app
    from kronika.config import load_settings

    try:
        settings = load_settings(store_url=store)
        application = create_app(settings)
    except KronikaError as e:
        raise fail(str(e)) from e
    # The literal address, not "localhost": that name may resolve to ::1, where nothing listens.
    shown = f"[{host}]" if ":" in host else host
    console.print(f"Kronika desk: [bold]http://{shown}:{port}/[/bold]  (API reference: http://{shown}:{port}/docs)",
                  highlight=False, soft_wrap=True)
    console.print(f"store: {application.state.store.url}", highlight=False, soft_wrap=True)
    if not settings.api_token:
        console.print("read-only: POST /api/documents is disabled until api_token is set", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("bench-web")
def bench_web_cmd(
    docs: Annotated[int, typer.Option("--docs", min=1, help="synthetic documents added to the samples")] = 1000,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="timed requests per page")] = 15,
    store: Annotated[str | None, typer.Option("--store", help="an EMPTY database to fill and measure (e.g. "
                                                               "PostgreSQL); default: a temporary SQLite file")] = None,
) -> None:
    """Median server-side time of each desk page and of the search API over a temporary store."""
    from rich.progress import Progress
    from rich.table import Table

    from kronika.web.bench import bench_web

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("filling a temporary store", total=docs + 4)
        try:
            result = bench_web(docs, repeat, store_url=store, progress=lambda n: bar.update(task, completed=n))
        except KronikaError as e:
            raise fail(str(e)) from e
    counts = ", ".join(f"{int(v)} {k}" for k, v in result["store"].items())
    table = Table(title=f"median ms over {repeat} requests; store: {counts}")
    table.add_column("request")
    table.add_column("median ms", justify="right")
    table.add_column("goal", justify="right")
    for kind, goal in (("pages", 300), ("api", 100)):
        for path, ms in result[kind].items():
            ok = ms < goal or kind == "api" and not path.startswith("/api/search")
            table.add_row(path, f"{ms:.1f}", (f"< {goal}" if path.startswith("/api/search") or kind == "pages"
                                              else "") + ("" if ok else " ✗"))
    console.print(table)
