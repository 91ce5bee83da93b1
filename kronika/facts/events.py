"""Typed events per sentence: trigger word → type; roles from the mentions around it; the
sentence's time, quantities and attribution; and a certainty.

Example: "Według Yonhap Korea Północna wyśle do Rosji tysiąc saperów." → DEPLOYMENT, agent
Korea Północna, recipient Rosja, quantity 1000 saper, attribution Yonhap, certainty planned.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from kronika.facts.certainty import certainty_of
from kronika.language.morphology import analyses
from kronika.language.segment import sentences_with_tokens
from kronika.model import Attribution, Certainty, Document, Event, Mention, Quantity, Role, Sentence, TimeExpr, Token

# What is sent decides between a deployment and an arms transfer ("wysłać saperów" vs "wysłać pociski").
PERSON_NOUNS = frozenset("żołnierz saper budowniczy robotnik pracownik wojsko oddział kontyngent specjalista "
                         "inżynier instruktor najemnik wojskowy żołnierze oficer jednostka batalion brygada pułk "
                         "dywizja wojska".split())
WEAPON_NOUNS = frozenset("pocisk amunicja rakieta broń artyleria sprzęt czołg dron granat haubica wyrzutnia "
                         "nabój uzbrojenie moździerz karabin myśliwiec bombowiec bomba mina torpeda "
                         "głowica".split())
TECH_NOUNS = frozenset("technologia satelita wiedza know-how technika program".split())
# Generic verbs ("przekazać" also means passing on news) count as transfers only with a weapon in sight.
WEAK_TRANSFER = frozenset({"przekazać", "przekazywać", "przekazanie", "kupić", "kupować", "transport", "zakup"})
# Nouns that measure what is moved, passed over when looking for the object of a transfer verb:
# "przekazała Rosji znaczącej ilości broni".
MEASURE_NOUNS = frozenset("ilość liczba partia transport część zapas milion tysiąc setka dziesiątka miliard "
                          "kontener wagon pociąg ładunek dostawa".split())
PERSON_TYPES = frozenset({"PER", "ORG", "LOC"})
# Words that make a generic noun military: "test" of a missile, not of a virus; "próba" of an engine.
MILITARY_WORDS = WEAPON_NOUNS | frozenset(
    "silnik głowica jądrowy nuklearny balistyczny hipersoniczny rakietowy atomowy wojskowy artyleryjski "
    "międzykontynentalny odpalenie wystrzelenie obrona marynarz żołnierz armia flota okręt lotnictwo "
    "wojsko desant".split())
# People who can be killed or wounded: "straty wśród żołnierzy", not "strata netto spółki".
VICTIM_WORDS = PERSON_NOUNS | frozenset("cywil ludzie osoba człowiek armia mieszkaniec".split())
# Triggers too generic to stand alone; each needs its context (see _in_context).
NEEDS_MILITARY = frozenset({"test", "próba", "manewr"})
# Exercises are military with a military word in sight or a state holding them ("Chiny rozpoczęły ćwiczenia").
NEEDS_MILITARY_OR_STATE = frozenset({"ćwiczenie", "ćwiczenia", "manewry"})
# Verb lemmas that are triggers only as verbs: "ogłosił" is a statement, "ogłoszenia" are adverts,
# "zagrożenie" a danger, "z polecenia" a recommendation.
VERB_ONLY_TYPES = frozenset({"STATEMENT"})
VERB_ONLY = frozenset({"polecić", "nakazać", "zarządzić"})
FINITE_TAGS = frozenset("fin praet inf impt imps pcon pant bedzie winien".split())
# Officials whose arrival is a visit; "obywatele, którzy przybędą do Wielkiej Brytanii" is migration.
OFFICIALS = frozenset("delegacja minister prezydent przywódca premier szef sekretarz dyplomata delegat wysłannik "
                      "kanclerz król generał dowódca lider wicepremier wiceminister ambasador urzędnik "
                      "dyktator marszałek rzecznik".split())
VISIT_VERBS = frozenset({"przybyć", "dotrzeć", "przyjechać", "przylecieć", "odwiedzić", "odwiedzać", "gościć"})
NEEDS_VICTIM = frozenset({"strata", "ofiara"})
NEEDS_ACTOR = frozenset({"szczyt", "wesprzeć", "wspierać", "wsparcie"})
# Help is assistance between states: to a named state or organisation right after it ("pomoże Korei
# Północnej", "pomoc dla Ukrainy"), or military or technical; not "pomóc kobiecie", "pomogło projektowi".
HELP = frozenset({"pomoc", "pomóc", "pomagać"})
# Sending verbs that mean deployment only when people or weapons are sent ("projekt skierowany przeciwko…").
WEAK_SENDING = frozenset({"skierować", "stacjonować", "przerzucić", "trafić", "wysłać", "wysyłać", "wysłanie"})
# Support is military or technical assistance only with such a thing in sight, not "wspierać decyzje".
SUPPORT = frozenset({"wspierać", "wesprzeć", "wsparcie"})
SUPPORT_WORDS = frozenset("militarny wojskowy armia technologia technologiczny satelita program rakietowy "
                          "kosmiczny jądrowy nuklearny".split())
# "zapewnić" is a statement only with a reported clause ("zapewnił, że…"); else it means "ensure".
CLAUSE_STATEMENTS = frozenset({"zapewnić", "zapewnienie", "zapewniać", "zagrozić"})
RELATIVE_PRONOUNS = frozenset("który która które którzy których którym którymi którego której gdzie".split())
# Arrival verbs are visits of people but deliveries of weapons ("pociągi z amunicją dotarły").
ARRIVAL = frozenset({"przybyć", "dotrzeć", "przyjechać"})
# An agreement verb whose object is an order is the order's signing: "podpisał dekret" is a DIRECTIVE.
DIRECTIVE_OBJECTS = frozenset({"dekret", "zarządzenie", "rozporządzenie", "ustawa", "rozkaz"})
# Announcing an event ("zapowiedział wizytę") is that event, planned, not a separate statement.
ANNOUNCING = frozenset({"zapowiedzieć", "ogłosić"})
PREPOSITIONS = frozenset("w we na do z ze od dla przez pod przed po o przy u nad za ku między wobec wśród "
                         "spod znad zza".split())
# Head nouns of a place name's phrase: "w prowincji Jagang", "do obwodu kurskiego".
PLACE_HEADS = frozenset("prowincja obwód region miasto okręg rejon port baza kosmodrom stolica kraj państwo "
                        "prefektura wieś republika terytorium".split())
PLACE_PREPOSITIONS = frozenset({"w", "we", "na", "pod", "przy"})
VERB_TAGS = frozenset("fin praet inf impt imps ppas pact pcon pant bedzie winien".split())


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


@lru_cache(maxsize=200_000)
def word_lemmas(word: str) -> frozenset[str]:
    """Base forms of every Morfeusz reading of a word."""
    return frozenset(r.lemma.lower() for r in analyses(word))


def _lemmas(tokens: list[Token]) -> set[str]:
    """Every base form any reading of the sentence's words has: the tagger reads "broni" as the verb
    "bronić", but the weapon "broń" must count."""
    out = {(t.lemma or t.text).lower() for t in tokens}
    for t in tokens:
        out |= word_lemmas(t.text)
    return out


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
            and object_lemma not in WEAPON_NOUNS | TECH_NOUNS | PERSON_NOUNS:
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


def _governing_preposition(tokens: list[Token], start: int) -> str:
    """The preposition that governs a mention starting at ``start``: right before it ("w Kanggye"), or
    before a place head noun ("w prowincji Jagang"; not "W poniedziałek Kim…"); "" when none."""
    before = [t for t in tokens if t.end <= start][-2:]
    if before and before[-1].text.lower() in PREPOSITIONS:
        return before[-1].text.lower()
    if len(before) == 2 and (before[-1].lemma or "").lower() in PLACE_HEADS \
            and before[0].text.lower() in PREPOSITIONS:
        return before[0].text.lower()
    return ""


def _can_be_subject(tokens: list[Token], m: Mention) -> bool:
    """A subject is not governed by a preposition and has a nominative reading (or is unknown to
    Morfeusz, as foreign names often are: "KRLD", "Czoe Son Hui")."""
    if _governing_preposition(tokens, m.start):
        return False
    for t in tokens:
        if m.start <= t.start < m.end:
            tags = [r.tag for r in analyses(t.text)]
            if not tags or any(":nom" in tag or tag.startswith("ign") for tag in tags):
                return True  # "Kim" reads as a pronoun, but "Dzong" is unknown: the name may be nominative
    return False


def _role(name: str, m: Mention) -> Role:
    return Role(name, m.start, m.end, m.text, m.entity_id)


def _by_phrase(trigger: Token, tokens: list[Token], actors: list[Mention]) -> list[Mention]:
    """Names in the "przez" phrase right after a passive participle, up to the next punctuation or
    preposition: "podpisanym przez Kima i rosyjskiego dyktatora Władimira Putina 19 czerwca w…"."""
    after = [t for t in tokens if t.start >= trigger.end]
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
    before = [m for m in actors if m.end <= trigger.start and m.type in PERSON_TYPES and _can_be_subject(tokens, m)]
    if before:
        agents = [before[-1]]
        for m in reversed(before[:-1]):
            gap = text[m.end:agents[0].start].strip().lower()
            if gap not in {"i", "oraz", ",", "a"}:
                break
            agents.insert(0, m)
        return agents
    after = [m for m in actors if m.start >= trigger.end and m.type in {"PER", "ORG"} and _can_be_subject(tokens, m)]
    # A person before an organisation: in "ogłosił sekretarz Rady Bezpieczeństwa Siergiej Szojgu" the
    # organisation is the title's complement.
    after.sort(key=lambda m: m.type != "PER")
    return after[:1]


def build_roles(etype: str, trigger: Token, tokens: list[Token], mentions: list[Mention],
                excluded: set[tuple[int, int]], text: str = "") -> tuple[Role, ...]:
    roles: list[Role] = []
    actors = [m for m in mentions if (m.start, m.end) not in excluded]
    agents = _agents(trigger, tokens, actors, text)
    roles.extend(_role("agent", a) for a in agents)
    used = {id(a) for a in agents}
    for m in actors:
        if id(m) in used:
            continue
        prev = _prev_word(tokens, m.start)
        prep = _governing_preposition(tokens, m.start)
        if m.type == "PRO":
            roles.append(_role("item", m))
        elif prev in {"z", "ze"} and etype in {"MEETING", "AGREEMENT", "VISIT"} and m.type in {"PER", "ORG", "LOC"}:
            roles.append(_role("partner", m))
        elif prep in {"do", "dla"} and etype == "VISIT" and m.type == "LOC":
            roles.append(_role("place", m))
        elif prev in {"do", "dla"} and m.type in PERSON_TYPES:
            roles.append(_role("recipient", m))
        elif prep in PLACE_PREPOSITIONS and m.type == "LOC":
            roles.append(_role("place", m))
        elif prep == "do" and m.type == "LOC":
            roles.append(_role("recipient", m))
        elif etype == "VISIT" and m.type == "LOC" and not prep and ":acc" in _case(tokens, m):
            roles.append(_role("place", m))  # "odwiedziła Moskwę", "Koreę Północną odwiedził"
        elif m.start >= trigger.end and ":dat" in _case(tokens, m) and m.type in PERSON_TYPES and not prep:
            roles.append(_role("recipient", m))
        else:
            continue
        used.add(id(m))
    return tuple(roles)


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


def _is_verb(tok: Token) -> bool:
    return (tok.tag or "").split(":")[0] in VERB_TAGS


def _relative_between(tokens: list[Token], start: int, end: int) -> bool:
    return any(start <= t.start < end and t.text.lower() in RELATIVE_PRONOUNS for t in tokens)


def _nearest_time(times: list[TimeExpr], trigger: Token, tokens: list[Token]) -> TimeExpr | None:
    """The date nearest to the trigger: in "rozkaz … w czwartym kwartale … zarządzenia wydanego
    1 października" the order's date is the one next to it. A date in a relative clause after the
    trigger belongs to that clause ("skierowano żołnierzy … wojskom, które od sierpnia…")."""
    dates = [t for t in times if t.type in {"DATE", "TIME"}
             and not (t.start >= trigger.end and _relative_between(tokens, trigger.end, t.start))]
    if not dates:
        return None
    return min(dates, key=lambda t: (max(t.start - trigger.end, trigger.start - t.end, 0), t.value is None))


def _state_follows(tokens: list[Token], idx: int, mentions: list[Mention]) -> bool:
    """A state or organisation named within three words after token idx ("pomoc dla Ukrainy")."""
    window = tokens[idx + 1 : idx + 4]
    if not window:
        return False
    start, end = window[0].start, window[-1].end
    return any(start <= m.start < end and m.type in {"LOC", "ORG"} for m in mentions)


def _person_acts(roles: tuple[Role, ...], mentions: list[Mention], lemmas: set[str]) -> bool:
    """An official or a named person is the one who travels: a visit, not migration."""
    people = {(m.start, m.end) for m in mentions if m.type == "PER"}
    return bool(OFFICIALS & lemmas) or any(r.name == "agent" and (r.start, r.end) in people for r in roles)


def _candidates(tokens: list[Token], lemmas: set[str], mentions: list[Mention],
                attribution: Attribution | None, hits: list[tuple[str, str] | None]) -> list[tuple[int, str, str]]:
    """(token index, trigger lemma, type) of every trigger that counts in this sentence."""
    mention_spans = [(m.start, m.end) for m in mentions]
    lows = [t.text.lower() for t in tokens]
    visit = any(h and h[1] == "VISIT" for h in hits)
    out = []
    for idx, tok in enumerate(tokens):
        hit = hits[idx]
        if not hit or any(s <= tok.start < e for s, e in mention_spans):
            continue
        lemma, default = hit
        finite = (tok.tag or "").split(":")[0] in FINITE_TAGS
        if (default in VERB_ONLY_TYPES and lemma[-1:] in {"ć", "c"} or lemma in VERB_ONLY) and not finite:
            continue
        if lemma == "rozmowa" and lows[idx - 1: idx] == ["w"] and lows[idx + 1: idx + 2] == ["z"]:
            continue  # "w rozmowie z PAP": an interview
        if lemma == "pomoc" and lows[idx - 1: idx] == ["za"]:
            continue  # "za pomocą": by means of
        if attribution and attribution.start <= tok.start < attribution.end and default != "STATEMENT":
            continue
        if lemma in HELP and not ((SUPPORT_WORDS | MILITARY_WORDS | TECH_NOUNS) & lemmas
                                  or _state_follows(tokens, idx, mentions)):
            continue
        if lemma in SUPPORT and not ((SUPPORT_WORDS | MILITARY_WORDS | TECH_NOUNS | PERSON_NOUNS) & lemmas
                                     or "w" in lows[idx + 1 : idx + 5]):
            continue  # "wspierać decyzje prezydenta" is politics; "wesprze Koreę w budowie satelitów" is aid
        obj = _object_lemma(tokens, idx, mentions) if lemma in WEAK_TRANSFER else None
        etype = _resolve_type(lemma, default, lemmas, mentions, obj)
        if etype is None:
            continue
        if lemma in ARRIVAL and etype == "ARMS_TRANSFER" and not any(
                WEAPON_NOUNS & word_lemmas(t.text) for t in tokens[:idx]):
            etype = "VISIT"  # weapons arrive as the subject ("pociągi z amunicją dotarły"), not on display
        following = [trigger_of(t.text) for t in tokens[idx + 1 : idx + 4]]
        if etype == "AGREEMENT" and _is_verb(tok) and any(f and f[0] in DIRECTIVE_OBJECTS for f in following):
            continue  # "podpisał dekret": the decree is the event
        if lemma in ANNOUNCING and following[:1] and following[0] and following[0][1] != "STATEMENT":
            continue  # "zapowiedział wizytę": the visit, planned
        attributing = attribution is not None and attribution.start <= tok.start < attribution.end
        if lemma in CLAUSE_STATEMENTS and "że" not in lows[idx + 1 : idx + 4] and not attributing:
            continue  # "zapewnienie efektywności produkcji": ensuring, not assuring
        if lemma == "fabryka" and (lows[idx - 1: idx] and lows[idx - 1] in PREPOSITIONS or visit):
            continue  # "brać przykład z fabryki", "odwiedził fabrykę": a factory named, nothing produced
        if idx >= 2 and lows[idx - 1] == "na" and (trigger_of(tokens[idx - 2].text) or ("", ""))[1] == "SANCTION":
            continue  # "embargo na eksport": the sanction, not a transfer
        out.append((idx, lemma, etype))
    return out


def _choose(candidates: list[tuple[int, str, str]], tokens: list[Token]) -> list[tuple[int, str, str]]:
    """One event per type and sentence, on its first verb trigger (else its first noun); a second
    verb of the same type with another lemma is another event ("podpisanym … a ratyfikowanym")."""
    chosen: list[tuple[int, str, str]] = []
    by_type: dict[str, list[tuple[int, str, str]]] = {}
    for c in candidates:
        by_type.setdefault(c[2], []).append(c)
    for group in by_type.values():
        verbs = [c for c in group if _is_verb(tokens[c[0]])]
        if not verbs:
            chosen.append(group[0])
            continue
        lemmas_seen: set[str] = set()
        for c in verbs:
            if c[1] not in lemmas_seen:
                chosen.append(c)
                lemmas_seen.add(c[1])
    return sorted(chosen)


def _dropped_subject(trigger: Token, tokens: list[Token], idx: int) -> bool:
    """A third-person singular verb with no noun subject before it: Polish drops a subject it has
    just named ("Szojgu przybył do Pjongjangu. Podczas wizyty spotkał się z Kim Dzong Unem")."""
    tag = trigger.tag or ""
    if not (tag.startswith("praet:sg") or (tag.startswith("fin:sg") and ":ter" in tag)):
        return False
    return not any((t.tag or "").startswith("subst") and ":nom" in (t.tag or "") for t in tokens[:idx])


def subject_of(tokens: list[Token], mentions: list[Mention]) -> Mention | None:
    """The first named person in a sentence who can be its subject: the antecedent of a dropped
    subject in the next sentence."""
    return next((m for m in mentions if m.type == "PER" and _can_be_subject(tokens, m)), None)


def extract_sentence_events(doc: Document, sentence: Sentence, tokens: list[Token], mentions: list[Mention],
                            times: list[TimeExpr], quantities: list[Quantity],
                            attributions: list[Attribution], antecedent: Mention | None = None,
                            hits: list[tuple[str, str] | None] | None = None) -> Iterator[Event]:
    """Events of one sentence; ``hits`` are trigger_of of its tokens when the caller has them."""
    if not tokens:
        return
    lemmas = _lemmas(tokens)
    attribution = attributions[0] if attributions else None
    in_attribution = {(m.start, m.end) for m in mentions
                      if attribution and attribution.start <= m.start < attribution.end}
    if hits is None:
        hits = [trigger_of(t.text) for t in tokens]
    candidates = _candidates(tokens, lemmas, mentions, attribution, hits)
    directive_at = min((i for i, _, t in candidates if t == "DIRECTIVE"), default=None)
    for idx, lemma, etype in _choose(candidates, tokens):
        tok = tokens[idx]
        # The speaker of a statement is its agent ("Pentagon ogłosił, że…"): keep the attribution's names.
        roles = build_roles(etype, tok, tokens, mentions, set() if etype == "STATEMENT" and attribution
                            and attribution.start <= tok.start < attribution.end else in_attribution, doc.text)
        if antecedent and not any(r.name == "agent" for r in roles) and _dropped_subject(tok, tokens, idx):
            roles = (_role("agent", antecedent), *roles)
        if etype == "VISIT" and lemma in VISIT_VERBS and not _person_acts(roles, mentions + [antecedent] * bool(
                antecedent), lemmas):
            continue
        certainty = certainty_of(tokens, idx, attribution is not None)
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


def _by_sentence(items: list, sentences: list[Sentence]) -> list[list]:
    """Items (with start/end) of each sentence, in one pass over both sorted lists."""
    items = sorted(items, key=lambda x: x.start)
    out: list[list] = []
    i = 0
    for sentence in sentences:
        while i < len(items) and items[i].start < sentence.start:
            i += 1
        j = i
        group = []
        while j < len(items) and items[j].start < sentence.end:
            if items[j].end <= sentence.end:
                group.append(items[j])
            j += 1
        out.append(group)
        i = j
    return out


class EventExtractor:
    """Events per sentence with roles, time, quantities, attribution and certainty."""

    name = "events"
    version = "3"
    requires: tuple[str, ...] = ("sentences", "tokens", "morphology", "mentions", "times", "quantities",
                                 "attributions")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, settings: object | None = None) -> None:
        load_triggers()

    def __call__(self, doc: Document) -> Document:
        doc.events = list(self.find(doc))
        return doc

    def find(self, doc: Document) -> Iterator[Event]:
        pairs = list(sentences_with_tokens(doc))
        sentences = [p[0] for p in pairs]
        mentions, times, quantities, attributions = (
            _by_sentence(layer, sentences) for layer in (doc.mentions, doc.times, doc.quantities, doc.attributions))
        previous: tuple[list[Token], list[Mention]] | None = None  # for a dropped subject's antecedent
        for k, (sentence, tokens) in enumerate(pairs):
            hits = [trigger_of(t.text) for t in tokens]
            if any(hits):
                antecedent = subject_of(*previous) if previous else None
                yield from extract_sentence_events(doc, sentence, tokens, mentions[k], times[k], quantities[k],
                                                   attributions[k], antecedent, hits)
            previous = (tokens, mentions[k])
