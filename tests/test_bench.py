"""`kronika bench --scale` on a tiny corpus: every row, its CPU split and the workers' memory."""

from __future__ import annotations

from kronika.bench import run_scale_bench
from tests.conftest import ROOT


def test_bench_scale_rows_and_cpu_notes():
    files = sorted((ROOT / "demo").glob("*.txt"))[:4]
    out = run_scale_bench(files, min_docs=12)
    names = [row["name"] for row in out["rows"]]
    assert names == ["1 local worker", "2 local workers", "Dask LocalCluster (2 workers) via scheduler address",
                     "kronika run path: 1 process, into SQLite", "kronika run path: 2 local workers, into SQLite"]
    assert out["documents"] == 12 and out["tokens"] > 100
    for row in out["rows"]:
        assert row["docs_per_s"] > 0 and row["main_cpu_per_100"] >= 0 and row["ratio"]
    assert all(row["worker_cpu_per_100"] > 0 for row in out["rows"] if "worker" in row["name"])
    notes = "\n".join(out["notes"])
    assert notes.count("2-core ceiling 2W/(W+M)") == 4
    peaks = [float(line.split("peak worker memory ")[1].split(" MB")[0]) for line in out["notes"]
             if "peak worker memory" in line]
    assert len(peaks) == 4 and all(0 < p < 1024 for p in peaks)
