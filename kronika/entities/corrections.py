"""Corrections after the tagger: spans and types that the words around a name or inside it decide.

The CRF learned on one topic (British politics), so on others it misreads unknown foreign names
("Kerala" PER, "Khadim Hussain Rizvi" ORG) and misses names in contexts it never saw ("Sąd
Najwyższy" tagged O). These rules read what a Polish reader reads: the head noun ("Cieśnina
Koreańska" is a place), the word before ("w mieście Multan", "kardynał Parolin", "agencja Fides"),
and an acronym in parentheses ("Tehreek-e-Labbaik (TLP)"). Each applies per document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate

from kronika.entities.keys import name_key as key_word
from kronika.entities.link import _abbreviates, _acronym, _word_match
from kronika.language.inflect import INSTITUTIONS
from kronika.language.morphology import analyses, morfeusz
from kronika.model import START, Token

# A run of more tokens is a shouted headline or a table, not a name: the longest BSNLP name has
# 14 words ("Dyrekcja Generalna ds. Zatrudnienia, …"), and linking compares names word by word.
MAX_NAME_TOKENS = 24
# Nouns for a kind of place: a name right after one is that place ("w mieście Multan", "wioski
# Ittanwali", "Stan Kerala"). Not "kraj" or "państwo": "szef dyplomacji tego kraju Jean-Yves Le
# Drian", "państwo Beckhamowie".
PLACE_NOUNS = frozenset(
    "miasto miasteczko wieś wioska miejscowość osada stan prowincja region okręg dystrykt hrabstwo gmina "
    "powiat województwo obwód stolica ulica rzeka wyspa".split())
# Titles written before a person's name in the same case ("kardynał Pietro Parolin"). Not "premier",
# "prezydent", "poseł", "sędzia" or "szef": they take a genitive ("premier Pakistanu", "posłów
# Partii Pracy", "sędziów Sądu Najwyższego").
PERSON_TITLES = frozenset(
    "kardynał biskup arcybiskup ksiądz duchowny mufti imam ajatollah rabin pastor papież adwokat prawnik "
    "generał".split())
# Nouns for a kind of body: a name right after one is an organisation ("agencji Fides", "firmy
# Cambridge Analytica", "koncernu Airbus", "przewoźnik Ryanair"). BSNLP marks news agencies and
# companies ORG; their outlets and products PRO ("marki", "gazety" are not here).
ORG_NOUNS = frozenset(
    "agencja firma spółka koncern przedsiębiorstwo korporacja holding przewoźnik operator producent bank "
    "fundusz instytut ośrodek pracownia sondażownia".split())
# Nouns whose genitive name is a company or an institution: "zarząd Ryanaira", "pracownicy Amazona",
# "akcje Unilevera", and a source of figures: "dane Eurostatu", "sondaż Survation", "badania YouGov"
# ("dany": Morfeusz reads "danych" first as the adjective). A person after them stands in apposition
# and Morfeusz usually knows the name ("właściciel Jan Kulczyk"), which the rule leaves alone. Not
# "prezes": "prezes Draghi" is a person.
OWNER_NOUNS = frozenset(
    "zarząd akcjonariusz udziałowiec pracownik klient siedziba centrala fabryka akcja "
    "właściciel dane dany sondaż badanie szacunek raport prognoza".split())
# Nouns before the name of a media outlet, which BSNLP marks PRO: "dziennika Times", "portalu BuzzFeed".
MEDIA_NOUNS = frozenset(
    "dziennik gazeta tygodnik miesięcznik portal serwis telewizja stacja radio magazyn".split())
# Common nouns that head a name of a geographic feature: "Morze Japońskie", "Cieśnina Koreańska".
GEO_HEADS = frozenset(
    "ocean morze jezioro rzeka góra góry wyspa wyspy zatoka półwysep pustynia kanał cieśnina wybrzeże nizina "
    "wyżyna dolina przylądek archipelag".split())
# ... and of a legal document, which BSNLP marks PRO ("Traktat Lizboński", "Pakistański Kodeks Karny").
# Not "porozumienie" or "układ": "Porozumienie" and "Układ Warszawski" are also organisations.
DOCUMENT_HEADS = frozenset(
    "traktat ustawa kodeks konstytucja konwencja deklaracja karta dyrektywa rezolucja protokół".split())
# Nouns that head a body named after a person, the person in the genitive: "Fundacja Stefana
# Batorego", "Instytut Goethego", "Uniwersytet Adama Mickiewicza". BSNLP marks the whole as one ORG
# ("Fundacji Koerbera", "Instytutu Sobieskiego" in brexit), the person inside it not at all.
EPONYM_HEADS = frozenset("fundacja instytut uniwersytet akademia muzeum szpital szkoła centrum".split())
_HEAD_TYPES = {**{w: "ORG" for w in INSTITUTIONS}, **{w: "LOC" for w in GEO_HEADS},
               **{w: "PRO" for w in DOCUMENT_HEADS}}


# Legal forms of companies: a name ending in one is an organisation ("Nord Stream 2 AG" is the
# company, "Nord Stream 2" the pipeline; "Gazprom PJSC", "Work Service S.A.").
LEGAL_FORMS = frozenset(
    "AG SA S.A. Ltd Ltd. PLC plc Inc Inc. GmbH PJSC PAO OAO ZAO OOO NV N.V. BV B.V. LLC SpA S.p.A. SAS AB ASA "
    "Oyj KGaA SE Corp Corp.".split())
# English words that end the name of a body, which Polish news quotes untranslated ("Work Service",
# "Scripps Networks Interactive", "Migration Advisory Committee", "Houben Centre"): the tagger, which
# reads foreign words mostly as people, made such names PER. All 51 gold lines of brexit and
# asia_bibi whose name ends in one of these words are ORG; "Forum" (EVT there) and "Media" (outlets
# are PRO) are not in the list.
BODY_WORDS = frozenset(
    "Service Services Networks Interactive Communications Committee Centre Center Council Foundation "
    "Institute Association Agency Airlines Airways Partners Capital Industries Technologies Systems "
    "Solutions Motors Resources Society Bank Party Office Commission Authority Alliance".split())
# English words that end the title of a news outlet ("The Sun", "Daily Mirror", "Geo TV"), which
# BSNLP marks PRO. The tagger made 18 of 107 such names in its leave-one-topic-out output people;
# of the gold names ending in these words none is a person ("Press" is left out: "Associated
# Press" is an agency, an ORG).
OUTLET_WORDS = frozenset(
    "Times Guardian Telegraph Sun Independent Standard Mirror Observer Express Mail Post Journal TV News "
    "FM Review Today Radio Gazette Herald Tribune Channel Magazine Weekly".split())
# Words that end a company name without being a legal form: the name is an ORG, but the word is not
# added to a name that lacks it.
_COMPANY_WORDS = LEGAL_FORMS | BODY_WORDS | {"Group", "Holding", "Holdings", "Corporation"}


@lru_cache(maxsize=1)
def _head_forms() -> dict[str, str]:
    """Capitalised inflected form of a head noun → its type ("Cieśninę" → LOC), generated once:
    a set lookup per token is the cheapest test, and a capitalised common word inside a sentence
    keeps its surface as the token lemma, so lemmas cannot be used."""
    forms: dict[str, str] = {}
    for lemma, typ in _HEAD_TYPES.items():
        try:
            generated = morfeusz().generate(lemma)
        except Exception:  # noqa: BLE001 - a lemma Morfeusz cannot generate from adds no forms
            generated = []
        for orth, *_rest in generated:
            if len(orth) > 2 and not orth.endswith("."):  # not "C" (cieśnina), not "J." (jezioro)
                forms.setdefault(orth[:1].upper() + orth[1:], typ)
    return forms


def coverage(n: int, spans: list[tuple[int, int, str]]) -> list[bool]:
    """Per token of a document of ``n`` tokens: whether one of ``spans`` holds it."""
    covered = [False] * n
    for a, b, _t in spans:
        covered[a:b] = [True] * (b - a)
    return covered


def marks(tokens: list[Token]) -> list[int]:
    """Positions of the words ``headed_names`` and ``acronym_types`` start from: capitalised forms
    of head nouns and opening parentheses, found in one pass over the document."""
    words = _mark_words()
    return [i for i, t in enumerate(tokens) if t.text in words]


@lru_cache(maxsize=1)
def _mark_words() -> frozenset[str]:
    return frozenset(_head_forms()) | _eponym_forms() | {"("}


@lru_cache(maxsize=1)
def _eponym_forms() -> frozenset[str]:
    """Capitalised singular forms of the EPONYM_HEADS ("Fundacji", "Instytutem")."""
    forms = set()
    for lemma in EPONYM_HEADS:
        for orth, _lemma, tag, *_rest in morfeusz().generate(lemma):
            if ":sg:" in tag + ":" and not orth.endswith("."):
                forms.add(orth[:1].upper() + orth[1:])
    return frozenset(forms)


# Tagged types an institution head overrides. A place too ("Polskiej Akademii Nauk", "Uniwersytetem
# Cambridge", "Papieskiego Stowarzyszenia ..." were tagged LOC): of the 1,264 gold names of brexit and
# asia_bibi headed by an institution noun none is a LOC. Not where the head also names a state:
# "Związek Radziecki", "Federacja Rosyjska", "Wspólnota Australijska" are places.
_NOT_BODIES = ("PRO", "PER", "LOC")
STATE_HEADS = frozenset({"związek", "federacja", "wspólnota"})


def headed_names(tokens: list[Token], spans: list[tuple[int, int, str]],
                 marked: list[int] | None = None) -> list[tuple[int, int, str]]:
    """Names whose first word says what they are, where the tagger did not: an untagged run of two or
    more capitalised words headed by an institution noun is an ORG ("Sąd Najwyższy" where the
    tagger, in a context it did not learn, tagged O), one headed by a geographic noun a LOC, one
    headed by a legal document a PRO; and a tagged name of two or more words headed (perhaps after an
    adjective) by a geographic or document noun takes its type too ("Oceanem Indyjskim" was a PRO,
    "Cieśninę Koreańską" an ORG, "Pakistańskiego Kodeksu Karnego" a LOC); a tagged product, person
    or place headed by an institution noun is an ORG ("Biura Wyposażenia Ogólnego" was a PRO,
    "Polskiej Akademii Nauk" a LOC), but not a place whose head also names a state ("Związek
    Radziecki", "Federacja Rosyjska"). A lone "Rząd" or "Komisja" is not added: BSNLP marks it only
    sometimes."""
    forms = _head_forms()
    heads = [i for i in (marks(tokens) if marked is None else marked) if tokens[i].text in forms]
    if not heads:
        return spans
    covered = coverage(len(tokens), spans)
    by_start = {a: k for k, (a, _b, _t) in enumerate(spans)}
    out = list(spans)
    found = []
    n = len(tokens)
    end = 0
    for i in heads:
        if i < end:
            continue
        typ = forms[tokens[i].text]
        if covered[i]:
            # A tagged name starting with the head, or with an adjective and the head, is retyped.
            k = by_start.get(i)
            if k is None and i > 0 and ((tokens[i - 1].tag or "").startswith("adj") or
                                        _may_agree(tokens[i - 1].text)):  # "Polskiej" read as Polska
                k = by_start.get(i - 1)
            if k is not None and spans[k][1] - spans[k][0] > 1 and (typ != "ORG" or spans[k][2] in _NOT_BODIES) \
                    and not (spans[k][2] == "LOC" and _state_head(tokens[i].text)):
                out[k] = (spans[k][0], spans[k][1], typ)
            continue
        j = i + 1
        while j < n and j - i < MAX_NAME_TOKENS and not covered[j] and tokens[j].text[:1].isupper() \
                and tokens[j].start - tokens[j - 1].end <= 1:
            j += 1
        if j - i > 1:
            found.append((i, j, typ))
            end = j
    return sorted(out + found) if found else out


@lru_cache(maxsize=1_000)
def _state_head(word: str) -> bool:
    return any(r.lemma.split(":")[0].lower() in STATE_HEADS for r in analyses(word))


def eponymous_bodies(tokens: list[Token], spans: list[tuple[int, int, str]],
                     marked: list[int] | None = None) -> list[tuple[int, int, str]]:
    """A body named after a person is one ORG: "Fundacji Stefana Batorego", where the tagger found
    only the person, or found "Fundacji" and the person as two names. The head is a capitalised
    singular form of an EPONYM_HEADS noun, untagged or ending a tagged ORG ("Polskiej Akademii"),
    right before a tagged person whose first word may be a genitive."""
    eponyms = _eponym_forms()
    heads = [i for i in (marks(tokens) if marked is None else marked) if tokens[i].text in eponyms]
    if not heads:
        return spans
    by_start = {a: k for k, (a, _b, _t) in enumerate(spans)}
    by_end = {b: k for k, (_a, b, _t) in enumerate(spans)}
    covered = coverage(len(tokens), spans)
    drop: set[int] = set()
    added = []
    for i in heads:
        k = by_start.get(i + 1)
        if k is None or spans[k][2] != "PER" or tokens[i + 1].start - tokens[i].end > 1 or \
                not _may_be_genitive(tokens[i + 1].text):
            continue
        j = by_end.get(i + 1)  # a tagged body ending at the head
        if j is not None and spans[j][2] == "ORG":
            start = spans[j][0]
            drop.add(j)
        elif not covered[i]:
            start = i
        else:
            continue
        drop.add(k)
        added.append((start, spans[k][1], "ORG"))
    if not added:
        return spans
    return sorted([sp for k, sp in enumerate(spans) if k not in drop] + added)


@lru_cache(maxsize=10_000)
def _may_be_genitive(word: str) -> bool:
    """Whether a capitalised word is unknown or may be a genitive but not a nominative ("Stefana",
    "Goethego"; not "Jan", which Morfeusz also reads as a genitive plural)."""
    tags = [r.tag for r in analyses(word)]
    return any(t == "ign" for t in tags) or \
        (any(":gen" in t for t in tags) and not any(":nom" in t for t in tags))


def acronym_types(tokens: list[Token], spans: list[tuple[int, int, str]],
                  marked: list[int] | None = None) -> list[tuple[int, int, str]]:
    """A name followed by its acronym in parentheses is one entity of one type: "Tehreek-e-Labbaik
    (TLP)" is an ORG like "TLP", although the tagger read the unknown name as a person or missed it.
    The acronym's type wins; a missing side is added (an untagged acronym as the name's type, an
    untagged capitalised name as the acronym's type, ORG when neither was tagged). Only when the
    acronym spells the name's initials: "Jakub Krupa (PAP)" is a byline."""
    opens = [i for i in (marks(tokens) if marked is None else marked) if tokens[i].text == "("]
    if not opens:
        return spans
    by_start = {a: k for k, (a, _b, _t) in enumerate(spans)}
    by_end = {b: k for k, (_a, b, _t) in enumerate(spans)}
    covered = coverage(len(tokens), spans)
    out = list(spans)
    added: list[tuple[int, int, str]] = []
    n = len(tokens)
    for i in opens:
        if i == 0 or i + 2 >= n or tokens[i + 2].text != ")" or not _acronym(tokens[i + 1].text):
            continue
        short = by_start.get(i + 1)
        if short is not None and spans[short][1] != i + 2:
            continue
        name = by_end.get(i)
        if name is not None:
            first = spans[name][0]
        else:
            first = i  # an untagged run of capitalised words right before the parenthesis
            while first > 0 and not covered[first - 1] and tokens[first - 1].text[:1].isupper() \
                    and first > i - MAX_NAME_TOKENS:
                first -= 1
            if first == i:
                continue
        text = " ".join(t.text for t in tokens[first:i])
        if not _abbreviates(tokens[i + 1].text, text):
            continue
        typ = spans[short][2] if short is not None else spans[name][2] if name is not None else "ORG"
        if name is not None:
            out[name] = (first, i, typ)
        else:
            added.append((first, i, typ))
        if short is not None:
            out[short] = (i + 1, i + 2, typ)
        else:
            added.append((i + 1, i + 2, typ))
    return sorted(out + added) if added else out


# Top-level domains a news text writes after a site's name: "BiznesAlert.pl", "Leave.EU".
_DOMAINS = frozenset("pl com eu ue info net org uk de ru ua hu fm tv".split())
_DOMAIN_HINT = re.compile(r"\w\.(?:" + "|".join(sorted(_DOMAINS)) + r")\b", re.IGNORECASE)
# A "." then a domain's letters, in any case: every "." token of a site's name starts a match (a
# character whose lower case is an ASCII letter matches it in IGNORECASE), and most texts hold a few.
_DOMAIN_DOT = re.compile(r"\.(?:" + "|".join(sorted(_DOMAINS)) + ")", re.IGNORECASE)


def web_names(tokens: list[Token], spans: list[tuple[int, int, str]],
              text: str | None = None) -> list[tuple[int, int, str]]:
    """A site's name with its domain, written without spaces, is one name: the tokenizer splits
    "Leave.EU" into "Leave" "." "EU", and the tagger made a person and the EU of them. BSNLP marks
    web portals PRO ("BiznesAlert.pl") and keeps ORG where a part was one ("Leave.EU"). With the
    document's ``text``, a document that writes no domain is passed over at C speed."""
    if text is not None and not _writes_domain(text):
        return spans
    if text is None:
        hits = [i for i in range(len(tokens) - 2) if _site_with_domain(tokens, i)]
    else:
        hits = _sites_in_text(tokens, text)
    if not hits:
        return spans
    ordered = sorted(spans)
    starts = [a for a, _b, _t in ordered]
    reach = list(accumulate((b for _a, b, _t in ordered), max))  # the furthest end up to each span
    joined: dict[int, tuple[int, int, str] | None] = {}  # index in ordered → its replacement (None: dropped)
    for i in hits:
        lo, hi = bisect_left(starts, i), bisect_right(starts, i + 2)
        inside_longer = (lo > 0 and reach[lo - 1] > i) or reach[hi - 1] > i + 3 if lo < hi else False
        if lo == hi or inside_longer or any(k in joined for k in range(lo, hi)):
            continue  # untagged, or part of a longer name: left as it is
        typ = "ORG" if any(t == "ORG" for _a, _b, t in ordered[lo:hi]) else "PRO"
        joined.update({k: None for k in range(lo, hi)})
        joined[lo] = (i, i + 3, typ)
    if not joined:
        return spans
    return [joined.get(k, s) for k, s in enumerate(ordered) if joined.get(k, s) is not None]


def _writes_domain(text: str) -> bool:
    """``_DOMAIN_HINT.search(text)``, at C speed: the "."-first regex is scanned for by its literal
    first character, and only its few matches are tried with the word character before them.
    (The hint itself, starting with ``\\w``, tests every position: 30 ns a character.)"""
    return any(m.start() and _DOMAIN_HINT.match(text, m.start() - 1) for m in _DOMAIN_DOT.finditer(text))


def _site_with_domain(tokens: list[Token], i: int) -> bool:
    """Tokens i, i + 1, i + 2 are a word, "." and a domain written together ("BiznesAlert" "." "pl")."""
    return tokens[i + 1].text == "." and tokens[i + 2].text.lower() in _DOMAINS \
        and tokens[i].end == tokens[i + 1].start and tokens[i + 1].end == tokens[i + 2].start \
        and tokens[i].text[:1].isalnum() \
        and (i + 3 >= len(tokens) or tokens[i + 3].start > tokens[i + 2].end or not tokens[i + 3].text.isalnum())


def _sites_in_text(tokens: list[Token], text: str) -> list[int]:
    """The positions i where ``_site_with_domain`` holds, found from the document's text: each
    "." before a domain found by the regex, then its token by a binary search. Why: every BSNLP
    document starts with its source's URL, so the regex pre-test passes nearly always, and a test
    of every token cost more than the rest of the corrections together."""
    hits = []
    last = len(tokens) - 2  # i + 2 must be a token
    for m in _DOMAIN_DOT.finditer(text):
        dot = bisect_left(tokens, m.start(), key=START)
        if 1 <= dot <= last and tokens[dot].start == m.start() and _site_with_domain(tokens, dot - 1):
            hits.append(dot - 1)
    return hits



def acronym_then_person(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An acronym run into the name of the person it heads is two mentions: "przywódca TLP
    Muhammad Afzal Qadri" → ORG "TLP" + PER "Muhammad Afzal Qadri", "szef MSZ Jacek Czaputowicz".
    Only after a noun for a person (Morfeusz's m1 gender: przywódca, szef, rzecznik, lider), and
    the rest must be two to four words each a known first name or surname or unknown to Morfeusz
    ("programu BBC Inside Out" stays one)."""
    def split(a: int, b: int, _typ: str) -> list[tuple[int, int, str]] | None:
        if 3 <= b - a <= 5 and a > 0 and _acronym_word(tokens[a].text) and _person_noun(tokens[a - 1]) \
                and all(_person_word(t.text) for t in tokens[a + 1 : b]):
            return [(a, a + 1, "ORG"), (a + 1, b, "PER")]
        return None

    return _split_each(spans, split)


def body_then_person(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A body's name run into the name of the person it heads is two mentions: "lider Liberalnych
    Demokratów Nick Clegg" → ORG "Liberalnych Demokratów" + PER "Nick Clegg". Only after a noun
    for a person or a body ("z partii Liberalnych Demokratów Nick Clegg"); the body's words must
    all be common words Morfeusz knows, and the person's two or three words a capitalised word,
    then surnames with no common reading or unknown words."""
    def split(a: int, b: int, typ: str) -> list[tuple[int, int, str]] | None:
        if b - a < 3 or a == 0 or not (_person_noun(tokens[a - 1]) or tokens[a - 1].lemma in INSTITUTIONS):
            return None
        for m in (b - 2, b - 3):
            if m > a and _first_name_slot(tokens[m].text) and \
                    all(_surname_word(t.text) for t in tokens[m + 1 : b]) and \
                    all(t.text[:1].isupper() and _common_word(t.text) for t in tokens[a:m]):
                return [(a, m, "ORG" if typ == "PER" else typ), (m, b, "PER")]
        return None

    return _split_each(spans, split)


def _split_each(spans: list[tuple[int, int, str]],
                split: Callable[[int, int, str], list[tuple[int, int, str]] | None]) -> list[tuple[int, int, str]]:
    """``spans`` with each span that ``split`` breaks up replaced by its parts (the same list when none is)."""
    out: list[tuple[int, int, str]] | None = None
    for k, span in enumerate(spans):
        parts = split(*span)
        if parts is not None and out is None:
            out = list(spans[:k])
        if out is not None:
            out.extend(parts if parts is not None else [span])
    return spans if out is None else out


def _first_name_slot(word: str) -> bool:
    """A first name may be a common word or a village to Morfeusz ("Nick"): any capitalised word
    not in capitals (the surname after it must still read as one)."""
    return word[:1].isupper() and not word.isupper()


@lru_cache(maxsize=50_000)
def _surname_word(word: str) -> bool:
    """Unknown to Morfeusz, or a first name or surname with no common reading ("Clegg"; not
    "Chrześcijańskiego", a surname and an adjective)."""
    if not word[:1].isupper() or word.isupper():
        return False
    readings = analyses(word)
    if readings[0].tag == "ign":  # an unknown adjective of a name is no surname: "Partii Unionistycznej"
        return not word.endswith(_ADJECTIVE_ENDINGS)
    return any(r.proper in ("imię", "nazwisko") for r in readings) and not any(r.lemma[:1].islower() for r in readings)


_ADJECTIVE_ENDINGS = ("ej", "ego", "emu", "ych", "ich", "ym", "im", "ymi", "imi")


@lru_cache(maxsize=50_000)
def _common_word(word: str) -> bool:
    """Known to Morfeusz, as common words only: "Liberalnych", "Demokratów" (not "Clegg", not a surname)."""
    readings = analyses(word)
    return readings[0].tag != "ign" and not any(r.proper for r in readings)


def _acronym_word(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()


def _person_noun(tok: Token) -> bool:
    return tok.text[:1].islower() and (tok.tag or "").startswith("subst") and ":m1" in (tok.tag or "")


@lru_cache(maxsize=50_000)
def _person_word(word: str) -> bool:
    if not word[:1].isupper() or word.isupper():
        return False
    return analyses(word)[0].tag == "ign" or _person_name(word)


def legal_forms(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names ending in a company's legal form, in "Group"/"Holding" or in an English word for a body
    ("Work Service", "Atlantic Council") are ORG; a legal form right after a name joins it
    ("Gazprom" + "PJSC"). A person whose name ends in an outlet word ("The Sun") is a PRO, unless
    it starts with a first name ("Marek Sun")."""
    out = []
    n = len(tokens)
    starts = {a for a, _b, _t in spans}
    for a, b, typ in spans:
        if b < n and b not in starts and tokens[b].text in LEGAL_FORMS and tokens[b].start - tokens[b - 1].end <= 1:
            b += 1
        if b - a > 1 and tokens[b - 1].text in _COMPANY_WORDS:
            typ = "ORG"
        elif typ == "PER" and b - a > 1 and tokens[b - 1].text in OUTLET_WORDS and not _first_name(tokens[a].text):
            typ = "PRO"
        out.append((a, b, typ))
    return out


def demonyms(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A one-word name that is a nationality noun of the knowledge base is a PER, as BSNLP marks
    them ("Polaków" tagged as a place; the linker then gives it the country's id). Not when the
    word also reads as the country ("Niemiec" is Niemcy's genitive as well as a German)."""
    out = spans
    for k, (a, b, typ) in enumerate(spans):
        if typ != "PER" and b - a == 1 and _demonym(tokens[a].text):
            if out is spans:
                out = list(spans)
            out[k] = (a, b, "PER")
    return out


def nationality_prefixes(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A nationality noun run into a name is a mention of its own, as BSNLP marks it:
    "Nigeryjką Rebeccą Bitrus" → "Nigeryjką" (PER) + "Rebeccą Bitrus"; "Polaków w Wielkiej
    Brytanii" → "Polaków" + "Wielkiej Brytanii"; "Reuters Polacy" (a caption run into a title) →
    "Reuters" + "Polacy"."""
    out: list[tuple[int, int, str]] = []
    for a, b, typ in spans:
        if b - a >= 2 and _nationality_noun(tokens[a].text):
            rest = a + 1 if tokens[a + 1].text[:1].isupper() else \
                a + 2 if b - a >= 3 and tokens[a + 1].text in ("w", "we", "z", "ze") and \
                tokens[a + 2].text[:1].isupper() else None
            if rest is not None:
                out.append((a, a + 1, "PER"))
                a = rest
        elif b - a >= 2 and _nationality_noun(tokens[b - 1].text) and tokens[b - 2].text[:1].isupper() \
                and not _may_agree(tokens[b - 2].text):
            out.append((a, b - 1, typ))
            out.append((b - 1, b, "PER"))
            continue
        out.append((a, b, typ))
    return out


@lru_cache(maxsize=50_000)
def _may_agree(word: str) -> bool:
    """Whether a word may be an adjective of the noun after it: "Nowi Europejczycy", "Prawdziwi
    Finowie" are names; "Reuters Polacy" is two."""
    return any(r.tag.startswith(("adj", "ppas", "pact")) for r in analyses(word))


def nationality_nouns(tokens: list[Token], spans: list[tuple[int, int, str]],
                      hits: list[int] | None = None) -> list[tuple[int, int, str]]:
    """Nationality nouns the tagger left out ("Brytyjczycy", "Katarczyków") are PER mentions, as
    BSNLP marks them. ``hits``: the positions of the document's nationality nouns, if known."""
    if hits is None:
        hits = [i for i, t in enumerate(tokens) if is_member_noun(t.text)]
    if not hits:
        return spans
    ordered = sorted(spans)
    starts = [a for a, _b, _t in ordered]
    ends = list(accumulate((b for _a, b, _t in ordered), max))  # the furthest end up to each span
    extra = [(i, i + 1, "PER") for i in hits if (k := bisect_right(starts, i) - 1) < 0 or ends[k] <= i]
    return sorted(spans + extra) if extra else spans


def is_member_noun(word: str) -> bool:
    """A capitalised nationality noun ("Brytyjczycy", "Nigeryjką", "Polaków") or a party member's
    noun in lower case ("torysów", "laburzyści")."""
    return _nationality_noun(word) if word[:1].isupper() else _party_member(word)


@lru_cache(maxsize=50_000)
def _party_member(word: str) -> bool:
    """A lower-case member noun the knowledge base lists for a party ("torysi" for the Partia
    Konserwatywna, "laburzyści" for the Partia Pracy), which BSNLP marks PER (24 of the 25 brexit
    documents that write "torys…"); other bodies' member nouns are not marked in lower case
    ("europosłowie": 0 of 26)."""
    if not word[:1].islower() or len(word) < 4:
        return False
    from kronika.entities.kb import load_kb

    kb = load_kb()
    for lemma in {r.lemma for r in analyses(word)} | {word}:
        entry = kb.demonym(lemma)
        if entry is not None and entry.type == "ORG" and entry.name.startswith("Partia"):
            return True
    return False


@lru_cache(maxsize=50_000)
def _nationality_noun(word: str) -> bool:
    """A person noun written with a capital that is no name: "Nigeryjka", "Pakistańczyk",
    "Amerykanin" (Morfeusz gives them a capitalised lemma and no proper-name label)."""
    if not word[:1].isupper() or word.isupper() or "-" in word:  # "Jean-Claude": a compound's reading
        return False
    if _demonym(word):  # the knowledge base's ("Polaków": Morfeusz also knows a surname Polak)
        return True
    readings = analyses(word)
    return any(r.tag.startswith("subst:") and r.lemma[:1].isupper() and not r.proper
               and (":m1" in r.tag or r.tag.endswith(":f")) for r in readings) and \
        not any(r.proper in ("imię", "nazwisko", "nazwa_geograficzna") for r in readings)


@lru_cache(maxsize=50_000)
def _demonym(word: str) -> bool:
    if not word[:1].isupper():
        return False
    from kronika.entities.kb import load_kb

    kb = load_kb()
    readings = analyses(word)
    # A country's plural ("Hiszpanie" as Spains) is no reading of the country; a plurale tantum is
    # ("Niemcy" is Germany as well as Germans).
    countries = {r.lemma for r in readings if not r.tag.startswith("subst:pl:") or ":pt" in r.tag}
    return any(kb.demonym(r.lemma) is not None for r in readings) and \
        not any(kb.lookup(lemma, "LOC") is not None for lemma in countries)


# What a ministry is for, as the genitive after "ministerstwo" names it in lower case.
_MINISTRY_FIELDS = frozenset(
    "obrona finanse rolnictwo zdrowie sprawiedliwość gospodarka handel edukacja kultura energia energetyka "
    "transport środowisko cyfryzacja infrastruktura rozwój praca nauka oświata przemysł".split())


def lowercase_ministries(tokens: list[Token], spans: list[tuple[int, int, str]],
                         text: str | None = None) -> list[tuple[int, int, str]]:
    """A ministry written in lower case, as Polish writes foreign ones, is an ORG name, as BSNLP
    marks it: "ministerstwo spraw wewnętrznych", "ministerstwa obrony", "ministerstwa ds. brexitu"
    (one ministry: the plural "ministerstwach ds. …" is not a name)."""
    if text is not None and "ministerstw" not in text:  # the usual case, at C speed
        return spans
    hits = [i for i, t in enumerate(tokens) if t.lemma == "ministerstwo" and t.text[:1].islower()
            and ":sg:" in (t.tag or "")]
    if not hits:
        return spans
    covered = coverage(len(tokens), spans)
    extra = []
    n = len(tokens)
    for i in hits:
        end = None
        if i + 2 < n and tokens[i + 1].text == "spraw" and (tokens[i + 2].tag or "").startswith("adj"):
            end = i + 3
        elif i + 1 < n and tokens[i + 1].lemma in _MINISTRY_FIELDS and ":gen:" in (tokens[i + 1].tag or "") + ":":
            end = i + 2
        elif i + 2 < n and tokens[i + 1].text == "ds." and tokens[i + 2].text[:1].isalpha():
            end = i + 3
        if end is not None and not any(covered[i:end]):
            extra.append((i, end, "ORG"))
            covered[i:end] = [True] * (end - i)
    return sorted(spans + extra) if extra else spans


_NATIONAL_ADJECTIVE = re.compile(r"(?:sk|ck|dzk)i$")  # lemma of "brytyjski", "niemiecki", "irlandzki"


def national_parliaments(tokens: list[Token], spans: list[tuple[int, int, str]],
                         text: str | None = None) -> list[tuple[int, int, str]]:
    """A parliament named by its country's adjective is an institution name: "brytyjskiego
    parlamentu", "parlament holenderski" (BSNLP marks it in 20 of the 24 documents that write it;
    "brytyjski rząd" in none of 82, so governments stay out). The adjective must agree in case."""
    if text is not None and "arlamen" not in text:  # the usual case, at C speed
        return spans
    hits = [i for i, t in enumerate(tokens) if t.lemma == "parlament"]
    if not hits:
        return spans
    covered = coverage(len(tokens), spans)
    extra = []
    for i in hits:
        if covered[i]:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(tokens) and not covered[j] and _national_adjective(tokens[j], tokens[i]):
                a, b = min(i, j), max(i, j) + 1
                extra.append((a, b, "ORG"))
                covered[a:b] = [True] * (b - a)
                break
    return sorted(spans + extra) if extra else spans


def _national_adjective(adj: Token, noun: Token) -> bool:
    if not adj.text[:1].islower() or not (adj.tag or "").startswith("adj") or \
            _NATIONAL_ADJECTIVE.search(adj.lemma or "") is None:
        return False
    return bool(_number_cases(adj.text, "adj") & _number_cases(noun.text, "subst"))


@lru_cache(maxsize=50_000)
def _number_cases(word: str, pos: str) -> frozenset[tuple[str, str]]:
    """(number, case) pairs of a word's readings of one part of speech: "brytyjskiego" → sg gen, sg acc."""
    out = set()
    for r in analyses(word):
        fields = r.tag.split(":")
        if fields[0] == pos and len(fields) > 2:
            out.update((fields[1], case) for case in fields[2].split("."))
    return frozenset(out)


def context_types(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Types the word before a name decides, applied to every occurrence of that name in the document.
    Why: the tagger learned on British politics, where unknown foreign words are mostly people, and
    reads "Kerala", "Karaczi" and "Multan" as PER and "Khadim Hussain Rizvi" or "Parolin" as ORG.
    - PER → LOC after a place noun ("w mieście Multan", "wioski Ittanwali"), or for one word Morfeusz
      does not know after "w"/"we" ("w Kerali");
    - anything → ORG after "agencja" or a company noun (``ORG_NOUNS``: "agencji Fides", "firmy
      Cambridge Analytica"; BSNLP marks news agencies ORG, their outlets PRO), unless a one-word name
      is a place Morfeusz knows or, after a company noun, the name starts with a first name;
    - anything → PRO after a media noun (``MEDIA_NOUNS``: "dziennika Times", "portalu BuzzFeed"), unless
      Morfeusz knows the word as a place ("stacji Wrocław") or a first name;
    - a one-word PER → ORG after a noun whose genitive name is a company (``OWNER_NOUNS``: "akcje
      Unilevera", "pracownicy Amazona"), unless Morfeusz knows the word as a place or a person, or it
      is a nationality noun ("Według sondaży Brytyjczycy są…");
    - ORG/LOC/PRO/EVT → PER after a title that stands in apposition to a person ("kardynał Parolin",
      "duchowny Khadim Hussain Rizvi"), unless the name starts with a common noun ("generał Sił
      Powietrznych") or holds an acronym ("adwokat AFP": the adwokat told AFP)."""
    places: set[tuple[str, ...]] = set()
    people: set[tuple[str, ...]] = set()
    agencies: set[tuple[str, ...]] = set()
    outlets: set[tuple[str, ...]] = set()

    def words(a: int, b: int) -> tuple[str, ...]:
        return tuple(key_word(t.text) for t in tokens[a:b])

    for a, b, typ in spans:
        if a == 0:
            continue
        prev = tokens[a - 1]
        before = (prev.lemma or prev.text).lower()
        if typ != "ORG" and before in ORG_NOUNS and not (b - a == 1 and _place_name(tokens[a].text)) and \
                not (before != "agencja" and _first_name(tokens[a].text)):
            agencies.add(words(a, b))
        elif typ != "PRO" and before in MEDIA_NOUNS and not _place_name(tokens[a].text) and \
                not _first_name(tokens[a].text):
            outlets.add(words(a, b))
        elif typ == "PER" and b - a == 1 and before in OWNER_NOUNS and not _place_name(tokens[a].text) and \
                not _person_name(tokens[a].text) and not _nationality_noun(tokens[a].text):
            agencies.add(words(a, b))  # a product after them stays one: "klienci Facebooka"
        elif typ == "PER":
            if _first_name(tokens[a].text):
                continue  # "sekretarz stanu Hillary Clinton" is a person
            if before in PLACE_NOUNS or (
                    b - a == 1 and prev.text.lower() in ("w", "we") and tokens[a].tag == "ign"):
                places.add(words(a, b))
        elif before in PERSON_TITLES and prev.text[:1].islower() and \
                not _common_noun(tokens[a].text) and not any(t.text.isupper() for t in tokens[a:b]):
            people.add(words(a, b))
            people.add(words(b - 1, b))  # the surname alone: "Parolin" after "Pietro Parolin"
    if not (places or people or agencies or outlets):
        return spans
    keys = [words(a, b) for a, b, _t in spans]  # once, for all three retypes
    for names, applies, to in ((places, lambda t: t == "PER", "LOC"), (people, lambda t: t != "PER", "PER"),
                               (agencies, lambda t: t != "ORG", "ORG"), (outlets, lambda t: t != "PRO", "PRO")):
        if names:
            spans = _retype(spans, keys, names, applies, to)
    return spans


def _retype(spans: list[tuple[int, int, str]], keys: list[tuple[str, ...]], names: set[tuple[str, ...]],
            applies: Callable[[str], bool], to: str) -> list[tuple[int, int, str]]:
    """Spans whose words (``keys``, one per span) are one of ``names`` (a one-word name also in
    another case: "Kerala" for "Kerali") get type ``to`` where ``applies`` to their type."""
    # One-word names by their first three letters, which case forms share: linear, not names × spans.
    single: dict[str, list[str]] = {}
    for k in names:
        if len(k) == 1:
            single.setdefault(k[0][:3], []).append(k[0])

    def named(words: tuple[str, ...]) -> bool:
        if words in names:
            return True
        return len(words) == 1 and any(_word_match(words[0], w) for w in single.get(words[0][:3], ()))

    return [(a, b, to) if applies(typ) and named(key) else (a, b, typ)
            for (a, b, typ), key in zip(spans, keys, strict=True)]


@lru_cache(maxsize=50_000)
def _place_name(word: str) -> bool:
    return any(r.proper == "nazwa_geograficzna" for r in analyses(word))


@lru_cache(maxsize=50_000)
def _common_noun(word: str) -> bool:
    return any(r.tag.startswith("subst") and not r.proper and r.lemma[:1].islower() for r in analyses(word))


@lru_cache(maxsize=50_000)
def _person_name(word: str) -> bool:
    return any(r.proper in ("imię", "nazwisko") for r in analyses(word))


@lru_cache(maxsize=50_000)
def _first_name(word: str) -> bool:
    return any(r.proper == "imię" for r in analyses(word))
