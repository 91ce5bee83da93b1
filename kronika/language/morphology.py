"""Morfeusz2 analyses → one lemma, tag and proper-name label per token.

Analyses are cached per word form for the whole process: news repeats its words, and a
cached lookup is ~10× faster than asking Morfeusz again (see GUIDE: 40k vs 400k tokens/s).
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from kronika.model import Document, Token, new_token, token_columns

try:  # built by pip install where a C compiler is present (pyproject.toml: ext-modules)
    from kronika.language import _readings
except ImportError:  # no compiler at install time: the same loop in Python
    _readings = None


class Reading(NamedTuple):
    """One Morfeusz interpretation of a word: "Korei" → ("Korea", "subst:sg:gen:f", "nazwa_geograficzna")."""

    lemma: str
    tag: str
    proper: str | None  # proper-name label; None for common words


_COMMON_LABELS = {"nazwa_pospolita", ""}
_OPENERS = frozenset({"„", '"', "«", "-", "–", "—", ":"})  # after these a capital says nothing
# News names places more often than surnames that look like them ("Kijowie" is Kijów, not Kijo).
_LABEL_RANK = {"nazwa_geograficzna": 0, "nazwa_organizacji": 1, "nazwa_instytucji": 1, "imię": 2,
               "nazwisko": 3}


@lru_cache(maxsize=1)
def morfeusz():  # noqa: ANN201 - morfeusz2 has no type stubs
    """The process-wide Morfeusz instance (analysis and generation, SGJP dictionary)."""
    import morfeusz2

    return morfeusz2.Morfeusz(separate_numbering=True, expand_tags=False)


def clean_lemma(lemma: str) -> str:
    """'Trump:Sm1' → 'Trump'; keep a lone ':' as it is."""
    return lemma.split(":", 1)[0] if len(lemma) > 1 else lemma


@lru_cache(maxsize=500_000)
def analyses(word: str) -> tuple[Reading, ...]:
    """All readings of the first segment(s) of ``word``; an unknown word gives one 'ign' reading.

    Multi-segment words ("zrobiłem" = "zrobił" + "em", "Dzong-Una" = "Dzong" "-" "Una"): a
    hyphenated compound keeps its surface as lemma and the tag of its last part; otherwise the
    first segment carries the meaning.
    """
    raw = _raw_interpretations(word)
    if not raw:  # Morfeusz returns nothing for some symbols and control characters
        return (Reading(word, "ign", None),)
    last_node = max([r[1] for r in raw])
    if last_node > 1 and "-" in word:
        tags = [r[3] for r in raw if r[1] == last_node]
        return (Reading(word, _tag_name(tags[0]) if tags else "ign", None),)
    out: list[Reading] = []
    seen: set[tuple[str, str, str | None]] = set()
    # Every word form is analysed here once per process, ~30k of them in a thousand articles:
    # ids are resolved through the dicts inline, and Readings built without NamedTuple's __new__.
    tags, labels = _TAG_NAMES, _PROPER_LABELS
    for start, _end, lemma, tag_id, name_id in raw:
        if start != 0:
            continue
        tag = tags.get(tag_id) or _tag_name(tag_id)
        label = labels[name_id] if name_id in labels else _proper_label(name_id)
        reading = _new_tuple(Reading, (word if tag == "ign" else clean_lemma(lemma), tag, label))
        if reading not in seen:
            seen.add(reading)
            out.append(reading)
    return tuple(out) or (Reading(word, "ign", None),)


_new_tuple = tuple.__new__

# Tag strings and proper-name labels by Morfeusz's ids: a few thousand of them, each resolved once.
_TAG_NAMES: dict[int, str] = {}
_LABEL_NAMES: dict[int, list[str]] = {}
_PROPER_LABELS: dict[int, str | None] = {}  # name id → its first proper-name label (None: common word)

# SWIG's getter functions, called directly: the properties of every interpretation object call
# them too, through one more descriptor each (a tenth of the analysis time of a new word).
try:
    from _morfeusz2 import MorphInterpretation__lemma_get as _lemma_of
    from _morfeusz2 import MorphInterpretation_endNode_get as _end_of
    from _morfeusz2 import MorphInterpretation_nameId_get as _name_id_of
    from _morfeusz2 import MorphInterpretation_startNode_get as _start_of
    from _morfeusz2 import MorphInterpretation_tagId_get as _tag_id_of
except ImportError:  # another build of the bindings: the same fields through the properties
    _start_of, _end_of, _lemma_of, _tag_id_of, _name_id_of = (
        attrgetter(f) for f in ("startNode", "endNode", "_lemma", "tagId", "nameId"))


def _raw_interpretations(word: str) -> list[tuple[int, int, str, int, int]]:
    """(start node, end node, lemma, tag id, name id) per Morfeusz interpretation, read from the C
    objects directly: the Python wrapper converts every field of every interpretation (qualifiers
    included) into new lists."""
    return [(_start_of(i), _end_of(i), _lemma_of(i), _tag_id_of(i), _name_id_of(i))
            for i in morfeusz()._morfeusz_obj.analyse(word)]


def _tag_name(tag_id: int) -> str:
    tag = _TAG_NAMES.get(tag_id)
    if tag is None:
        tag = _TAG_NAMES[tag_id] = morfeusz()._morfeusz_obj.getIdResolver().getTag(tag_id)
    return tag


def _label_names(name_id: int) -> list[str]:
    """The proper-name labels of a name id, as ``MorphInterpretation.getName`` splits them."""
    labels = _LABEL_NAMES.get(name_id)
    if labels is None:
        joined = morfeusz()._morfeusz_obj.getIdResolver().getName(name_id)
        labels = _LABEL_NAMES[name_id] = joined.split("|") if joined else []
    return labels


def _proper_label(name_id: int) -> str | None:
    label = _PROPER_LABELS[name_id] = next((x for x in _label_names(name_id) if x not in _COMMON_LABELS), None)
    return label


def best_reading(word: str, sentence_initial: bool) -> Reading:
    """Pick one reading (see ``_best_reading``), cached per word form."""
    return best_initial(word) if sentence_initial else best_inside(word)


# One single-argument cache per position: CPython's lru_cache keys a lone str argument by the
# string itself, twice as fast on a hit as building a (word, flag) key, and morphology looks up
# every token.
@lru_cache(maxsize=500_000)
def best_inside(word: str) -> Reading:
    """``best_reading(word, False)``."""
    return _best_reading(word, False)


@lru_cache(maxsize=500_000)
def best_initial(word: str) -> Reading:
    """``best_reading(word, True)``: at a sentence start or after an opening quote."""
    return _best_reading(word, True)


def clear_caches() -> None:
    """Forget every word form's analyses (``kronika bench`` starts each configuration cold)."""
    analyses.cache_clear()
    best_inside.cache_clear()
    best_initial.cache_clear()


def _best_reading(word: str, sentence_initial: bool) -> Reading:
    """Pick one reading. A capitalised word inside a sentence is most likely a name: prefer a
    proper-name reading with a capitalised lemma, and when Morfeusz only knows common words
    ("Kim" → kto, "Un" → UN) keep the surface form as the lemma rather than a wrong one."""
    readings = analyses(word)
    if not word[:1].isupper():
        return readings[0]
    proper = sorted((r for r in readings if r.proper and r.lemma[:1].isupper()),
                    key=lambda r: _LABEL_RANK.get(r.proper or "", 9))
    if not sentence_initial:
        if proper:
            return proper[0]
        capital = [r for r in readings if r.lemma[:1].isupper() and r.lemma != r.lemma.upper()]
        if capital:
            return capital[0]
        if readings[0].tag != "ign" and len(word) > 1 and not word.isupper():
            return Reading(word, readings[0].tag, None)
        return readings[0]
    common = [r for r in readings if not r.proper and r.lemma[:1].islower()]
    return (common or proper or list(readings))[0]


class MorphologyTagger:
    """Adds lemma, tag and proper-name label to every token: "Korei" → "Korea" (nazwa_geograficzna)."""

    name = "morphology"
    version = "1"
    requires: tuple[str, ...] = ("sentences", "tokens")
    assigns: tuple[str, ...] = ("morphology",)

    def __init__(self, settings: object | None = None) -> None:
        morfeusz()

    def __call__(self, doc: Document) -> Document:
        # Offsets straight from the segmenter's columns: no Token is built twice. The words are
        # read from the document's own text either way.
        token_starts, token_ends, *_readings_so_far = token_columns(doc.tokens)
        starts = {s.start for s in doc.sentences}
        if _readings is None:
            doc.tokens = read_tokens_python(doc.text, token_starts, token_ends, starts)
        else:
            doc.tokens = _readings.read_tokens(doc.text, token_starts, token_ends, starts, _OPENERS, best_initial,
                                               best_inside, Token, _TOKEN_SLOTS)
        return doc


# Token's field descriptors, in field order, for the compiled loop (``new_token`` checks the order).
_TOKEN_SLOTS = tuple(Token.__dict__[name] for name in ("start", "end", "text", "lemma", "tag", "proper"))


def read_tokens_python(text: str, token_starts: list[int], token_ends: list[int], starts: set[int]) -> list[Token]:
    """The tokens with their readings: the loop of the compiled ``_readings.read_tokens``, for an
    install without a C compiler (and the reference the tests compare it with)."""
    out: list[Token] = []
    prev_text = ""
    for start, end in zip(token_starts, token_ends, strict=True):
        word = text[start:end]
        # A Reading is (lemma, tag, proper), the order of the Token fields it fills.
        reading = best_initial(word) if start in starts or prev_text in _OPENERS else best_inside(word)
        out.append(new_token(start, end, word, *reading))
        prev_text = word
    return out
