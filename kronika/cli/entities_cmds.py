"""Commands of this area: `kronika evaluate bsnlp` and `kronika bsnlp predict`."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer
from rich.table import Table

from kronika.cli.app import apply_gate, bsnlp_app, console, evaluate_app, fail
from kronika.evaluation.bsnlp import ALL, METRICS, Corpus, Report, score
from kronika.evaluation.bsnlp_format import MISC, as_2017, read_out_dir
from kronika.evaluation.bsnlp_predict import predict_dir
from kronika.pipeline import Failed

DEFAULT_TOPICS = ["asia_bibi", "ec", "trump"]
# Floors pinned per topic and over all topics together (overall type only; per-type figures are printed).
GATED = ("relaxed_partial", "relaxed_exact", "strict", "normalization", "linking_document", "linking_language")


def _warn_failure(f: Failed) -> None:
    console.print(f"[yellow]warning:[/yellow] {f.path or f.doc_id}: stage {f.stage} failed ({f.error}); "
                  "wrote only the id line", highlight=False)


@bsnlp_app.command("predict")
def bsnlp_predict(
    raw_dir: Path = typer.Argument(..., help="folder of BSNLP raw files (id, lang, date, url, title, text)"),
    out_dir: Path = typer.Argument(..., help="where to write one <name>.out response per raw file"),
) -> None:
    """Recognise, normalise and link entities in BSNLP raw files; write official response files."""
    if not raw_dir.is_dir():
        raise fail(f"{raw_dir}: not a folder; give the folder that holds the raw .txt files")
    written = predict_dir(raw_dir, out_dir, progress=True, on_failure=_warn_failure)
    console.print(f"wrote {len(written)} response files to {out_dir}")


TYPES_2019 = ("PER", "LOC", "ORG", "EVT", "PRO", ALL)
TYPES_2017 = ("PER", "LOC", "ORG", MISC, ALL)


def _tables(title: str, report: Report, types: tuple[str, ...] = TYPES_2019) -> tuple[Table, Table]:
    """F1 per type (rows: metric families), then precision/recall/F1 overall."""
    by_type = Table(title=f"{title}: F1 per type, {report.documents} documents")
    overall = Table(title=f"{title}: overall")
    by_type.add_column("metric")
    for t in types:
        by_type.add_column(t, justify="right")
    overall.add_column("metric")
    for col in ("precision", "recall", "F1"):
        overall.add_column(col, justify="right")
    for metric in METRICS:
        scores = report.scores.get(metric)
        if not scores:
            continue
        label = metric.replace("_", " ")
        by_type.add_row(label, *("–" if not (scores[t].p_all or scores[t].r_all) else f"{scores[t].f1:.3f}"
                                 for t in types))
        prf = scores[ALL]
        overall.add_row(label, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"[bold]{prf.f1:.3f}[/bold]")
    return by_type, overall


@evaluate_app.command("bsnlp")
def evaluate_bsnlp(
    data: Path = typer.Option(Path("../shared/data/bsnlp"), help="BSNLP data folder (<topic>/raw, <topic>/annotated)"),
    topic: list[str] = typer.Option(DEFAULT_TOPICS, "--topic", "-t", help="topic to score; repeat for several"),
    lang: str = typer.Option("pl", help="language folder"),
    check: bool = typer.Option(False, "--check", help="exit 1 if a score fell below evaluation/baseline/bsnlp.json"),
    update: bool = typer.Option(False, "--update", help="raise the floors in evaluation/baseline/bsnlp.json"),
    allow_regression: bool = typer.Option(False, "--allow-regression", help="let --update lower a floor"),
    misc: bool = typer.Option(False, "--misc", help="score in the 2017 scheme (for ec, trump): gold MISC counts, "
                              "EVT and PRO answers count as MISC; gated in evaluation/baseline/bsnlp-2017.json"),
    baseline: str = typer.Option("", "--baseline", help="gate against evaluation/baseline/NAME.json instead "
                                 "(the leave-one-topic-out models: bsnlp-loto-asia_bibi, bsnlp-loto-brexit)"),
) -> None:
    """Predict on BSNLP raw files and score them with the official metric families, per type and overall.

    The 2017 topics (ec, trump) annotate PER, LOC, ORG and MISC. Scored in the 2019 scheme (the
    default, as the official 2019 evaluator does), their MISC lines are dropped, so an answer such
    as PRO "Traktatu z Nicei" counts against precision although the gold marks the entity; ``--misc``
    scores them in their own scheme instead."""
    if baseline and not baseline.replace("-", "").replace("_", "").isalnum():
        raise fail(f"--baseline {baseline!r}: a file name under evaluation/baseline/ without .json "
                   "(letters, digits, - and _)")
    corpora: list[Corpus] = []
    gold_files: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kronika-bsnlp-") as tmp:
        for t in topic:
            raw_dir, gold_dir = data / t / "raw" / lang, data / t / "annotated" / lang
            for d in (raw_dir, gold_dir):
                if not d.is_dir():
                    raise fail(f"{d}: no such folder; check --data, --topic {t} and --lang {lang}")
            console.print(f"[bold]{t}/{lang}[/bold]: predicting")
            out = Path(tmp) / t
            predict_dir(raw_dir, out, progress=True, on_failure=_warn_failure)
            gold, warnings = read_out_dir(gold_dir, keep_misc=misc)
            for w in warnings:
                console.print(f"[yellow]gold:[/yellow] {w}", highlight=False)
            response, _ = read_out_dir(out)
            if misc:
                response = {doc: as_2017(lines) for doc, lines in response.items()}
            corpora.append(Corpus(t, lang, gold, response))
            gold_files.extend(p for p in gold_dir.iterdir() if p.is_file())
    metrics: dict[str, float] = {}
    types = TYPES_2017 if misc else TYPES_2019
    for c in corpora:
        report = score([c], types)
        if report.missing:
            console.print(f"[yellow]warning:[/yellow] {len(report.missing)} gold documents had no response")
        console.print(*_tables(f"{c.label}/{c.lang}", report, types))
        metrics.update({f"{c.label}:{k}": v for k, v in report.flat().items()})
    if len(corpora) > 1:
        report = score(corpora, types)
        console.print(*_tables(f"all topics/{lang}", report, types))
    metrics.update({f"all:{k}": v for k, v in report.flat().items()})
    name = baseline or ("bsnlp" if lang == "pl" else f"bsnlp-{lang}") + ("-2017" if misc else "")
    keys = [f"{label}:{m}_f1" for label in [*topic, "all"] for m in GATED]
    command = f"kronika evaluate bsnlp --data {data} --lang {lang} " + " ".join(f"--topic {t}" for t in topic) + \
        (" --misc" if misc else "") + (f" --baseline {baseline}" if baseline else "")
    apply_gate(name, metrics, keys, gold_files, command, check, update, allow_regression)
