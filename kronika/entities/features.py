"""Token features for the mention tagger: shape, affixes, Morfeusz readings, neighbours.

Features of one word form are computed once per process (``word_features`` is cached): news
repeats its names, and the tagger must stay within a few times the cost of morphology.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kronika.language.morphology import analyses
from kronika.model import Token

_CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
_OPEN_QUOTES = {"„", '"', "«", "-", "–", "—", ":", "(", "'"}


def shape(word: str) -> str:
    """Collapsed character classes: "Dzong-Una" → "Xx-Xx", "KN-23" → "X-d", "ONZ" → "X"."""
    s = re.sub(r"[A-ZĄĆĘŁŃÓŚŹŻ\u0400-\u042F]+", "X", word)
    s = re.sub(r"[a-ząćęłńóśźż\u0430-\u044F]+", "x", s)
    s = re.sub(r"\d+", "d", s)
    return s[:8]


def script(word: str) -> str:
    """'lat', 'cyr', 'mix' or 'other': mixed Latin/Cyrillic words are noise, not names."""
    lat = bool(re.search(r"[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]", word))
    cyr = bool(re.search(r"[\u0400-\u04FF]", word))
    return "mix" if lat and cyr else "lat" if lat else "cyr" if cyr else "other"


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[str, ...]:
    """Context-free features of one word form: "Korei" → lower, suffixes, POS/case/proper labels."""
    if len(word) > 40:  # run-ons ("textwithoutspaces…") carry nothing a tagger can use
        word = word[:40]
    low = word.lower()
    f = [
        "w=" + low,
        "sh=" + shape(word),
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
        "sc=" + script(word),
    ]
    if word[:1].isupper():
        f.append("cap")
    if word.isupper() and len(word) > 1:
        f.append("allcap")
    if len(word) == 1:
        f.append("len1")
    readings = analyses(word)
    pos_set: set[str] = set()
    labels: set[str] = set()
    cases: set[str] = set()
    for r in readings[:8]:
        parts = r.tag.split(":")
        pos_set.add(parts[0])
        if r.proper:
            labels.add(r.proper)
        if r.lemma[:1].isupper():
            labels.add("caplemma")
        for p in parts[1:3]:
            for c in p.split("."):
                if c in _CASES:
                    cases.add(c)
    first = readings[0]
    f.append("pos0=" + first.tag.split(":")[0])
    f.append("l0=" + first.lemma.lower()[:20])
    f.extend("pos=" + p for p in sorted(pos_set))
    f.extend("lab=" + x for x in sorted(labels))
    f.extend("case=" + c for c in sorted(cases))
    if word[:1].isupper() and not labels and "ign" not in pos_set:
        f.append("cap_common")  # "Ambasada" at a title start, or a common word in a name
    return tuple(f)


# Neighbour features use only the cheap, informative subset of a word's features: every
# feature string costs a lookup inside crfsuite, and tagging time is most of this stage's cost.
_NEAR_PREFIXES = ("w=", "sh=", "pos0=", "lab=", "s3=", "l0=")
_FAR_PREFIXES = ("w=", "sh=", "pos0=")


@lru_cache(maxsize=200_000)
def _neighbour_features(word: str) -> dict[int, tuple[str, ...]]:
    """The word's features as seen from each neighbour offset, formatted once per word form."""
    own = word_features(word)
    near = [x for x in own if x.startswith(_NEAR_PREFIXES) or x == "cap"]
    far = [x for x in own if x.startswith(_FAR_PREFIXES)]
    return {-2: tuple("-2:" + x for x in far), -1: tuple("-1:" + x for x in near),
            1: tuple("1:" + x for x in near), 2: tuple("2:" + x for x in far)}


def document_hints(tokens: list[Token], initial: list[bool]) -> tuple[set[str], set[str]]:
    """Lower-cased words seen capitalised away from a sentence start, and words seen in lower
    case, anywhere in the document: a sentence-initial "Szojgu" is a name because the article
    writes "Szojgu" mid-sentence too; a headline's "Wojna" is not, because it writes "wojna"."""
    cap_mid: set[str] = set()
    lower: set[str] = set()
    for t, init in zip(tokens, initial, strict=True):
        w = t.text
        if w[:1].isupper() and not init:
            cap_mid.add(w.lower())
        elif w[:1].islower():
            lower.add(w)
    return cap_mid, lower


@lru_cache(maxsize=4)
def _vocab_by_offset(vocab: frozenset[str]) -> dict[int, frozenset[str]]:
    """For each neighbour offset, the bare features the model knows there ("w=pjongjang" for
    "-1:w=pjongjang"), so unknown neighbour strings are never even built."""
    out: dict[int, set[str]] = {-2: set(), -1: set(), 1: set(), 2: set()}
    for attr in vocab:
        head, sep, rest = attr.partition(":")
        if sep and head in ("-2", "-1", "1", "2"):
            out[int(head)].add(rest)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=200_000)
def _kept(word: str, vocab: frozenset[str]) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """The word's own and neighbour features that the model has weights for: a trained CRF
    knows ~12k attributes, and passing it the others only costs lookups."""
    own = word_features(word)
    by_off = _vocab_by_offset(vocab)
    return (tuple(x for x in own if x in vocab),
            {off: tuple(f"{off}:{x}" for x in own if x in known) for off, known in by_off.items()})


def sentence_features(tokens: list[Token], initial: list[bool],
                      hints: tuple[set[str], set[str]] | None = None,
                      vocab: frozenset[str] | None = None) -> list[list[str]]:
    """Features per token of one sentence; ``initial`` marks sentence-/quote-initial tokens;
    ``hints`` come from ``document_hints`` over the whole document; ``vocab`` (when tagging)
    keeps only the attributes the model knows."""
    n = len(tokens)
    words = [t.text for t in tokens]
    if vocab is not None:
        kept = [_kept(w, vocab) for w in words]
        own = [k[0] for k in kept]
        near = [k[1] for k in kept]
    else:
        own = [word_features(w) for w in words]
        near = [_neighbour_features(w) for w in words]
    lows = [w.lower()[:20] for w in words]
    out: list[list[str]] = []
    for i in range(n):
        f = list(own[i])
        f.append("bias")
        if initial[i]:
            f.append("init")
        if hints is not None and words[i][:1].isupper():
            low = words[i].lower()
            if low in hints[0]:
                f.append("doc_cap_mid")
            if low in hints[1]:
                f.append("doc_lower")
        f.extend(near[i - 2][-2] if i >= 2 else ("-2:pad",))
        f.extend(near[i - 1][-1] if i >= 1 else ("-1:pad",))
        f.extend(near[i + 1][1] if i + 1 < n else ("1:pad",))
        f.extend(near[i + 2][2] if i + 2 < n else ("2:pad",))
        if i > 0:
            f.append("bi-1=" + lows[i - 1] + "|" + lows[i])
        out.append(f)
    return out


def initial_flags(tokens: list[Token], sentence_starts: set[int]) -> list[bool]:
    """True where capitalisation says nothing: sentence start or just after an opening quote."""
    flags: list[bool] = []
    prev = ""
    for t in tokens:
        flags.append(t.start in sentence_starts or prev in _OPEN_QUOTES)
        prev = t.text
    return flags
