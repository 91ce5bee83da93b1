"""Train the mention tagger (a linear-chain CRF) from SlavicNER spans.

Gold: ``slavicner/ner/<topic>/pl/<name>.tsv`` (``start, end, mention, base, type, id``) over
``slavicner/raw/<topic>/pl/<name>.txt``. Our own tokenizer and Morfeusz run over the raw text and
each token gets a BIO tag ("B-LOC" on "Korei", "I-LOC" on "Północnej"), so training and tagging
see exactly the same tokens.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kronika.entities.features import document_hints, initial_flags, sentence_features
from kronika.errors import InputError
from kronika.language.segment import sentence_token_ranges
from kronika.model import Document, Source

MAX_CHUNK = 120  # tokens per CRF sequence: bounds memory on run-on "sentences"


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One annotated mention: "Wielkiej Brytanii" (111, 128) → base "Wielka Brytania", LOC."""

    start: int
    end: int
    text: str
    base: str
    type: str
    entity_id: str


def read_gold(path: Path, text: str) -> list[GoldSpan]:
    """Spans of one SlavicNER .tsv file, checked against the raw text they point into."""
    spans: list[GoldSpan] = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 5:
            raise InputError(str(path), f"line {n}", f"expected 6 tab-separated columns, got {len(cols)}",
                             "fix the line or remove it")
        s, e = int(cols[0]), int(cols[1])
        if text[s:e] != cols[2]:
            continue  # the README promises none; skip rather than train on a shifted span
        spans.append(GoldSpan(s, e, cols[2], cols[3], cols[4], cols[5] if len(cols) > 5 else ""))
    return spans


def read_topic(data_dir: Path, topic: str, lang: str = "pl") -> Iterator[tuple[Document, list[GoldSpan]]]:
    """Analysed documents (segment + morphology) with their gold spans, sorted by file name."""
    from kronika.pipeline import build_pipeline, process

    raw_dir = data_dir / "raw" / topic / lang
    ner_dir = data_dir / "ner" / topic / lang
    if not raw_dir.is_dir() or not ner_dir.is_dir():
        raise InputError(str(data_dir), None, f"no {raw_dir} or {ner_dir}",
                         "pass the slavicner folder, e.g. ../shared/data/slavicner")
    stages = build_pipeline(["segment", "morphology"])
    for raw in sorted(raw_dir.glob("*.txt")):
        gold_path = ner_dir / (raw.stem + ".tsv")
        if not gold_path.exists():
            continue
        text = raw.read_text("utf-8").replace("\r", "")
        result = process(stages, Document.create(text, source=Source(path=str(raw))))
        if not hasattr(result, "doc"):
            raise InputError(str(raw), None, f"analysis failed: {result.error}", "report this as a bug")
        yield result.doc, read_gold(gold_path, text)


def bio_tags(doc: Document, spans: list[GoldSpan]) -> list[str]:
    """One tag per token; a span whose edges cut through a token is dropped (it cannot be tagged)."""
    tags = ["O"] * len(doc.tokens)
    starts = {t.start: i for i, t in enumerate(doc.tokens)}
    ends = {t.end: i for i, t in enumerate(doc.tokens)}
    # Longest first, so a nested shorter span never splits a longer one.
    for sp in sorted(spans, key=lambda s: s.start - s.end):
        i, j = starts.get(sp.start), ends.get(sp.end)
        if i is None or j is None or any(t != "O" for t in tags[i : j + 1]):
            continue
        tags[i] = "B-" + sp.type
        for k in range(i + 1, j + 1):
            tags[k] = "I-" + sp.type
    return tags


def sequences(doc: Document) -> Iterator[tuple[int, int]]:
    """Token index ranges of the CRF sequences: sentences, cut into chunks of at most MAX_CHUNK."""
    for _sentence, i, j in sentence_token_ranges(doc):
        for k in range(i, j, MAX_CHUNK):
            yield k, min(j, k + MAX_CHUNK)


def doc_features(doc: Document) -> list[tuple[int, int, list[list[str]]]]:
    """Per sequence: (first token, end token, features)."""
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    hints = document_hints(doc.tokens, flags)
    return [(a, b, sentence_features(doc.tokens[a:b], flags[a:b], hints)) for a, b in sequences(doc)]


def train(data_dir: Path, topics: list[str], out: Path, c1: float = 0.05, c2: float = 0.2,
          max_iterations: int = 150) -> dict[str, int]:
    """Train and write the CRF model to ``out``; returns counts of documents, sequences, mentions."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    counts = {"documents": 0, "sequences": 0, "mentions": 0}
    for topic in topics:
        for doc, spans in read_topic(data_dir, topic):
            tags = bio_tags(doc, spans)
            counts["documents"] += 1
            counts["mentions"] += sum(t.startswith("B-") for t in tags)
            for a, b, feats in doc_features(doc):
                trainer.append(feats, tags[a:b])
                counts["sequences"] += 1
    # L1 keeps the model small (most affix/bigram weights go to zero); L2 smooths the rest. c2 was
    # chosen on the two leave-one-topic-out pairs (brexit → asia_bibi, asia_bibi → brexit): 0.2
    # gained strict F1 on both (0.883→0.885, 0.855→0.859) over 0.05; 0.01, 0.5 and 1.0 and c1 of
    # 0.02–1.0 did no better on both (2026-12-04).
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return counts


def _gold_pairs(slavicner_dir: Path, topics: list[str], poleval: Path | None) -> Iterator[tuple[str, str, str]]:
    """(mention, base form, type) from SlavicNER gold and, untyped ("*"), from PolEval 2019."""
    for topic in topics:
        for tsv in sorted((slavicner_dir / "ner" / topic / "pl").glob("*.tsv")):
            for line in tsv.read_text("utf-8").splitlines():
                cols = line.split("\t")
                if len(cols) >= 5:
                    yield cols[2], cols[3], cols[4]
    if poleval and poleval.exists():
        for line in poleval.read_text("utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 4:
                yield cols[2], cols[3], "*"


def learn_suffix_rules(pairs: Iterator[tuple[str, str, str]], max_suffix: int = 6,
                       min_count: int = 2) -> list[tuple[str, str, int, str, int, int]]:
    """Suffix rewrite rules for words Morfeusz does not know, from word-aligned gold pairs:
    ("Theresy", "Theresa") teaches suffix "esy" → cut 1, add "a". Identity rules are kept too:
    they stop a shorter suffix from rewriting a word already in the nominative."""
    from collections import Counter, defaultdict

    from kronika.language.inflect import _reliable, nominal_forms
    from kronika.language.segment import token_spans

    stats: dict[tuple[str, str], Counter[tuple[int, str]]] = defaultdict(Counter)
    for mention, base, typ in pairs:
        mw = token_spans(mention)[2]
        bw = token_spans(base)[2]
        if len(mw) != len(bw) or (len(mw) > 1 and typ != "PER"):
            # Words after the head of a longer name are often complements that keep their case
            # ("Akademii" in "Prezes Polskiej Akademii Nauk"): they would teach "-ii stays -ii".
            continue
        for w, b in zip(mw, bw, strict=True):
            if not w[:1].isupper() or _reliable(w, nominal_forms(w), typ if typ != "*" else "PER"):
                continue  # learn only where the guesser will be asked: unknown capitalised words
            lw, lb = w.lower(), b.lower()
            p = 0
            while p < min(len(lw), len(lb)) and lw[p] == lb[p]:
                p += 1
            rule = (len(lw) - p, lb[p:])
            # A suffix can only carry a rule that cuts within it: "-em" → "" is learned on "em",
            # never on "m" (which would turn "Kim" into "K").
            for n in range(max(1, rule[0]), min(max_suffix, len(lw) - 1) + 1):
                for key in ((typ, lw[-n:]), ("*", lw[-n:])) if typ != "*" else (("*", lw[-n:]),):
                    stats[key][rule] += 1
    out = []
    for (typ, suffix), counter in stats.items():
        (cut, add), n = counter.most_common(1)[0]
        total = sum(counter.values())
        if total >= min_count:
            out.append((typ, suffix, cut, add, n, total))
    return sorted(out)


def write_suffix_rules(rules: list[tuple[str, str, int, str, int, int]], out: Path) -> None:
    lines = ["# type\tsuffix\tcut\tadd\tcount\ttotal — learned by `kronika train-ner`; "
             "see kronika/models/README.md"]
    lines += [f"{t}\t{s}\t{c}\t{a}\t{n}\t{m}" for t, s, c, a, n, m in rules]
    out.write_text("\n".join(lines) + "\n", "utf-8")
