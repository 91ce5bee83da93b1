"""Typed events per sentence: trigger word → type; roles from the mentions around it; the
sentence's time, quantities and attribution; and a certainty.

Example: "Według Yonhap Korea Północna wyśle do Rosji tysiąc saperów." → DEPLOYMENT, agent
Korea Północna, recipient Rosja, quantity 1000 saper, attribution Yonhap, certainty planned.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from kronika.facts.certainty import certainty_of
from kronika.language.morphology import analyses
from kronika.language.segment import sentences_with_tokens
from kronika.model import Attribution, Document, Event, Mention, Quantity, Role, Sentence, TimeExpr, Token

# What is sent decides between a deployment and an arms transfer ("wysłać saperów" vs "wysłać pociski").
PERSON_NOUNS = frozenset("żołnierz saper budowniczy robotnik pracownik wojsko oddział kontyngent specjalista "
                         "inżynier instruktor najemnik wojskowy żołnierze oficer".split())
WEAPON_NOUNS = frozenset("pocisk amunicja rakieta broń artyleria sprzęt czołg dron granat haubica wyrzutnia "
                         "nabój uzbrojenie moździerz karabin".split())
TECH_NOUNS = frozenset("technologia satelita wiedza know-how technika program".split())
# Generic verbs ("przekazać" also means passing on news) count as transfers only with a weapon in sight.
WEAK_TRANSFER = frozenset({"przekazać", "przekazywać", "przekazanie", "kupić", "kupować", "transport", "zakup"})
PERSON_TYPES = frozenset({"PER", "ORG", "LOC"})


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, str]:
    text = resources.files("kronika").joinpath("data/pl/event_triggers.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, etype = line.split("\t")[:2]
            out[lemma] = etype
    return out


@lru_cache(maxsize=200_000)
def trigger_of(word: str) -> tuple[str, str] | None:
    """(lemma, default type) when some reading of ``word`` is a trigger lemma."""
    triggers = load_triggers()
    low = word.lower()
    if low in triggers:
        return low, triggers[low]
    for r in analyses(word):
        lemma = r.lemma.lower()
        if lemma in triggers:
            return lemma, triggers[lemma]
    return None


def _lemmas(tokens: list[Token]) -> set[str]:
    return {(t.lemma or t.text).lower() for t in tokens}


def _resolve_type(lemma: str, default: str, sentence_lemmas: set[str], mentions: list[Mention]) -> str | None:
    has_weapon = bool(WEAPON_NOUNS & sentence_lemmas) or any(m.type == "PRO" for m in mentions)
    has_person = bool(PERSON_NOUNS & sentence_lemmas)
    has_tech = bool(TECH_NOUNS & sentence_lemmas)
    if default == "DEPLOYMENT" and has_weapon and not has_person:
        return "ARMS_TRANSFER"
    if default == "ARMS_TRANSFER":
        if has_weapon:
            return "ARMS_TRANSFER"
        if has_tech:
            return "TECH_TRANSFER"
        if has_person:
            return "DEPLOYMENT"
        return None if lemma in WEAK_TRANSFER else "ARMS_TRANSFER"
    return default


def _case(tokens: list[Token], mention: Mention) -> str:
    """Every Morfeusz tag of the mention's first word, joined: case is ambiguous out of context
    ("Rosji" is genitive, dative or locative), so a role rule asks whether a case is possible."""
    for t in tokens:
        if t.start == mention.start:
            return "|".join(r.tag for r in analyses(t.text))
    return ""


def _prev_word(tokens: list[Token], start: int) -> str:
    prev = ""
    for t in tokens:
        if t.start >= start:
            break
        prev = t.text.lower()
    return prev


def _role(name: str, m: Mention) -> Role:
    return Role(name, m.start, m.end, m.text, m.entity_id)


def build_roles(etype: str, trigger: Token, tokens: list[Token], mentions: list[Mention],
                excluded: set[tuple[int, int]]) -> tuple[Role, ...]:
    roles: list[Role] = []
    actors = [m for m in mentions if (m.start, m.end) not in excluded]
    before = [m for m in actors if m.end <= trigger.start and m.type in PERSON_TYPES]
    after = [m for m in actors if m.start >= trigger.end]
    nominative = [m for m in before if ":nom" in _case(tokens, m)]
    agent = (nominative or before)[-1] if (nominative or before) else None
    if agent is None:  # inverted order: "Do Rosji przybył Kim Dzong Un"
        agent = next((m for m in after if m.type in {"PER", "ORG"} and ":nom" in _case(tokens, m)), None)
    if agent:
        roles.append(_role("agent", agent))
    used = {id(agent)}
    for m in actors:
        if id(m) in used:
            continue
        prev = _prev_word(tokens, m.start)
        if m.type == "PRO":
            roles.append(_role("item", m))
        elif prev in {"z", "ze"} and etype in {"MEETING", "AGREEMENT", "VISIT"} and m.type in {"PER", "ORG", "LOC"}:
            roles.append(_role("partner", m))
        elif prev in {"do", "dla"} and etype == "VISIT" and m.type == "LOC":
            roles.append(_role("place", m))
        elif prev in {"do", "dla"} and m.type in PERSON_TYPES:
            roles.append(_role("recipient", m))
        elif prev in {"w", "we", "na"} and m.type == "LOC":
            roles.append(_role("place", m))
        elif m.start >= trigger.end and ":dat" in _case(tokens, m) and m.type in PERSON_TYPES:
            roles.append(_role("recipient", m))
        else:
            continue
        used.add(id(m))
    return tuple(roles)


def extract_sentence_events(doc: Document, sentence: Sentence, tokens: list[Token], mentions: list[Mention],
                            times: list[TimeExpr], quantities: list[Quantity],
                            attributions: list[Attribution]) -> Iterator[Event]:
    if not tokens:
        return
    lemmas = _lemmas(tokens)
    mention_spans = [(m.start, m.end) for m in mentions]
    attribution = attributions[0] if attributions else None
    excluded = {(m.start, m.end) for m in mentions if attribution and attribution.start <= m.start < attribution.end}
    seen_types: set[str] = set()
    for idx, tok in enumerate(tokens):
        hit = trigger_of(tok.text)
        if not hit or any(s <= tok.start < e for s, e in mention_spans):
            continue
        if attribution and attribution.start <= tok.start < attribution.end and hit[1] != "STATEMENT":
            continue
        etype = _resolve_type(hit[0], hit[1], lemmas, mentions)
        if etype is None or etype in seen_types:
            continue
        seen_types.add(etype)
        time = next((t for t in times if t.type in {"DATE", "TIME"}), None)
        yield Event(
            type=etype, start=sentence.start, end=sentence.end, text=sentence.text,
            trigger=(tok.start, tok.end),
            roles=build_roles(etype, tok, tokens, mentions, excluded),
            time=time, quantities=tuple(quantities), attribution=attribution,
            certainty=certainty_of(tokens, idx, attribution is not None),
        )


def _within(items: list, sentence: Sentence) -> list:
    return [x for x in items if sentence.start <= x.start and x.end <= sentence.end]


class EventExtractor:
    """Events per sentence with roles, time, quantities, attribution and certainty."""

    name = "events"
    version = "1"
    requires: tuple[str, ...] = ("sentences", "tokens", "morphology", "mentions", "times", "quantities",
                                 "attributions")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, settings: object | None = None) -> None:
        load_triggers()

    def __call__(self, doc: Document) -> Document:
        doc.events = list(self.find(doc))
        return doc

    def find(self, doc: Document) -> Iterator[Event]:
        for sentence, tokens in sentences_with_tokens(doc):
            if not any(trigger_of(t.text) for t in tokens):
                continue
            yield from extract_sentence_events(
                doc, sentence, tokens, _within(doc.mentions, sentence), _within(doc.times, sentence),
                _within(doc.quantities, sentence), _within(doc.attributions, sentence))
