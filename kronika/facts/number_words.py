"""Polish number words in every case: "pięciu" → 5, "tysięcy" → 1000 (scale), "półtorej" → 1.5.

Only the base forms are written here; every inflected form (cases, genders, collective
"pięcioro") comes from Morfeusz generation once per process, so a new case ending never needs a
new table row. Vague numerals ("kilkanaście", "kilkuset") are kept apart: they name a range,
not a value (see ``VAGUE``).
"""

from __future__ import annotations

from functools import lru_cache

_UNITS = ("zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście "
          "trzynaście czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście").split()
_TENS = "dwadzieścia trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt " \
        "dziewięćdziesiąt".split()
_HUNDREDS = "sto dwieście trzysta czterysta pięćset sześćset siedemset osiemset dziewięćset".split()

BASE_VALUES: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS)}
BASE_VALUES.update({w: float(10 * (i + 2)) for i, w in enumerate(_TENS)})
BASE_VALUES.update({w: float(100 * (i + 1)) for i, w in enumerate(_HUNDREDS)})
BASE_VALUES.update({"półtora": 1.5, "pół": 0.5})

SCALE_LEMMAS: dict[str, float] = {"tysiąc": 1e3, "milion": 1e6, "miliard": 1e9, "bilion": 1e12}
# Newsroom abbreviations, with and without the dot: "11 tys.", "1,5 mln", "2 mld", "3 bln".
SCALE_ABBREVIATIONS: dict[str, float] = {"tys": 1e3, "tys.": 1e3, "mln": 1e6, "mln.": 1e6, "mld": 1e9,
                                         "mld.": 1e9, "mlrd": 1e9, "mlrd.": 1e9, "bln": 1e12, "bln.": 1e12}

# Vague numerals → (min, max), documented choice: "kilka" is 3..9 (SJP: more than two, fewer than
# ten), the others scale it; a quantity with one of them gets hedge "about" and value..value_max.
VAGUE_LEMMAS: dict[str, tuple[float, float]] = {"kilka": (3, 9), "kilkanaście": (11, 19),
                                                 "kilkadziesiąt": (20, 99), "kilkaset": (200, 999)}

# Combining forms used in compounds: "czterokrotnie", "pięćdziesięciometrowy", "dwudziestoczterobitowy".
COMBINING: dict[str, float] = {
    "jedno": 1, "dwu": 2, "trzy": 3, "cztero": 4, "pięcio": 5, "sześcio": 6, "siedmio": 7,
    "ośmio": 8, "dziewięcio": 9, "dziesięcio": 10, "jedenasto": 11, "dwunasto": 12, "trzynasto": 13,
    "czternasto": 14, "piętnasto": 15, "szesnasto": 16, "siedemnasto": 17, "osiemnasto": 18,
    "dziewiętnasto": 19, "dwudziesto": 20, "trzydziesto": 30, "czterdziesto": 40,
    "pięćdziesięcio": 50, "sześćdziesięcio": 60, "siedemdziesięcio": 70, "osiemdziesięcio": 80,
    "dziewięćdziesięcio": 90, "stu": 100, "dwustu": 200, "trzystu": 300, "czterystu": 400,
    "pięćset": 500, "sześćset": 600, "siedemset": 700, "osiemset": 800, "dziewięćset": 900,
    "tysiąc": 1000, "półtora": 1.5,
}


_COMBINING_LONGEST_FIRST = sorted(COMBINING, key=len, reverse=True)


def _forms(lemma: str, pos: str) -> dict[str, str]:
    """Inflected forms of ``lemma`` whose Morfeusz tag starts with ``pos`` → their tag."""
    from kronika.language.morphology import morfeusz

    out: dict[str, str] = {}
    for form, gen_lemma, tag, *_ in morfeusz().generate(lemma):
        if tag.startswith(pos) and gen_lemma.split(":")[0] == lemma:
            out.setdefault(form.lower(), tag)
    out.setdefault(lemma, pos)
    return out


@lru_cache(maxsize=1)
def word_values() -> dict[str, float]:
    """Every inflected form of a plain numeral → its value: "dwóch" → 2, "dwustu" → 200."""
    table: dict[str, float] = {}
    for lemma, value in BASE_VALUES.items():
        pos = "subst" if lemma == "zero" else ("adj" if lemma == "jeden" else "num")
        for form in _forms(lemma, pos):
            table.setdefault(form, value)
    # Combining forms ("pięcio") are not words on their own.
    for form in COMBINING:
        if table.get(form) is not None and form not in BASE_VALUES and form not in ("dwu", "stu", "dwustu",
                                                                                     "trzystu", "czterystu"):
            del table[form]
    table.update({"dwu": 2, "stu": 100})
    return table


@lru_cache(maxsize=1)
def scale_values() -> dict[str, tuple[float, bool]]:
    """Every form of a scale noun → (multiplier, plural?): "tysięcy" → (1000, True)."""
    table: dict[str, tuple[float, bool]] = {}
    for lemma, value in SCALE_LEMMAS.items():
        for form, tag in _forms(lemma, "subst").items():
            if "." in form:
                continue
            table.setdefault(form, (value, ":pl:" in tag))
    for abbr, value in SCALE_ABBREVIATIONS.items():
        table[abbr] = (value, False)
    return table


@lru_cache(maxsize=1)
def vague_values() -> dict[str, tuple[float, float]]:
    """Every form of a vague numeral → its range: "kilkunastu" → (11, 19)."""
    table: dict[str, tuple[float, float]] = {}
    for lemma, rng in VAGUE_LEMMAS.items():
        for form in _forms(lemma, "num"):
            if not form.endswith(("o",)) or form.endswith("oro"):
                table.setdefault(form, rng)
    return table


def split_combining(word: str) -> tuple[float, str] | None:
    """Leading combining numerals of a compound → (value, rest): "dwudziestoczterobitowy" → (24, "bitowy").

    The longest prefix wins at each step, so "dwustu" is 200 and not "dwu" + "stu".
    """
    low = word.lower()
    total = 0.0
    pos = 0
    keys = _COMBINING_LONGEST_FIRST
    while pos < len(low):
        for key in keys:
            if low.startswith(key, pos):
                total += COMBINING[key]
                pos += len(key)
                break
        else:
            break
    if pos == 0 or pos == len(low):
        return None
    return total, low[pos:]
