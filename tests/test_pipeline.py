import pytest

from kronika.errors import ConfigError
from kronika.model import Document
from kronika.pipeline import Failed, Processed, build_pipeline, process, run


def test_pipeline_missing_layer_names_the_assigning_stage():
    with pytest.raises(ConfigError, match="'segment'"):
        build_pipeline(["morphology"])


def test_pipeline_unknown_stage_lists_known():
    with pytest.raises(ConfigError, match="known stages: segment"):
        build_pipeline(["nope"])


def test_pipeline_records_produced_by_and_checks_offsets():
    stages = build_pipeline(["segment", "morphology"])
    result = process(stages, Document.create("Korea Północna wysłała 11 tys. żołnierzy."))
    assert isinstance(result, Processed)
    assert result.doc.produced_by["tokens"] == "segment@1"
    assert result.doc.produced_by["morphology"] == "morphology@1"
    assert [t.lemma for t in result.doc.tokens][:2] == ["Korea", "Północny"] or result.doc.tokens[0].lemma == "Korea"


class _Boom:
    name, version, requires, assigns = "boom", "1", (), ()

    def __init__(self, settings=None):
        pass

    def __call__(self, doc):
        if "zły" in doc.text:
            raise RuntimeError("kaboom")
        return doc


class _NotADoc(_Boom):
    def __call__(self, doc):
        return None


def test_pipeline_isolates_failing_document():
    results = list(run([_Boom()], [Document.create("dobry tekst"), Document.create("zły tekst"),
                                   Document.create("inny dobry")]))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Processed", "Failed", "Processed"]
    assert results[1].stage == "boom" and "kaboom" in results[1].error


def test_pipeline_stage_returning_non_document_fails():
    result = process([_NotADoc()], Document.create("tekst"))
    assert isinstance(result, Failed) and "not a Document" in result.error


def test_batch_gc_raises_the_young_threshold_only_while_documents_are_analysed():
    import gc

    from kronika.pipeline import BATCH_GC_THRESHOLD, batch_gc

    before = gc.get_threshold()
    with batch_gc():
        inside = gc.get_threshold()
    assert inside[0] == max(before[0], BATCH_GC_THRESHOLD) and inside[1:] == before[1:]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), batch_gc():
        raise RuntimeError("a stage failed")
    assert gc.get_threshold() == before  # restored after an error too


def test_pipeline_run_restores_the_collector_when_the_consumer_stops_early():
    import gc

    before = gc.get_threshold()
    results = run(build_pipeline(["segment"]), iter([Document.create("Jeden."), Document.create("Dwa.")]))
    next(results)
    assert gc.get_threshold()[0] >= before[0]
    results.close()
    assert gc.get_threshold() == before
