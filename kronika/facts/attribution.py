"""Who says so: "według Daily NK", "podała agencja Yonhap", "ukraiński wywiad informuje".

Cues come from data/pl/attribution_cues.tsv. A "before" cue is followed by its source; a reporting
verb has its source either after it (inverted, after a comma or dash: "…, podała agencja Yonhap")
or right before it, when a clause follows ("Szojgu oświadczył, że…").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources

from kronika.entities.recognize import MEDIA_DESCRIPTORS
from kronika.language.morphology import analyses
from kronika.language.segment import SentenceItems, sentences_holding, token_range
from kronika.model import Attribution, Document, Mention, Sentence, Token

# Descriptors between a cue and the named source: "według agencji Yonhap", "jak podaje portal Daily NK".
DESCRIPTORS = frozenset(
    "agencja portal dziennik gazeta serwis stacja telewizja tygodnik radio magazyn ministerstwo resort "
    "wywiad rzecznik minister prezydent szef doradca źródło ekspert analityk media agencji portalu "
    "dziennika gazety serwisu stacji telewizji tygodnika radia magazynu ministerstwa resortu wywiadu "
    "rzecznika ministra prezydenta szefa doradcy źródeł ekspertów analityków mediów".split())
# Plural descriptors name a group, never one titled source: in "według rosyjskich mediów Szojgu
# przybył" the name starts the reported clause.
PLURAL_DESCRIPTORS = frozenset("media mediów źródła źródeł eksperci ekspertów analitycy analityków".split())
# Titles of a person: a person's name after one is the source in apposition ("doradca Jake Sullivan");
# any other name is the title's genitive complement ("rzecznik Kremla").
PERSON_TITLES = frozenset("rzecznik minister prezydent szef doradca ekspert analityk rzecznika ministra "
                          "prezydenta szefa doradcy eksperta analityka".split())
_PREPOSITIONS = frozenset("w we na do z ze od dla przez pod przed po o przy u nad za ku".split())
_INVERSION_MARKS = frozenset({",", "–", "-", "—", "”", '"', "»"})
_CLAUSE_MARKS = frozenset({"że", ":", ","})


@lru_cache(maxsize=1)
def load_cues() -> dict[tuple[str, ...], str]:
    text = resources.files("kronika").joinpath("data/pl/attribution_cues.tsv").read_text("utf-8")
    cues: dict[tuple[str, ...], str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, kind = line.split("\t")
        cues[tuple(cue.split())] = kind
    return cues


@lru_cache(maxsize=1)
def cue_first_words() -> frozenset[str]:
    """The words a cue can start with: every other token is passed over with one set lookup."""
    return frozenset(key[0] for key in load_cues())


def cue_word_indices(tokens: Sequence[Token]) -> list[int]:
    """Indices (ascending) of the tokens that can start a cue (``cue_first_words``)."""
    firsts = cue_first_words()
    return [i for i, t in enumerate(tokens) if t.text.lower() in firsts]


def _source_name(m: Mention) -> str:
    """An acronym keeps its letters ("KCNA", which the base-form guesser would cut to "KCN")."""
    return m.text if m.text.isupper() and len(m.text) > 1 else m.base


def _phrase_name(tokens: list[Token], start: int, end: int) -> str:
    """Base form of a source phrase: the words up to its head noun in base form, the genitive
    complement as written: "brytyjskiego resortu obrony" → "brytyjski resort obrony"."""
    words = [t for t in tokens if start <= t.start and t.end <= end]
    head = next((k for k, t in enumerate(words) if (t.tag or "").startswith("subst")), len(words) - 1)
    def base(t: Token) -> str:
        return t.text if t.text.isupper() and len(t.text) > 1 else (t.lemma or t.text)

    return " ".join([base(t) for t in words[: head + 1]] + [t.text for t in words[head + 1 :]])


def _mention_at(mentions: list[Mention], start: int) -> Mention | None:
    for m in mentions:
        if m.start == start:
            return m
    return None


def _has_case(token: Token, case: str) -> bool:
    """Whether any Morfeusz reading of the token has ``case``: the one reading the tagger kept
    is often the wrong one of several ("brytyjski" nom/acc)."""
    for r in analyses(token.text):
        parts = r.tag.split(":")
        if any(case in p.split(".") for p in parts[1:]):
            return True
    return False


def _phrase_after(tokens: list[Token], i: int, mentions: list[Mention],
                  case: str = "gen") -> tuple[int, int, str, str | None] | None:
    """Source starting at token i: optional descriptors, then a mention or a short noun phrase in
    ``case`` ("według ekspertów": genitive; "podała agencja": nominative).
    Returns (start, end, name, entity_id)."""
    j = i
    institution = False  # "wywiadu", "ministerstwa": a name after it must be its genitive complement
    title = False  # "rzecznika", "doradca": a person's name after it is the source itself
    while j < len(tokens) and j < i + 4:
        m = _mention_at(mentions, tokens[j].start)
        if m and j > i and tokens[j - 1].text.lower() in PLURAL_DESCRIPTORS:
            break  # "według rosyjskich mediów Szojgu przybył…"
        if m and institution and _has_case(tokens[j], "gen") and not (title and m.type == "PER"):
            # The institution is the source, the name its complement: "wywiad Korei Południowej".
            return tokens[i].start, m.end, _phrase_name(tokens, tokens[i].start, m.end), None
        if m and not (institution and not _has_case(tokens[j], "gen")):
            return tokens[i].start, m.end, _source_name(m), m.entity_id
        if m:
            break  # "według wywiadu Pjongjang wysłał…": the name starts the reported clause
        low = tokens[j].text.lower()
        if low in DESCRIPTORS or (tokens[j].tag or "").startswith("adj"):
            institution = institution or (low in DESCRIPTORS and low not in MEDIA_DESCRIPTORS)
            title = title or low in PERSON_TITLES
            j += 1
            continue
        break
    # No named source: a short noun phrase ("ekspertów", "ukraińskiego wywiadu").
    k = i
    while k < len(tokens) and k < i + 3:
        tok = tokens[k]
        pos = (tok.tag or "").split(":")[0]
        if k > i and tokens[k - 1].text.lower() in PLURAL_DESCRIPTORS and _mention_at(mentions, tok.start):
            break
        if tok.text.isupper() and len(tok.text) > 1:  # an acronym is a whole name: "według KCNA Kim…"
            k += 1
            break
        if pos in {"subst", "adj"} and _has_case(tok, case):
            k += 1
        elif pos == "ign" and tok.text[:1].isupper():  # an unknown name: "Bilda"
            k += 1
            break
        else:
            break
    if k == i or not any((t.tag or "").split(":")[0] in {"subst", "ign"} for t in tokens[i:k]):
        return None
    end = tokens[k - 1].end
    entity_id = None
    for m in mentions:  # a name inside the phrase completes it: "ministerstwa obrony Wielkiej Brytanii"
        if tokens[i].start <= m.start < end and m.end > end:
            end = max(end, m.end)
    name = _phrase_name(tokens, tokens[i].start, end)
    return tokens[i].start, end, name, entity_id


def _phrase_before(tokens: list[Token], i: int, mentions: list[Mention]) -> tuple[int, int, str, str | None] | None:
    """Source ending right before token i: "Szojgu oświadczył", "Ukraiński wywiad informuje"."""
    if i == 0:
        return None
    end_tok = tokens[i - 1]
    for m in mentions:
        if m.end == end_tok.end:
            return m.start, m.end, _source_name(m), m.entity_id
    k = i
    while k > 0 and k > i - 3 and (tokens[k - 1].tag or "").split(":")[0] in {"subst", "adj"}:
        if k >= 2 and tokens[k - 2].text.lower() in _PREPOSITIONS:
            break  # "Z kolei ukraiński wywiad informuje": "kolei" belongs to "z"
        k -= 1
    if k == i or not any((t.tag or "").startswith("subst") for t in tokens[k:i]):
        return None
    return tokens[k].start, end_tok.end, _phrase_name(tokens, tokens[k].start, end_tok.end), None


def find_attributions(doc: Document, sentence: Sentence, tokens: list[Token], mentions: list[Mention],
                      cue_starts: Iterable[int] | None = None) -> Iterator[Attribution]:
    """Attributions of one sentence, given its tokens and mentions; ``cue_starts`` are the indices
    (ascending) of its tokens that can start a cue (``cue_word_indices``), when the caller has them."""
    cues = load_cues()
    if cue_starts is None:
        cue_starts = cue_word_indices(tokens)
    after = 0  # the tokens before this one are read (a cue's words start no other cue)
    for i in cue_starts:
        if i < after:
            continue
        # Only the words around the cue are read: lower-cased here, not the whole sentence's.
        words = [t.text.lower() for t in tokens[i : i + 3]]
        hit = None
        for n in (3, 2, 1):
            key = tuple(words[:n])
            if len(key) == n and key in cues:
                hit = (n, cues[key])
                break
        if not hit:
            after = i + 1
            continue
        n, kind = hit
        source = None
        if kind == "before" or key[0] == "jak":
            source = _phrase_after(tokens, i + n, mentions, "gen" if kind == "before" else "nom")
            span_start = tokens[i].start
        else:
            inverted = i > 0 and tokens[i - 1].text.lower() in _INVERSION_MARKS
            if inverted:
                source = _phrase_after(tokens, i + n, mentions, "nom")
                span_start = tokens[i].start
            elif not _CLAUSE_MARKS.isdisjoint([t.text.lower() for t in tokens[i + n : i + n + 2]]):
                source = _phrase_before(tokens, i, mentions)
                span_start = source[0] if source else 0
        if source:
            s_start, s_end, name, entity_id = source
            start, end = min(span_start, s_start), max(s_end, tokens[i + n - 1].end)
            yield Attribution(start, end, doc.text[start:end], name, entity_id)
        after = i + n


class AttributionFinder:
    """Attribution cues per sentence: "według agencji Yonhap" → source "Yonhap" (org:yonhap)."""

    name = "attribution"
    version = "3"
    requires: tuple[str, ...] = ("sentences", "tokens", "morphology", "mentions")
    assigns: tuple[str, ...] = ("attributions",)

    def __init__(self, settings: object | None = None) -> None:
        load_cues()

    def __call__(self, doc: Document) -> Document:
        doc.attributions = list(self.find(doc))
        return doc

    def find(self, doc: Document) -> Iterator[Attribution]:
        tokens = doc.tokens
        # A sentence without a cue's first word has no attribution: only the others are read.
        cue_words = cue_word_indices(tokens)
        cue_sentences = sentences_holding(doc.sentences, tokens, cue_words)
        if not cue_sentences:
            return
        mentions_in = SentenceItems(doc.mentions)
        for k in cue_sentences:
            sentence = doc.sentences[k]
            i, j = token_range(tokens, sentence)
            cue_starts = [c - i for c in cue_words[bisect_left(cue_words, i) : bisect_left(cue_words, j)]]
            yield from find_attributions(doc, sentence, tokens[i:j], mentions_in(sentence), cue_starts)
