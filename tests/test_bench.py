"""`kronika bench` rows and stage parts on two seed articles; `kronika bench --scale` on a tiny corpus:
every row, its CPU split and the workers' memory."""

from __future__ import annotations

from kronika.bench import _time_pipeline, run_bench, run_scale_bench
from kronika.config import Settings
from tests.conftest import ROOT


def test_bench_rows_and_ratios_on_the_seed_articles(seeds_dir):
    files = sorted(seeds_dir.glob("*.txt"))[:2]
    result = run_bench(files, min_mb=0.001, repeat=1)
    names = [r["name"] for r in result["rows"]]
    assert names[:3] == ["bare morfeusz2 analyse(document)", "bare morfeusz2 per token, cached",
                         "bare morfeusz2 per token, cached, default collector"]
    plain = next(r for r in result["rows"] if r["name"].endswith("default collector"))
    assert plain["ratio"].startswith("full pipeline: ") and "not like for like" in plain["ratio"]
    assert "full pipeline" in names
    full = next(r for r in result["rows"] if r["name"] == "full pipeline")
    assert full["tokens_per_s"] > 0 and "of cached bare throughput" in full["ratio"]
    assert any(n.startswith("same run, per stage (s): ingest") and "mentions" in n for n in result["notes"])


def test_bench_stage_parts_add_up_to_the_run(seeds_dir):
    files = sorted(seeds_dir.glob("*.txt"))[:2]
    parts: dict[str, float] = {}
    seconds = _time_pipeline(["segment", "morphology", "mentions"], files, 2, Settings(), parts)
    assert set(parts) == {"ingest", "segment", "morphology", "mentions", "check"}
    assert 0 < sum(parts.values()) <= seconds


def test_bench_scale_rows_and_cpu_notes():
    files = sorted((ROOT / "demo").glob("*.txt"))[:4]
    out = run_scale_bench(files, min_docs=12, repeat=2)
    names = [row["name"] for row in out["rows"]]
    assert names == ["1 local worker", "2 local workers", "Dask LocalCluster (2 workers) via scheduler address",
                     "kronika run path: 1 process, into SQLite", "kronika run path: 2 local workers, into SQLite"]
    assert out["documents"] == 12 and out["tokens"] > 100
    for row in out["rows"]:
        assert row["docs_per_s"] > 0 and row["main_cpu_per_100"] >= 0 and row["ratio"]
        # the row's figure is its fastest round
        assert len(row["docs_per_s_runs"]) == 2 and row["docs_per_s"] >= max(row["docs_per_s_runs"]) - 0.05
    assert all(row["worker_cpu_per_100"] > 0 for row in out["rows"] if "worker" in row["name"])
    notes = "\n".join(out["notes"])
    assert notes.count("2-core ceiling 2W/(W+M)") == 4 and "fastest of 2 interleaved rounds" in notes
    peaks = [float(line.split("peak worker memory ")[1].split(" MB")[0]) for line in out["notes"]
             if "peak worker memory" in line]
    assert len(peaks) == 4 and all(0 < p < 1024 for p in peaks)
