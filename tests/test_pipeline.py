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
