"""`kronika run`: ingest → analyze → store, one transaction per document.

The library function behind the CLI command; the HTTP ingest route and the parallel runner
call it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kronika.config import Settings
from kronika.errors import InputError, StoreError
from kronika.model import Document
from kronika.pipeline import Failed, Processed, batch_gc, build_pipeline, process


@dataclass
class RunReport:
    """What a run did: counts plus every input error and stage failure, for the summary."""

    new: int = 0
    reanalyzed: int = 0
    skipped: int = 0
    retried_batches: int = 0
    input_errors: list[InputError] = field(default_factory=list)
    failures: list[Failed] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.reanalyzed

    @property
    def ok(self) -> bool:
        return not self.input_errors and not self.failures


def pipeline_signature(stages: list) -> dict[str, str]:
    """layer → "stage@version" that this pipeline would record; compared with the store to skip work."""
    sig: dict[str, str] = {}
    for stage in stages:
        for layer in stage.assigns:
            sig[layer] = f"{stage.name}@{stage.version}"
    return sig


def run_documents(
    items: Iterable[Document | InputError],
    store,  # kronika.store.Store
    settings: Settings | None = None,
    progress: bool = False,
    on_error: Callable[[str], None] | None = None,
    force: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    client: object | None = None,
) -> RunReport:
    """Analyze and store documents; a document already analyzed by the same pipeline is skipped."""
    settings = settings or Settings()
    stages = build_pipeline(settings.stages, settings)
    signature = pipeline_signature(stages)
    report = RunReport()

    def todo() -> Iterable[Document]:
        for item in items:
            if isinstance(item, InputError):
                report.input_errors.append(item)
                if on_error:
                    on_error(str(item))
                continue
            if settings.published and not item.source.published:
                from dataclasses import replace

                item.source = replace(item.source, published=settings.published)
            previous = store.produced_by(item.id)
            if previous is not None and previous == signature and not force:
                report.skipped += 1
                continue
            item.meta["_seen_before"] = previous is not None
            if previous is not None and not force:
                partial = stages_to_rerun(stages, previous)
                stored = store.get(item.id)
                if stored is not None and stored.text == item.text and len(partial) < len(stages):
                    # Only the stages whose version changed, and those that read their layers, run again
                    # (on a worker too: the stored document travels with its still-valid layers).
                    stored.meta["_seen_before"] = True
                    stored.meta["_stages"] = [st.name for st in partial]
                    yield stored
                    continue
            yield item

    parallel = workers > 1 or scheduler is not None or client is not None
    if parallel:
        results: Iterable[Processed | Failed] = _parallel_results(todo(), stages, workers, scheduler, report,
                                                                  progress, client, settings)
    else:
        results = _serial_results(todo(), stages, progress)
    for result in results:
        if isinstance(result, Processed):
            seen = result.doc.meta.pop("_seen_before", False)
            try:
                store.save(result.doc)
            except StoreError as e:  # one document the database rejects must not stop the run
                failed = Failed(result.doc.id, result.doc.source.path, "store", str(e))
                report.failures.append(failed)
                if on_error:
                    on_error(f"{failed.path or failed.doc_id}: could not be stored: {e}")
                continue
            if seen:
                report.reanalyzed += 1
            else:
                report.new += 1
        else:
            report.failures.append(result)
            if on_error:
                on_error(f"{result.path or result.doc_id}: stage {result.stage} failed: {result.error}")
    return report


def stages_to_rerun(stages: list, previous: dict[str, str]) -> list:
    """Stages whose recorded version differs from this pipeline's, plus every stage that reads a
    layer one of them rewrites (transitively). The pipeline order is a topological order."""
    stale: set[str] = set()
    out = []
    for stage in stages:
        recorded = all(previous.get(layer) == f"{stage.name}@{stage.version}" for layer in stage.assigns)
        if not recorded or stale & set(stage.requires):
            out.append(stage)
            stale.update(stage.assigns)
    return out


def _serial_results(docs: Iterable[Document], stages: list, progress: bool) -> Iterable[Processed | Failed]:
    by_name = {stage.name: stage for stage in stages}

    def one(doc: Document) -> Processed | Failed:
        names = doc.meta.pop("_stages", None)
        return process([by_name[n] for n in names] if names else stages, doc)

    if not progress:
        with batch_gc():
            yield from (one(doc) for doc in docs)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with batch_gc(), Progress(TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        task = bar.add_task("analyze", total=None)
        for doc in docs:
            yield one(doc)
            bar.advance(task)


def _parallel_results(docs: Iterable[Document], stages: list, workers: int, scheduler: str | None,
                      report: RunReport, progress: bool, client: object | None = None,
                      settings: Settings | None = None) -> Iterable[Processed | Failed]:
    """Results from kronika.parallel, with a progress bar, counting retried batches."""
    from kronika.parallel import analyze_parallel

    names = tuple(stage.name for stage in stages)
    bar = None
    if progress:
        from rich.progress import Progress

        bar = Progress(transient=True)
        bar.start()
        task = bar.add_task(f"analyzing on {'cluster' if scheduler else f'{workers} workers'}", total=None)
    stats: dict[str, int] = {}
    try:
        for result in analyze_parallel(docs, names, workers=workers, scheduler=scheduler, client=client,
                                       stats=stats, settings=settings):
            if bar:
                bar.advance(task)
            yield result
    finally:
        report.retried_batches = stats.get("retried_batches", 0)
        if bar:
            bar.stop()
