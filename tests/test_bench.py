from kronika.bench import _time_pipeline, run_bench
from kronika.config import Settings


def test_bench_rows_and_ratios_on_the_seed_articles(seeds_dir):
    files = sorted(seeds_dir.glob("*.txt"))[:2]
    result = run_bench(files, min_mb=0.001, repeat=1)
    names = [r["name"] for r in result["rows"]]
    assert names[:2] == ["bare morfeusz2 analyse(document)", "bare morfeusz2 per token, cached"]
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
