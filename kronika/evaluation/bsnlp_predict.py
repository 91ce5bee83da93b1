"""`kronika bsnlp predict`: BSNLP raw articles in, one response file per article out.

For ``raw/pl/pl-10.txt`` the response ``out/pl-10.txt.out`` holds the id line "pl-10", then one
line per distinct mention form: ``Szojgu<TAB>Szojgu<TAB>PER<TAB>per:siergiej-szojgu``. Entity ids
are shared across all files of one run: KB ids or name-based ids, plus a run-level pass that
joins a lone surname to the one full name seen elsewhere in the run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kronika.entities.link import relabel, unify_run
from kronika.evaluation.bsnlp_format import TYPES, RawDoc, format_out, read_raw
from kronika.model import Document, Source
from kronika.pipeline import Failed, build_pipeline, run

PREDICT_STAGES = ("segment", "morphology", "mentions", "link")


def raw_files(raw_dir: Path) -> list[Path]:
    """The raw articles of a folder: every visible regular file, sorted by name."""
    return sorted(p for p in Path(raw_dir).iterdir() if p.is_file() and not p.name.startswith("."))


def to_document(raw: RawDoc) -> Document:
    """A Document whose text starts at the title (BSNLP annotates titles too)."""
    source = Source(url=raw.url or None, published=raw.date or None, path=raw.path,
                    title=raw.text.split("\n", 1)[0] or None, external_id=raw.id)
    return Document.create(raw.text, lang=raw.lang or "pl", source=source)


def response_rows(doc: Document) -> list[tuple[str, str, str, str]]:
    """One row per distinct (case-folded form, type), in text order."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for m in sorted(doc.mentions, key=lambda m: m.start):
        key = (m.text.lower(), m.type)
        if key in seen or m.type not in TYPES:
            continue
        seen.add(key)
        rows.append((m.text, m.base or m.text, m.type, m.entity_id or f"{m.type.lower()}:unlinked"))
    return rows


def predict_dir(raw_dir: Path, out_dir: Path, progress: bool = False,
                on_failure: Callable[[Failed], None] | None = None) -> list[Path]:
    """Analyse every raw file of ``raw_dir`` and write ``<name>.out`` files into ``out_dir``.

    A document that fails analysis still gets its id line (the official evaluator would otherwise
    skip it, flattering the scores); ``on_failure`` hears about it.
    """
    files = raw_files(raw_dir)
    raws = [read_raw(p) for p in files]
    stages = build_pipeline(PREDICT_STAGES)
    docs: list[Document | None] = []
    for result in run(stages, (to_document(r) for r in raws), progress=progress, total=len(raws)):
        if isinstance(result, Failed):
            if on_failure:
                on_failure(result)
            docs.append(None)
        else:
            docs.append(result.doc)
    mapping = unify_run([d for d in docs if d is not None])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path, raw, doc in zip(files, raws, docs, strict=True):
        rows = response_rows(relabel(doc, mapping)) if doc is not None else []
        target = out_dir / f"{path.name}.out"
        target.write_text(format_out(raw.id, rows), encoding="utf-8")
        written.append(target)
    return written
