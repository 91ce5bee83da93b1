"""A handful of hand-written Polish articles with every layer annotated by hand.

Used by the API/browser tests and by ``kronika bench-web`` (which multiplies them into synthetic
documents), so the desk can be exercised without running the NLP stages. The sentences are our
own, restating public facts; annotations are given by surface string and located here, so offsets
are never counted by hand (``Document.check()`` runs on every document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kronika.model import Attribution, Certainty, Document, Entity, Event, Hedge, Mention, Quantity, Role, Source
from kronika.model import TimeExpr as Time

ENTITIES = {e.id: e for e in (
    Entity("per:wladimir-putin", "PER", "Władimir Putin", frozenset({"Władimir Putin", "Putin"})),
    Entity("per:kim-dzong-un", "PER", "Kim Dzong Un", frozenset({"Kim Dzong Un"})),
    Entity("per:siergiej-szojgu", "PER", "Siergiej Szojgu", frozenset({"Siergiej Szojgu", "Szojgu"})),
    Entity("loc:rosja", "LOC", "Rosja", frozenset({"Rosja", "Moskwa"})),
    Entity("loc:korea-polnocna", "LOC", "Korea Północna", frozenset({"Korea Północna", "KRLD"})),
    Entity("loc:korea-poludniowa", "LOC", "Korea Południowa", frozenset({"Korea Południowa"})),
    Entity("loc:pjongjang", "LOC", "Pjongjang", frozenset({"Pjongjang"})),
    Entity("loc:obwod-kurski", "LOC", "obwód kurski", frozenset({"obwód kurski"})),
    Entity("org:pentagon", "ORG", "Pentagon", frozenset({"Pentagon"})),
    Entity("org:yonhap", "ORG", "Yonhap", frozenset({"Yonhap"})),
)}


@dataclass
class Article:
    """One article: text, source, and annotations named by their surface strings."""

    text: str
    outlet: str
    published: str
    title: str
    url: str
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (surface, entity id)
    times: list[tuple[str, str]] = field(default_factory=list)  # (surface, value)
    quantities: list[tuple[str, float, str, Hedge]] = field(default_factory=list)  # surface, value, counted, hedge
    attributions: list[tuple[str, str]] = field(default_factory=list)  # (cue, source name)
    events: list[dict] = field(default_factory=list)  # type, sentence, trigger, time?, certainty?, source?


ARTICLES = [
    Article(
        "Władimir Putin przyleciał do Pjongjangu. 19 czerwca 2024 r. Rosja i Korea Północna podpisały traktat "
        "o wszechstronnym partnerstwie strategicznym. Kim Dzong Un nazwał porozumienie historycznym.",
        "Gazeta Testowa", "2024-06-20", "Rosja i Korea Północna podpisały traktat", "https://example.org/traktat",
        mentions=[("Władimir Putin", "per:wladimir-putin"), ("Pjongjangu", "loc:pjongjang"), ("Rosja", "loc:rosja"),
                  ("Korea Północna", "loc:korea-polnocna"), ("Kim Dzong Un", "per:kim-dzong-un")],
        times=[("19 czerwca 2024 r.", "2024-06-19")],
        events=[{"type": "treaty", "sentence": "19 czerwca 2024 r. Rosja", "trigger": "podpisały",
                 "time": "19 czerwca 2024 r."},
                {"type": "visit", "sentence": "Władimir Putin przyleciał", "trigger": "przyleciał"}],
    ),
    Article(
        "Traktat między Moskwą a Pjongjangiem przewiduje wzajemną pomoc wojskową. Dokument podpisano "
        "19 czerwca 2024 r. w stolicy Korei Północnej. Według agencji Yonhap Seul uważa porozumienie za zagrożenie.",
        "Dziennik Przykładowy", "2024-06-21", "Traktat o pomocy wojskowej", "https://example.net/pomoc",
        mentions=[("Moskwą", "loc:rosja"), ("Pjongjangiem", "loc:pjongjang"), ("Korei Północnej", "loc:korea-polnocna"),
                  ("Yonhap", "org:yonhap")],
        times=[("19 czerwca 2024 r.", "2024-06-19")],
        attributions=[("Według agencji Yonhap", "Yonhap")],
        events=[{"type": "treaty", "sentence": "Dokument podpisano", "trigger": "podpisano",
                 "time": "19 czerwca 2024 r."}],
    ),
    Article(
        "Według wywiadu Korei Południowej do obwodu kurskiego wysłano co najmniej 11 tys. żołnierzy z Korei "
        "Północnej. Siergiej Szojgu odwiedził Pjongjang we wrześniu 2024 r.",
        "Gazeta Testowa", "2024-10-25", "Żołnierze z Korei Północnej w obwodzie kurskim",
        "https://example.org/zolnierze",
        mentions=[("Korei Południowej", "loc:korea-poludniowa"), ("obwodu kurskiego", "loc:obwod-kurski"),
                  ("Korei Północnej", "loc:korea-polnocna"), ("Siergiej Szojgu", "per:siergiej-szojgu"),
                  ("Pjongjang", "loc:pjongjang")],
        times=[("we wrześniu 2024 r.", "2024-09")],
        quantities=[("co najmniej 11 tys. żołnierzy", 11000, "żołnierz", Hedge.AT_LEAST)],
        attributions=[("Według wywiadu Korei Południowej", "wywiad Korei Południowej")],
        events=[{"type": "troop_deployment", "sentence": "Według wywiadu", "trigger": "wysłano",
                 "certainty": Certainty.REPORTED, "source": 0},
                {"type": "visit", "sentence": "Siergiej Szojgu", "trigger": "odwiedził",
                 "time": "we wrześniu 2024 r."}],
    ),
    Article(
        "Pentagon poinformował, że do obwodu kurskiego wysłano ok. 10 tys. żołnierzy Korei Północnej. "
        "Według Pentagonu żołnierze trafili do Rosji w październiku 2024 r.",
        "Portal Wzorcowy", "2024-11-02", "Pentagon o żołnierzach KRLD", "https://example.com/pentagon",
        mentions=[("Pentagon", "org:pentagon"), ("obwodu kurskiego", "loc:obwod-kurski"),
                  ("Korei Północnej", "loc:korea-polnocna"), ("Pentagonu", "org:pentagon"), ("Rosji", "loc:rosja")],
        times=[("w październiku 2024 r.", "2024-10")],
        quantities=[("ok. 10 tys. żołnierzy", 10000, "żołnierz", Hedge.ABOUT)],
        attributions=[("Pentagon poinformował", "Pentagon"), ("Według Pentagonu", "Pentagon")],
        events=[{"type": "troop_deployment", "sentence": "Pentagon poinformował", "trigger": "wysłano",
                 "certainty": Certainty.REPORTED, "source": 0}],
    ),
]


def _find(text: str, surface: str, after: int = 0) -> tuple[int, int]:
    start = text.find(surface, after)
    if start < 0:
        raise ValueError(f"sample annotation {surface!r} not found in {text[:40]!r}…")
    return start, start + len(surface)


def build(article: Article, doc_id_suffix: str = "", analyze: bool = True) -> Document:
    """The article as a Document with hand annotations (and, with ``analyze``, segment + morphology)."""
    from kronika.pipeline import build_pipeline, process

    url = article.url + doc_id_suffix
    doc = Document.create(article.text, source=Source(outlet=article.outlet, published=article.published,
                                                      url=url, title=article.title))
    if analyze:
        result = process(build_pipeline(["segment", "morphology"]), doc)
        doc = result.doc
    text = doc.text
    pos: dict[str, int] = {}
    for surface, entity_id in article.mentions:
        s, e = _find(text, surface, pos.get(surface, 0))
        pos[surface] = e
        # Entities outside the table (the benchmark's synthetic reporters) are persons named as written.
        ent = ENTITIES.get(entity_id) or Entity(entity_id, "PER", surface, frozenset({surface}))
        doc.mentions.append(Mention(s, e, surface, ent.type, ent.name, entity_id))
        doc.entities[entity_id] = ent
    doc.mentions.sort(key=lambda m: m.start)
    times = {}
    for surface, value in article.times:
        s, e = _find(text, surface)
        times[surface] = Time(s, e, surface, "DATE", value)
        doc.times.append(times[surface])
    for surface, value, counted, hedge in article.quantities:
        s, e = _find(text, surface)
        doc.quantities.append(Quantity(s, e, surface, value, counted=counted, hedge=hedge))
    for cue, name in article.attributions:
        s, e = _find(text, cue)
        doc.attributions.append(Attribution(s, e, cue, name))
    for spec in article.events:
        s = text.find(spec["sentence"])
        ts, te = _find(text, spec["trigger"], s)
        # The sentence ends at the first full stop before a capital or digit after its trigger
        # ("2024 r. w" is not one, nor are the abbreviations "ok." and "tys.").
        end = re.compile(r"(?<!ok)(?<!tys)\.(?=\s+[A-ZŁŚŻŹĆ0-9])|\.$").search(text, te)
        e = end.end() if end else len(text)
        roles = tuple(Role("participant", m.start, m.end, m.text, m.entity_id)
                      for m in doc.mentions if s <= m.start and m.end <= e)
        qs = tuple(q for q in doc.quantities if s <= q.start and q.end <= e)
        source = doc.attributions[spec["source"]] if "source" in spec else None
        doc.events.append(Event(spec["type"], s, e, text[s:e], (ts, te), roles, times.get(spec.get("time")),
                                qs, source, spec.get("certainty", Certainty.ASSERTED)))
    doc.check()
    return doc


def sample_documents(analyze: bool = True) -> list[Document]:
    """The four sample articles: the treaty (two outlets) and the troops in the Kursk region (two outlets)."""
    return [build(a, analyze=analyze) for a in ARTICLES]
