"""`kronika train-ner` (train the mention tagger and the base-form guesser) and
`kronika evaluate mentions` (development scores on SlavicNER spans)."""

from __future__ import annotations

from pathlib import Path

import typer

from kronika.cli.app import app, console, evaluate_app, fail

_PACKAGE_MODELS = Path(__file__).resolve().parents[1] / "models"


@app.command("train-ner")
def train_ner(
    data: Path = typer.Option(Path("../shared/data"), help="shared data folder (slavicner/, poleval2019_lemma/)"),
    topic: list[str] = typer.Option(["brexit", "asia_bibi"], help="SlavicNER topics to train on (repeatable)"),
    out: Path = typer.Option(_PACKAGE_MODELS, help="folder for mentions-pl.crfsuite and inflect-suffixes-pl.tsv"),
    iterations: int = typer.Option(150, help="L-BFGS iterations"),
) -> None:
    """Train the CRF mention tagger and the suffix guesser for base forms from ../shared/data."""
    from kronika.entities.train import _gold_pairs, learn_suffix_rules, train, write_suffix_rules

    slavicner = data / "slavicner"
    if not (slavicner / "raw").is_dir():
        raise fail(f"{slavicner}/raw not found: pass --data pointing at the shared data folder")
    out.mkdir(parents=True, exist_ok=True)
    poleval = data / "poleval2019_lemma" / "poleval2019_task2_train.tsv"
    rules = learn_suffix_rules(_gold_pairs(slavicner, topic, poleval if poleval.exists() else None))
    write_suffix_rules(rules, out / "inflect-suffixes-pl.tsv")
    console.print(f"suffix rules: {len(rules)} → {out / 'inflect-suffixes-pl.tsv'}")
    with console.status("training the CRF (about 1 minute on brexit + asia_bibi)"):
        counts = train(slavicner, topic, out / "mentions-pl.crfsuite", max_iterations=iterations)
    size = (out / "mentions-pl.crfsuite").stat().st_size
    console.print(f"CRF: {counts} → {out / 'mentions-pl.crfsuite'} ({size / 1e6:.1f} MB)")


@evaluate_app.command("mentions")
def evaluate_mentions(
    data: Path = typer.Option(Path("../shared/data/slavicner"), help="the SlavicNER folder (raw/ and ner/)"),
    topic: str = typer.Option("asia_bibi", help="topic to score (do not score the one you trained on)"),
    limit: int = typer.Option(None, help="score only the first N documents"),
) -> None:
    """Span-level P/R/F1 per type, document-level strict F1 and base-form accuracy of the mention stage."""
    from kronika.entities.score import score_topic

    if not (data / "raw" / topic).is_dir():
        raise fail(f"{data / 'raw' / topic} not found: pass --data ../shared/data/slavicner and a topic in it")
    sc = score_topic(data, topic, limit)
    console.print(f"{sc.documents} documents, topic {topic}")
    print(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for t, prf in sc.exact.items():
        p, r, f = prf.scores()
        print(f"{t:6} {p:6.3f} {r:6.3f} {f:6.3f} {prf.tp + prf.fn:6d}")
    d = sc.as_dict()
    print(f"overlap (typed) F1      {d['overlap.f1']:.3f}")
    print(f"document strict F1      {d['doc_strict.f1']:.3f}")
    print(f"base form accuracy      {d['base.acc']:.3f} (on {sc.base_total} exactly found mentions)")
    print(f"  where base ≠ mention  {d['base.changed.acc']:.3f} (on {sc.base_changed_total})")


@evaluate_app.command("base-forms")
def evaluate_base_forms(
    data: Path = typer.Option(Path("../shared/data/poleval2019_lemma/poleval2019_task2_dev.tsv"),
                              help="a PolEval 2019 Task 2 index (id, doc, orth, lemma)"),
) -> None:
    """Base forms of multi-word names against PolEval 2019 Task 2 (AccCS, AccCI, task score)."""
    from kronika.entities.score import score_poleval

    if not data.is_file():
        raise fail(f"{data} not found: pass --data ../shared/data/poleval2019_lemma/poleval2019_task2_dev.tsv")
    r = score_poleval(data)
    print(f"{int(r['phrases'])} phrases  AccCS {r['AccCS']:.3f}  AccCI {r['AccCI']:.3f}  score {r['score']:.3f}")
