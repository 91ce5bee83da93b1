"""Analyze documents on Dask workers: N local processes or an existing cluster.

Why this shape: analysis is pure per document, so workers only turn document records into
analyzed records; the one process that owns the store writes every result in its own
transaction. That keeps SQLite correct (a single writer), makes runs idempotent, and means a
killed worker loses nothing already written — Dask re-runs its batch on another worker.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kronika.model import Document
from kronika.model.serialize import doc_from_dict, doc_to_dict

_PIPELINES: dict[tuple[str, ...], list] = {}


def analyze_batch(records: list[dict[str, Any]], stage_names: tuple[str, ...], marker_dir: str | None = None,
                  batch_key: str = "") -> list[dict[str, Any]]:
    """Worker side: records in, results out. The pipeline is built once per worker process."""
    from kronika.pipeline import Processed, build_pipeline, process

    if marker_dir:  # the first attempt leaves a marker; a later attempt finds it and says it is a retry
        try:
            first = Path(marker_dir, batch_key)
            if first.exists():
                Path(marker_dir, f"{batch_key}.retry.{os.getpid()}.{time.monotonic_ns()}").touch()
            else:
                first.touch()
        except OSError:
            pass
    stages = _PIPELINES.get(stage_names)
    if stages is None:
        stages = _PIPELINES[stage_names] = build_pipeline(stage_names)
    out: list[dict[str, Any]] = []
    for rec in records:
        result = process(stages, doc_from_dict(rec))
        if isinstance(result, Processed):
            out.append({"ok": doc_to_dict(result.doc)})
        else:
            out.append({"failed": {"doc_id": result.doc_id, "path": result.path, "stage": result.stage,
                                   "error": result.error}})
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (run on each worker with Client.run)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def open_client(workers: int, scheduler: str | None):  # noqa: ANN201 - distributed.Client
    """A Dask client: an existing scheduler when given, else a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="20s")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           memory_limit="1GiB", silence_logs=40)
    return Client(cluster)


def analyze_parallel(
    docs: Iterable[Document],
    stage_names: tuple[str, ...],
    workers: int = 2,
    scheduler: str | None = None,
    batch_size: int = 8,
    client: Any = None,
    stats: dict[str, int] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield result records as batches finish, with a bounded number in flight. At the end,
    ``stats["retried_batches"]`` says how many batches ran again after a worker was lost."""
    from distributed import as_completed

    own_client = client is None
    client = client or open_client(workers, scheduler)
    marker_dir = tempfile.mkdtemp(prefix="kronika-markers-") if not scheduler else None
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        max_in_flight = 3 * n_workers
        pending = as_completed()
        in_flight = 0
        batches = _batches(docs, batch_size)
        exhausted = False
        counter = 0
        while True:
            while not exhausted and in_flight < max_in_flight:
                try:
                    batch = next(batches)
                except StopIteration:
                    exhausted = True
                    break
                counter += 1
                key = f"kronika-batch-{counter}-{batch[0].id}"
                fut = client.submit(analyze_batch, [doc_to_dict(d) for d in batch], tuple(stage_names),
                                    marker_dir, f"b{counter}", key=key, pure=False, retries=2)
                pending.add(fut)
                in_flight += 1
            if in_flight == 0:
                break
            fut = next(pending)
            in_flight -= 1
            results = fut.result()
            fut.release()
            yield from results
    finally:
        if stats is not None:
            stats["retried_batches"] = _count_retried(marker_dir)
        if marker_dir:
            import shutil

            shutil.rmtree(marker_dir, ignore_errors=True)
        if own_client:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _count_retried(marker_dir: str | None) -> int:
    if not marker_dir:
        return 0
    return len({name.split(".", 1)[0] for name in os.listdir(marker_dir) if ".retry." in name})
