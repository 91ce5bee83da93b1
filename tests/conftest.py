"""The only conftest. Fixtures:

- ``make_doc(text, published=None, layers=("segment", "morphology"))`` → a Document built by hand and
  run through just the named foundation stages. Use it for stage tests; never run the whole pipeline
  to test one stage.
- ``shared_dir`` → Path of ../shared (skips with a reason when absent: a user's fresh clone has none).
- ``seeds_dir`` → ../shared/corpus/seeds (skips when absent).
- ``store_url`` → parametrized over "sqlite" (a temp file) and "postgresql" (KRONIKA_TEST_PG_URL; skips
  when unset locally, CI sets it and starts a real server). Use for every storage/API test.
- ``cases(name)`` → list of golden cases from tests/cases/<name>.yaml.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import yaml

from kronika.model import Document, Source

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KRONIKA_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture
def make_doc():
    from kronika.pipeline import build_pipeline, process

    def _make(text: str, published: str | None = None, layers: tuple[str, ...] = ("segment", "morphology"),
              **source_kw) -> Document:
        doc = Document.create(text, source=Source(published=published, **source_kw))
        if layers:
            result = process(build_pipeline(layers), doc)
            assert hasattr(result, "doc"), result
            doc = result.doc
        doc.check()
        return doc

    return _make


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: these tests need the shared data (CI has it)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    p = shared_dir / "corpus" / "seeds"
    if not p.is_dir():
        pytest.skip(f"seed articles not found at {p}")
    return p


def _pg_url() -> str | None:
    return os.environ.get("KRONIKA_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"  # a generator fixture must yield, even here
        return
    base = _pg_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail("KRONIKA_TEST_PG_URL is not set in CI: .ci/run must start PostgreSQL")
        pytest.skip("KRONIKA_TEST_PG_URL not set: PostgreSQL tests run in CI (see .ci/run)")
    # A fresh schema per test keeps tests independent on one server.
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"
    yield url
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def cases():
    def _load(name: str) -> list[dict]:
        with (ROOT / "tests" / "cases" / f"{name}.yaml").open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)

    return _load
