"""How many: "co najmniej 11 tys. żołnierzy" → value 11000, counted "żołnierz", hedge at_least.

Only tokens that start with a digit or are number words (a frozenset lookup) are looked at; the
finder then reads around them: the number (digit groups, words, scales), a range ("10–12 tys.",
"od 10 do 12 tys."), the unit (data/pl/quantity_units.tsv), the counted noun phrase as a lemma
("pocisków artyleryjskich" → "pocisk artyleryjski"), the hedge before it (quantity_hedges.tsv) and
a rate after it (quantity_rates.tsv: "rocznie" → per "year"). The span covers hedge + number +
scale + unit + counted noun phrase; the rate word is read but left outside the span.

Not quantities: dates ("1 października", "2024 r."), times ("14:30"), ordinals ("2. Dywizja"),
identifiers ("nr 61351"), model names ("KN-23": one token, not a number), durations ("70 lat",
"dwa tygodnie": the times layer owns them). Vague numerals ("kilkanaście żołnierzy") give a range
(11..19) with hedge "about"; a bare plural scale ("tysiące żołnierzy") is not a quantity.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from kronika.facts.number_words import SCALE_ABBREVIATIONS, scale_values, vague_values, word_values
from kronika.facts.numbers import GROUP_SPACES, digits_value, join_digit_groups, multiplier_value, parse_number
from kronika.facts.quantity_words import (
    ADJ_POS,
    NOUN_POS,
    adj_lemma,
    gen_plural,
    hedges,
    nominative,
    noun_reading,
    phrase_at,
    pos_of,
    rates,
    units,
)
from kronika.facts.word_scan import WordStartPattern
from kronika.model import START, Document, Hedge, Quantity, Token

MONTHS = frozenset("styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad "
                   "grudzień".split())
# Nouns after a number that make it a date or a duration (the times layer's business).
TIME_NOUNS = frozenset("rok r lato miesiąc tydzień dzień doba godzina minuta sekunda wiek kwartał "
                       "stulecie półrocze dekada".split())
IDENTIFIER_CUES = frozenset("nr nr. numer numerem numeru no. poz. art. ust. pkt § tel. ul. godz. godz "
                            "godzina godzinie str. s. rozdz. wers".split())
# A bare number after these words is a page, a clock hour or a position, not an amount.
BARE_NUMBER_CUES = frozenset("o stronie strona stronę str s. rozdział rozdziale tom tomie punkt punkcie wers "
                             "psalm artykuł artykułu paragraf numer pozycja pozycji godziny godzinie godzina "
                             "lat latach".split())
RANGE_DASHES = frozenset({"–", "-", "—", "−"})
_GLUE_MARKS = RANGE_DASHES | {"/", ".", ":", ",", "'", "’", "+"}
_CLOCK_LIKE = re.compile(r"\d+\.\d{1,2}")
_RANGE_TOKEN = re.compile(r"(\d+(?:,\d+)?)[-–—](\d+(?:,\d+)?)")
ONE_WORDS = frozenset({"jeden", "jedna", "jedno", "jednego", "jednej", "jednemu", "jednym", "jedną", "jedni",
                       "jedne", "jednych", "jednymi", "zero", "pół"})
DETERMINERS = frozenset("wszystkich wszystkie tych tamtych swoich naszych waszych moich ich jego jej "
                        "owych takich".split())
_NOT_NOUNS = frozenset({"dzięki", "temu", "razy", "proc"})


@lru_cache(maxsize=1)
def number_tokens() -> frozenset[str]:
    """Lowercase words that can be part of a number: "pięciu", "tysięcy", "mln", "kilkunastu"."""
    return frozenset(word_values()) | frozenset(scale_values()) | frozenset(vague_values()) | {"przecinek"}


@lru_cache(maxsize=1)
def triggers() -> frozenset[str]:
    """Words that may start a quantity (digits and multipliers are checked apart)."""
    return (frozenset(word_values()) - ONE_WORDS) | frozenset(vague_values()) | frozenset(
        f for f, (_, plural) in scale_values().items() if not plural and f not in SCALE_ABBREVIATIONS)


@lru_cache(maxsize=1)
def cased_triggers() -> frozenset[str]:
    """Trigger words as written in text: "pięciu", "Pięciu", "PIĘCIU"."""
    words = triggers()
    return words | {w.capitalize() for w in words} | {w.upper() for w in words}


class _Finder:
    """Reads quantities from one token list over ``text``."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.toks = tokens
        self.words = number_tokens()

    def low(self, i: int) -> str:
        return self.toks[i].text.lower() if 0 <= i < len(self.toks) else ""

    def glued(self, i: int) -> bool:
        """Token i touches token i-1 (no space between)."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def number_at(self, i: int) -> tuple[int, float, float | None, bool] | None:
        """The number starting at token i → (index after it, value, value_max for vague, has scale)."""
        toks = self.toks
        j = i
        digits = None  # the value of a number written in digits
        rng = _RANGE_TOKEN.fullmatch(toks[i].text)
        if rng:  # "300-500 km" is one token
            lo, hi = digits_value(rng.group(1)), digits_value(rng.group(2))
            if lo is None or hi is None or hi <= lo:
                return None
            scale = scale_values().get(self.low(i + 1), (1.0, False))[0]
            return (i + (2 if scale != 1.0 else 1), lo * scale, hi * scale, scale != 1.0)
        if toks[i].text[:1].isdigit():
            j = i + 1
            # "10 000": digit groups split by the tokenizer at a (no-break) space.
            while (j < len(toks) and len(toks[j].text) == 3 and toks[j].text.isdigit()
                   and toks[j].start - toks[j - 1].end == 1 and self.text[toks[j - 1].end] in GROUP_SPACES
                   and len(toks[i].text) <= 3 and toks[i].text.isdigit()):
                j += 1
            raw = join_digit_groups(self.text[toks[i].start:toks[j - 1].end])
            digits = digits_value(raw)
            if digits is None or _CLOCK_LIKE.fullmatch(raw):
                return None  # "14.30" is a time; Polish decimals take a comma
            parts = [raw]
        else:
            parts = []
        while j < len(toks) and self.low(j) in self.words and j - i < 12:
            parts.append(self.low(j))
            j += 1
        if digits is not None and len(parts) == 1:
            return j, digits, None, False  # digits alone, as most numbers are: parse_number(raw) is their value
        vague = vague_values()
        if parts and parts[0] in vague:
            lo, hi = vague[parts[0]]
            scale = scale_values().get(parts[1], (1.0, False))[0] if len(parts) > 1 else 1.0
            return (i + (2 if scale != 1.0 else 1), lo * scale, hi * scale, scale != 1.0)
        # Shrink from the right until the words read as one number ("trzy rakiety" stops at "trzy").
        while parts:
            value = parse_number(" ".join(parts))
            if value is not None:
                has_scale = any(p in scale_values() for p in parts[1:]) or parts[0] in scale_values()
                return j, value, None, has_scale
            parts.pop()
            j -= 1
        return None

    def not_a_quantity(self, i: int, j: int, value: float, has_scale: bool) -> bool:
        """Dates, times, ordinals, identifiers, parts of codes."""
        toks = self.toks
        prev = self.low(i - 1)
        if prev in IDENTIFIER_CUES or (self.glued(i) and (prev[-1:].isalnum() or prev in _GLUE_MARKS)):
            return True
        nxt = self.low(j)
        if i == 0 and nxt == "." and self.glued(j):
            return True  # "1. Załóż…": a list item
        if j < len(toks) and self.glued(j) and nxt in {":", ".", "/", "-"} and j + 1 < len(toks):
            if self.glued(j + 1) or nxt == ".":
                return True  # 14:30, 19.06, "2. Dywizja" (a dot inside the sentence makes an ordinal), 3/4
        if nxt == ")" and self.glued(j):
            return True  # "3) …": a list item
        if j < len(toks) and (toks[j].lemma or "").lower() in MONTHS:
            return True
        if i > 0 and (toks[i - 1].lemma or "").lower() in MONTHS:
            return True
        text = toks[i].text
        is_year = j == i + 1 and text.isdigit() and len(text) == 4 and 1000 <= value <= 2100 and not has_scale
        if is_year and (nxt in {"r.", "r", "rok", "roku", "rokiem", "latach"} or j >= len(toks)
                        or pos_of(toks[j]) not in NOUN_POS or not toks[j].text[:1].islower()
                        or not gen_plural(toks[j].text)
                        or prev in {"w", "od", "do", "z", "roku", "po", "przed"}):
            return True
        rng = _RANGE_TOKEN.fullmatch(text)
        if rng and all(len(g) == 4 and 1000 <= int(g) <= 2100 for g in rng.groups()):
            return True  # "w latach 1989-1991"
        return False

    def unit_at(self, j: int) -> tuple[int, str] | None:
        hit = phrase_at(self.toks, j, units(), longest=2)
        if hit:
            return hit  # type: ignore[return-value]
        if j < len(self.toks):
            lemma = (self.toks[j].lemma or "").lower()
            if (lemma,) in units() and pos_of(self.toks[j]) in ("subst", "brev"):
                return j + 1, units()[(lemma,)]
        return None

    def counted_at(self, k: int, after_unit: bool) -> tuple[int, str] | None:
        """Noun phrase at k → (index after it, lemma phrase).

        "północnokoreańskich żołnierzy" → "północnokoreański żołnierz"."""
        toks = self.toks
        m = k
        while m < len(toks) and toks[m].text.lower() in DETERMINERS and m - k < 2:
            m += 1  # "20% wszystkich rakiet": the determiner is not part of what is counted
        pre: list[Token] = []
        while m < len(toks) and pos_of(toks[m]) in ADJ_POS and len(pre) < 2 and toks[m].text[:1].isalpha():
            pre.append(toks[m])
            m += 1
        if m < len(toks) and pos_of(toks[m]) in NOUN_POS and toks[m].text[:1].isalpha():
            noun = toks[m]
        elif pre and noun_reading(pre[-1].text):
            noun = pre.pop()  # "wyrzutni": the tagger chose the adjective "wyrzutny"
            m -= 1
        else:
            return None
        reading = noun_reading(noun.text)
        if reading is None and toks[m].text.lower() in _NOT_NOUNS:
            return None
        lemma, tag = reading or (noun.lemma or noun.text, noun.tag or "")
        if after_unit and "gen" not in tag:
            return None
        m += 1
        post: list[Token] = []
        # After the noun only true adjectives: a participle there opens a clause ("wysłanych do Rosji").
        while (m < len(toks) and pos_of(toks[m]) == "adj" and len(post) < 2 and toks[m].text[:1].islower()
               and not self.glued(m) and not noun_reading(toks[m].text)):
            post.append(toks[m])
            m += 1
        parts = tag.split(":")
        gender = parts[3].split(".")[0] if len(parts) > 3 else "m3"
        words = [nominative(adj_lemma(t), gender) for t in pre]
        words.append(lemma)
        words += [nominative(adj_lemma(t), gender) for t in post]
        return m, " ".join(words)

    def find(self, candidates: list[int] | None = None) -> list[Quantity]:
        """Quantities starting at the candidate token indices (default: every trigger token)."""
        if candidates is None:
            candidates = [k for k, t in enumerate(self.toks) if is_trigger(t.text)]
        out: list[Quantity] = []
        done = 0
        for i in candidates:
            if i < done:
                continue  # inside the previous quantity ("10 000", "od 10 do 12 tys.")
            q = self.read(i)
            if q is not None:
                out.append(q[0])
                done = q[1]
        return out

    def read(self, i: int) -> tuple[Quantity, int] | None:
        toks = self.toks
        start_i = i
        unit: str | None = None
        mult = multiplier_value(toks[i].text)
        if mult is not None:
            j, value, value_max, has_scale = i + 1, mult, None, False
            unit = "times"
        else:
            num = self.number_at(i)
            if num is None:
                return None
            j, value, value_max, has_scale = num
            if self.not_a_quantity(i, j, value, has_scale):
                return None
            # A range: "10–12 tys.", "od 10 do 12 tys.".
            ranged = self.low(j) in RANGE_DASHES or (self.low(j) == "do" and self.low(i - 1) == "od")
            if ranged and value_max is None and j + 1 < len(toks):
                second = self.number_at(j + 1)
                if second is not None and second[1] > 0:
                    j2, v2, _, scale2 = second
                    if scale2 and not has_scale:
                        factor = v2 / (digits_value(toks[j + 1].text) or parse_number(self.low(j + 1)) or v2)
                        value *= factor
                    if v2 > value:
                        value_max, j, has_scale = v2, j2, has_scale or scale2
                        if self.low(i - 1) == "od":
                            start_i = i - 1
            if self.glued(i) and self.low(i - 1) in {"$", "€"}:
                unit, start_i = units()[(self.low(i - 1),)], i - 1
            u = self.unit_at(j)
            if u and unit is None:
                j, unit = u
        counted = None
        if unit != "times":
            c = self.counted_at(j, after_unit=unit is not None)
            if c:
                head = c[1].split()
                if any(w.lower() in TIME_NOUNS for w in head) and unit is None:
                    return None  # "70 lat", "dwa tygodnie": durations are times
                if unit is None and any(w in MONTHS for w in head):
                    return None
                j, counted = c
        if value_max is not None and unit is None and counted is None and value_max < 10 ** 3 \
                and self.low(start_i) in vague_values():
            return None  # "kilka" alone is too vague to be worth a quantity
        bare = unit is None and counted is None and not has_scale and value_max is None
        if bare and i > 0 and (toks[i - 1].text[:1].isupper() or self.low(i - 1) in BARE_NUMBER_CUES):
            return None  # "Psalm 97", "Boeing 747", "stronie 5", "o 5": names, pages, clock hours
        if bare and i == 0:
            return None  # a bare number opening a sentence numbers a note or a paragraph
        hedge = Hedge.EXACT
        if start_i == i:
            h = phrase_at(toks, i, hedges(), longest=2, backwards=True)
            if h:
                start_i, hedge = h  # type: ignore[assignment]
        if value_max is not None and hedge is Hedge.EXACT and toks[i].text.lower() in vague_values():
            hedge = Hedge.ABOUT
        per = None
        r = phrase_at(toks, j, rates(), longest=3)
        if r:
            per = r[1]
        start, end = toks[start_i].start, toks[j - 1].end
        last = toks[j - 1].text.lower()
        if unit and j == len(toks) and last.endswith(".") and (last[:-1],) in units() and (last,) not in units():
            end -= 1  # "5 mln zł." at a sentence end: the dot closes the sentence, not the unit
        return Quantity(start=start, end=end, text=self.text[start:end], value=float(value),
                        value_max=None if value_max is None else float(value_max), unit=unit,
                        counted=counted, hedge=hedge, per=per), max(j, i + 1)  # type: ignore[arg-type]


@lru_cache(maxsize=2)
def trigger_scan(multipliers: bool) -> WordStartPattern:
    """Where a trigger token may start: a digit, a number word in any letter case, or (with
    ``multipliers``) "-krotn-" ("czterokrotnie")."""
    from kronika.facts.time_lexicon import trie_pattern

    body = rf"\d|(?:{trie_pattern(cased_triggers())})(?!\w)"
    if multipliers:
        body += r"|\w+krotn"
    return WordStartPattern(f"(?:{body})")


def is_trigger(text: str) -> bool:
    """Can a quantity start at this token? Digits, number words (frozenset) and multipliers."""
    return text[:1].isdigit() or text in cased_triggers() or text.lower() in triggers() or "krotn" in text


def find_quantities(text: str, tokens: list[Token]) -> list[Quantity]:
    """Quantities in a tokenized, lemmatized text: "ponad 10 tys. żołnierzy" → [Quantity(10000, …)]."""
    return _Finder(text, tokens).find()


class QuantityFinder:
    """Adds the ``quantities`` layer: "ok. 1,5 mln pocisków rocznie" → 1.5e6 "pocisk", about, per year."""

    name = "quantities"
    version = "1"
    requires: tuple[str, ...] = ("sentences", "tokens", "morphology")
    assigns: tuple[str, ...] = ("quantities",)

    def __init__(self, settings: object | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        toks = doc.tokens
        # One cheap pass picks the trigger tokens; only their sentences are read further.
        # One regex pass (a character trie, run in C) finds where trigger words may start; a Python
        # test of every token cost as much as reading the quantities themselves. "\w+krotn" is
        # tried at every word, so the scan leaves it out of the few texts without "krotn".
        trig = cased_triggers()
        candidates = []
        for pos, _ in trigger_scan("krotn" in doc.text).finditer(doc.text):
            k = bisect_left(toks, pos, key=START)
            if k < len(toks) and toks[k].start == pos:
                x = toks[k].text
                if x in trig or x[:1].isdigit() or "krotn" in x:
                    candidates.append(k)
        out: list[Quantity] = []
        if candidates:
            sent_starts = [s.start for s in doc.sentences]
            by_sentence: dict[int, list[int]] = {}
            for k in candidates:
                by_sentence.setdefault(bisect_right(sent_starts, toks[k].start) - 1, []).append(k)
            for si, ks in by_sentence.items():
                if si < 0:
                    continue
                sentence = doc.sentences[si]
                ti, tj = bisect_left(toks, sentence.start, key=START), bisect_left(toks, sentence.end, key=START)
                out.extend(_Finder(doc.text, toks[ti:tj]).find([k - ti for k in ks]))
        doc.quantities = out
        return doc
