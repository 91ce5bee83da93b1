"""Polish numbers → values: "1,5 mln" → 1_500_000, "pięciu tysięcy" → 5000, "półtora" → 1.5.

``parse_number`` reads one number written with digits in Polish formatting (decimal comma, thousands
separated by a space, a non-breaking or narrow space, or dots: "10 000", "10.000"), number words in
any case ("dwustu pięćdziesięciu"), scales as words or newsroom abbreviations ("tys.", "mln", "mld"),
decimals read aloud ("dwa przecinek pięć") and multipliers ("czterokrotnie", "7-krotnie" → 4, 7).
Anything else gives None rather than a guess: "1,5,6", "tysiące" (vague), "kilkanaście" (a range:
see number_words.VAGUE_LEMMAS), two numbers side by side ("pięćset dwadzieścia pięćdziesiąt").
A number too long to be a quantity (over 30 digits) is None, never inf.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from kronika.facts.number_words import SCALE_ABBREVIATIONS, scale_values, split_combining, vague_values, word_values

# Spaces Polish typesetting puts between digit groups: normal, no-break, narrow no-break, thin.
GROUP_SPACES = " \u00a0\u202f\u2009"
_SPACE_RE = re.compile(f"[{GROUP_SPACES}]+")
_GROUPED_RE = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+)(?![\d.]|,\d{3})")
DIGITS_RE = re.compile(r"\d+(?:,\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d+")
_DOT_GROUPED_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
MULTIPLIER_RE = re.compile(r"(\d+(?:,\d+)?)-krotn\w*", re.IGNORECASE)
MAX_DIGITS = 30  # 10^30 is beyond any quantity in news; longer strings are identifiers or garbage


def digits_value(token: str) -> float | None:
    """One digit token in Polish formatting → value: "1,5" → 1.5, "10.000" → 10000, "1,5,6" → None."""
    if len(token) > MAX_DIGITS + 4 or not DIGITS_RE.fullmatch(token):
        return None
    if _DOT_GROUPED_RE.fullmatch(token):
        value = float(token.replace(".", "").replace(",", "."))  # "10.000", "70.000,00": dots group thousands
    elif "," in token:
        value = float(token.replace(",", "."))
    else:
        value = float(token)
    return value if math.isfinite(value) else None


@lru_cache(maxsize=8192)
def multiplier_value(word: str) -> float | None:
    """"czterokrotnie" → 4, "7-krotnie" → 7, "półtorakrotnie" → 1.5; other words → None."""
    m = MULTIPLIER_RE.fullmatch(word)
    if m:
        return digits_value(m.group(1))
    split = split_combining(word)
    if split and split[1].startswith("krotn"):
        return split[0]
    return None


def join_digit_groups(text: str) -> str:
    """"10 000 żołnierzy" → "10000 żołnierzy" (any group space); "1,5,6" is left alone."""
    return _GROUPED_RE.sub(lambda m: _SPACE_RE.sub("", m.group(1)), text)


def _integer_words(words: list[str]) -> float | None:
    """Sum of number words read left to right with falling magnitudes: "dwieście pięćdziesiąt trzy"."""
    values = word_values()
    total = 0.0
    last = math.inf
    for w in words:
        v = values.get(w)
        if v is None:
            dv = digits_value(w)
            if dv is None or words != [w]:
                return None
            return dv
        # "pięćset dwadzieścia pięćdziesiąt" are two numbers (a phone number read aloud), not one.
        if v >= last or (last < 1 and v < 1):
            return None
        total += v
        last = v if v >= 1 else 0.5
    return total if words else None


def _decimal_fraction(words: list[str]) -> float | None:
    """Digits after "przecinek": "pięć" → .5, "zero pięć" → .05, "piętnaście" → .15."""
    zeros = 0
    while words and words[0] == "zero":
        zeros += 1
        words = words[1:]
    if not words:
        return 0.0 if zeros else None
    n = _integer_words(words)
    if n is None or n != int(n):
        return None
    return n / 10 ** (len(str(int(n))) + zeros)


def parse_number(text: str) -> float | None:
    """One Polish number → its value, or None when ``text`` is not exactly one number.

    >>> parse_number("co najmniej")  # not a number
    >>> parse_number("pięciu tysięcy")
    5000.0
    """
    low = join_digit_groups(text.strip().lower())
    words = low.split()
    if not words or len(words) > 40:
        return None
    if len(words) == 1:
        mult = multiplier_value(words[0])
        if mult is not None:
            return mult
    if any(w in vague_values() for w in words):
        return None
    scales = scale_values()
    total = 0.0
    part: list[str] = []
    last_scale = math.inf
    for w in words + ["<end>"]:
        if w == "<end>" and not part:
            return total if last_scale < math.inf and math.isfinite(total) else None
        if w in scales or w == "<end>":
            mult, plural = scales.get(w, (1.0, False))
            if "przecinek" in part:
                i = part.index("przecinek")
                whole, frac = _integer_words(part[:i]), _decimal_fraction(part[i + 1:])
                value = None if whole is None or frac is None else whole + frac
            elif part:
                value = _integer_words(part)
            else:
                # "tysiące" alone is vague (thousands); "tysiąc" alone is 1000.
                value = None if plural or w == "<end>" or w in SCALE_ABBREVIATIONS else 1.0
            if value is None or mult >= last_scale:
                return None
            total += value * mult
            last_scale = mult if w != "<end>" else last_scale
            part = []
        else:
            part.append(w)
    return total if math.isfinite(total) else None
