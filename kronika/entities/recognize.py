"""Entity mentions: a CRF tagger over our tokens, with a capitalisation/Morfeusz rule fallback.

"Szojgu spotkał się w Pjongjangu z Kim Dzong Unem" → PER "Szojgu", LOC "Pjongjangu" (base
"Pjongjang"), PER "Kim Dzong Unem" (base "Kim Dzong Un"). The model file ships in
``kronika/models`` (trained by ``kronika train-ner``); without it the rules still find names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from itertools import compress, count
from operator import gt, itemgetter

import numpy as np

from kronika.entities.corrections import (
    MAX_NAME_TOKENS,
    _common_noun,
    _first_name,
    acronym_then_person,
    acronym_types,
    body_then_person,
    context_types,
    coverage,
    demonyms,
    eponymous_bodies,
    headed_names,
    legal_forms,
    lowercase_ministries,
    marks,
    national_parliaments,
    nationality_nouns,
    nationality_prefixes,
    web_names,
)
from kronika.entities.crf import CrfModel
from kronika.entities.features import (
    DocumentWords,
    WordScores,
    document_hints,
    initial_flags,
    sequence_scores,
)
from kronika.entities.gazetteer import matches as gazetteer_matches
from kronika.entities.gazetteer import word_keys
from kronika.entities.kb import load_kb
from kronika.entities.keys import name_key as key_word
from kronika.entities.link import _word_match
from kronika.entities.train import sequences
from kronika.language.inflect import base_form
from kronika.language.morphology import analyses
from kronika.model import START, Document, Mention, Token, language_code, new_mention
from kronika.model_files import model_file

MODEL_FILE = "mentions-pl.crfsuite"
TAGGED_LANGUAGE = "pl"  # the tagger's and the base-form rules' language; others get KB names only
DECODE_BATCH = 256  # sentences per numpy Viterbi pass: ~5 MB of arrays at most
# Tokens of a document whose word ids are looked up all at once (``features.DocumentWords``); a longer
# one is scored a batch at a time, so that the table of word forms stays within its bound.
WHOLE_DOCUMENT_WORDS = 30_000
MAX_TOKEN_CHARS = 60  # a "word" longer than this is a run-on (text without spaces), never a name

# Morfeusz proper-name labels → mention types, for the rule fallback.
_LABEL_TYPES = {"nazwa_geograficzna": "LOC", "imię": "PER", "nazwisko": "PER", "nazwa_organizacji": "ORG",
                "nazwa_instytucji": "ORG", "nazwa_firmy": "ORG", "marka": "PRO", "tytuł": "PRO",
                "wydarzenie": "EVT"}
# Media descriptors before a title ("agencji Yonhap", "portalu Daily NK"), nominative and genitive: the
# recognizer drops them from knowledge-base matches, attribution reads the title after them.
MEDIA_DESCRIPTORS = frozenset(
    "agencja portal dziennik gazeta serwis stacja telewizja tygodnik miesięcznik radio magazyn agencji portalu "
    "dziennika gazety serwisu stacji telewizji tygodnika miesięcznika radia magazynu".split())
_TRIM = set(",.;:!?\"'„”«»()[]-–—")


@lru_cache(maxsize=1)
def load_tagger():  # noqa: ANN201 - pycrfsuite has no type stubs
    """The packaged CRF tagger, opened once per process; None when the model file is absent."""
    import pycrfsuite

    ref = model_file(MODEL_FILE)
    if ref is None:
        return None
    tagger = pycrfsuite.Tagger()
    with resources.as_file(ref) as path:
        tagger.open(str(path))
    return tagger


@lru_cache(maxsize=1)
def load_model() -> CrfModel | None:
    """The packaged CRF's weights for numpy decoding (``kronika.entities.crf``); None without a model."""
    tagger = load_tagger()
    if tagger is None:
        return None
    attributes = {a: int(i) for a, i in tagger.info().attributes.items()}
    with resources.as_file(model_file(MODEL_FILE)) as path:
        return CrfModel.from_file(path, attributes, tagger.labels())


@lru_cache(maxsize=1)
def word_scores() -> WordScores | None:
    """One per process, so that a word form's weights are summed once however many stages are built."""
    model = load_model()
    return None if model is None else WordScores(model)


def decode_bio(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """(first, end, type) token ranges: ["B-PER", "I-PER", "O", "I-LOC"] → (0, 2, PER), (3, 4, LOC).
    A stray I- tag starts a mention: dropping it would lose the name entirely."""
    start, typ, last = -1, "", -2
    # Only the tagged positions are visited (most tokens are O); a gap ends the open mention.
    for i in [i for i, t in enumerate(tags) if t != "O"]:
        t = tags[i]
        if start >= 0 and i == last + 1 and t.startswith("I-") and t[2:] == typ:
            last = i
            continue
        if start >= 0:
            yield start, last + 1, typ
        start, typ, last = i, t[2:], i
    if start >= 0:
        yield start, last + 1, typ


def strip_descriptor(tokens: list[Token], a: int, b: int, typ: str) -> tuple[int, int, str]:
    """Drop lower-case nouns before the capitalised name: BSNLP marks "Reutera", not "agencji
    Reutera" (adjectives and abbreviations such as "św." stay: "św. Jerzy")."""
    k = a
    # Only common nouns are descriptors; an adjective belongs to the name ("pakistańskiego Senatu").
    while k < b - 1 and tokens[k].text[:1].islower() and (tokens[k].tag or "").startswith(("subst", "depr")):
        k += 1
    if k > a and tokens[k].text[:1].isupper():
        return k, b, typ
    return a, b, typ


def may_hold_name(tokens: list[Token]) -> bool:
    """False for a sentence whose only capital is a common word at its start ("Wczoraj
    padał deszcz."): the tagger would tag it all O, and skipping it saves a third of the work."""
    if not tokens:
        return False
    first = tokens[0]
    if first.text[:1].isupper() and (first.proper or first.tag == "ign" or first.text.isupper()):
        return True
    # isalpha() first: a word of letters holds no digit, and most words are letters only. A plain
    # loop: a generator inside any() costs a frame switch per token.
    for t in tokens[1:]:
        w = t.text
        if w[:1].isupper() or (not w.isalpha() and any(c.isdigit() for c in w)):
            return True
    return False


def rule_tags(doc: Document) -> list[str]:
    """Fallback tags: a run of capitalised words not at a sentence start (or carrying a
    Morfeusz proper-name label) is a name; its type comes from the label of its last word."""
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    tags = ["O"] * len(doc.tokens)
    i = 0
    while i < len(doc.tokens):
        tok = doc.tokens[i]
        if _name_like(tok, flags[i]):
            j = i + 1
            while j < len(doc.tokens) and _name_like(doc.tokens[j], False) and \
                    doc.tokens[j].start - doc.tokens[j - 1].end <= 1:
                j += 1
            typ = _LABEL_TYPES.get(doc.tokens[j - 1].proper or "", "ORG" if tok.text.isupper() else "PER")
            tags[i:j] = ["B-" + typ] + ["I-" + typ] * (j - i - 1)
            i = j
        else:
            i += 1
    return tags


_JOINERS = frozenset({"i", "oraz", "a", "lub", "albo", ",", "/"})  # what runs two names together
# Prepositions between two KB names a tagged span swept together ("Unii Europejskiej przez Wielką
# Brytanię", "Wielkiej Brytanii w UE"): not part of either name.
_BETWEEN = _JOINERS | frozenset({"w", "we", "z", "ze", "przez", "do", "na", "od", "dla", "wobec", "po", "o", "przy",
                                 "między", "pomiędzy", "przeciw", "przeciwko", "u", "ku", "za", "nad", "pod"})


def merge(tagged: list[tuple[int, int, str]], known: list[tuple[int, int, str]],
          tokens: list[Token] | None = None) -> list[tuple[int, int, str]]:
    """Tagger spans corrected by knowledge-base matches: a KB name wins over a tagged span it
    overlaps ("Dzong Unem" → "Kim Dzong Unem"; "Yonhap Korea Północna" → two names), unless the
    tagged span is a longer name around it that the KB names do not cover
    ("Centralny Komitet Partii Pracy Korei" keeps its full span), but not two KB names joined by a
    conjunction or a preposition ("Rada Europy i Czerwony Krzyż", "Wielkiej Brytanii w UE"; with
    ``tokens`` given)."""
    if not known:
        return tagged
    covered: set[int] = set()
    for a, b, _t in known:
        covered.update(range(a, b))
    out: list[tuple[int, int, str]] = []
    used_known: set[tuple[int, int, str]] = set()
    overlapping = _overlap_finder(known)
    end_of = {a: b for a, b, _t in known}
    for c in tagged:
        if end_of.get(c[0]) == c[1]:
            # The usual case: a KB name spans exactly the tagged one. Whatever else overlaps it, the
            # tagged span is not kept: no token of it is outside the KB names.
            continue
        inner = overlapping(c)
        if not inner:
            out.append(c)
        elif _around(c, inner) and _holds_more(c, covered, tokens, _BETWEEN if len(inner) > 1 else _JOINERS):
            person = _person_after(tokens, c, inner)
            if person is not None:  # "Z Brukseli Grzegorz Paluch": a place, then the author
                out.append(person)
                continue
            out.append(c)
            used_known.update(inner)
    taken: set[int] = set()
    for a, b, _t in out:
        taken.update(range(a, b))
    out.extend(g for g in known if g not in used_known and taken.isdisjoint(range(g[0], g[1])))
    return sorted(out)


def _around(c: tuple[int, int, str], inner: list[tuple[int, int, str]]) -> bool:
    """Whether span ``c`` holds all of the ``inner`` spans."""
    if len(inner) == 1:  # the usual case, without a generator
        return c[0] <= inner[0][0] and inner[0][1] <= c[1]
    return all(c[0] <= g[0] and g[1] <= c[1] for g in inner)


def _holds_more(c: tuple[int, int, str], covered: set[int], tokens: list[Token] | None,
                joiners: frozenset[str]) -> bool:
    """Whether span ``c`` has a token outside the ``covered`` positions that is no joiner (with
    ``tokens`` given; without them any token outside counts)."""
    rest = set(range(c[0], c[1])).difference(covered)
    if not rest or tokens is None:
        return bool(rest)
    return any(tokens[k].text not in joiners for k in rest)


def _person_after(tokens: list[Token] | None, c: tuple[int, int, str],
                  inner: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The person's name a tagged span runs on into after a KB name at its start: "Brukseli Grzegorz
    Paluch", "Airbusa Tom Williams" (a first name Morfeusz knows, then at least a surname). The KB
    name then stands alone; a body the KB does not list is ``corrections.body_then_person``'s."""
    if tokens is None or len(inner) != 1 or inner[0][0] != c[0] or inner[0][2] == "PER":
        return None
    k = inner[0][1]
    if c[1] - k < 2 or not tokens[k].text[:1].isupper() or not _first_name(tokens[k].text):
        return None
    return (k, c[1], "PER")


def _overlap_finder(known: list[tuple[int, int, str]]) -> Callable[[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """A function giving the ``known`` spans that overlap a span. Gazetteer matches never overlap
    each other, so two binary searches find them (a document of thousands of names stays linear);
    other input gets the plain scan."""
    ordered = sorted(known)
    starts = [g[0] for g in ordered]
    ends = [g[1] for g in ordered]
    if any(map(gt, ends, starts[1:])):  # a span runs into the next one
        return lambda c: [g for g in known if g[0] < c[1] and c[0] < g[1]]
    return lambda c: ordered[bisect_right(ends, c[0]) : bisect_left(starts, c[1])]


def consistent(tokens: list[Token], spans: list[tuple[int, int, str]], text: str | None = None,
               initial: list[bool] | None = None, words: list[str] | None = None,
               capitals: list[int] | None = None) -> list[tuple[int, int, str]]:
    """One document, one reading of a name: every occurrence of a tagged word sequence gets the
    type most of its occurrences got, or the type of a longer name containing it ("Bibi" is PER
    where "Asia Bibi" is), and capitalised occurrences the
    tagger missed are added (news repeats names in contexts the tagger finds harder). ``words``:
    the tokens' texts, ``capitals``: the positions of the words with a capital first letter, in
    order, if already known (both kinds of repeat start with one: only they are then looked at)."""
    if not spans:
        return spans
    if words is None:
        words = [t.text for t in tokens]
    keys = [tuple(words[a:b]) for a, b, _t in spans]
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for key, (_a, _b, typ) in zip(keys, spans, strict=True):
        counts = votes.setdefault(key, {})
        counts[typ] = counts.get(typ, 0) + 1
    # The most frequent type, the first seen on a tie (as Counter.most_common(1) picks).
    best = {k: next(iter(c)) if len(c) == 1 else max(c.items(), key=itemgetter(1))[0] for k, c in votes.items()}
    # A short form takes the type of the longer person name it is part of: "Bibi" after "Asia Bibi".
    # Only person names: "Pakistanu" inside "Sądu Najwyższego Pakistanu" stays a place.
    people = [full for full, t in best.items() if t == "PER" and len(full) > 1]
    # Every shorter run of words inside a person name, at most MAX_NAME_TOKENS² of them per name;
    # the rare longer "name" (a shouted headline) is scanned instead.
    inside = {full[i:j] for full in people if len(full) <= MAX_NAME_TOKENS
              for i in range(len(full)) for j in range(i + 1, len(full) + 1) if j - i < len(full)}
    long_people = [full for full in people if len(full) > MAX_NAME_TOKENS]
    for k in best:
        if k in inside or long_people and any(len(full) > len(k) and _holds(full, k) for full in long_people):
            # Not a place the knowledge base knows, tagged so on its own: "Polska" after a company
            # the tagger made a person ("Adecco Polska").
            if not (best[k] == "LOC" and len(k) == 1 and _kb_place(k[0])):
                best[k] = "PER"
    # An inflected first name alone is that person too, not the place the gazetteer knows:
    # "Asię" after "Asia Bibi" (first names only: "Pakistan" after a slip "Allah Pakistan" stays).
    firsts = {key_word(k[0]) for k, t in best.items() if t == "PER" and len(k) > 1 and k[0][:1].isupper()}
    for k, t in best.items():
        if len(k) == 1 and t != "PER" and k[0][:1].isupper() and not k[0].isupper() and firsts:
            # Morfeusz must know the word as a first name of that stem ("Francja" is no "Frans").
            if any(_word_match(n, f) for n in _first_name_keys(k[0]) for f in firsts):
                best[k] = "PER"
    covered = coverage(len(tokens), spans)
    out = [(a, b, best[k]) for k, (a, b, _t) in zip(keys, spans, strict=True)]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for k in sorted(best, key=len, reverse=True):
        if k[0][:1].isupper() and len(k[0]) > 1:
            by_first.setdefault(k[0], []).append(k)
    n = len(words)
    # Left to right over the words that start a tagged name; a match covers the words it spans.
    starting = range(n) if capitals is None else capitals
    for i in [i for i in starting if words[i] in by_first]:
        if covered[i]:
            continue
        for k in by_first[words[i]]:
            j = i + len(k)
            if j <= n and not any(covered[i:j]) and tuple(words[i:j]) == k \
                    and (j == n or not words[j][:1].isupper()):
                out.append((i, j, best[k]))
                covered[i:j] = [True] * (j - i)
                break
    out.extend(parts_alone(tokens, words, covered, best, text, initial, capitals))
    return sorted(out)


@lru_cache(maxsize=10_000)
def _kb_place(word: str) -> bool:
    """Whether a word is a form of a place the knowledge base lists ("Polska", "Polski")."""
    kb = load_kb()
    return any(kb.lookup(r.lemma, "LOC") is not None for r in analyses(word))


@lru_cache(maxsize=50_000)
def _first_name_keys(word: str) -> frozenset[str]:
    """The keys of the first names Morfeusz reads ``word`` as ("Asię" → {"asia"})."""
    return frozenset(key_word(r.lemma) for r in analyses(word) if r.proper == "imię")


def parts_alone(tokens: list[Token], words: list[str], covered: list[bool], best: dict[tuple[str, ...], str],
                text: str | None = None, initial: list[bool] | None = None,
                capitals: list[int] | None = None) -> list[tuple[int, int, str]]:
    """The short form of a tagged full name, standing alone and in any case, is that name: a
    person's surname ("May", "Johnsona" after "Theresa May", "Boris Johnson") and an institution's
    head noun written capitalised ("Komisji", "Parlamentu" after "Komisja Europejska", "Parlament
    Europejski"; not at a sentence start: "Sąd uznał"). News names it in full once, then by the
    short form. Only a capitalised word outside every tagged name and not followed by another
    capitalised word ("May Day" is not her). ``initial``: the document's ``initial_flags`` (without
    them, only a document's first word counts as a sentence start); ``capitals``: see ``consistent``."""
    parts: dict[str, list[tuple[str, str]]] = {}
    starts: set[str] = set()  # the short forms' first three letters as written: a cheap first test
    for k, t in best.items():
        if len(k) < 2 or not all(w[:1].isupper() for w in k):
            continue
        if t == "PER":
            word = k[-1]
        elif t == "ORG" and not k[0].isupper() and _common_noun(k[0]):
            word = k[0]
        else:
            continue
        if len(word) > 2 and not word.isupper() and "-" not in word:
            bucket = parts.setdefault(key_word(word)[:3], [])
            if len(bucket) < _MAX_PARTS:  # a list of thousands of "Kow…" names stays linear
                bucket.append((key_word(word), t))
            starts.add(word[:3])
    if not parts:
        return []
    out = []
    n = len(words)
    for i in _starting_with(tokens, words, starts, text, capitals):
        w = words[i]
        if covered[i] or w.isupper() or len(w) < 3:
            continue
        if i + 1 < n and words[i + 1][:1].isupper():
            continue
        lw = key_word(w)
        typ = next((t for p, t in parts.get(lw[:3], ()) if _word_match(lw, p)), None)
        if typ == "ORG" and (i == 0 or (initial is not None and initial[i])):
            continue  # capitalised as the sentence's first word, not as a name
        if typ:
            out.append((i, i + 1, typ))
    return out


_MAX_PARTS = 32  # short forms compared per three-letter start
_MAX_SCANS = 24  # text scans by str.find before a single pass over the words is cheaper


def _starting_with(tokens: list[Token], words: list[str], starts: set[str], text: str | None,
                   capitals: list[int] | None = None) -> list[int]:
    """Positions of the words that begin with one of ``starts`` (three letters each, the first a
    capital). From the ``capitals`` if given (a sixth of the words); else, with the document's
    ``text``, found by ``str.find`` and a binary search over the tokens: a handful of C scans
    instead of a Python loop over every token."""
    if capitals is not None:
        return [i for i in capitals if words[i][:3] in starts]
    if text is None or len(starts) > _MAX_SCANS:  # many starts: one pass over the words costs less
        return [i for i, w in enumerate(words) if w[:3] in starts]
    found: set[int] = set()
    for start in starts:
        at = text.find(start)
        while at >= 0:
            i = bisect_left(tokens, at, key=START)
            if i < len(tokens) and tokens[i].start == at and words[i][:3] == start:
                found.add(i)
            at = text.find(start, at + 1)
    return sorted(found)



def _holds(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``full``."""
    return any(full[i : i + len(part)] == part for i in range(len(full) - len(part) + 1))


def tagged_language(lang: str | None) -> bool:
    """Whether the tagger reads this language ("pl", "PL", "pl-PL", or no language given)."""
    return language_code(lang) == TAGGED_LANGUAGE


@lru_cache(maxsize=1)
def common_acronyms() -> frozenset[str]:
    """Acronyms of common nouns ("PKB", "VAT", "USD", "CEO"): data/pl/common_acronyms.txt."""
    text = resources.files("kronika").joinpath("data/pl/common_acronyms.txt").read_text("utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


# Words that start a sentence and so get a capital, swept into the name after them ("Ale Barnier").
_LEADING_WORDS = frozenset(
    "Ale A I Oraz Jednak Także Również Dlatego Bo Czy Gdy Jak Jeśli Jeżeli Kiedy Że Według Natomiast "
    "Tymczasem Nawet Już Choć Chociaż Gdyby Tylko Zaś Lecz Więc Zatem Ponadto Potem Wtedy Teraz Dziś "
    "Wczoraj Jutro Dzisiaj".split())


def trim(tokens: list[Token], a: int, b: int) -> tuple[int, int]:
    """The token range without the quotes and dashes a match swept in, nor a common noun's acronym
    ("Ceny LPG", "CHF"), nor a sentence's first function word ("Ale Barnier"): they are not part
    of the name (a final period stays: "Jr.", "S.A.")."""
    acronyms = common_acronyms()
    while a < b and (tokens[a].text in _TRIM or tokens[a].text in acronyms or
                     (tokens[a].text in _LEADING_WORDS and b - a >= 2 and tokens[a + 1].text[:1].isupper())):
        a += 1
    while b > a and (tokens[b - 1].text in _TRIM and not tokens[b - 1].text == "." or tokens[b - 1].text in acronyms):
        b -= 1
    return a, b


def _name_like(tok: Token, initial: bool) -> bool:
    if not tok.text[:1].isupper() or len(tok.text) > MAX_TOKEN_CHARS:
        return False
    return not initial or tok.proper in _LABEL_TYPES


class MentionRecognizer:
    """Finds PER, ORG, LOC, EVT and PRO mentions with their nominative base forms."""

    name = "mentions"
    version = "1"
    requires: tuple[str, ...] = ("sentences", "tokens", "morphology")
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, settings: object | None = None) -> None:
        self.model = load_model()  # None without the model file: the rules tag instead
        self.scores = word_scores()
        gazetteer_matches([])  # load the knowledge base now, not inside the first document
        marks([])  # and the generated forms of the head nouns

    def tags(self, doc: Document, flags: list[bool] | None = None, words: list[str] | None = None,
             document: DocumentWords | None = None) -> list[str]:
        """One BIO tag per token of ``doc``; ``flags``: its ``initial_flags``, ``words``: its tokens'
        texts, ``document``: its ``document_words``, if already computed."""
        if self.model is None:
            return rule_tags(doc)
        tokens = doc.tokens
        tags = ["O"] * len(tokens)
        if flags is None:
            flags = initial_flags(tokens, {s.start for s in doc.sentences})
        if words is None:
            words = [t.text for t in tokens]
        if document is None:
            document = self.document_words(words, flags)
        if document is not None:
            hints = document.hints()
            score = document.sequence_scores
        else:  # word ids per batch: the table of word forms stays bounded
            hints = document_hints(tokens, flags)

            def score(batch: list[tuple[int, int]], hints: tuple[set[str], set[str]]) -> np.ndarray:
                return sequence_scores(tokens, batch, flags, hints, self.scores)
        spans = [(a, b) for a, b in sequences(doc) if may_hold_name(tokens[a:b])]
        # Sentences are decoded together, DECODE_BATCH at a time: memory stays bounded on huge documents.
        for k in range(0, len(spans), DECODE_BATCH):
            batch = spans[k : k + DECODE_BATCH]
            labels = self.model.decode(score(batch, hints), [b - a for a, b in batch])
            at = 0
            for a, b in batch:
                tags[a:b] = labels[at : at + b - a]
                at += b - a
        return tags

    def document_words(self, words: list[str], flags: list[bool]) -> DocumentWords | None:
        """The word ids of a document of ``words`` in the tagger's table, for its hints, all its
        batches and its capitalised words (the usual case); None without a model or for a document of
        more than WHOLE_DOCUMENT_WORDS tokens, which is scored a batch at a time."""
        if self.scores is None or len(words) > WHOLE_DOCUMENT_WORDS:
            return None
        return DocumentWords(words, flags, self.scores)

    def find(self, doc: Document) -> Iterator[Mention]:
        if not tagged_language(doc.lang):
            yield from self.find_known(doc)
            return
        tokens = doc.tokens
        words = [t.text for t in tokens]  # once, for every pass over the document's words
        flags = initial_flags(tokens, {s.start for s in doc.sentences})  # for the tagger and the short forms
        document = self.document_words(words, flags)
        tagged = [strip_descriptor(tokens, a, b, typ)
                  for a, b, typ in decode_bio(self.tags(doc, flags, words, document))]
        # The capitalised words, where a repeat or the short form of a tagged name can start.
        capitals = None if document is None else np.flatnonzero(document.capital).tolist()
        # A knowledge-base alias may start with a media descriptor ("agencja Reutera"); BSNLP
        # mostly marks only "Reutera". Other lower-case heads belong to the name ("izby Lordów").
        keys = word_keys(tokens)
        known = [strip_descriptor(tokens, a, b, typ) if tokens[a].lemma in MEDIA_DESCRIPTORS else (a, b, typ)
                 for a, b, typ in gazetteer_matches(tokens, keys)]
        nationals = list(compress(count(), map(itemgetter(5), keys)))
        marked = marks(tokens)
        forms: set[str] = set()

        def document_forms() -> set[str]:  # built once, for the first guessed genitive in -a
            if not forms:
                forms.update(map(str.lower, words))
            return forms
        # The corrections after the tagger, in order (kronika/entities/corrections.py).
        text = doc.text
        spans = web_names(tokens, merge(tagged, known, tokens), text)
        spans = body_then_person(tokens, acronym_then_person(tokens, spans))
        spans = lowercase_ministries(tokens, national_parliaments(tokens, spans, text), text)
        spans = eponymous_bodies(tokens, headed_names(tokens, spans, marked), marked)
        spans = acronym_types(tokens, spans, marked)
        spans = demonyms(tokens, nationality_nouns(tokens, nationality_prefixes(tokens, legal_forms(tokens, spans)),
                                                   nationals))
        for a, b, typ in context_types(tokens, consistent(tokens, spans, text, flags, words, capitals)):
            a, b = trim(tokens, a, b)
            if a >= b or b - a > MAX_NAME_TOKENS:
                continue
            start, end = tokens[a].start, tokens[b - 1].end
            # A run-on word is no name. Only a span longer than one can hold one (its tokens lie inside
            # it): most mentions skip the test.
            if end - start > MAX_TOKEN_CHARS and any(len(w) > MAX_TOKEN_CHARS for w in words[a:b]):
                continue
            yield new_mention(start, end, text[start:end], typ, base_form(tokens[a:b], typ, document_forms))

    def find_known(self, doc: Document) -> Iterator[Mention]:
        """Mentions of a document in another language: only the names the knowledge base lists
        (it has English, Russian, Ukrainian and Korean aliases), each kept as written. Why: the
        tagger and the base-form rules are Polish; on English text they made "Tuesday" and "North
        Korean" people and "Rustem" the Polish-looking "Rust"."""
        tokens = doc.tokens
        for a, b, typ in gazetteer_matches(tokens):
            a, b = trim(tokens, a, b)
            if a >= b:
                continue
            start, end = tokens[a].start, tokens[b - 1].end
            text = doc.text[start:end]
            yield Mention(start, end, text, typ, text)

    def __call__(self, doc: Document) -> Document:
        doc.mentions = list(self.find(doc))
        return doc
