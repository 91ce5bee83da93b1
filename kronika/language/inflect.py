"""Base form (nominative) of a multi-word name, with agreement.

"Centralnej Komisji Wojskowej" → "Centralna Komisja Wojskowa", "obwodzie kurskim" → "obwód kurski",
"Borisa Johnsona" → "Boris Johnson". The case and number come from the head noun; adjectives that
agree with it are regenerated in the nominative by Morfeusz with the head's gender; a genitive
complement after the head stays as it is ("Komisja Wojskowa Komitetu Centralnego"). Words the
dictionary lacks ("Theresy", "Dzong-Una") go through a suffix guesser learned from gold pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

from kronika.language.morphology import analyses, morfeusz
from kronika.model import Token
from kronika.model_files import model_file

_CASE_PRIORITY = ("gen", "loc", "inst", "dat", "acc", "voc")
_ADJ_POS = {"adj", "ppas", "pact"}
_NOUN_POS = {"subst", "depr"}
_WORD_RE = re.compile(r"\w", re.UNICODE)
GUESSER_FILE = "inflect-suffixes-pl.tsv"
GUESS_MIN_EVIDENCE = 5  # rules seen fewer times are anecdotes ("-ii stays" from three names)
GUESS_MIN_SHARE = 0.6  # below this a suffix is ambiguous ("-ana": Imrana vs Rebecca); try a shorter one


class Form:
    """One nominal reading, split: "Komisji" → lemma komisja, pos subst, nums {sg}, cases {gen}, genders {f}."""

    __slots__ = ("lemma", "pos", "nums", "cases", "genders", "rest", "label")

    def __init__(self, lemma: str, tag: str, label: str | None = None) -> None:
        self.lemma = lemma
        self.pos, self.nums, self.cases, self.genders, self.rest = _split_tag(tag)
        self.label = label


@lru_cache(maxsize=8192)
def _split_tag(tag: str) -> tuple[str, frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """"subst:sg:gen:f" → ("subst", {sg}, {gen}, {f}, ()), once per tag. Why shared and frozen: the
    Forms of the word caches live as long as the process, and per-Form sets made them 4× as many
    objects for the garbage collector to walk (SGJP has a few thousand distinct tags)."""
    parts = tag.split(":")
    nums, cases, genders = (frozenset(parts[k].split(".")) if len(parts) > k else frozenset() for k in (1, 2, 3))
    return parts[0], nums, cases, genders, tuple(parts[4:])


@lru_cache(maxsize=100_000)
def nominal_forms(word: str) -> tuple[Form, ...]:
    """Noun, adjective and participle readings of a word, in Morfeusz's order."""
    return tuple(Form(r.lemma, r.tag, r.proper) for r in analyses(word)
                 if r.tag.split(":")[0] in _NOUN_POS | _ADJ_POS)


@lru_cache(maxsize=50_000)
def _generate(lemma: str) -> tuple[tuple[str, Form], ...]:
    try:
        return tuple((orth, Form(lem, tag)) for orth, lem, tag, _l, _q in morfeusz().generate(lemma))
    except Exception:  # noqa: BLE001 - morfeusz raises on lemmas it cannot generate from
        return ()


def nominative(form: Form, num: str, gender: set[str]) -> str | None:
    """The nominative of ``form``'s lemma in number ``num`` agreeing with ``gender``. Of several
    plural nominatives of a person noun the plain one wins: "Szwedzi", not "Szwedowie"."""
    found = []
    for orth, g in _generate(form.lemma):
        if g.pos != form.pos or num not in g.nums or "nom" not in g.cases:
            continue
        if gender and g.genders and not (gender & g.genders):
            continue
        if form.pos in _ADJ_POS and g.rest != form.rest:
            continue  # keep degree (pos/com/sup) and aspect/negation of participles
        if num != "pl":
            return orth
        found.append(orth)
    if not found:
        return None
    # min() keeps the first of equal keys, so the first form Morfeusz generates wins a tie.
    return min(found, key=lambda o: o.endswith("owie") or (o == form.lemma and len(found) > 1))


def match_case(word: str, like: str) -> str:
    """Copy the surface capitalisation onto a generated form: ("wielka", "Wielkiej") → "Wielka"."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=1)
def guesser_rules() -> dict[tuple[str, str], tuple[int, str, float]]:
    """Suffix rewrite rules (type, suffix) → (chars to cut, ending to add, share of the evidence),
    learned by ``kronika train-ner``; empty when the resource is absent."""
    ref = model_file(GUESSER_FILE)
    if ref is None:
        return {}
    text = ref.read_text("utf-8")
    rules: dict[tuple[str, str], tuple[int, str, float]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        typ, suffix, cut, add, n, total = line.split("\t")
        if int(total) >= GUESS_MIN_EVIDENCE:
            rules[(typ, suffix)] = (int(cut), add, int(n) / int(total))
    return rules


def guess(word: str, type: str) -> str:
    """Nominative of a word the dictionary lacks, from its longest suffix with a clear rule:
    "Theresy" → "Theresa", "Pieskowa" → "Pieskow"."""
    rules = guesser_rules()
    low = word.lower()
    # A short word ("Kim", "Una") carries little evidence: only rules learned on the same type.
    types = (type,) if len(low) < 4 else (type, "*")
    for n in range(min(6, len(low) - 1), 0, -1):
        # The typed and the general rule for one suffix compete on their share of the evidence.
        found = [r for r in (rules.get((typ, low[-n:])) for typ in types) if r and r[2] >= GUESS_MIN_SHARE]
        if found:
            cut, add, _share = max(found, key=lambda r: r[2])
            if type == "PER" and cut == 1 and not add and low.endswith("u"):
                # "-u" is no case ending of a person's name ("Szojgu", "Mathieu"); place
                # names learned from PolEval ("Hamburgu") must not teach otherwise.
                return word
            return word[: len(word) - cut] + add if cut else word + add
    return word


INSTITUTIONS = frozenset({
    "rada", "izba", "partia", "komisja", "komitet", "sąd", "trybunał", "ministerstwo", "urząd", "agencja", "bank",
    "unia", "sejm", "senat", "związek", "stowarzyszenie", "fundacja", "instytut", "uniwersytet", "akademia",
    "organizacja", "parlament", "rząd", "służba", "straż", "kongres", "zgromadzenie", "federacja", "grupa", "liga",
    "front", "ruch", "sojusz", "biuro", "departament", "inspekcja", "kancelaria", "prokuratura", "wspólnota"})
# Morfeusz proper-name labels that fit a mention type (the gazetteer reads KB names with them too).
TYPE_LABELS = {"LOC": {"nazwa_geograficzna", "człon_nazwy_geograficznej"}, "PER": {"imię", "nazwisko"},
                "ORG": {"nazwa_organizacji", "nazwa_instytucji", "nazwa_firmy"}}


def _reliable(word: str, forms: tuple[Form, ...], type: str) -> tuple[Form, ...]:
    """Readings to trust, best first. A capitalised person-name part read as a common noun is
    wrong ("Kim" → kto, "Chana" → chan). A reading with the label of the mention's type wins
    ("Polski" as LOC is Polska; "Niemiec" is Niemcy). Otherwise, in organisation and event names
    the common noun is right ("Izby Gmin" is izba, not a village Izby)."""
    if type == "PER" and word[:1].isupper():
        forms = tuple(f for f in forms if f.lemma[:1].isupper() or f.pos in _ADJ_POS and f.lemma != "ki")
    labelled = tuple(f for f in forms if f.label in TYPE_LABELS.get(type, ()))
    if labelled:
        # "Stanów" in a LOC: Stany (part of a multi-word place name) before a village Stanów.
        # Adjective readings stay behind them: "Nowym" in "Nowym Jorku" agrees with Jork; it is
        # not the village Nowe.
        # Of two plural-only lemmas the one in -y/-i is today's name: Niemcy, not the old Niemce.
        return tuple(sorted(labelled, key=lambda f: (f.label != "człon_nazwy_geograficznej",
                                                     "pt" in f.rest and f.lemma.endswith("e")))) + \
            tuple(f for f in forms if f.pos in _ADJ_POS and f not in labelled)
    if type in ("PER", "LOC"):
        return tuple(sorted(forms, key=lambda f: not f.lemma[:1].isupper()))
    # An institution noun over its homonyms: "Radzie" is rada, not radium.
    return tuple(sorted(forms, key=lambda f: (f.lemma not in INSTITUTIONS if type == "ORG" else False,
                                              f.lemma[:1].isupper() and f.lemma.lower() != f.lemma)))


_ROMAN = re.compile(r"[IVXLCDM]+")
_CAPS = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ0-9&]{2,}")
# An acronym's case ending after a hyphen: "TVN-u", "NBP-owi", "PiS-em".
_ACRONYM_ENDING = re.compile(r"(\w*[A-ZĄĆĘŁŃÓŚŹŻ]\w*?)-(?:u|owi|em|ie|y|a|ach|ami|om|ów)")


# Oblique singular adjective endings by case and gender class → nominative ending; "k"/"g" stems
# keep their "i" ("Polskiej" → "Polska", "Polskiego" → "Polski"), soft stems keep theirs
# ("Wschodniej" → "Wschodnia").
_ADJ_ENDINGS = {
    "f": {"gen": ("ej",), "dat": ("ej",), "loc": ("ej",), "acc": ("ą",), "inst": ("ą",)},
    "m": {"gen": ("ego",), "dat": ("emu",), "loc": ("ym", "im"), "inst": ("ym", "im")},
    "n": {"gen": ("ego",), "dat": ("emu",), "loc": ("ym", "im"), "inst": ("ym", "im")},
}
_ADJ_NOMINATIVE = {"f": "a", "m": "y", "n": "e"}


def _adjective_nominative(word: str, case: str, num: str, gender: set[str]) -> str | None:
    """Nominative singular of an adjective Morfeusz does not know, agreeing with its head:
    ("Unionistycznej", gen, sg, {f}) → "Unionistyczna"; None when the ending does not fit."""
    cls = "f" if "f" in gender else "n" if "n" in gender else "m" if gender & {"m1", "m2", "m3"} else None
    if num != "sg" or cls is None or not word.isalpha():
        return None
    for ending in _ADJ_ENDINGS[cls].get(case, ()):
        if not word.endswith(ending) or len(word) < len(ending) + 3:
            continue
        stem = word[: -len(ending)]
        nom = _ADJ_NOMINATIVE[cls]
        if stem.endswith("i"):  # "Polsk-iej", "Wschodn-iej", "Polsk-im"
            stem = stem[:-1]
            if stem.endswith(("k", "g")):
                return stem + {"f": "a", "m": "i", "n": "ie"}[cls]
            return stem + {"f": "ia", "m": "i", "n": "ie"}[cls]
        if stem.endswith(("k", "g")):
            return None  # "-kej" is no adjective ending
        return stem + nom
    return None


def _word_indices(words: list[str], type: str = "") -> list[int]:
    """Words that may inflect: not punctuation, not abbreviations ("Wlk." "W." "św."), not Roman
    numerals ("II wojny"); outside person names not acronyms either ("DUP" is no form of "dupa");
    and not a word Morfeusz knows as a fragment of a longer foreign name when more follows ("New"
    of "New York" is not the genitive plural of the river Newa: "New Yorku" → "New York")."""
    return [i for i, w in enumerate(words) if _WORD_RE.search(w) and not w.endswith(".")
            and not (i + 1 < len(words) and words[i + 1] == ".") and not _ROMAN.fullmatch(w)
            and not (type != "PER" and _CAPS.fullmatch(w))
            and not (i + 1 < len(words) and _fragment(w))]


@lru_cache(maxsize=50_000)
def _fragment(word: str) -> bool:
    """Morfeusz knows the word only as part of a longer name ("New", "Santa", "Buenos"), besides at
    most other proper names: not "San" (the river san) nor "Ziem" (ziemia), which do inflect."""
    readings = analyses(word)
    return any(r.tag == "frag" for r in readings) and \
        not any(r.lemma[:1].islower() for r in readings if r.tag != "frag")


_COORD = frozenset({"i", "oraz"})
_APOSTROPHE_ENDING = re.compile(r"(?<=\w\w)['’](?:a|owi|em|ego|emu|m|u|ie|s)$")
_FOREIGN_ENDING = re.compile(r"(\w{3,}[b-df-hj-np-tv-zł])(?:owi|em|ie)|(\w{2,}[sdkgrbpfvwzh])a")


def _foreign_nominative(word: str) -> str:
    """The last word of a foreign name without its Polish ending: "Timesa", "Timesie" → "Times",
    "Rovera" → "Rover". English and Italian words in -a and -y stay ("Arena", "Italia", "Party")."""
    m = _FOREIGN_ENDING.fullmatch(word)
    return (m.group(1) or m.group(2)) if m else word


def _foreign(words: list[str], idx: list[int]) -> bool:
    """A capitalised phrase whose first word Morfeusz does not know, or knows only as a fragment of
    a foreign name, is foreign ("Financial Timesa", "Land Rovera", "New York Timesa"): like English,
    only its last word takes the Polish ending."""
    return len(idx) > 1 and all(words[i][:1].isupper() for i in idx) \
        and (not nominal_forms(words[idx[0]]) or (idx[0] > 0 and _fragment(words[0]))) \
        and all(w[:1].isupper() or not _WORD_RE.search(w) for w in words)


Choice = tuple[str, str, set[str], str]  # case, number, gender, lemma of the head


def _named_forms(word: str) -> tuple[Form, ...]:
    """``nominal_forms`` of a word inside a name, without readings that are only a vocative: news
    does not address its names, so a capitalised "Mario", "Puzo" or "Fico" is a foreign name
    written as it is, not the vocative of Maria, Puza or Fica."""
    forms = nominal_forms(word)
    if word[:1].isupper() and any(f.cases == {"voc"} for f in forms):
        return tuple(f for f in forms if f.cases != {"voc"})
    return forms


def _uninflected(word: str, forms: tuple[Form, ...]) -> bool:
    """A surname Morfeusz knows only as written, nominative among its cases, that a man's name
    would inflect ("May" → "Maya"): the name is a woman's or nominative, so an unknown first
    name's -a stays ("Theresa May", not "Theres May"). Vowel-final surnames stay as written for
    men too ("Raula Castro" is Raul's genitive) and say nothing."""
    return bool(forms) and word[-1:].lower() not in "aeiouąęó" and \
        all(f.lemma == word and "nom" in f.cases for f in forms)


def _indeclinable(word: str, forms: tuple[Form, ...]) -> bool:
    """Every case, always spelled as written ("prezydium", "kakao")."""
    return bool(forms) and all(f.lemma.lower() == word.lower() for f in forms) and \
        len(set().union(*(f.cases for f in forms))) >= 6


def _starts_complement(forms: dict[int, tuple[Form, ...]], i: int) -> bool:
    """Word i is an adjective agreeing with the noun right after it."""
    adjectives = tuple(f for f in forms.get(i, ()) if f.pos in _ADJ_POS)
    nouns = tuple(f for f in forms.get(i + 1, ()) if f.pos in _NOUN_POS)
    return bool(adjectives and nouns) and _choose([nouns, adjectives]) is not None


def _choose(groups: list[tuple[Form, ...]], nom_first: bool = False,
            skip: frozenset[str] = frozenset()) -> Choice | None:
    """(case, number, gender, head lemma) shared by every reading group, the head's group first.
    The head's preferred lemma wins, then the singular (a name is rarely plural unless only
    plural: "Kanady" is Kanada's genitive), then the nominative; ``nom_first`` puts the
    nominative before the rest (person names: "Greg Clark" is already a base form)."""
    best: tuple[tuple[int, ...], Choice] | None = None
    lemma_rank: dict[str, int] = {}
    for f in groups[0]:
        lemma_rank.setdefault(f.lemma, len(lemma_rank))
    for f in groups[0]:
        for c in f.cases - skip:
            for n in f.nums:
                g = f.genders
                if not all(any(c in h.cases and n in h.nums and (not g or not h.genders or g & h.genders)
                               for h in grp) for grp in groups[1:]):
                    continue
                case_rank = -1 if c == "nom" else _CASE_PRIORITY.index(c) if c in _CASE_PRIORITY else 9
                num_rank = 0 if n == "sg" or "pt" in f.rest else 1
                rank = ((case_rank != -1, lemma_rank[f.lemma], num_rank, case_rank) if nom_first
                        else (lemma_rank[f.lemma], num_rank, case_rank))
                if best is None or rank < best[0]:
                    best = (rank, (c, n, set(g), f.lemma))
    return best[1] if best else None


def _inflect_word(word: str, forms: tuple[Form, ...], case: str, num: str, gender: set[str],
                  lemma: str | None = None) -> str:
    for f in sorted(forms, key=lambda f: f.lemma != lemma):
        if case in f.cases and num in f.nums and (not gender or not f.genders or gender & f.genders):
            out = nominative(f, num, gender or f.genders)
            if out:
                return match_case(out, word)
    return word


def base_form_words(words: list[str], type: str) -> list[str]:
    """Nominative of each word of a name (see module doc); punctuation and abbreviations stay."""
    return list(_base_form_words(tuple(words), type))


@lru_cache(maxsize=100_000)
def _base_form_words(words: tuple[str, ...], type: str) -> tuple[str, ...]:
    # Cached: a news article repeats its names, in the same few inflected forms.
    return tuple(_compute_base_form_words(list(words), type))


def _compute_base_form_words(words: list[str], type: str, apostrophe: bool = False) -> list[str]:
    idx = _word_indices(words, type)
    if not idx:
        return list(words)
    if type == "PER" and not apostrophe:
        cut = [_APOSTROPHE_ENDING.sub("", w) if i in idx else w for i, w in enumerate(words)]
        if cut != words:
            # A foreign name's ending after an apostrophe goes ("Farage'owi", "Curtice’a" →
            # "Farage", "Curtice"), and it says the whole name is inflected ("Nigela Farage'a").
            rest = _compute_base_form_words(cut, type, apostrophe=True)
            return [c if c != w else r for c, w, r in zip(cut, words, rest, strict=True)]
    if type != "PER":
        out = list(words)
        stripped = False
        for i in idx:
            m = _ACRONYM_ENDING.fullmatch(words[i])
            if m:
                out[i], stripped = m.group(1), True
        if stripped:
            return out
        first, last = nominal_forms(words[idx[0]]), words[idx[-1]]
        if len(idx) > 1 and first and all("sg" not in f.nums for f in first) and not nominal_forms(last) \
                and last[:1].isupper() and guess(last, type) == last:
            # "New Labour", "Der Spiegel", "Farm Europe": a foreign nominative whose first word
            # only happens to spell a Polish plural genitive (of "Newa", "Dera", "farma").
            return out
        if _foreign(words, idx):
            last = words[idx[-1]]
            known = nominal_forms(last)
            if not known:
                out[idx[-1]] = _foreign_nominative(last)
            elif not any("nom" in f.cases for f in known):  # "Sankt Petersburga"; "Air Berlin" stays
                out[idx[-1]] = _compute_base_form_words([last], type)[0]
            return out
        # A compound adjective Morfeusz lacks inflects in its last part: "Środkowo-Wschodniej".
        # (Morfeusz may tag it with itself as the lemma, which generates nothing.)
        split = {i: words[i].rsplit("-", 1) for i in idx if "-" in words[i].strip("-")
                 and all(f.lemma == words[i] for f in nominal_forms(words[i]))
                 and any(f.pos in _ADJ_POS for f in nominal_forms(words[i].rsplit("-", 1)[1]))}
        if split:
            core = _compute_base_form_words([split[i][1] if i in split else w for i, w in enumerate(words)], type)
            return [f"{split[i][0]}-{w}" if i in split else w for i, w in enumerate(core)]
    forms = {i: _reliable(words[i], _named_forms(words[i]), type) for i in idx}
    out = list(words)
    if type == "PER":
        if len(idx) > 1:
            # One named person is singular: a plural-only reading of a first name is another
            # lemma ("Greg" read as the plural genitive of "Grega"); "Brytyjczyków" stays plural.
            forms = {i: tuple(f for f in fs if "sg" in f.nums) for i, fs in forms.items()}
        else:
            # One word: "Fatimy", "Pakistanki" are a genitive singular in the news (a woman),
            # not the plural of the same name; a lemma with no singular reading stays plural
            # ("Polacy", "Brytyjczyków").
            fs = tuple(f for f in forms[idx[0]] if f.pos != "depr") or forms[idx[0]]  # "Polki": no Polk
            if fs and not any("sg" in f.nums for f in fs):
                # A plural alone is a nation or a group, not a family of the same surname:
                # "Niemców" are Niemcy, whatever surname Niemiec Morfeusz also knows.
                fs = tuple(f for f in nominal_forms(words[idx[0]]) if f.label is None and f.pos == "subst"
                           and f.lemma[:1].isupper()) or fs
            singular = {f.lemma for f in fs if "sg" in f.nums}
            forms[idx[0]] = tuple(f for f in fs if "sg" in f.nums or f.lemma not in singular)
        # Name parts stand in apposition: each inflects on its own, in the case the known
        # parts share ("Borisa Johnsona": Johnsona is gen → Borisa is guessed as gen too).
        # An indeclinable part ("May" fits every case) says nothing about the case.
        known = [i for i in idx if forms[i] and not any(len(f.cases) >= 6 for f in forms[i])]
        choice = _choose([forms[i] for i in known], nom_first=True) if known else None
        # An unknown surname decides between readings: "Kogana" has a case ending, so
        # "Aleksandra Kogana" is Aleksander's genitive, not the woman Aleksandra; "Hyslop" has
        # none, so "Fiona Hyslop" is nominative and the unknown "Fiona" keeps its -a.
        last = idx[-1]
        inflected = True if apostrophe else \
            guess(words[last], type) != words[last] if len(idx) > 1 and not forms[last] else \
            False if len(idx) > 1 and _uninflected(words[last], forms[last]) else None
        if choice and choice[0] == "nom":
            if not inflected:
                return out
            choice = _choose([forms[i] for i in known], nom_first=True, skip=frozenset({"nom", "voc"}))
        for i in idx:
            if i in known and choice:
                out[i] = _inflect_word(words[i], forms[i], *choice[:3])
            elif not forms[i] and (inflected is not False or not words[i].endswith("a")):
                # Only the -a is in doubt (a woman's nominative or a man's genitive):
                # "Rebeccą Bitrus", "Zarinę Begum" are oblique whatever the surname says.
                out[i] = guess(words[i], type)
        return out
    # Head: the first word that is not only an adjective; adjectives before it and agreeing
    # adjectives after it form the inflecting group; anything after that is a complement.
    head = next((i for i in idx if not forms[i] or any(f.pos in _NOUN_POS for f in forms[i])
                 and not (i != idx[-1] and any(f.pos in _ADJ_POS for f in forms[i]))), idx[-1])
    group = [i for i in idx if i <= head]
    if not forms[head]:
        choice = _choose([forms[i] for i in group if i != head and forms[i]]) if len(group) > 1 else None
        if choice is None or choice[0] != "nom":
            out[head] = guess(words[head], type)
        if choice is None or choice[0] == "nom":
            return out
        group = [i for i in group if i != head]
    else:
        # The head is a noun: "Brexitowi" is brexit, not the adjective brexitowy.
        forms[head] = tuple(f for f in forms[head] if f.pos in _NOUN_POS) or forms[head]
        choice = _choose([forms[head]] + [forms[i] for i in group if forms[i] and i != head])
        indeclinable = _indeclinable(words[head], forms[head])
        for i in idx:
            if i <= head:
                continue
            if indeclinable and _starts_complement(forms, i):
                # An indeclinable head agrees with every case, so an adjective after it that agrees
                # with the next noun is that noun's: "Prezydium Najwyższego Zgromadzenia Ludowego"
                # is a base form ("seminarium duchownym" is not).
                break
            if not forms[i] and choice is not None and choice[0] != "nom":
                # An adjective Morfeusz lacks agrees by its ending: "Partii Unionistycznej".
                adjective = _adjective_nominative(words[i], *choice[:3])
                if adjective is None:
                    break
                out[i] = adjective
                continue
            if not (forms[i] and any(f.pos in _ADJ_POS for f in forms[i])):
                break
            trial = _choose([forms[head]] + [forms[j] for j in group if forms[j] and j != head] + [forms[i]])
            # A capitalised adjective that agrees only by turning a singular head plural is a
            # genitive complement: "Partii Zielonych" is Partia Zielonych, not Partie Zielone
            # (lower-case phrases are plural often enough: "substancji odżywczych").
            if trial is None or (choice is not None and choice[1] == "sg" and trial[1] == "pl" and trial[0] != "nom"
                                 and words[i][:1].isupper()):
                break
            group.append(i)
            choice = trial
    if choice is None or choice[0] == "nom":
        return out
    for i in group:
        if forms[i]:
            out[i] = _inflect_word(words[i], forms[i], *choice[:3], lemma=choice[3] if i == head else None)
    # Two coordinated nouns in one case are both nominative: "Prawa i Sprawiedliwości" →
    # "Prawo i Sprawiedliwość", "Bośni i Hercegowiny" → "Bośnia i Hercegowina".
    after = group[-1] + 1
    if after + 1 < len(words) and words[after] in _COORD and after + 1 in forms and forms[after + 1]:
        nouns = tuple(f for f in forms[after + 1] if f.pos in _NOUN_POS and choice[0] in f.cases)
        if nouns and after + 2 == len(words):
            nums = {n for f in nouns for n in f.nums}
            num = choice[1] if choice[1] in nums else max(nums)
            out[after + 1] = _inflect_word(words[after + 1], nouns, choice[0], num, set())
    return out


# Oblique endings only a noun in -a takes ("Obamy", "Obamą", "Obamę"; "-i" after l, k, g, j:
# "Mattarelli"); a man's consonant-final surname never shows them.
_A_STEM_ENDINGS = ("y", "ą", "ę")
_A_STEM_I = ("l", "k", "g", "j")


def restored_a_ending(word: str, base: str, forms: Callable[[], Collection[str]]) -> str:
    """``base`` with the final -a of ``word`` back when the suffix guesser cut it as a genitive
    ending ("Obama" → "Obam", "Nitra" → "Nitr": 61 % of the unknown names in -a of the training
    data are genitives) but the document also writes the word with an ending only a noun in -a
    takes. ``forms()`` gives the document's words in lower case (asked only when needed)."""
    if not _a_cut(word, base):
        return base
    stem = base.lower()
    endings = _A_STEM_ENDINGS + (("i",) if stem.endswith(_A_STEM_I) else ())
    known = forms()
    return word if any(stem + e in known for e in endings) else base


def _a_cut(word: str, base: str) -> bool:
    """Whether ``base`` is an unknown ``word`` with its final -a cut: only then may the document
    bring the -a back (``restored_a_ending``)."""
    return len(word) >= 4 and word[-1] in "aA" and base == word[:-1] and analyses(word)[0].tag == "ign"


@lru_cache(maxsize=100_000)
def _base_words_and_doubts(words: tuple[str, ...], type: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``base_form_words`` of a name, with the positions whose -a the document may bring back
    (``_a_cut``). Cached per name: the test is the same for every document, only the few doubtful
    words need the document's forms."""
    bases = _base_form_words(words, type)
    return bases, tuple(k for k, (w, b) in enumerate(zip(words, bases, strict=True)) if _a_cut(w, b))


def base_form(tokens: list[Token], type: str, forms: Callable[[], Collection[str]] | None = None) -> str:
    """Base form of the name spanned by ``tokens`` (a mention's tokens, gaps kept as one space):
    [Centralnej, Komisji, Wojskowej], "ORG" → "Centralna Komisja Wojskowa". With ``forms`` (the
    document's words in lower case, see ``restored_a_ending``) a guessed genitive may be undone."""
    words = tuple([t.text for t in tokens])
    bases, doubts = _base_words_and_doubts(words, type)
    if doubts and forms is not None:
        restored = list(bases)
        for k in doubts:
            restored[k] = restored_a_ending(words[k], bases[k], forms)
        bases = tuple(restored)
    if len(bases) == 1:  # most names are one word: no gaps to look at
        return bases[0]
    parts: list[str] = []
    for k, (t, w) in enumerate(zip(tokens, bases, strict=True)):
        if k and t.start > tokens[k - 1].end:
            parts.append(" ")
        parts.append(w)
    return "".join(parts)


def base_form_text(text: str, type: str) -> str:
    """Same as ``base_form`` for a bare string: "Kim Dzong Una" → "Kim Dzong Un"."""
    from kronika.language.segment import tokenize

    return base_form(tokenize(text), type)
