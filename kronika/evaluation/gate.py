"""Quality gate: floors pinned in evaluation/baseline/<name>.json, checked in CI.

A baseline file looks like::

    {"gold_sha1": "…", "command": "kronika evaluate times --gold …", "epsilon": 0.005,
     "floors": {"relaxed_span_f1": 0.86, "value_f1": 0.77}}

`check` fails when a metric drops below its floor minus epsilon, or when the gold data changed
(the hash differs: then the floors no longer mean anything and must be re-measured).
`update` raises floors to the measured values and never lowers one unless allow_regression.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

BASELINE_DIR = Path(__file__).resolve().parents[2] / "evaluation" / "baseline"


def hash_files(paths: Iterable[Path]) -> str:
    """sha1 over the bytes of the given files, in sorted path order."""
    h = hashlib.sha1()
    for p in sorted(Path(x) for x in paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def baseline_path(name: str) -> Path:
    return BASELINE_DIR / f"{name}.json"


def check(name: str, metrics: Mapping[str, float], gold_sha1: str | None = None) -> list[str]:
    """Return a list of failures (empty = pass)."""
    path = baseline_path(name)
    if not path.exists():
        return [f"{path}: no baseline; run the evaluation with --update to create it"]
    base = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    if gold_sha1 and base.get("gold_sha1") and base["gold_sha1"] != gold_sha1:
        problems.append(f"{name}: gold data changed (sha1 {gold_sha1[:12]} ≠ {base['gold_sha1'][:12]}); "
                        "re-measure and update the baseline")
    eps = float(base.get("epsilon", 0.005))
    for key, floor in base.get("floors", {}).items():
        if key not in metrics:
            problems.append(f"{name}: metric {key!r} was not measured")
        elif metrics[key] < floor - eps:
            problems.append(f"{name}: {key} = {metrics[key]:.4f} is below the floor {floor:.4f} (−{eps})")
    return problems


def update(name: str, metrics: Mapping[str, float], keys: Iterable[str], gold_sha1: str | None,
           command: str, allow_regression: bool = False) -> dict:
    """Write floors for ``keys`` from ``metrics``; refuses to lower a floor unless allow_regression."""
    path = baseline_path(name)
    base = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    floors = dict(base.get("floors", {}))
    for key in keys:
        new = round(float(metrics[key]), 4)
        if key in floors and new < floors[key] and not allow_regression:
            raise ValueError(f"{name}: {key} would drop from {floors[key]} to {new}; "
                             "pass --allow-regression if that is intended")
        floors[key] = new
    base.update({"gold_sha1": gold_sha1, "command": command, "epsilon": base.get("epsilon", 0.005),
                 "floors": floors})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(base, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return base
