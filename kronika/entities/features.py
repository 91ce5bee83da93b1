"""Token features for the mention tagger: shape, affixes, Morfeusz readings, neighbours.

Features of one word form are computed once per process (``word_features`` is cached): news
repeats its names, and the tagger must stay within a few times the cost of morphology.
Training passes feature strings to crfsuite (``sentence_features``); tagging never builds them:
``WordScores`` sums the model's weights once per word form, and ``sequence_scores`` adds up, per
token, exactly what those strings would have scored.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, compress, count, repeat, starmap

import numpy as np

from kronika.entities.crf import CrfModel, compiled
from kronika.language.morphology import analyses
from kronika.model import Token

_CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
_OPEN_QUOTES = {"„", '"', "«", "-", "–", "—", ":", "(", "'"}


_UPPER_RUN = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ\u0400-\u042F]+")
_LOWER_RUN = re.compile(r"[a-ząćęłńóśźż\u0430-\u044F]+")
_DIGIT_RUN = re.compile(r"\d+")
_LATIN = re.compile(r"[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def shape(word: str) -> str:
    """Collapsed character classes: "Dzong-Una" → "Xx-Xx", "KN-23" → "X-d", "ONZ" → "X"."""
    s = _UPPER_RUN.sub("X", word)
    s = _LOWER_RUN.sub("x", s)
    s = _DIGIT_RUN.sub("d", s)
    return s[:8]


def script(word: str) -> str:
    """'lat', 'cyr', 'mix' or 'other': mixed Latin/Cyrillic words are noise, not names."""
    lat = _LATIN.search(word) is not None
    cyr = _CYRILLIC.search(word) is not None
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
    words = [t.text for t in tokens]
    cap_mid = {w.lower() for w, init in zip(words, initial, strict=True) if not init and w[:1].isupper()}
    # Only a capitalised word's lower-case form is ever looked up here, and it is in the set of all
    # words exactly when some word is written so: the same answers as the words in lower case, in C.
    lower = set(words)
    return cap_mid, lower


def sentence_features(tokens: list[Token], initial: list[bool],
                      hints: tuple[set[str], set[str]] | None = None) -> list[list[str]]:
    """Features per token of one sentence, as training sees them (tagging sums the same weights
    without building strings: ``sequence_scores``); ``initial`` marks sentence-/quote-initial
    tokens; ``hints`` come from ``document_hints`` over the whole document."""
    n = len(tokens)
    words = [t.text for t in tokens]
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
    # Two comprehensions, not one loop with appends: this runs over every token of every document.
    flags = [t.start in sentence_starts for t in tokens]
    for i in [i for i, t in enumerate(tokens) if t.text in _OPEN_QUOTES]:
        if i + 1 < len(flags):
            flags[i + 1] = True
    return flags


_OFFSETS = (-2, -1, 1, 2)
_MAX_WORDS = 100_000  # word forms kept in a WordScores table before it starts afresh (≤ 58 MB)
_ADD_SLICE = 512  # new word forms scored per numpy call (≤ ~5 MB of gathered weight blocks)


def _bigram_halves(pair: str) -> tuple[str, str]:
    """"korei|północnej" → ("korei", "północnej"); a "|" token is a half of its own: "||x" → ("|", "x")."""
    if pair.startswith("||"):
        return "|", pair[2:]
    prev, cur = pair.split("|", 1)
    return prev, cur


class WordScores:
    """The CRF's weights summed per word form, once per process: row 0 is what the word adds at
    its own position, rows 1–4 what it adds to the tokens two before, one before, one after and
    two after it (the "-2:", "-1:", "1:", "2:" features of ``sentence_features``). Tagging then
    needs no feature strings at all, only these rows and a few per-position extras."""

    def __init__(self, model: CrfModel) -> None:
        self.model = model
        weights = model.weights
        # "-1:w=korei" → by_offset[-1]["w=korei"]: the bare feature, as word_features spells it.
        by_offset = {off: {a[len(f"{off}:"):]: row for a, row in weights.items() if a.startswith(f"{off}:")}
                          for off in _OFFSETS}
        zero = model.zero
        self.bias = weights.get("bias", zero)
        self.init = weights.get("init", zero)
        self.cap_mid = weights.get("doc_cap_mid", zero)
        self.lower = weights.get("doc_lower", zero)
        self.pad = {off: weights.get(f"{off}:pad", zero) for off in _OFFSETS}
        # The per-position weights in one array, in the order the compiled state_scores reads them.
        self.extras = np.ascontiguousarray(np.stack(
            [self.bias, *(self.pad[off] for off in _OFFSETS), self.init, self.cap_mid, self.lower]), dtype=np.float64)
        bigrams = [(a[len("bi-1="):], row) for a, row in weights.items() if a.startswith("bi-1=")]
        # Bare feature ("w=korei") → one block of the weights it adds to each of the five rows,
        # so that a new word form costs one lookup per feature and one sum.
        views = (weights, *(by_offset[off] for off in _OFFSETS))
        found: dict[str, int] = {}
        for known in views:
            for x in known:
                found.setdefault(x, len(found))
        blocks = np.zeros((len(found), 5, len(model.labels)))
        for r, known in enumerate(views):
            for x, w in known.items():
                blocks[found[x], r] = w
        self.found = found
        self.blocks = blocks
        # Bigram "prev|cur" features as integer codes: prev's id among first halves times the
        # number of second halves plus cur's id, sorted, so a document's bigrams are found with one
        # searchsorted instead of a string concatenation and a dict lookup per token.
        halves = [_bigram_halves(pair) for pair, _row in bigrams]
        firsts = {a for a, _b in halves}
        seconds = {b for _a, b in halves}
        self.bigram_first = {w: k for k, w in enumerate(sorted(firsts))}
        self.bigram_second = {w: k for k, w in enumerate(sorted(seconds))}
        width = max(len(seconds), 1)
        codes = np.array([self.bigram_first[a] * width + self.bigram_second[b]
                          for a, b in halves], dtype=np.int64)
        order = np.argsort(codes)
        self.bigram_codes = codes[order]
        self.bigram_width = width
        self.bigram_table = np.array([row for _pair, row in bigrams]).reshape(len(bigrams), len(model.labels))[order]
        self._reset()

    def _reset(self) -> None:
        self.index: dict[str, int] = {}
        self.table = np.zeros((4096, 5, len(self.model.labels)))
        # Per word id: its bigram halves' ids (-1: in no bigram) and whether it is capitalised.
        self.first_id = np.full(4096, -1, dtype=np.int64)
        self.second_id = np.full(4096, -1, dtype=np.int64)
        self.capital = np.zeros(4096, dtype=bool)

    def _add(self, words: list[str]) -> None:
        """Score word forms met for the first time, all in one numpy call: each word's row is the
        sum of its features' blocks, added in feature order (``np.add.reduceat`` along the first
        axis adds row after row, as a per-word ``blocks[hits].sum(axis=0)`` did)."""
        k0 = len(self.index)
        while k0 + len(words) > len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
            self.first_id = np.concatenate([self.first_id, np.full_like(self.first_id, -1)])
            self.second_id = np.concatenate([self.second_id, np.full_like(self.second_id, -1)])
            self.capital = np.concatenate([self.capital, np.zeros_like(self.capital)])
        found, first, second = self.found, self.bigram_first, self.bigram_second
        scored: list[int] = []  # table rows of the words with at least one known feature
        begins: list[int] = []  # where each of those words' features start in ``hits``
        hits: list[int] = []
        firsts: list[int] = []
        seconds: list[int] = []
        for k, word in enumerate(words, k0):
            mine = [h for x in word_features(word) if (h := found.get(x)) is not None]
            if mine:
                scored.append(k)
                begins.append(len(hits))
                hits.extend(mine)
            low = word.lower()[:20]
            firsts.append(first.get(low, -1))
            seconds.append(second.get(low, -1))
            self.index[word] = k
        if hits:
            self.table[scored] = np.add.reduceat(self.blocks[hits], begins, axis=0)
        k1 = k0 + len(words)
        self.first_id[k0:k1] = firsts
        self.second_id[k0:k1] = seconds
        self.capital[k0:k1] = [w[:1].isupper() for w in words]

    def ids(self, words: list[str]) -> np.ndarray:
        """Row ids of the words in this table; words met for the first time are scored now."""
        if len(self.index) + len(words) > _MAX_WORDS:
            self._reset()
        index = self.index
        get = index.get
        ids = np.fromiter(map(get, words, repeat(-1)), dtype=np.intp, count=len(words))  # -1: new
        if len(ids) and ids.min() < 0:
            new = list(dict.fromkeys(w for w, k in zip(words, ids.tolist(), strict=True) if k < 0))
            # In slices: the blocks gathered for one call take ~9 kB per word.
            for k in range(0, len(new), _ADD_SLICE):
                self._add(new[k : k + _ADD_SLICE])
            ids = np.fromiter(map(index.__getitem__, words), dtype=np.intp, count=len(words))
        return ids

    def rows(self, words: list[str]) -> np.ndarray:
        """(words × 5 × labels) weight rows; words met for the first time are scored now."""
        ids = self.ids(words)
        return self.table[ids]  # after the ids: adding words may have grown the table


def sequence_scores(tokens: list[Token], spans: list[tuple[int, int]], initial: list[bool],
                    hints: tuple[set[str], set[str]], scores: WordScores) -> np.ndarray:
    """(tokens × labels) state scores of the token ranges ``spans`` of one document, one range
    after another: the sum of the model's weights for exactly the attributes that
    ``sentence_features(tokens[a:b], initial[a:b], hints)`` gives each token."""
    order = [k for a, b in spans for k in range(a, b)]
    words = [tokens[k].text for k in order]
    if not words:
        return np.zeros((0, len(scores.model.labels)))
    ids = scores.ids(words)
    init = [i for i, k in enumerate(order) if initial[k]]
    # Document hints touch capitalised words only, a sixth of the tokens.
    capitals = np.flatnonzero(scores.capital[ids]).tolist()
    on_cap_mid, on_lower = _hinted(capitals, [words[i] for i in capitals], hints)
    return _state_scores(scores, ids, [b - a for a, b in spans], init, on_cap_mid, on_lower)


def _hinted(positions: list[int], words: list[str], hints: tuple[set[str], set[str]]) -> tuple[list[int], list[int]]:
    """The ``positions`` of capitalised ``words`` (one each) that get "doc_cap_mid" and "doc_lower"."""
    cap_mid, lower = hints
    on_cap_mid: list[int] = []
    on_lower: list[int] = []
    for i, word in zip(positions, words, strict=True):
        low = word.lower()
        if low in cap_mid:
            on_cap_mid.append(i)
        if low in lower:
            on_lower.append(i)
    return on_cap_mid, on_lower


def _state_scores(scores: WordScores, ids: np.ndarray, lengths: list[int], init: list[int], on_cap_mid: list[int],
                  on_lower: list[int]) -> np.ndarray:
    """The state scores of consecutive sentences, given their word ids and the positions of the
    per-position extras: compiled where it was built, else in numpy."""
    if compiled is None:
        return _sequence_scores_numpy(scores, ids, lengths, init, on_cap_mid, on_lower)
    out = np.empty((len(ids), len(scores.model.labels)))
    compiled.state_scores(out, scores.table, ids, lengths, scores.extras, init, on_cap_mid, on_lower,
                          scores.first_id, scores.second_id, scores.bigram_codes, scores.bigram_width,
                          scores.bigram_table)
    return out


class DocumentWords:
    """One document's word ids in a ``WordScores`` table, with its capitalised and initial tokens as
    arrays: its hints and the state scores of any of its token ranges then cost numpy indexing
    instead of a Python pass over the tokens per use (``document_hints`` and ``sequence_scores``
    give the same answers). The table must not start afresh while this is used: build it for one
    document of at most ``_MAX_WORDS`` words, then score it."""

    def __init__(self, words: list[str], initial: list[bool], scores: WordScores) -> None:
        self.words = words
        self.scores = scores
        self.ids = scores.ids(words)
        self.capital = scores.capital[self.ids]
        self.initial = np.zeros(len(words), dtype=bool)
        self.initial[list(compress(count(), initial))] = True  # few are: a list of positions, at C speed

    def hints(self) -> tuple[set[str], set[str]]:
        """``document_hints`` of the document."""
        words = self.words
        cap_mid = {words[k].lower() for k in np.flatnonzero(self.capital & ~self.initial).tolist()}
        return cap_mid, set(words)

    def sequence_scores(self, spans: list[tuple[int, int]], hints: tuple[set[str], set[str]]) -> np.ndarray:
        """``sequence_scores`` of the token ranges ``spans``."""
        lengths = [b - a for a, b in spans]
        n = sum(lengths)
        if n == 0:
            return np.zeros((0, len(self.scores.model.labels)))
        order = np.fromiter(chain.from_iterable(starmap(range, spans)), dtype=np.intp, count=n)
        capitals = np.flatnonzero(self.capital[order])
        words = self.words
        on_cap_mid, on_lower = _hinted(capitals.tolist(), [words[k] for k in order[capitals].tolist()], hints)
        return _state_scores(self.scores, self.ids[order], lengths, np.flatnonzero(self.initial[order]).tolist(),
                             on_cap_mid, on_lower)


def _sequence_scores_numpy(scores: WordScores, ids: np.ndarray, lengths: list[int], init: list[int],
                           on_cap_mid: list[int], on_lower: list[int]) -> np.ndarray:
    """``sequence_scores`` in numpy, given the word ids and the positions of the per-position
    extras: the path without the compiled module, and its reference in tests."""
    n = len(ids)
    rows = scores.table[ids]
    has_prev = np.ones(n, dtype=bool)
    has_next = np.ones(n, dtype=bool)
    ends = np.cumsum(np.array(lengths, dtype=np.intp))
    has_prev[ends[:-1]] = False
    has_prev[0] = False
    has_next[ends - 1] = False
    has_prev2 = has_prev & np.roll(has_prev, 1)
    has_next2 = has_next & np.roll(has_next, -1)
    pad = scores.pad
    # np.roll wraps around, but a wrapped row always lands where the mask says "pad".
    s = rows[:, 0] + scores.bias
    s += np.where(has_prev2[:, None], np.roll(rows[:, 1], 2, axis=0), pad[-2])
    s += np.where(has_prev[:, None], np.roll(rows[:, 2], 1, axis=0), pad[-1])
    s += np.where(has_next[:, None], np.roll(rows[:, 3], -1, axis=0), pad[1])
    s += np.where(has_next2[:, None], np.roll(rows[:, 4], -2, axis=0), pad[2])
    if init:
        s[init] += scores.init
    if on_cap_mid:
        s[on_cap_mid] += scores.cap_mid
    if on_lower:
        s[on_lower] += scores.lower
    # "bi-1=prev|cur": both halves known to some bigram, then the pair's code among the model's.
    first, second = scores.first_id[ids], scores.second_id[ids]
    at = np.flatnonzero(has_prev[1:] & (first[:-1] >= 0) & (second[1:] >= 0)) + 1
    if len(at) and len(scores.bigram_codes):
        codes = first[at - 1] * scores.bigram_width + second[at]
        pos = np.minimum(np.searchsorted(scores.bigram_codes, codes), len(scores.bigram_codes) - 1)
        hit = scores.bigram_codes[pos] == codes
        if hit.any():
            s[at[hit]] += scores.bigram_table[pos[hit]]
    return s
