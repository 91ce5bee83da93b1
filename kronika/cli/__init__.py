"""`kronika` command line. Each module below registers its commands on the apps in cli/app.py."""

from __future__ import annotations

# Command modules, one per area; importing them registers their commands. Keep this list literal.
from kronika.cli import (  # noqa: F401
    entities_cmds,  # evaluate bsnlp, bsnlp predict
    events_cmds,  # timeline, export events
    ingest_cmds,  # ingest
    ner_cmds,  # train ner
    pipeline_cmds,  # run, analyze, bench
    quantities_cmds,  # evaluate numbers, evaluate quantities
    serve_cmds,  # serve
    store_cmds,  # load, search, show, export jsonl
    times_cmds,  # evaluate times
)
from kronika.cli.app import app, fail
from kronika.errors import KronikaError


def main() -> None:
    # Commands report the errors they expect themselves; this catches the rest (a bad
    # KRONIKA_MODELS_DIR met while a stage loads) as one error line instead of a traceback.
    try:
        app()
    except KronikaError as e:
        raise SystemExit(fail(str(e)).exit_code) from None
