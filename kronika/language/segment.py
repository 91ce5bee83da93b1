"""Sentences and tokens with character offsets.

A small regex tokenizer instead of spaCy's: it keeps Polish abbreviations ("ok.", "tys.",
"m.in."), dates ("19.06.2024") and decimal numbers ("1,5") whole, costs nothing to load and
runs several times faster than morphology, which matters for `kronika bench`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from kronika.model import END, START, Document, Sentence, Token, TokenColumns, new_token

# Order matters: the first alternative that matches at a position wins.
_TOKEN_RE = re.compile(
    r"""
    (?:m\.in|p\.o|b\.r|ub\.r|p\.n\.e|n\.e|j\.w|i\.in|t\.j|ds\.)\.?(?!\w)  # m.in. b.r. p.o.
  | \d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)          # 19.06.2024
  | \d+(?:[.,]\d+)+(?!\d)                    # 1,5  10.000  3.14
  | \d+(?:-\w+)?                             # 152  7-krotnie  2024-06 (first part)
  | (?:\w\.){2,}(?=\W|$)                     # m.in. tj. style initialisms (periods inside)
  | \w+(?:[-'’]\w+)*                         # words, hyphenated names (Dzong-Una)
  | \.{3}|…                                  # ellipsis
  | \S                                       # any other single symbol
    """,
    re.VERBOSE,
)

_SENT_END = {".", "!", "?", "…", "..."}
MAX_SENTENCE_TOKENS = 250  # the longest sentence in the BSNLP, seed and demo articles has 135 tokens
_NEWLINE = re.compile("\n")
_CLOSERS = set("\"'”’»)]")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    text = resources.files("kronika").joinpath("data/pl/abbreviations.txt").read_text("utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


# The same tokens as one capturing group, for re.split: [space, token, space, token, …, space].
_TOKEN_SPLIT = re.compile("(" + _TOKEN_RE.pattern + ")", re.VERBOSE)
_DOTS = frozenset({".", "..."})  # the only tokens that start with a period


def token_spans(text: str) -> tuple[list[int], list[int], list[str]]:
    """(starts, ends, words) of the tokens; an abbreviation keeps its period: "ok." "tys." "m.in." "r."."""
    # re.split and accumulate do the per-token work in C: every non-space character belongs to a
    # token, so the parts alternate between the space before a token and the token itself.
    parts = _TOKEN_SPLIT.split(text)
    bounds = list(accumulate(map(len, parts)))
    words = parts[1::2]
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    dots = [i for i, w in enumerate(words) if w in _DOTS and i > 0]
    if dots:
        gone = _glue_periods(starts, ends, words, dots)
        if gone:  # rebuilt from slices, not deleted one by one: a text of many initials stays linear
            starts, ends, words = (_without(column, gone) for column in (starts, ends, words))
    return starts, ends, words


def _without(items: list, drop: list[int]) -> list:
    """``items`` without the positions in ``drop`` (ascending)."""
    out: list = []
    prev = 0
    for k in drop:
        out += items[prev:k]
        prev = k + 1
    out += items[prev:]
    return out


def _glue_periods(starts: list[int], ends: list[int], words: list[str], dots: list[int]) -> list[int]:
    """Glue the period after a known abbreviation or a single-letter initial ("J. Kowalski") onto
    it, in place, and return the indices (ascending) of the period tokens that went into a word (a
    "..." after "ok" goes whole, as the period after "ok." cannot start another token)."""
    abbr = abbreviations()
    gone: list[int] = []
    for i in dots:
        word = words[i - 1]
        # A period token never glues (it ends with "."), so a glued word's own period is never
        # glued again.
        if starts[i] == ends[i - 1] and word[-1] != "." and (
            word.lower() in abbr or (len(word) == 1 and word.isalpha() and word.isupper())
        ):
            ends[i - 1] += 1
            words[i - 1] = word + "."
            gone.append(i)
    return gone


def tokenize(text: str) -> list[Token]:
    """Tokens with offsets (see ``token_spans``)."""
    return [new_token(s, e, w) for s, e, w in zip(*token_spans(text), strict=True)]


def _sentence_end(text: str, starts: list[int], ends: list[int], words: list[str], i: int) -> int | None:
    """Index of the last token of a sentence that ends at token i, closing quotes and brackets
    included ("„Cytat.”"), or None when the sentence goes on."""
    n = len(words)
    if i + 1 == n or "\n" in text[ends[i] : starts[i + 1]]:
        return i
    # A period glued to an abbreviation ("ok.", "tys.", "r.") never ends a sentence: in Polish news a
    # missed split costs less than a wrong one. Only a stand-alone terminal mark does.
    if words[i] not in _SENT_END:
        return None
    j = i + 1
    while j < n and words[j] in _CLOSERS and starts[j] == ends[j - 1]:
        j += 1
    if j < n and (words[j][0].isupper() or words[j][0].isdigit() or words[j][0] in "„\"«–-—"):
        return j - 1
    return None


def split_sentences(text: str, starts: list[int], ends: list[int], words: list[str]) -> list[Sentence]:
    """Sentence boundaries over the token columns of ``token_spans``: terminal punctuation followed
    by an upper-case start, or a new line."""
    if not words:
        return []
    # Only a terminal mark, the token before a line break and the last token can end a sentence:
    # visit those instead of asking every token.
    candidates = {i for i, w in enumerate(words) if w in _SENT_END}
    candidates.add(len(words) - 1)
    for m in _NEWLINE.finditer(text):
        i = bisect_right(ends, m.start()) - 1  # the last token ending at or before the line break
        if 0 <= i < len(words) - 1 and starts[i + 1] > m.start():
            candidates.add(i)
    sentences: list[Sentence] = []
    start_tok = 0
    for i in sorted(candidates):
        if i < start_tok:
            continue  # a closing quote already given to the sentence it closes
        end = _sentence_end(text, starts, ends, words, i)
        if end is not None:
            # A run-on "sentence" (a table, a text without punctuation) is cut every
            # MAX_SENTENCE_TOKENS tokens: every later stage works sentence by sentence, some of
            # them in time quadratic in a sentence's length.
            for first in range(start_tok, end + 1, MAX_SENTENCE_TOKENS):
                s, e = starts[first], ends[min(end, first + MAX_SENTENCE_TOKENS - 1)]
                sentences.append(Sentence(s, e, text[s:e]))
            start_tok = end + 1
    return sentences


def segment(text: str) -> tuple[list[Sentence], TokenColumns]:
    """Sentences, and the tokens as columns: the morphology stage builds the Tokens, once, with
    their readings (building them here too cost 8 % of the whole pipeline)."""
    starts, ends, words = token_spans(text)
    none = [None] * len(words)
    return split_sentences(text, starts, ends, words), TokenColumns(text, starts, ends, none, none, none)


class Segmenter:
    """Sentences and tokens: "Ok. 1,5 mln pocisków rocznie." stays one sentence."""

    name = "segment"
    version = "1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("sentences", "tokens")

    def __init__(self, settings: object | None = None) -> None:
        abbreviations()

    def __call__(self, doc: Document) -> Document:
        doc.sentences, doc.tokens = segment(doc.text)
        return doc




def sentence_token_ranges(doc: Document) -> Iterator[tuple[Sentence, int, int]]:
    """Each sentence with the index range [i, j) of the tokens inside it, in one pass over both lists."""
    starts = [t.start for t in doc.tokens]
    ends = [t.end for t in doc.tokens]
    ti = 0
    for sentence in doc.sentences:
        ti = bisect_left(starts, sentence.start, ti)
        tj = bisect_right(ends, sentence.end, ti)
        yield sentence, ti, tj
        ti = tj


def token_range(tokens: Sequence[Token], sentence: Sentence) -> tuple[int, int]:
    """The index range [i, j) of the tokens inside ``sentence``, as ``sentence_token_ranges`` gives
    it, found by bisection: a stage that reads a few sentences pays for those alone."""
    i = bisect_left(tokens, sentence.start, key=START)
    return i, bisect_right(tokens, sentence.end, i, key=END)


def sentences_holding(sentences: list[Sentence], tokens: Sequence[Token], token_indices: Iterable[int]) -> list[int]:
    """Indices (ascending) of the sentences that hold one of the tokens ``token_indices`` (ascending):
    a stage that needs a cue word reads only these sentences."""
    out: list[int] = []
    for t in token_indices:
        token = tokens[t]
        k = bisect_right(sentences, token.start, key=START) - 1  # the last sentence starting at or before it
        if k >= 0 and token.end <= sentences[k].end and (not out or out[-1] != k):
            out.append(k)
    return out


class SentenceItems:
    """Items (with start/end: mentions, times…) inside a sentence, looked up by bisection, so that a
    stage pays only for the sentences it reads: ``items_in(sentence)``.

    Sentences must not overlap (the segmenter's never do); ``items_in(s)`` gives the items starting
    in the sentence and ending inside it, by start."""

    __slots__ = ("_items", "_starts")

    def __init__(self, items: list) -> None:
        self._items = sorted(items, key=START)
        self._starts = [x.start for x in self._items]

    def __call__(self, sentence: Sentence) -> list:
        i = bisect_left(self._starts, sentence.start)
        j = bisect_left(self._starts, sentence.end, i)
        end = sentence.end
        return [x for x in self._items[i:j] if x.end <= end]
