"""CI quality gate: every pinned baseline in evaluation/baseline/ is re-measured on ../shared data
with its own recorded command plus --check; a score below its floor turns CI red."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BASELINES = sorted((ROOT / "evaluation" / "baseline").glob("*.json"))


def _kronika(command: str, models: Path) -> list[str]:
    args = shlex.split(command.replace("{models}", str(models)))
    assert args[0] == "kronika", command
    return [sys.executable, "-m", "kronika", *args[1:]]


@pytest.mark.parametrize("path", BASELINES, ids=[p.stem for p in BASELINES])
def test_quality_gate(path, shared_dir, tmp_path):
    base = json.loads(path.read_text(encoding="utf-8"))
    assert "evaluate" in base["command"], base["command"]
    # A baseline may first train what it measures ("setup": the leave-one-topic-out models) and
    # point the evaluation at it ("env"); "{models}" is a fresh folder.
    env = {**os.environ, **{k: v.replace("{models}", str(tmp_path)) for k, v in base.get("env", {}).items()}}
    for step in base.get("setup", []):
        proc = subprocess.run(_kronika(step, tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, f"{step} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    cmd = [*_kronika(base["command"], tmp_path), "--check"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
