"""Development scores of the mention stage on SlavicNER spans (the official BSNLP scorer is
``kronika evaluate bsnlp``): span-level P/R/F1 per type, a document-level strict score over
distinct mention forms, and base-form accuracy on correctly found mentions.

Example: gold "Wielkiej Brytanii" LOC (base "Wielka Brytania") found with the same span, type
and base counts once in ``exact`` and once as a correct base form.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kronika.entities.recognize import MentionRecognizer
from kronika.entities.train import read_topic
from kronika.model.mentions import ENTITY_TYPES


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class MentionScores:
    exact: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in ("ALL", *ENTITY_TYPES)})
    overlap: PRF = field(default_factory=PRF)  # typed, any character overlap
    doc_strict: PRF = field(default_factory=PRF)  # distinct (form, type) per document, case-insensitive
    base_ok: int = 0
    base_total: int = 0
    base_changed_ok: int = 0
    base_changed_total: int = 0
    documents: int = 0

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for t, prf in self.exact.items():
            p, r, f = prf.scores()
            out.update({f"{t}.p": p, f"{t}.r": r, f"{t}.f1": f})
        out["overlap.f1"] = self.overlap.scores()[2]
        out["doc_strict.f1"] = self.doc_strict.scores()[2]
        out["base.acc"] = self.base_ok / self.base_total if self.base_total else 0.0
        out["base.changed.acc"] = self.base_changed_ok / self.base_changed_total if self.base_changed_total else 0.0
        return out


def score_topic(data_dir: Path, topic: str, limit: int | None = None) -> MentionScores:
    """Run the mention stage over one SlavicNER topic and compare with its gold spans."""
    rec = MentionRecognizer()
    sc = MentionScores()
    for n, (doc, gold) in enumerate(read_topic(data_dir, topic)):
        if limit is not None and n >= limit:
            break
        sc.documents += 1
        pred = list(rec.find(doc))
        gold_set = {(g.start, g.end, g.type) for g in gold}
        pred_set = {(m.start, m.end, m.type) for m in pred}
        for t in ("ALL", *ENTITY_TYPES):
            g = {x for x in gold_set if t in ("ALL", x[2])}
            p = {x for x in pred_set if t in ("ALL", x[2])}
            sc.exact[t].tp += len(g & p)
            sc.exact[t].fp += len(p - g)
            sc.exact[t].fn += len(g - p)
        hit = {x for x in pred_set if any(x[2] == y[2] and x[0] < y[1] and y[0] < x[1] for y in gold_set)}
        covered = {y for y in gold_set if any(x[2] == y[2] and x[0] < y[1] and y[0] < x[1] for x in pred_set)}
        sc.overlap.tp += len(covered)
        sc.overlap.fp += len(pred_set - hit)
        sc.overlap.fn += len(gold_set - covered)
        gforms = {(g.text.lower(), g.type) for g in gold}
        pforms = {(m.text.lower(), m.type) for m in pred}
        sc.doc_strict.tp += len(gforms & pforms)
        sc.doc_strict.fp += len(pforms - gforms)
        sc.doc_strict.fn += len(gforms - pforms)
        by_span = {(m.start, m.end): m for m in pred}
        for g in gold:
            m = by_span.get((g.start, g.end))
            if m is None:
                continue
            ok = m.base.lower() == g.base.lower()
            sc.base_total += 1
            sc.base_ok += ok
            if g.base.lower() != g.text.lower():
                sc.base_changed_total += 1
                sc.base_changed_ok += ok
    return sc


def confusion(data_dir: Path, topic: str, limit: int | None = None) -> Counter[tuple[str, str, str]]:
    """Most frequent (kind, surface, type) errors, for looking at what the tagger misses."""
    rec = MentionRecognizer()
    errors: Counter[tuple[str, str, str]] = Counter()
    for n, (doc, gold) in enumerate(read_topic(data_dir, topic)):
        if limit is not None and n >= limit:
            break
        gold_set = {(g.start, g.end, g.type) for g in gold}
        for m in rec.find(doc):
            if (m.start, m.end, m.type) not in gold_set:
                errors[("fp", m.text, m.type)] += 1
        pred_set = {(m.start, m.end, m.type) for m in rec.find(doc)}
        for g in gold:
            if (g.start, g.end, g.type) not in pred_set:
                errors[("fn", g.text, g.type)] += 1
    return errors


def score_poleval(path: Path) -> dict[str, float]:
    """PolEval 2019 Task 2 scores of ``inflect.base_form_text`` on a phrase index
    (``id, doc, orth, lemma``): AccCS, AccCI and the task score 0.2·AccCS + 0.8·AccCI.
    The index has no types: a phrase of capitalised words starting with a first name or
    surname is taken as a person, anything else goes through the agreement rules."""
    from kronika.language.inflect import base_form_text
    from kronika.language.morphology import analyses
    from kronika.language.segment import token_spans

    n = cs = ci = 0
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) != 4:
            continue
        orth, lemma = cols[2], cols[3]
        words = token_spans(orth)[2]
        person = bool(words) and all(w[:1].isupper() for w in words) and \
            any(r.proper in ("imię", "nazwisko") for r in analyses(words[0]))
        pred = base_form_text(orth, "PER" if person else "ORG")
        n += 1
        cs += pred == lemma
        ci += pred.lower() == lemma.lower()
    acc_cs, acc_ci = (cs / n, ci / n) if n else (0.0, 0.0)
    return {"phrases": n, "AccCS": acc_cs, "AccCI": acc_ci, "score": 0.2 * acc_cs + 0.8 * acc_ci}
