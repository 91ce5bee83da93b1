"""Roles of an event from the mentions of its sentence: agent (the subject, its conjuncts, a passive's
"przez" phrase, or a dropped subject's antecedent), recipient, partner, place and item.

Example: "Rosja i Korea Północna podpisały traktat w Pjongjangu" → agents Rosja and Korea Północna,
place Pjongjangu.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from kronika.facts.event_lexicon import PERSON_TYPES, PLACE_HEADS, PLACE_PREPOSITIONS, PREPOSITIONS
from kronika.language.morphology import analyses
from kronika.model import END, START, Mention, Role, Token

# The rules below look tokens up by offset many times per event: by bisection over the sentence's
# tokens (sorted, not overlapping), not by a walk over all of them.


def _case(tokens: list[Token], mention: Mention) -> str:
    """Every Morfeusz tag of the mention's first word, joined: case is ambiguous out of context
    ("Rosji" is genitive, dative or locative), so a role rule asks whether a case is possible."""
    k = bisect_left(tokens, mention.start, key=START)
    if k < len(tokens) and tokens[k].start == mention.start:
        return "|".join(r.tag for r in analyses(tokens[k].text))
    return ""


def _prev_word(tokens: list[Token], start: int) -> str:
    """The word (lowercase) of the last token starting before ``start``; "" when none."""
    k = bisect_left(tokens, start, key=START)
    return tokens[k - 1].text.lower() if k else ""


def governing_preposition(tokens: list[Token], start: int) -> str:
    """The preposition that governs a mention starting at ``start``: right before it ("w Kanggye"), or
    before a place head noun ("w prowincji Jagang"; not "W poniedziałek Kim…"); "" when none."""
    k = bisect_right(tokens, start, key=END)
    before = tokens[max(0, k - 2) : k]  # the last two tokens ending at or before start
    if before and before[-1].text.lower() in PREPOSITIONS:
        return before[-1].text.lower()
    if len(before) == 2 and (before[-1].lemma or "").lower() in PLACE_HEADS \
            and before[0].text.lower() in PREPOSITIONS:
        return before[0].text.lower()
    return ""


def can_be_subject(tokens: list[Token], m: Mention) -> bool:
    """A subject is not governed by a preposition and has a nominative reading (or is unknown to
    Morfeusz, as foreign names often are: "KRLD", "Czoe Son Hui")."""
    if governing_preposition(tokens, m.start):
        return False
    first = bisect_left(tokens, m.start, key=START)
    last = bisect_left(tokens, m.end, first, key=START)
    for t in tokens[first:last]:  # the mention's words
        tags = [r.tag for r in analyses(t.text)]
        if not tags or any(":nom" in tag or tag.startswith("ign") for tag in tags):
            return True  # "Kim" reads as a pronoun, but "Dzong" is unknown: the name may be nominative
    return False


def make_role(name: str, m: Mention) -> Role:
    return Role(name, m.start, m.end, m.text, m.entity_id)


def _by_phrase(trigger: Token, tokens: list[Token], actors: list[Mention]) -> list[Mention]:
    """Names in the "przez" phrase right after a passive participle, up to the next punctuation or
    preposition: "podpisanym przez Kima i rosyjskiego dyktatora Władimira Putina 19 czerwca w…"."""
    after = tokens[bisect_left(tokens, trigger.end, key=START) :]
    if not after[:3] or "przez" not in [t.text.lower() for t in after[:3]]:
        return []
    k = [t.text.lower() for t in after].index("przez") + 1
    end = next((t.start for t in after[k:] if (t.tag or "").startswith(("interp", "prep"))), trigger.end + 10**9)
    start = after[k - 1].end
    return [m for m in actors if start <= m.start < end and m.type in PERSON_TYPES]


def _agents(trigger: Token, tokens: list[Token], actors: list[Mention], text: str) -> list[Mention]:
    """The subject before the trigger with its coordinated conjuncts ("Rosja i Korea Północna
    podpisały"), else the first subject after it ("Do Rosji przybył Kim Dzong Un"). A passive
    participle's agent is its "przez" phrase ("traktat podpisany przez Kima i Putina") or none: the
    subject of a passive is what was acted upon."""
    if (trigger.tag or "").startswith("ppas"):
        return _by_phrase(trigger, tokens, actors)
    before = [m for m in actors if m.end <= trigger.start and m.type in PERSON_TYPES and can_be_subject(tokens, m)]
    if before:
        agents = [before[-1]]
        for m in reversed(before[:-1]):
            gap = text[m.end:agents[0].start].strip().lower()
            if gap not in {"i", "oraz", ",", "a"}:
                break
            agents.insert(0, m)
        return agents
    after = [m for m in actors if m.start >= trigger.end and m.type in {"PER", "ORG"} and can_be_subject(tokens, m)]
    # A person before an organisation: in "ogłosił sekretarz Rady Bezpieczeństwa Siergiej Szojgu" the
    # organisation is the title's complement.
    after.sort(key=lambda m: m.type != "PER")
    return after[:1]


def build_roles(etype: str, trigger: Token, tokens: list[Token], mentions: list[Mention],
                excluded: set[tuple[int, int]], text: str = "") -> tuple[Role, ...]:
    roles: list[Role] = []
    actors = [m for m in mentions if (m.start, m.end) not in excluded]
    agents = _agents(trigger, tokens, actors, text)
    roles.extend(make_role("agent", a) for a in agents)
    used = {id(a) for a in agents}
    for m in actors:
        if id(m) in used:
            continue
        prev = _prev_word(tokens, m.start)
        prep = governing_preposition(tokens, m.start)
        if m.type == "PRO":
            roles.append(make_role("item", m))
        elif prev in {"z", "ze"} and etype in {"MEETING", "AGREEMENT", "VISIT"} and m.type in {"PER", "ORG", "LOC"}:
            roles.append(make_role("partner", m))
        elif prep in {"do", "dla"} and etype == "VISIT" and m.type == "LOC":
            roles.append(make_role("place", m))
        elif prev in {"do", "dla"} and m.type in PERSON_TYPES:
            roles.append(make_role("recipient", m))
        elif prep in PLACE_PREPOSITIONS and m.type == "LOC":
            roles.append(make_role("place", m))
        elif prep == "do" and m.type == "LOC":
            roles.append(make_role("recipient", m))
        elif etype == "VISIT" and m.type == "LOC" and not prep and ":acc" in _case(tokens, m):
            roles.append(make_role("place", m))  # "odwiedziła Moskwę", "Koreę Północną odwiedził"
        elif m.start >= trigger.end and ":dat" in _case(tokens, m) and m.type in PERSON_TYPES and not prep:
            roles.append(make_role("recipient", m))
        else:
            continue
        used.add(id(m))
    return tuple(roles)


def dropped_subject(trigger: Token, tokens: list[Token], idx: int) -> bool:
    """A third-person singular verb with no noun subject before it: Polish drops a subject it has
    just named ("Szojgu przybył do Pjongjangu. Podczas wizyty spotkał się z Kim Dzong Unem")."""
    tag = trigger.tag or ""
    if not (tag.startswith("praet:sg") or (tag.startswith("fin:sg") and ":ter" in tag)):
        return False
    return not any((t.tag or "").startswith("subst") and ":nom" in (t.tag or "") for t in tokens[:idx])


def subject_of(tokens: list[Token], mentions: list[Mention]) -> Mention | None:
    """The first named person in a sentence who can be its subject: the antecedent of a dropped
    subject in the next sentence."""
    return next((m for m in mentions if m.type == "PER" and can_be_subject(tokens, m)), None)
