"""Which trigger words of a sentence are events, and of which type: context rules that keep generic
words ("test", "strata", "pomoc", "wysłać") from making events off the domain, and one event per type
and predicate.

Example: "Korea Północna przeprowadziła test pocisku" → MILITARY_EXERCISE on "test"; "Test na
obecność koronawirusa" → nothing.
"""

from __future__ import annotations

from kronika.facts.event_lexicon import (
    ANNOUNCING,
    ARRIVAL,
    CLAUSE_STATEMENTS,
    DIRECTIVE_OBJECTS,
    FINITE_TAGS,
    HELP,
    MEASURE_NOUNS,
    MILITARY_WORDS,
    NEEDS_ACTOR,
    NEEDS_MILITARY,
    NEEDS_MILITARY_OR_STATE,
    NEEDS_VICTIM,
    OFFICIALS,
    PERSON_NOUNS,
    PERSON_TYPES,
    PREPOSITIONS,
    SUPPORT,
    SUPPORT_WORDS,
    TECH_NOUNS,
    VERB_ONLY,
    VERB_ONLY_TYPES,
    VERB_TAGS,
    VICTIM_WORDS,
    VISIT_VERBS,
    WEAK_SENDING,
    WEAK_TRANSFER,
    WEAPON_NOUNS,
    word_lemmas,
)
from kronika.model import Attribution, Mention, Token

# Unions of the word lists that the rules below test against every trigger's sentence, built once.
_HELP_CONTEXT = SUPPORT_WORDS | MILITARY_WORDS | TECH_NOUNS
_SUPPORT_CONTEXT = _HELP_CONTEXT | PERSON_NOUNS
_TRANSFERRED = WEAPON_NOUNS | TECH_NOUNS | PERSON_NOUNS


def _weapon_model(mentions: list[Mention]) -> bool:
    """A product name with a number is a weapon model here ("KN-23", "Shahed-136"); other product
    names are mostly media titles ("Financial Times", "Sky News")."""
    return any(m.type == "PRO" and any(c.isdigit() for c in m.text) for m in mentions)


def _in_context(lemma: str, sentence_lemmas: set[str], mentions: list[Mention]) -> bool:
    """Whether a generic trigger has the context that makes it an event here."""
    if lemma in NEEDS_MILITARY:
        return bool(MILITARY_WORDS & sentence_lemmas) or _weapon_model(mentions)
    if lemma in NEEDS_MILITARY_OR_STATE:
        return bool(MILITARY_WORDS & sentence_lemmas) or any(m.type == "LOC" for m in mentions)
    if lemma in VISIT_VERBS:
        return bool(OFFICIALS & sentence_lemmas) or any(m.type == "PER" for m in mentions) \
            or bool(WEAPON_NOUNS & sentence_lemmas)  # weapons that arrive are a transfer
    if lemma in NEEDS_VICTIM:
        return bool(VICTIM_WORDS & sentence_lemmas)
    if lemma in NEEDS_ACTOR:
        return any(m.type in PERSON_TYPES for m in mentions)
    return True


def _object_lemma(tokens: list[Token], idx: int, mentions: list[Mention]) -> str | None:
    """Base form of the first common noun after the trigger that is not a measure ("ilości"),
    outside names; None when there is none within six words."""
    for tok in tokens[idx + 1 : idx + 7]:
        if any(m.start <= tok.start < m.end for m in mentions):
            continue
        if (tok.tag or "").startswith("subst"):
            lemma = (tok.lemma or tok.text).lower()
            if lemma not in MEASURE_NOUNS:
                return lemma
    return None


def _resolve_type(lemma: str, default: str, sentence_lemmas: set[str], mentions: list[Mention],
                  object_lemma: str | None = None) -> str | None:
    has_weapon = bool(WEAPON_NOUNS & sentence_lemmas) or _weapon_model(mentions)
    has_person = bool(PERSON_NOUNS & sentence_lemmas)
    has_tech = bool(TECH_NOUNS & sentence_lemmas)
    if not _in_context(lemma, sentence_lemmas, mentions):
        return None
    if lemma in ARRIVAL and has_weapon and not any(m.type == "PER" for m in mentions):
        return "ARMS_TRANSFER"
    if lemma in WEAK_SENDING and not (has_person or has_weapon):
        return None
    if lemma == "stacjonować":
        return "DEPLOYMENT" if has_person else None  # stationed troops; stationed aircraft move nowhere
    if lemma in WEAK_TRANSFER and object_lemma is not None \
            and object_lemma not in _TRANSFERRED:
        return None  # "Ukraina przekazała ONZ dowody": evidence, however many rockets follow
    if default == "DEPLOYMENT" and has_weapon and not has_person:
        return "ARMS_TRANSFER"
    if default == "ARMS_TRANSFER":
        if has_weapon:
            return "ARMS_TRANSFER"
        if has_tech:
            return "TECH_TRANSFER"
        if has_person:
            return "DEPLOYMENT"
        return None  # "eksport stali", "dostarczy emocji": trade and figures of speech, not arms
    return default


def _state_follows(tokens: list[Token], idx: int, mentions: list[Mention]) -> bool:
    """A state or organisation named within three words after token idx ("pomoc dla Ukrainy")."""
    window = tokens[idx + 1 : idx + 4]
    if not window:
        return False
    start, end = window[0].start, window[-1].end
    return any(start <= m.start < end and m.type in {"LOC", "ORG"} for m in mentions)


def is_verb(tok: Token) -> bool:
    return (tok.tag or "").split(":")[0] in VERB_TAGS


def candidates(tokens: list[Token], lemmas: set[str], mentions: list[Mention], attribution: Attribution | None,
               hits: list[tuple[str, str] | None], lows: list[str] | None = None) -> list[tuple[int, str, str]]:
    """(token index, trigger lemma, type) of every trigger that counts in this sentence; ``lows``: the
    tokens' words in lower case, when the caller has them already."""
    mention_spans = [(m.start, m.end) for m in mentions]
    if lows is None:
        lows = [t.text.lower() for t in tokens]
    trigger_indices = [i for i, hit in enumerate(hits) if hit]  # a few per sentence: the loop visits only these
    visit = any(hits[i][1] == "VISIT" for i in trigger_indices)  # type: ignore[index]
    out = []
    for idx in trigger_indices:
        tok = tokens[idx]
        if any(s <= tok.start < e for s, e in mention_spans):
            continue
        lemma, default = hits[idx]  # type: ignore[misc]
        finite = (tok.tag or "").split(":")[0] in FINITE_TAGS
        if (default in VERB_ONLY_TYPES and lemma[-1:] in {"ć", "c"} or lemma in VERB_ONLY) and not finite:
            continue
        if lemma == "rozmowa" and lows[idx - 1: idx] == ["w"] and lows[idx + 1: idx + 2] == ["z"]:
            continue  # "w rozmowie z PAP": an interview
        if lemma == "pomoc" and lows[idx - 1: idx] == ["za"]:
            continue  # "za pomocą": by means of
        if attribution and attribution.start <= tok.start < attribution.end and default != "STATEMENT":
            continue
        if lemma in HELP and not (not _HELP_CONTEXT.isdisjoint(lemmas) or _state_follows(tokens, idx, mentions)):
            continue
        if lemma in SUPPORT and not (not _SUPPORT_CONTEXT.isdisjoint(lemmas) or "w" in lows[idx + 1 : idx + 5]):
            continue  # "wspierać decyzje prezydenta" is politics; "wesprze Koreę w budowie satelitów" is aid
        obj = _object_lemma(tokens, idx, mentions) if lemma in WEAK_TRANSFER else None
        etype = _resolve_type(lemma, default, lemmas, mentions, obj)
        if etype is None:
            continue
        if lemma in ARRIVAL and etype == "ARMS_TRANSFER" and not any(
                WEAPON_NOUNS & word_lemmas(t.text) for t in tokens[:idx]):
            etype = "VISIT"  # weapons arrive as the subject ("pociągi z amunicją dotarły"), not on display
        following = hits[idx + 1 : idx + 4]
        if etype == "AGREEMENT" and is_verb(tok) and any(f and f[0] in DIRECTIVE_OBJECTS for f in following):
            continue  # "podpisał dekret": the decree is the event
        if lemma in ANNOUNCING and following[:1] and following[0] and following[0][1] != "STATEMENT":
            continue  # "zapowiedział wizytę": the visit, planned
        attributing = attribution is not None and attribution.start <= tok.start < attribution.end
        if lemma in CLAUSE_STATEMENTS and "że" not in lows[idx + 1 : idx + 4] and not attributing:
            continue  # "zapewnienie efektywności produkcji": ensuring, not assuring
        if lemma == "fabryka" and (lows[idx - 1: idx] and lows[idx - 1] in PREPOSITIONS or visit):
            continue  # "brać przykład z fabryki", "odwiedził fabrykę": a factory named, nothing produced
        if idx >= 2 and lows[idx - 1] == "na" and (hits[idx - 2] or ("", ""))[1] == "SANCTION":
            continue  # "embargo na eksport": the sanction, not a transfer
        out.append((idx, lemma, etype))
    return out


def choose(candidates: list[tuple[int, str, str]], tokens: list[Token]) -> list[tuple[int, str, str]]:
    """One event per type and sentence, on its first verb trigger (else its first noun); a second
    verb of the same type with another lemma is another event ("podpisanym … a ratyfikowanym")."""
    chosen: list[tuple[int, str, str]] = []
    by_type: dict[str, list[tuple[int, str, str]]] = {}
    for c in candidates:
        by_type.setdefault(c[2], []).append(c)
    for group in by_type.values():
        verbs = [c for c in group if is_verb(tokens[c[0]])]
        if not verbs:
            chosen.append(group[0])
            continue
        lemmas_seen: set[str] = set()
        for c in verbs:
            if c[1] not in lemmas_seen:
                chosen.append(c)
                lemmas_seen.add(c[1])
    return sorted(chosen)
