"""Analyze documents on Dask workers: N local processes or an existing cluster.

Why this shape: analysis is pure per document, so workers only turn documents into analyzed
documents; the one process that owns the store writes every result in its own transaction. That
keeps SQLite correct (a single writer), makes runs idempotent, and means a killed worker loses
nothing already written — Dask re-runs its batch on another worker.

Why the main process is kept lean: on a 2-core machine it shares the cores with both workers (and,
for a LocalCluster, hosts the scheduler), so every CPU-second it spends is taken from the analysis.
Batches travel as one ``bytes`` blob each way (``kronika.wire``), results leave out the text the
main process already holds, and Dask's periodic housekeeping is slowed down (``QUIET``).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kronika.config import Settings
from kronika.model import Document
from kronika.pipeline import Failed, Processed

_PIPELINES: dict[tuple[tuple[str, ...], str], dict[str, Any]] = {}

# Dask's defaults poll many times a second: the event-loop tick every 20 ms, the system monitor every
# 500 ms, the nanny's memory check every 100 ms, and a statistical profiler samples each worker's
# stack every 10 ms. Measured on 2 cores, idle: 6 % of a core in the main process and 4 % in each
# worker; with these settings 1 % and 0.4 %. Nothing here changes what is computed.
QUIET: dict[str, Any] = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.active-memory-manager.start": False,
    "distributed.scheduler.work-stealing": False,  # the submit window below already balances the load
    "distributed.deploy.cluster-repr-interval": "60s",
}


def _pipeline(stage_names: tuple[str, ...], settings_json: str) -> dict[str, Any]:
    """The stages by name, built once per worker process (loading models is the slow part)."""
    key = (stage_names, settings_json)
    if key not in _PIPELINES:
        from kronika.pipeline import build_pipeline

        settings = Settings.model_validate_json(settings_json) if settings_json else Settings()
        _PIPELINES[key] = {stage.name: stage for stage in build_pipeline(stage_names, settings)}
        import gc

        # The models just loaded live as long as the worker: moved out of the collector's sight, they
        # are no longer walked by every full collection during the analysis (a few % of worker CPU).
        gc.freeze()
    return _PIPELINES[key]


def analyze_batch(blob: bytes, stage_names: tuple[str, ...], marker_dir: str | None = None,
                  batch_key: str = "", settings_json: str = "") -> bytes:
    """Worker side: a request blob in (``kronika.wire.encode_request``), a result blob out. Each
    document runs the stages named for it (a partial re-run) or the whole pipeline."""
    from kronika import wire
    from kronika.pipeline import batch_gc, process
    from kronika.store.search import INDEX_LEMMAS_KEY, index_lemmas

    if marker_dir:  # the first attempt leaves a marker; a later attempt finds it and says it is a retry
        try:
            first = Path(marker_dir, batch_key)
            if first.exists():
                Path(marker_dir, f"{batch_key}.retry.{os.getpid()}.{time.monotonic_ns()}").touch()
            else:
                first.touch()
        except OSError:
            pass
    by_name = _pipeline(tuple(stage_names), settings_json)
    full = list(by_name.values())
    out = []
    with batch_gc():
        for doc, stages in wire.decode_request(blob):
            result = process([by_name[n] for n in stages] if stages else full, doc)
            if isinstance(result, Processed):
                # The index lemmas need Morfeusz lookups: done here, they cost the store writer nothing.
                result.doc.meta[INDEX_LEMMAS_KEY] = index_lemmas(result.doc)
                out.append(wire.ok_result(result.doc))
            else:
                out.append(wire.failed_result(result.doc_id, result.path, result.stage, result.error))
    return wire.encode_results(out)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (run on each worker with Client.run).

    Why /proc first: on Linux ``ru_maxrss`` survives ``exec``, so a worker spawned from a large
    process (a test run of 3 GB) reports its parent's size; ``VmHWM`` counts this program only."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU seconds of this process so far, all threads (run on workers with Client.run)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _batches(docs: Iterable[Document], size: int, n_workers: int) -> Iterator[list[Document]]:
    """Batches of ``size`` documents; the last ``size × n_workers`` documents are cut into smaller
    batches so that no worker sits idle while another finishes one big final batch. Reading ahead
    that far is what tells us where the end is."""
    it = iter(docs)
    ahead: deque[Document] = deque()
    horizon = size * n_workers
    exhausted = False
    tail: int | None = None
    while True:
        while not exhausted and len(ahead) < horizon + size:
            try:
                ahead.append(next(it))
            except StopIteration:
                exhausted = True
        if not ahead:
            return
        if exhausted and len(ahead) <= horizon and tail is None:
            tail = max(1, -(-len(ahead) // (2 * n_workers)))  # the rest, in two batches per worker
        take = tail or size
        yield [ahead.popleft() for _ in range(min(take, len(ahead)))]


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while decoding a batch. Why: decoding allocates tens of
    thousands of small objects, each allocation burst triggers collections, and in a process that
    also hosts Dask the collections walk all of Dask's objects too. Measured in such a process: 0.21–0.25
    CPU-s per 100 BSNLP articles with the collector, 0.10–0.15 without. The decoded objects hold no
    cycles; reference counting frees them."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def quiet_dask() -> Iterator[None]:
    import dask

    with dask.config.set(QUIET):
        yield


def local_cluster(workers: int, memory_limit: str | None = "1GiB"):  # noqa: ANN201 - distributed.LocalCluster
    """A LocalCluster of ``workers`` single-threaded processes with Dask's polling slowed (``QUIET``)."""
    from distributed import LocalCluster

    with quiet_dask():
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            memory_limit=memory_limit, silence_logs=40)


def open_client(workers: int, scheduler: str | None):  # noqa: ANN201 - distributed.Client
    """A Dask client: an existing scheduler when given, else a LocalCluster of ``workers`` processes."""
    from distributed import Client

    with quiet_dask():
        if scheduler:
            return Client(scheduler, timeout="20s")
        return Client(local_cluster(workers))


def worker_settings_json(settings: Settings | None) -> str:
    """The settings a worker needs, as JSON. Secrets stay home: workers on a cluster need the stage
    settings, not the store URL or API token."""
    return settings.model_dump_json(exclude={"store_url", "api_token"}) if settings is not None else ""


def analyze_parallel(
    docs: Iterable[Document],
    stage_names: tuple[str, ...],
    workers: int = 2,
    scheduler: str | None = None,
    batch_size: int = 16,
    client: Any = None,
    stats: dict[str, int] | None = None,
    settings: Settings | None = None,
) -> Iterator[Processed | Failed]:
    """Yield Processed/Failed per document as batches finish, with a bounded number in flight.

    A document whose ``meta["_stages"]`` lists stage names runs only those (an incremental re-run of
    a stored document); the others run ``stage_names``. At the end, ``stats["retried_batches"]``
    says how many batches ran again after a worker was lost."""
    from distributed import as_completed

    from kronika import wire

    own_client = client is None
    client = client or open_client(workers, scheduler)
    marker_dir = tempfile.mkdtemp(prefix="kronika-markers-") if not scheduler else None
    settings_json = worker_settings_json(settings)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        # Two batches per worker: one running, one queued, so a worker never waits for the main process.
        max_in_flight = 2 * n_workers
        pending = as_completed()
        sent: dict[str, list[Document]] = {}
        batches = _batches(docs, batch_size, n_workers)
        exhausted = False
        counter = 0
        while True:
            while not exhausted and len(sent) < max_in_flight:
                try:
                    batch = next(batches)
                except StopIteration:
                    exhausted = True
                    break
                counter += 1
                key = f"kronika-batch-{counter}-{batch[0].id}"
                blob = wire.encode_request([(d, d.meta.pop("_stages", None)) for d in batch])
                fut = client.submit(analyze_batch, blob, tuple(stage_names), marker_dir, f"b{counter}",
                                    settings_json, key=key, pure=False, retries=2)
                sent[key] = batch
                pending.add(fut)
            if not sent:
                break
            fut = next(pending)
            blob = fut.result()
            fut.release()
            batch = sent.pop(fut.key)
            with _no_gc():
                decoded = [wire.decode_result(rec, doc) for rec, doc in zip(wire.decode_results(blob), batch,
                                                                             strict=True)]
            for result in decoded:
                yield Processed(result) if isinstance(result, Document) else Failed(*result)
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
