"""`kronika load | search | show | export jsonl` end to end on a real store, and store URL resolution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.cli.store_cmds import resolve_store_url
from kronika.model.serialize import doc_to_dict, read_jsonl, write_jsonl
from tests.store.test_store import full_doc

runner = CliRunner()


@pytest.fixture
def analyzed(tmp_path: Path, make_doc) -> tuple[Path, list]:
    docs = [make_doc("Do Władywostoku przypłynął statek z amunicją z Korei Północnej.", published="2024-03-01",
                     title="Statek z amunicją"),
            full_doc("cli-full")]
    path = tmp_path / "analyzed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write_jsonl(docs, fh)
    return path, docs


def test_store_cmds_load_search_show_export(store_url, analyzed, tmp_path: Path):
    path, docs = analyzed
    res = runner.invoke(app, ["load", "-i", str(path), "--store", store_url])
    assert res.exit_code == 0, res.output
    assert "loaded 2 documents" in res.output
    res = runner.invoke(app, ["load", "-i", str(path), "--store", store_url])  # re-load: same store
    assert res.exit_code == 0, res.output

    res = runner.invoke(app, ["search", "Korea Północna", "--store", store_url, "--limit", "5"])
    assert res.exit_code == 0, res.output
    assert docs[0].id in res.output and "Statek z amunicją" in res.output
    res = runner.invoke(app, ["search", "hipopotam", "--store", store_url])
    assert res.exit_code == 1 and "no documents match" in res.output

    res = runner.invoke(app, ["show", "cli-full", "--store", store_url])
    assert res.exit_code == 0, res.output
    for expected in ("Żołnierze z Korei w Rosji", "co najmniej 11 tys. żołnierzy", "troop_deployment",
                     "agent=Korea Północna", "2024-10", "3 mentions"):
        assert expected in res.output
    res = runner.invoke(app, ["show", "brak-takiego", "--store", store_url])
    assert res.exit_code == 2 and "no document 'brak-takiego'" in res.output

    out = tmp_path / "eksport" / "all.jsonl"
    res = runner.invoke(app, ["export", "jsonl", "-o", str(out), "--store", store_url])
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as fh:
        back = list(read_jsonl(fh))
    assert sorted(doc_to_dict(d)["id"] for d in docs) == [d.id for d in back]
    assert [doc_to_dict(d) for d in back] == [doc_to_dict(d) for d in sorted(docs, key=lambda d: d.id)]
    res = runner.invoke(app, ["export", "jsonl", "--store", store_url])
    assert res.exit_code == 0
    stdout_ids = [json.loads(line)["id"] for line in res.stdout.splitlines() if line.startswith("{")]
    assert stdout_ids == [d.id for d in back]


def test_store_cmds_load_bad_input(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    bad = tmp_path / "zly.jsonl"
    bad.write_text(json.dumps(doc_to_dict(full_doc("ok-1"))) + "\n{nie json\n", encoding="utf-8")
    res = runner.invoke(app, ["load", "-i", str(bad), "--store", url])
    assert res.exit_code == 2
    assert f"{bad}:line 2: not JSON" in res.output and "1 documents were saved" in res.output
    res = runner.invoke(app, ["load", "-i", str(tmp_path / "brak.jsonl"), "--store", url])
    assert res.exit_code == 2 and "no such file" in res.output


def test_store_cmds_bad_store_url(tmp_path: Path):
    res = runner.invoke(app, ["search", "Korea", "--store", "postgresql://kronika:sekret@127.0.0.1:1/k"])
    assert res.exit_code == 2
    assert "postgresql://kronika:***@127.0.0.1:1/k" in res.output and "sekret" not in res.output


def test_store_cmds_resolve_store_url(monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)  # no kronika.toml here
    monkeypatch.setenv("KRONIKA_DATA_DIR", str(tmp_path / "dane"))
    monkeypatch.delenv("KRONIKA_STORE_URL", raising=False)
    assert resolve_store_url(None) == f"sqlite:///{tmp_path / 'dane' / 'kronika.db'}"
    (tmp_path / "kronika.toml").write_text('[store]\nurl = "sqlite:///z-pliku.db"\n', encoding="utf-8")
    assert resolve_store_url(None) == "sqlite:///z-pliku.db"
    monkeypatch.setenv("KRONIKA_STORE_URL", "sqlite:///z-env.db")
    assert resolve_store_url(None) == "sqlite:///z-env.db"
    assert resolve_store_url("sqlite:///z-opcji.db") == "sqlite:///z-opcji.db"
