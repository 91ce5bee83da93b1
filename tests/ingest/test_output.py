"""`kronika ingest`: JSONL output, atomic writes, error lines and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.errors import InputError
from kronika.ingest.output import ingest_to_jsonl

runner = CliRunner()
ARTICLE = "Rada Federacji zatwierdziła traktat z Koreą Północną. Głosowanie było jednogłośne."


def test_output_cli_writes_records_and_exits_1_on_bad_input(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(" date 2024-11-06 " + ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "zly.txt").write_bytes(b"\x00\x01\x02")
    out = tmp_path / "docs.jsonl"
    res = runner.invoke(app, ["ingest", str(tmp_path / "in"), "-o", str(out)])
    assert res.exit_code == 1, res.output
    assert "zly.txt" in res.output and "NUL" in res.output
    assert "documents written" in res.output
    [rec] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for key in ("id", "title", "url", "published", "lang", "text"):
        assert key in rec
    assert rec["published"] == "2024-11-06" and rec["text"] == ARTICLE


def test_output_cli_success_exit_0(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(f), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 0, res.output


def test_output_is_atomic_when_the_run_dies(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "docs.jsonl"
    out.write_text("old\n", encoding="utf-8")

    def die(err: InputError) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_to_jsonl([str(f), str(tmp_path / "brak.txt")], str(out), on_error=die)
    assert out.read_text(encoding="utf-8") == "old\n"  # untouched, no half-written file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "docs.jsonl"]  # temp file removed


def test_output_file_has_ordinary_permissions(tmp_path: Path) -> None:
    import os

    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "docs.jsonl"
    ingest_to_jsonl([str(f)], str(out))
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
