"""`kronika load`, `kronika search`, `kronika show`, `kronika export jsonl`: the store from the command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from kronika.cli.app import app, console, export_app, fail
from kronika.errors import KronikaError

StoreOption = Annotated[str | None, typer.Option("--store", help="database URL (default: KRONIKA_STORE_URL or "
                                                  "SQLite in the data dir)")]


def resolve_store_url(option: str | None) -> str:
    """The store URL a command uses: ``--store``, else env KRONIKA_STORE_URL, else kronika.toml's
    [store] url, else SQLite in the data dir (``sqlite:///~/.local/share/kronika/kronika.db``)."""
    if option:
        return option
    if os.environ.get("KRONIKA_STORE_URL"):
        return os.environ["KRONIKA_STORE_URL"]
    from kronika.config import load_settings

    return load_settings().resolved_store_url()


@app.command("load")
def load_cmd(
    input: Annotated[str, typer.Option("-i", "--input", help="analyzed JSONL documents ('-' = stdin)")] = "-",
    store: StoreOption = None,
) -> None:
    """Save analyzed documents (JSONL from `kronika analyze`) in the store, replacing earlier versions."""
    from rich.progress import Progress

    from kronika.model.serialize import read_jsonl
    from kronika.store import open_store

    if input != "-" and not Path(input).is_file():
        raise fail(f"{input}: no such file; pass analyzed JSONL with -i, or '-' for stdin")
    saved = 0
    try:
        fh = sys.stdin if input == "-" else open(input, encoding="utf-8")  # noqa: SIM115
        with open_store(resolve_store_url(store)) as st, Progress(console=console, transient=True) as bar:
            task = bar.add_task("loading", total=None)
            try:
                for doc in read_jsonl(fh, "<stdin>" if input == "-" else input):
                    st.save(doc)
                    saved += 1
                    bar.advance(task)
            finally:
                if fh is not sys.stdin:
                    fh.close()
            summary = st.summary()
    except (KronikaError, OSError, UnicodeDecodeError) as e:
        raise fail(f"{e} ({saved} documents were saved before this)") from e
    table = Table(title=f"loaded {saved} documents", show_header=False)
    for key, value in summary.items():
        table.add_row(f"in store: {key}", str(value))
    console.print(table)


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="words to find; inflected forms match: 'Korea Północna' "
                                         "finds 'Korei Północnej'")],
    store: StoreOption = None,
    limit: Annotated[int, typer.Option(help="at most this many hits", min=1)] = 20,
) -> None:
    """Full-text search over stored documents: a table of hits with snippets."""
    from kronika.store import open_store

    try:
        with open_store(resolve_store_url(store)) as st:
            hits = st.search(query, limit=limit)
    except KronikaError as e:
        raise fail(str(e)) from e
    if not hits:
        console.print(f"no documents match {query!r}", highlight=False)
        raise typer.Exit(1)
    table = Table(title=f"{len(hits)} documents match {query!r}")
    for col in ("document", "published", "title", "snippet"):
        table.add_column(col, overflow="fold")
    for hit in hits:
        snippet = Text(hit.snippet)
        for start, end in hit.marks:
            snippet.stylize("bold yellow", start, end)
        table.add_row(hit.doc_id, hit.published or "", escape(hit.title or ""), snippet)
    # Hits are the command's output, so they go to stdout (the shared console is stderr, for progress).
    from rich.console import Console

    Console(soft_wrap=False).print(table)


@app.command("show")
def show_cmd(
    doc_id: Annotated[str, typer.Argument(help="document id (from `kronika search` or the export)")],
    store: StoreOption = None,
) -> None:
    """One stored document: its source, text and every annotation layer."""
    from rich.console import Console

    from kronika.store import open_store

    try:
        with open_store(resolve_store_url(store)) as st:
            doc = st.get(doc_id)
    except KronikaError as e:
        raise fail(str(e)) from e
    if doc is None:
        raise fail(f"no document {doc_id!r} in the store; find ids with `kronika search`")
    out = Console()
    s = doc.source
    head = Table(show_header=False, title=f"document {doc.id}")
    for key, value in (("title", s.title), ("published", s.published), ("outlet", s.outlet), ("url", s.url),
                       ("path", s.path), ("external id", s.external_id), ("language", doc.lang),
                       ("duplicate of", doc.duplicate_of)):
        if value:
            head.add_row(key, escape(str(value)))
    head.add_row("layers", escape(", ".join(f"{k}: {v}" for k, v in sorted(doc.produced_by.items())) or "none"))
    head.add_row("counts", f"{len(doc.sentences)} sentences, {len(doc.tokens)} tokens, {len(doc.mentions)} "
                           f"mentions, {len(doc.entities)} entities, {len(doc.times)} times, {len(doc.quantities)} "
                           f"quantities, {len(doc.attributions)} attributions, {len(doc.events)} events")
    out.print(head)
    out.print(Text(doc.text))
    layers = [
        ("mentions", ("text", "type", "base", "entity"),
         [(m.text, m.type, m.base, m.entity_id or "") for m in doc.mentions]),
        ("times", ("text", "type", "value", "anchored"),
         [(x.text, x.type, (x.value or "") + (f"/{x.end_value}" if x.end_value else ""), str(x.anchored))
          for x in doc.times]),
        ("quantities", ("text", "value", "unit", "counted", "hedge"),
         [(q.text, f"{q.value:g}" + (f"–{q.value_max:g}" if q.value_max is not None else ""), q.unit or "",
           q.counted or "", str(q.hedge)) for q in doc.quantities]),
        ("attributions", ("text", "source"), [(a.text, a.source_name) for a in doc.attributions]),
        ("events", ("type", "certainty", "trigger", "roles", "time"),
         [(e.type, str(e.certainty), doc.text[e.trigger[0]:e.trigger[1]],
           "; ".join(f"{r.name}={r.text}" for r in e.roles), e.time.value or e.time.text if e.time else "")
          for e in doc.events]),
    ]
    for name, columns, rows in layers:
        if not rows:
            continue
        table = Table(title=f"{name} ({len(rows)})")
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(escape(str(v)) for v in row))
        out.print(table)


@export_app.command("jsonl")
def export_jsonl_cmd(
    output: Annotated[str, typer.Option("-o", "--output", help="file to write ('-' = stdout)")] = "-",
    store: StoreOption = None,
) -> None:
    """Every stored document with all layers as JSON lines, ordered by id (`kronika load` reads it back)."""
    from kronika.export.jsonl import export_jsonl
    from kronika.store import open_store

    try:
        with open_store(resolve_store_url(store)) as st:
            if output == "-":
                n = export_jsonl(st, sys.stdout)
            else:
                Path(output).parent.mkdir(parents=True, exist_ok=True)
                # Write beside the target and rename, so a failed export never leaves half a file.
                tmp = Path(f"{output}.part")
                with tmp.open("w", encoding="utf-8") as fh:
                    n = export_jsonl(st, fh)
                tmp.replace(output)
    except (KronikaError, OSError) as e:
        raise fail(str(e)) from e
    console.print(f"exported {n} documents", highlight=False)
