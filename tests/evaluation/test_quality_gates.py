"""CI quality gate: every pinned baseline in evaluation/baseline/ is re-measured on ../shared data
with its own recorded command plus --check; a score below its floor turns CI red."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys

import pytest

from tests.conftest import ROOT

BASELINES = sorted((ROOT / "evaluation" / "baseline").glob("*.json"))


@pytest.mark.parametrize("path", BASELINES, ids=[p.stem for p in BASELINES])
def test_quality_gate(path, shared_dir):
    base = json.loads(path.read_text(encoding="utf-8"))
    args = shlex.split(base["command"])
    assert args[0] == "kronika" and "evaluate" in args, base["command"]
    cmd = [sys.executable, "-m", "kronika", *args[1:], "--check"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
