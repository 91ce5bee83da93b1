"""Matching keys for names: one spelling-insensitive form per name, and a slug for stable ids.

Analysts and articles write the same name as "KRLD", "Krld", "Korea Północna" or
"Korea Polnocna"; Cyrillic sources write "КНДР". A key drops case, diacritics, punctuation and
hyphen/space differences so that all spellings of one alias meet in one dictionary slot.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose but that people drop when typing without Polish keys.
_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)

# Cyrillic → Latin for ids only (keys keep the script: "Путин" must not collide with a Latin word).
_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
                 "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i",
                 "ie", "g"], strict=True))


@lru_cache(maxsize=200_000)  # names repeat across mentions and documents
def name_key(name: str) -> str:
    """Case-, diacritics- and punctuation-insensitive key: "Ludowo-Demokratyczna Republika Korei" →
    "ludowo demokratyczna republika korei"; "Łódź" → "lodz"; "Hwasong-11" → "hwasong 11"."""
    s = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", s).strip()


def slug(name: str) -> str:
    """ASCII slug for ids: "Siergiej Szojgu" → "siergiej-szojgu"; "Путин" → "putin"."""
    key = name_key(name)
    key = "".join(_CYR.get(c, c) for c in key)
    key = key.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", key).strip("-") or "x"
