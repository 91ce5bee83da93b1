"""The BSNLP 2019 evaluation metrics, re-implemented after the official evaluator's description
(``../shared/data/bsnlp/README.md``): recognition (relaxed partial, relaxed exact, strict),
normalisation, and LEA linking at document, language and cross-language level — each per entity
type and overall ("ALL").

Everything is compared case-folded, documents are matched by their id line, and a gold document
without a response is skipped (as the official jar does). Example: gold ``Korei Północnej /
Korea Północna / LOC / 7`` and response ``Korei / Korea / LOC / x`` is a relaxed-partial hit
(the whole word "korei" is shared), a relaxed-exact and strict miss.

Item definitions (per document):
- relaxed: recall counts gold entities (id, type) with at least one matching response mention of
  that type; precision counts distinct response (form, type) that match some gold entity of the
  type. Partial = shares a whole word with one of the entity's gold forms; exact = equal form.
- strict: distinct (form, type) pairs, gold vs response.
- normalisation: distinct (form, base) pairs whose base differs from the form; a hit needs the
  same form with the same base form.
- LEA (Moosavi & Strube 2016), mentions = (document, form), importance = log2(entity size) as the
  README states, so single-form entities weigh nothing; a mention listed twice keeps its first id.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from kronika.evaluation.bsnlp_format import TYPES, Line

ALL = "ALL"
METRICS = ("relaxed_partial", "relaxed_exact", "strict", "normalization", "linking_document",
           "linking_language", "linking_crosslingual")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class PRF:
    """Precision from (p_hit / p_all), recall from (r_hit / r_all): they may count different items."""

    p_hit: float = 0.0
    p_all: float = 0.0
    r_hit: float = 0.0
    r_all: float = 0.0

    @property
    def precision(self) -> float:
        return self.p_hit / self.p_all if self.p_all else 0.0

    @property
    def recall(self) -> float:
        return self.r_hit / self.r_all if self.r_all else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.p_hit += other.p_hit
        self.p_all += other.p_all
        self.r_hit += other.r_hit
        self.r_all += other.r_all


@dataclass(slots=True)
class Corpus:
    """Gold and response of one topic in one language: {doc id: lines}."""

    label: str  # topic, e.g. "trump"; namespaces entity ids (2017 ids are bare numbers per topic)
    lang: str
    gold: Mapping[str, list[Line]]
    response: Mapping[str, list[Line]]


@dataclass(slots=True)
class Report:
    scores: dict[str, dict[str, PRF]] = field(default_factory=dict)  # metric → type|ALL → PRF
    documents: int = 0
    missing: list[str] = field(default_factory=list)  # gold documents with no response (skipped)

    def flat(self) -> dict[str, float]:
        """{"strict_f1": …, "strict_PER_f1": …} for the quality gate."""
        out: dict[str, float] = {}
        for metric, by_type in self.scores.items():
            for typ, prf in by_type.items():
                stem = metric if typ == ALL else f"{metric}_{typ}"
                out[f"{stem}_p"], out[f"{stem}_r"], out[f"{stem}_f1"] = prf.precision, prf.recall, prf.f1
        return out


def _words(form: str) -> set[str]:
    return set(_WORD.findall(form))


def _relaxed(gold: list[Line], resp: list[Line], partial: bool) -> PRF:
    entities: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in gold:
        entities[(g.eid, g.type)].add(g.form)
    answers = {(r.form, r.type) for r in resp}

    def match(form: str, typ: str, gold_forms: set[str], etype: str) -> bool:
        if typ != etype:
            return False
        if form in gold_forms:
            return True
        return partial and any(_words(form) & _words(f) for f in gold_forms)

    prf = PRF(r_all=len(entities), p_all=len(answers))
    prf.r_hit = sum(any(match(f, t, forms, etype) for f, t in answers) for (_e, etype), forms in entities.items())
    prf.p_hit = sum(any(match(f, t, forms, etype) for (_e, etype), forms in entities.items()) for f, t in answers)
    return prf


def _strict(gold: list[Line], resp: list[Line]) -> PRF:
    g = {(x.form, x.type) for x in gold}
    r = {(x.form, x.type) for x in resp}
    hit = len(g & r)
    return PRF(hit, len(r), hit, len(g))


def _normalization(gold: list[Line], resp: list[Line]) -> PRF:
    g = {(x.form, x.base) for x in gold if x.base != x.form}
    r = {(x.form, x.base) for x in resp if x.base != x.form}
    # A gold form can have two base forms (17 cases in pl); either one is right.
    gold_pairs = {(x.form, x.base) for x in gold}
    return PRF(len(r & gold_pairs), len(r), len(g & {(x.form, x.base) for x in resp}), len(g))


Mention = tuple[str, str]  # (document key, form)


def _clusters(items: Iterable[tuple[Mention, str]]) -> dict[Mention, str]:
    """mention → cluster key; a mention listed twice keeps its first cluster."""
    out: dict[Mention, str] = {}
    for m, c in items:
        out.setdefault(m, c)
    return out


def _links(n: int) -> float:
    return n * (n - 1) / 2


def _lea_side(key: dict[Mention, str], other: dict[Mention, str], langs: dict[str, str] | None,
              importance: Callable[[int], float]) -> tuple[float, float]:
    """LEA numerator and denominator of ``key`` against ``other`` (recall; swap for precision).
    With ``langs`` (document key → language), only links between two languages count."""
    members: dict[str, list[Mention]] = defaultdict(list)
    for m, c in key.items():
        members[c].append(m)
    other_sizes = Counter(other.values())
    num = den = 0.0
    for mentions in members.values():
        n = len(mentions)
        if langs is None:
            total = _links(n)
            if n == 1:  # a singleton's self-link is resolved when it is a singleton in the other too
                o = other.get(mentions[0])
                num += importance(1) * (1.0 if o is not None and other_sizes[o] == 1 else 0.0)
                den += importance(1)
                continue
            shared = Counter(other[m] for m in mentions if m in other)
            common = sum(_links(k) for k in shared.values())
        else:
            total = _cross_links(mentions, langs)
            if not total:
                continue
            by_other: dict[str, list[Mention]] = defaultdict(list)
            for m in mentions:
                if m in other:
                    by_other[other[m]].append(m)
            common = sum(_cross_links(ms, langs) for ms in by_other.values())
        w = importance(n)
        num += w * common / total
        den += w
    return num, den


def _cross_links(mentions: list[Mention], langs: dict[str, str]) -> float:
    per_lang = Counter(langs[d] for d, _ in mentions)
    return _links(len(mentions)) - sum(_links(k) for k in per_lang.values())


def lea(key: dict[Mention, str], response: dict[Mention, str], langs: dict[str, str] | None = None,
        importance: Callable[[int], float] = math.log2) -> PRF:
    """LEA recall and precision: key and response map each mention to its cluster id."""
    r_num, r_den = _lea_side(key, response, langs, importance)
    p_num, p_den = _lea_side(response, key, langs, importance)
    return PRF(p_num, p_den, r_num, r_den)


def _only(lines: list[Line], typ: str) -> list[Line]:
    return lines if typ == ALL else [x for x in lines if x.type == typ]


def score(corpora: Iterable[Corpus], types: Iterable[str] = (*sorted(TYPES), ALL)) -> Report:
    """Every metric family per type and overall over one or more (topic, language) corpora."""
    corpora = list(corpora)
    report = Report()
    langs: dict[str, str] = {}
    paired: list[tuple[Corpus, str, list[Line], list[Line]]] = []
    for c in corpora:
        for doc_id, gold in c.gold.items():
            if doc_id not in c.response:
                report.missing.append(f"{c.label}/{c.lang}/{doc_id}")
                continue
            dkey = f"{c.label}\x1f{c.lang}\x1f{doc_id}"
            langs[dkey] = c.lang
            paired.append((c, dkey, gold, c.response[doc_id]))
    report.documents = len(paired)
    several_langs = len(set(langs.values())) > 1
    for typ in types:
        fams = {m: PRF() for m in METRICS[:4]}
        doc_key: list[tuple[Mention, str]] = []
        doc_resp: list[tuple[Mention, str]] = []
        lang_key: list[tuple[Mention, str]] = []
        lang_resp: list[tuple[Mention, str]] = []
        for c, dkey, gold_all, resp_all in paired:
            gold, resp = _only(gold_all, typ), _only(resp_all, typ)
            fams["relaxed_partial"].add(_relaxed(gold, resp, partial=True))
            fams["relaxed_exact"].add(_relaxed(gold, resp, partial=False))
            fams["strict"].add(_strict(gold, resp))
            fams["normalization"].add(_normalization(gold, resp))
            for g in gold:
                doc_key.append(((dkey, g.form), f"{dkey}\x1f{g.eid}"))
                # Gold ids are shared across languages of a topic, not across topics.
                lang_key.append(((dkey, g.form), f"{c.label}\x1f{g.eid}"))
            for r in resp:
                doc_resp.append(((dkey, r.form), f"{dkey}\x1f{r.eid}"))
                lang_resp.append(((dkey, r.form), f"{c.label}\x1f{r.eid}"))
        fams["linking_document"] = lea(_clusters(doc_key), _clusters(doc_resp))
        # Cross-document linking is scored within each language (the README's "single-language level").
        key_l = _clusters(((d, f), f"{langs[d]}\x1f{k}") for (d, f), k in lang_key)
        resp_l = _clusters(((d, f), f"{langs[d]}\x1f{k}") for (d, f), k in lang_resp)
        fams["linking_language"] = lea(key_l, resp_l)
        if several_langs:
            fams["linking_crosslingual"] = lea(_clusters(lang_key), _clusters(lang_resp), langs)
        for metric, prf in fams.items():
            report.scores.setdefault(metric, {})[typ] = prf
    return report
