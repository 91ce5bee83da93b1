"""Typed events per sentence: trigger word → type; roles from the mentions around it; the
sentence's time, quantities and attribution; and a certainty.

Example: "Według Yonhap Korea Północna wyśle do Rosji tysiąc saperów." → DEPLOYMENT, agent
Korea Północna, recipient Rosja, quantity 1000 saper, attribution Yonhap, certainty planned.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import compress

from kronika.facts.certainty import certainty_of
from kronika.facts.event_lexicon import (
    OFFICIALS,
    RELATIVE_PRONOUNS,
    VISIT_VERBS,
    context_lemmas,
    load_triggers,
    sentence_lemmas,
    trigger_of,
    triggers_of_infos,
    word_infos,
)
from kronika.facts.event_roles import build_roles, dropped_subject, make_role, subject_of
from kronika.facts.event_triggers import candidates as find_candidates
from kronika.facts.event_triggers import choose
from kronika.language.segment import SentenceItems, sentences_holding, token_range
from kronika.model import Attribution, Certainty, Document, Event, Mention, Quantity, Role, Sentence, TimeExpr, Token

__all__ = ["EventExtractor", "build_roles", "extract_sentence_events", "trigger_of"]


def _past_time(time: TimeExpr | None, trigger: Token, published: str | None) -> TimeExpr | None:
    """A past-tense event cannot follow the publication: "ratyfikowanym w listopadzie" in an article
    of June 2025 is November 2024, whatever the bare month resolved to."""
    tag = trigger.tag or ""
    if not (time and time.value and published and tag.split(":")[0] in {"praet", "ppas", "imps"}):
        return time
    value = time.value
    if len(value) < 7 or not value[:4].isdigit() or value[4] != "-" or any(c.isdigit() for c in time.text):
        return time  # only a bare month or day ("w listopadzie", "17 czerwca") is shifted
    if value[:7] > published[:7]:
        return replace(time, value=f"{int(value[:4]) - 1:04d}{value[4:]}")
    return time


def _relative_between(tokens: list[Token], start: int, end: int) -> bool:
    return any(start <= t.start < end and t.text.lower() in RELATIVE_PRONOUNS for t in tokens)


# "po raz pierwszy od 2000 roku", "przed 2022 rokiem": the date bounds the event, it is not its date.
_BOUND_PREPOSITIONS = frozenset({"od", "przed", "sprzed"})


def _since(time: TimeExpr, before: dict[int, str]) -> bool:
    """True when the word right before the date is "od"/"przed" (one space apart)."""
    return before.get(time.start - 1, "") in _BOUND_PREPOSITIONS


def _nearest_time(times: list[TimeExpr], trigger: Token, tokens: list[Token]) -> TimeExpr | None:
    """The date nearest to the trigger: in "rozkaz … w czwartym kwartale … zarządzenia wydanego
    1 października" the order's date is the one next to it. A date in a relative clause after the
    trigger belongs to that clause ("skierowano żołnierzy … wojskom, które od sierpnia…")."""
    if not times:
        return None  # most sentences name no time: the word lookup below is not worth building
    before = {tok.end: tok.text.lower() for tok in tokens}
    dates = [t for t in times if t.type in {"DATE", "TIME"}
             and not (t.start >= trigger.end and _relative_between(tokens, trigger.end, t.start))
             and not _since(t, before)]
    if not dates:
        return None
    return min(dates, key=lambda t: (max(t.start - trigger.end, trigger.start - t.end, 0), t.value is None))


def _person_acts(roles: tuple[Role, ...], mentions: list[Mention], lemmas: set[str]) -> bool:
    """An official or a named person is the one who travels: a visit, not migration."""
    people = {(m.start, m.end) for m in mentions if m.type == "PER"}
    return bool(OFFICIALS & lemmas) or any(r.name == "agent" and (r.start, r.end) in people for r in roles)


def extract_sentence_events(doc: Document, sentence: Sentence, tokens: list[Token], mentions: list[Mention],
                            times: list[TimeExpr], quantities: list[Quantity],
                            attributions: list[Attribution], antecedent: Mention | None,
                            hits: list[tuple[str, str] | None], lemmas: set[str] | None = None) -> Iterator[Event]:
    """Events of one sentence; ``hits`` are ``trigger_of`` of each of its tokens; ``lemmas`` are
    ``sentence_lemmas(tokens)``, or only those in ``CONTEXT_WORDS`` (all the rules read), when the
    caller has them."""
    if lemmas is None:
        lemmas = sentence_lemmas(tokens)
    lows = [t.text.lower() for t in tokens]  # once per sentence, for every trigger's rules
    attribution = attributions[0] if attributions else None
    in_attribution = {(m.start, m.end) for m in mentions
                      if attribution and attribution.start <= m.start < attribution.end}
    candidates = find_candidates(tokens, lemmas, mentions, attribution, hits, lows)
    directive_at = min((i for i, _, t in candidates if t == "DIRECTIVE"), default=None)
    for idx, lemma, etype in choose(candidates, tokens):
        tok = tokens[idx]
        # The speaker of a statement is its agent ("Pentagon ogłosił, że…"): keep the attribution's names.
        roles = build_roles(etype, tok, tokens, mentions, set() if etype == "STATEMENT" and attribution
                            and attribution.start <= tok.start < attribution.end else in_attribution, doc.text)
        if antecedent and not any(r.name == "agent" for r in roles) and dropped_subject(tok, tokens, idx):
            roles = (make_role("agent", antecedent), *roles)
        if etype == "VISIT" and lemma in VISIT_VERBS and not _person_acts(roles, mentions + [antecedent] * bool(
                antecedent), lemmas):
            continue
        certainty = certainty_of(tokens, idx, attribution is not None, lows)
        if directive_at is not None and idx > directive_at and etype != "DIRECTIVE" \
                and certainty in {Certainty.ASSERTED, Certainty.REPORTED}:
            certainty = Certainty.PLANNED  # what an order demands has not happened yet
        yield Event(
            type=etype, start=sentence.start, end=sentence.end, text=sentence.text,
            trigger=(tok.start, tok.end),
            roles=roles,
            time=_past_time(_nearest_time(times, tok, tokens), tok, doc.source.published),
            quantities=tuple(quantities), attribution=attribution,
            certainty=certainty,
        )


class EventExtractor:
    """Events per sentence with roles, time, quantities, attribution and certainty."""

    name = "events"
    version = "4"
    requires: tuple[str, ...] = ("sentences", "tokens", "morphology", "mentions", "times", "quantities",
                                 "attributions")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, settings: object | None = None) -> None:
        load_triggers()

    def __call__(self, doc: Document) -> Document:
        doc.events = list(self.find(doc))
        return doc

    def find(self, doc: Document) -> Iterator[Event]:
        tokens, sentences = doc.tokens, doc.sentences
        infos = word_infos(tokens)
        hits = triggers_of_infos(infos)
        # Only a sentence with a trigger word has events: the others are never read.
        event_sentences = sentences_holding(sentences, tokens, compress(range(len(hits)), hits))
        if not event_sentences:
            return
        mentions_in, times_in, quantities_in, attributions_in = (
            SentenceItems(layer) for layer in (doc.mentions, doc.times, doc.quantities, doc.attributions))
        for k in event_sentences:
            sentence = sentences[k]
            i, j = token_range(tokens, sentence)
            antecedent = None  # of a dropped subject: the previous sentence's subject
            if k > 0:
                pi, pj = token_range(tokens, sentences[k - 1])
                antecedent = subject_of(tokens[pi:pj], mentions_in(sentences[k - 1]))
            yield from extract_sentence_events(doc, sentence, tokens[i:j], mentions_in(sentence), times_in(sentence),
                                               quantities_in(sentence), attributions_in(sentence), antecedent,
                                               hits[i:j], context_lemmas(tokens[i:j], infos[i:j]))
