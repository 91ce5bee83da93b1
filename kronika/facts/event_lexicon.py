"""Word lists and trigger lookup of the event stage: which words are triggers (data/pl/event_triggers.tsv)
and which nouns tell a deployment from an arms transfer, a missile test from a virus test.

Example: trigger_of("wyśle") → ("wysłać", "DEPLOYMENT"); "pocisk" is in WEAPON_NOUNS.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from typing import NamedTuple

from kronika.language.morphology import analyses
from kronika.model import Token

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


def sentence_lemmas(tokens: list[Token]) -> set[str]:
    """Every base form any reading of the sentence's words has: the tagger reads "broni" as the verb
    "bronić", but the weapon "broń" must count."""
    out = {(t.lemma or t.text).lower() for t in tokens}
    for t in tokens:
        out |= word_lemmas(t.text)
    return out


# The only lemmas the trigger rules look for among a sentence's lemmas: every rule intersects them
# with one of these lists (or a union of them). A rule that reads another list must add it here.
CONTEXT_WORDS = MILITARY_WORDS | OFFICIALS | WEAPON_NOUNS | PERSON_NOUNS | TECH_NOUNS | VICTIM_WORDS | SUPPORT_WORDS


class WordInfo(NamedTuple):
    """What the event stage needs to know of a word, whatever its sentence."""

    trigger: tuple[str, str] | None  # trigger_of(word)
    context: frozenset[str]  # word_lemmas(word) & CONTEXT_WORDS


_PLAIN = WordInfo(None, frozenset())


def word_info(word: str) -> WordInfo:
    trigger, context = trigger_of(word), word_lemmas(word) & CONTEXT_WORDS
    # Most words are neither: they share one WordInfo, which the per-token passes find in the cache.
    return WordInfo(trigger, context) if trigger or context else _PLAIN


_INFO: dict[str, WordInfo] = {}  # word → word_info(word): a plain dict, one lookup per token
_UNSEEN: WordInfo = object()  # type: ignore[assignment]  # never a word_info result; told by identity, fast


def word_infos(tokens: Sequence[Token]) -> list[WordInfo]:
    """``word_info`` of each token's word: one dict lookup per token (a cached call costs three, and
    the stage asks every token of a document)."""
    get = _INFO.get
    infos = [get(t.text, _UNSEEN) for t in tokens]
    if _UNSEEN in infos:
        if len(_INFO) > 200_000:  # the bound of trigger_of's own cache
            _INFO.clear()
        for i, info in enumerate(infos):
            if info is _UNSEEN:
                infos[i] = _INFO[tokens[i].text] = word_info(tokens[i].text)
    return infos


_TRIGGER = attrgetter("trigger")


def triggers_of_infos(infos: list[WordInfo]) -> list[tuple[str, str] | None]:
    """The ``trigger`` of each of ``word_infos``."""
    return list(map(_TRIGGER, infos))


def context_lemmas(tokens: list[Token], infos: list[WordInfo]) -> set[str]:
    """``sentence_lemmas(tokens) & CONTEXT_WORDS``, from the tokens' ``word_infos``: all the trigger
    rules read of a sentence's lemmas, without a cached look-up of every word's lemmas."""
    out = set(CONTEXT_WORDS.intersection([(t.lemma or t.text).lower() for t in tokens]))
    out.update(*[info[1] for info in infos if info[1]])  # most words have no context lemma
    return out
