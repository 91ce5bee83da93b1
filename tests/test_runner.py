"""The runner: incremental re-runs skip unchanged documents and recompute only stale layers."""

from __future__ import annotations

from kronika.entities.recognize import MentionRecognizer
from kronika.facts.quantities import QuantityFinder
from kronika.ingest import iter_documents
from kronika.model import Document
from kronika.runner import run_documents, stages_to_rerun
from kronika.store import open_store


def _docs():
    return [Document.create("Według agencji Yonhap Korea Północna wysłała do Rosji 11 tys. żołnierzy."),
            Document.create("Kim Dzong Un spotkał się z Putinem w Pjongjangu 19 czerwca 2024 r.")]


def test_runner_second_run_skips_everything(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'r.db'}") as st:
        first = run_documents(_docs(), st)
        again = run_documents(_docs(), st)
    assert (first.new, first.skipped) == (2, 0)
    assert (again.new, again.reanalyzed, again.skipped) == (0, 0, 2)


def test_runner_changed_stage_recomputes_only_dependent_layers(tmp_path, monkeypatch):
    with open_store(f"sqlite:///{tmp_path / 'r.db'}") as st:
        run_documents(_docs(), st)
        monkeypatch.setattr(QuantityFinder, "version", "99")

        def must_not_run(self, doc):
            raise AssertionError("mentions were recomputed although their stage did not change")

        monkeypatch.setattr(MentionRecognizer, "__call__", must_not_run)
        report = run_documents(_docs(), st)
        assert report.ok, report.failures
        assert report.reanalyzed == 2
        doc = st.get(_docs()[0].id)
        assert doc.produced_by["quantities"] == "quantities@99"
        assert doc.mentions and doc.quantities and doc.events


def test_runner_stages_to_rerun_follows_requires():
    from kronika.pipeline import build_pipeline

    stages = build_pipeline()
    recorded = {layer: f"{s.name}@{s.version}" for s in stages for layer in s.assigns}
    recorded["times"] = "times@0"
    names = [s.name for s in stages_to_rerun(stages, recorded)]
    assert names == ["times", "events"]


def test_runner_reports_input_errors_and_goes_on(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Rosja i Korea Północna podpisały traktat.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    with open_store(f"sqlite:///{tmp_path / 'r.db'}") as st:
        report = run_documents(iter_documents([str(tmp_path / "in")]), st)
        assert report.new == 1 and len(report.input_errors) == 1 and not report.ok
        assert st.count_documents() == 1
