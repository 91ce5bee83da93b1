"""`kronika serve` binds to this machine by default; `kronika bench-web` reports every page."""

from __future__ import annotations

import inspect

from typer.testing import CliRunner

from kronika.cli import app
from kronika.cli.serve_cmds import serve_cmd


def test_serve_cmds_binds_localhost_by_default():
    assert inspect.signature(serve_cmd).parameters["host"].default == "127.0.0.1"


def test_serve_cmds_bench_web_reports_pages_and_search():
    result = CliRunner().invoke(app, ["bench-web", "--docs", "3", "--repeat", "1"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for path in ("/timeline", "/entities/loc%3Akorea-polnocna", "/api/search?q=Szojgu"):
        assert path in result.output
    assert "7 documents" in result.output
