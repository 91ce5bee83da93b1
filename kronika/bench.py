"""`kronika bench`: throughput of pipeline configurations beside bare Morfeusz passes, as ratios.

Each configuration runs in the same process over the same documents, with Morfeusz caches
cleared before each run and the same collector setting (``batch_gc``), so the ratios compare like
with like. Goals from the issues:
foundation ≤ 1.5× the bare uncached Morfeusz pass; entities keep end-to-end throughput ≥ 25 % of
a bare cached pass; times + quantities add ≤ 30 % to the foundation pipeline.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from kronika.config import Settings
from kronika.language import morphology
from kronika.model import Document
from kronika.pipeline import STAGES, batch_gc, build_pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"


PLAIN_CACHED = "bare morfeusz2 per token, cached, default collector"


def default_bench_files() -> list[Path]:
    return sorted((SHARED / "data" / "bsnlp").glob("*/raw/pl/*.txt"))


def _clear_caches() -> None:
    morphology.clear_caches()


def _load(files: list[Path], settings: Settings) -> list[Document]:
    from kronika.ingest import read_path

    docs: list[Document] = []
    for f in files:
        try:
            docs.extend(read_path(str(f), settings))
        except Exception:  # noqa: BLE001 - a bad bench file is skipped, not fatal
            continue
    return docs


def _time_pipeline(names: list[str], files: list[Path], copies: int, settings: Settings,
                   per_stage: dict[str, float] | None = None) -> float:
    """Seconds for ingest + the named stages over the corpus. With ``per_stage``, also the seconds
    spent in each part ("ingest", each stage, "check") of this same run, so that stage shares are
    measured side by side rather than across runs minutes apart."""
    _clear_caches()
    stages = build_pipeline(names, settings)
    parts = per_stage if per_stage is not None else {}
    clock = time.perf_counter
    # The collector settings of every analysis loop (kronika run, analyze, the workers).
    with batch_gc():
        t_start = clock()
        for _ in range(copies):
            t0 = clock()
            docs = _load(files, settings)  # ingest is part of the measured pipeline
            parts["ingest"] = parts.get("ingest", 0.0) + clock() - t0
            # Each document is let go once analysed, as `kronika analyze` writes and drops it: holding
            # a thousand analysed documents would only make the garbage collector's full passes longer.
            docs.reverse()
            while docs:
                doc = docs.pop()
                for stage in stages:
                    t0 = clock()
                    doc = stage(doc)
                    parts[stage.name] = parts.get(stage.name, 0.0) + clock() - t0
                t0 = clock()
                doc.check()
                parts["check"] = parts.get("check", 0.0) + clock() - t0
        return clock() - t_start


def run_bench(files: list[Path], min_mb: float = 2.0, console: Any = None, repeat: int = 3) -> dict[str, Any]:
    """Each configuration runs once per round, in ``repeat`` interleaved rounds, and its fastest run
    counts: on a shared machine the minimum is the figure least disturbed by other work (the usual
    timeit practice)."""
    settings = Settings()
    docs = _load(files, settings)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    copies = max(1, int(-(-min_mb * 1e6 // max(size, 1))))
    texts = [d.text for d in docs] * copies
    from kronika.language.segment import token_spans

    n_tokens = copies * sum(len(token_spans(d.text)[0]) for d in docs)
    m = morphology.morfeusz()

    def say(msg: str) -> None:
        if console:
            console.print(msg, highlight=False)

    rows: list[dict[str, Any]] = []

    def add(name: str, seconds: float) -> dict[str, Any]:
        row = {"name": name, "seconds": seconds, "docs_per_s": len(texts) / seconds,
               "tokens_per_s": n_tokens / seconds}
        rows.append(row)
        return row

    # The bare passes run under the pipeline's collector settings too (``batch_gc``): the baseline
    # keeps its cache of Morfeusz results as long as the pipeline keeps its own.
    def bare_documents() -> float:
        with batch_gc():
            t0 = time.perf_counter()
            for t in texts:
                m.analyse(t)
            return time.perf_counter() - t0

    def bare_cached(tuned: bool = True) -> float:
        # Words only, no Token objects: the baseline is the cheapest honest cached pass (the issue's
        # reference is ~400k tokens/s), so building Tokens must not slow it down. ``tuned=False``
        # runs it as a plain script would, under Python's default collector (a slower baseline,
        # shown beside the like-for-like one).
        cache: dict[str, object] = {}  # a fresh cache each run, as the pipeline's caches are cleared
        with batch_gc() if tuned else nullcontext():
            t0 = time.perf_counter()
            for t in texts:
                for w in token_spans(t)[2]:
                    if w not in cache:
                        cache[w] = m.analyse(w)
            return time.perf_counter() - t0

    configs: list[tuple[str, list[str]]] = [("foundation: ingest+segment+morphology", ["segment", "morphology"])]
    entity = [s for s in ("mentions", "link") if s in STAGES]
    facts = [s for s in ("times", "quantities") if s in STAGES]
    if facts:
        configs.append(("foundation + times + quantities", ["segment", "morphology", *facts]))
    if entity:
        configs.append(("foundation + entities", ["segment", "morphology", *entity]))
    configs.append(("full pipeline", list(STAGES)))
    # Rounds interleave every configuration, as in run_scale_bench: the host's speed drifts over
    # minutes, and measuring one row in a slow minute and the next in a fast one compares the host.
    runs: dict[str, list[float]] = {}
    for round_no in range(1, repeat + 1):
        say(f"round {round_no}/{repeat}: bare Morfeusz (whole documents, per token with a cache), then "
            + ", ".join(name for name, _ in configs) + "…")
        runs.setdefault("bare morfeusz2 analyse(document)", []).append(bare_documents())
        runs.setdefault("bare morfeusz2 per token, cached", []).append(bare_cached())
        runs.setdefault(PLAIN_CACHED, []).append(bare_cached(tuned=False))
        for name, names in configs:
            runs.setdefault(name, []).append(_time_pipeline(names, files, copies, settings))
    bare = add("bare morfeusz2 analyse(document)", min(runs["bare morfeusz2 analyse(document)"]))
    cached = add("bare morfeusz2 per token, cached", min(runs["bare morfeusz2 per token, cached"]))
    plain = add(PLAIN_CACHED, min(runs[PLAIN_CACHED]))
    measured: dict[str, dict[str, Any]] = {name: add(name, min(runs[name])) for name, _ in configs}

    foundation = measured["foundation: ingest+segment+morphology"]
    full = measured["full pipeline"]
    foundation["ratio"] = f"{foundation['seconds'] / bare['seconds']:.2f}× bare analyse time (goal ≤ 1.5)"
    full["ratio"] = f"{full['tokens_per_s'] / cached['tokens_per_s']:.1%} of cached bare throughput (goal ≥ 25%)"
    plain["ratio"] = (f"full pipeline: {full['tokens_per_s'] / plain['tokens_per_s']:.1%} of this "
                      "(not like for like: the pipeline runs with batch_gc)")
    notes = []
    if "foundation + times + quantities" in measured:
        tq = measured["foundation + times + quantities"]
        tq["ratio"] = f"{tq['seconds'] / foundation['seconds'] - 1:+.1%} over foundation (goal ≤ 30%)"
    # Stage shares within one full-pipeline run: immune to the machine's speed drifting between runs.
    shares: dict[str, float] = {}
    _time_pipeline(list(STAGES), files, copies, settings, shares)
    base = sum(shares.get(k, 0.0) for k in ("ingest", "segment", "morphology", "check"))
    for group, keys in (("times + quantities", ("times", "quantities")), ("entities", ("mentions", "link")),
                        ("attribution + events", ("attribution", "events"))):
        cost = sum(shares.get(k, 0.0) for k in keys)
        notes.append(f"same run, {group}: {cost:.2f} s = +{cost / base:.1%} over ingest+segment+morphology "
                     f"({base:.2f} s)")
    notes.append("same run, per stage (s): " + ", ".join(f"{k} {v:.2f}" for k, v in shares.items()))
    notes.append(f"corpus: {len(docs)} documents × {copies} copies from {len(files)} files; "
                 f"every row: fastest of {repeat} interleaved rounds")
    return {"documents": len(texts), "tokens": n_tokens, "megabytes": size * copies / 1e6, "rows": rows,
            "notes": notes}


def _serial_run(warm: list[Document], docs: list[Document], db: str) -> dict[str, Any]:
    """The single-process run path, in a fresh process so that it starts as cold as a new worker:
    warm-up documents first, then the timed ones into a new SQLite store."""
    from kronika.runner import run_documents
    from kronika.store import open_store

    settings = Settings()
    with open_store(f"sqlite:///{db}.warm") as st:
        run_documents(warm, st, settings)  # models load and the word caches fill, as on a worker
    with open_store(f"sqlite:///{db}") as st:
        m0, t0 = time.process_time(), time.perf_counter()
        n = run_documents(docs, st, settings).stored
        return {"seconds": time.perf_counter() - t0, "n": n, "main_cpu": time.process_time() - m0}


def run_scale_bench(files: list[Path], min_docs: int = 500, console: Any = None,
                    store_rows: bool = True, repeat: int = 3) -> dict[str, Any]:
    """Full pipeline over ≥ ``min_docs`` articles: 1 and 2 local workers, and a client attached to a
    separate Dask LocalCluster of 2 workers by its scheduler address (the --dask-scheduler path).
    Every one of these rows does the same work: send the documents, analyze them on the workers and
    rebuild the analyzed Documents in the main process. With ``store_rows``, two more rows time the
    whole ``kronika run`` path into a fresh SQLite store — single process, then 2 local workers —
    because there the main process also writes every document.

    Why a warm-up corpus, read by every worker before the clock starts: each process keeps its own
    per-word caches (Morfeusz analyses, gazetteer keys, base forms), and a word it has not seen
    costs ~40 µs the first time. Over 500 articles, 2 workers that start cold learn the vocabulary
    twice — 21 % more cache misses than 1 worker (316k vs 260k, measured on the BSNLP Polish
    articles) — a start-up cost that a long run over an archive pays once. So the first fifth of the
    corpus (at most 150 articles, never timed) goes to every worker and to the single process first,
    and the rest is timed.

    Why ``repeat`` rounds, interleaved, fastest counts: on this shared VM the CPU time one document
    costs drifts by ±15 % over minutes (measured with plain processes, no Dask), so one row measured
    in a slow minute and the next in a fast one says more about the host than about Kronika. Each
    round runs every row once, each in new processes; each row keeps its fastest round, as
    ``run_bench`` does.

    Each row also reports CPU seconds per 100 documents: M in the main process (client, and the
    scheduler when the cluster is local) and W summed over the workers. With 2 workers on 2 cores the
    speed-up cannot exceed 2W/(W+M)."""
    import multiprocessing
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    from kronika import wire
    from kronika.parallel import (
        analyze_batch,
        analyze_parallel,
        cpu_seconds,
        local_cluster,
        open_client,
        peak_rss_mb,
        worker_settings_json,
    )
    from kronika.runner import run_documents
    from kronika.store import open_store

    settings = Settings()
    docs = _load(files, settings)
    n_warm = min(len(docs) // 5, 150)
    warm_docs, docs = (docs[:n_warm], docs[n_warm:]) if n_warm else (docs[:1], docs)
    while docs and len(docs) < min_docs:
        docs = docs + docs[: min_docs - len(docs)]
    from kronika.language.segment import token_spans

    n_tokens = sum(len(token_spans(d.text)[0]) for d in docs)
    names = tuple(STAGES)
    notes: list[str] = [f"{os.cpu_count()} cores; goal ≥ 1.8× with 2 workers on 2 cores"]
    tmp = tempfile.mkdtemp(prefix="kronika-scale-")
    stores = iter(range(10**6))

    def fresh(source: list[Document]) -> Iterator[Document]:
        # analyze_parallel fills the documents it is given; every row starts from unanalyzed copies,
        # made as they are sent and let go once counted or stored, as `kronika run` lets them go.
        return (Document(id=d.id, text=d.text, lang=d.lang, source=d.source, duplicate_of=d.duplicate_of)
                for d in source)

    def on_workers(client: Any, run_store: bool) -> dict[str, Any]:
        # Every worker reads the warm-up corpus (see the docstring); start-up is not throughput either.
        client.run(analyze_batch, wire.encode_request([(d, None) for d in fresh(warm_docs)]), names, None, "",
                   worker_settings_json(settings))
        w0, m0, t0 = client.run(cpu_seconds), time.process_time(), time.perf_counter()
        if run_store:
            with open_store(f"sqlite:///{tmp}/{next(stores)}.db") as st:
                n = run_documents(fresh(docs), st, settings, client=client).stored
        else:
            n = sum(1 for _ in analyze_parallel(fresh(docs), names, client=client, settings=settings))
        seconds, main_cpu = time.perf_counter() - t0, time.process_time() - m0
        w1 = client.run(cpu_seconds)
        return {"seconds": seconds, "n": n, "main_cpu": main_cpu,
                "worker_cpu": sum(w1[k] - w0.get(k, 0.0) for k in w1), "peak": max(client.run(peak_rss_mb).values())}

    def local(workers: int, run_store: bool = False) -> dict[str, Any]:
        client = open_client(workers, None)
        try:
            return on_workers(client, run_store)
        finally:
            cluster = client.cluster
            client.close()
            cluster.close()

    def via_address() -> dict[str, Any]:
        with local_cluster(2, memory_limit=None) as cluster, open_client(2, cluster.scheduler_address) as client:
            return on_workers(client, False)

    def single_process() -> dict[str, Any]:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            # The child gets pickled copies: the originals here stay unanalyzed.
            return pool.submit(_serial_run, warm_docs, docs, f"{tmp}/{next(stores)}.db").result()

    configs: list[tuple[str, Any]] = [
        ("1 local worker", lambda: local(1)),
        ("2 local workers", lambda: local(2)),
        ("Dask LocalCluster (2 workers) via scheduler address", via_address),
    ]
    if store_rows:
        configs += [("kronika run path: 1 process, into SQLite", single_process),
                    ("kronika run path: 2 local workers, into SQLite", lambda: local(2, run_store=True))]
    runs: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in configs}
    for round_no in range(1, repeat + 1):
        for label, measure in configs:
            if console:
                console.print(f"round {round_no}/{repeat}: {label}…", highlight=False)
            runs[label].append(measure())
    rows: list[dict[str, Any]] = []
    for label, _ in configs:
        best = min(runs[label], key=lambda r: r["seconds"])
        n = best["n"]
        row = {"name": label, "seconds": best["seconds"], "docs_per_s": n / best["seconds"],
               "tokens_per_s": n_tokens / best["seconds"], "main_cpu_per_100": 100 * best["main_cpu"] / n,
               "docs_per_s_runs": [round(r["n"] / r["seconds"], 1) for r in runs[label]]}
        if "worker_cpu" in best:
            row["worker_cpu_per_100"] = 100 * best["worker_cpu"] / n
            peak = max(r["peak"] for r in runs[label])
            notes.append(f"{label}: peak worker memory {peak:.0f} MB (limit 1024 MB)")
        rows.append(row)
    base = rows[0]["docs_per_s"]
    for row in rows[:3]:
        row["ratio"] = f"{row['docs_per_s'] / base:.2f}× vs 1 worker"
    if store_rows:
        serial, par = rows[3], rows[4]
        serial["ratio"] = "baseline of the run path"
        par["ratio"] = f"{par['docs_per_s'] / serial['docs_per_s']:.2f}× vs 1 process"
        notes.append("run path: the main process also writes every document to the store (one writer), "
                     "so its CPU adds to M")
    for row in rows:
        notes.append(f"{row['name']}: docs/s per round " + ", ".join(f"{v:.0f}" for v in row["docs_per_s_runs"]))
    for row in rows:
        if "worker_cpu_per_100" in row:
            w, m = row["worker_cpu_per_100"], row["main_cpu_per_100"]
            notes.append(f"{row['name']}: CPU s per 100 docs: main {m:.2f}, workers {w:.2f}; "
                         f"2-core ceiling 2W/(W+M) = {2 * w / (w + m):.2f}×")
    among = "also among" if not n_warm else "not among"  # a corpus under 5 articles has none to spare
    notes.append(f"every row: fastest of {repeat} interleaved rounds; every process first read the same "
                 f"{len(warm_docs)} warm-up articles, not timed and {among} the {len(docs)} timed")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return {"documents": len(docs), "tokens": n_tokens, "megabytes": sum(len(d.text.encode()) for d in docs) / 1e6,
            "rows": rows, "notes": notes}
