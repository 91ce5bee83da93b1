"""Parallel runs on a real dask.distributed LocalCluster store exactly what a single process stores."""

from __future__ import annotations

import io
import os
import signal
import threading
import time

import pytest

from kronika.config import Settings
from kronika.export.jsonl import export_jsonl
from kronika.ingest import iter_documents
from kronika.runner import run_documents
from kronika.store import open_store
from tests.conftest import ROOT

DEMO = str(ROOT / "demo")


def _export(url: str) -> list[str]:
    buf = io.StringIO()
    with open_store(url) as st:
        export_jsonl(st, buf)
    return sorted(buf.getvalue().splitlines())


@pytest.fixture(scope="module")
def cluster_client():
    from kronika.parallel import open_client

    client = open_client(2, None)
    yield client
    cluster = client.cluster
    client.close()
    cluster.close()


def test_parallel_same_annotations_as_single_process(tmp_path, store_url, cluster_client):
    single = f"sqlite:///{tmp_path / 'single.db'}"
    with open_store(single) as st:
        assert run_documents(iter_documents([DEMO]), st).ok
    with open_store(store_url) as st:
        report = run_documents(iter_documents([DEMO]), st, client=cluster_client)
    assert report.ok and report.new > 10
    a, b = _export(single), _export(store_url)
    if a != b:  # name the first differing layer, not just "lists differ"
        import json

        for x, y in zip(a, b, strict=False):
            dx, dy = json.loads(x), json.loads(y)
            diff = [k for k in dx if dx[k] != dy.get(k)]
            assert not diff, (dx["id"], diff, [(k, dx[k], dy.get(k)) for k in diff if k != "tokens"][:2])
    assert a == b
    # A second parallel run skips everything and duplicates nothing.
    with open_store(store_url) as st:
        again = run_documents(iter_documents([DEMO]), st, client=cluster_client)
        assert again.skipped == report.new and again.new == 0
        assert st.count_documents() == report.new


def test_parallel_survives_a_killed_worker(tmp_path, shared_dir, cluster_client):
    files = sorted((shared_dir / "data" / "bsnlp" / "brexit" / "raw" / "pl").glob("*.txt"))[:120]
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    pids = list(cluster_client.run(os.getpid).values())
    killed: list[int] = []

    def killer() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with open_store(url) as st:
                    if st.count_documents() >= 8:
                        os.kill(pids[0], signal.SIGKILL)
                        killed.append(pids[0])
                        return
            except Exception:  # noqa: BLE001 - the store may not exist yet
                pass
            time.sleep(0.2)

    # Create the database before the watcher starts polling it (open_store now also serialises
    # first-time setup with a lock file; see tests/store/test_store_setup.py).
    with open_store(url) as st:
        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        report = run_documents(iter_documents([str(f) for f in files], Settings()), st, client=cluster_client)
        ids = st.ids()
    thread.join()
    assert killed, "the worker was never killed: the run finished too fast"
    assert report.ok
    assert report.retried_batches >= 1, "the batch the killed worker was running must be reported as retried"
    assert len(ids) == len(set(ids)) == report.new
    assert report.new == len({d.id for d in iter_documents([str(f) for f in files]) if hasattr(d, "id")})


def _patch_workers(version: str | None) -> None:
    """On a worker: give quantities ``version`` and make every stage that must not rerun fail loudly
    (None restores both). Runs through Client.run, so it is pickled by value."""
    import kronika.pipeline as p

    saved = p.__dict__.setdefault("_test_saved", {})
    for name, cls in p.STAGES.items():
        if name in ("quantities", "events"):
            continue
        if version is None:
            if name in saved:
                cls.__call__ = saved.pop(name)
        else:
            saved.setdefault(name, cls.__call__)

            def refuse(self, doc, _name=name):
                raise AssertionError(f"stage {_name} reran although nothing it reads changed")

            cls.__call__ = refuse
    quantities = p.STAGES["quantities"]
    if version is None:
        quantities.version = saved.pop("quantities@version", quantities.version)
    else:
        saved.setdefault("quantities@version", quantities.version)
        quantities.version = version


def test_parallel_changed_stage_recomputes_only_dependent_layers(tmp_path, store_url, cluster_client, monkeypatch):
    from kronika.facts.quantities import QuantityFinder

    with open_store(store_url) as st:
        first = run_documents(iter_documents([DEMO]), st, client=cluster_client)
    assert first.ok and first.new > 10
    monkeypatch.setattr(QuantityFinder, "version", "99")
    cluster_client.run(_patch_workers, "99")  # the workers run the new code too
    try:
        with open_store(store_url) as st:
            report = run_documents(iter_documents([DEMO]), st, client=cluster_client)
    finally:
        cluster_client.run(_patch_workers, None)
    assert report.ok, report.failures[:2]
    assert (report.reanalyzed, report.new, report.skipped) == (first.new, 0, 0)
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    with open_store(fresh) as st:
        assert run_documents(iter_documents([DEMO]), st).ok
    exported = _export(store_url)
    assert exported == _export(fresh)
    assert all('"quantities": "quantities@99"' in line for line in exported)


def test_parallel_batches_shrink_at_the_end():
    from kronika.model import Document
    from kronika.parallel import _batches

    docs = [Document(id=str(i), text="Tekst.") for i in range(100)]
    sizes = [len(b) for b in _batches(docs, 16, 2)]
    assert [d.id for b in _batches(docs, 16, 2) for d in b] == [d.id for d in docs]
    assert sizes == [16, 16, 16, 16, 16, 5, 5, 5, 5]
    assert [len(b) for b in _batches(docs[:3], 16, 2)] == [1, 1, 1]
    assert list(_batches([], 16, 2)) == []
