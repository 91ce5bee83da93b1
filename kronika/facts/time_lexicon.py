"""Polish word forms that time expressions are built from: months, weekdays, units, numbers.

Every form is listed whole (no stems) so that "się" or "mają" can never look like a month:
"maja" → 5, "mają" → nothing. Regex alternations are built from these tables, longest first.
"""

from __future__ import annotations

import re

_MONTH_FORMS = {
    1: "styczeń stycznia styczniu styczniem",
    2: "luty lutego lutym",
    3: "marzec marca marcu marcem",
    4: "kwiecień kwietnia kwietniu kwietniem",
    5: "maj maja maju majem",
    6: "czerwiec czerwca czerwcu czerwcem",
    7: "lipiec lipca lipcu lipcem",
    8: "sierpień sierpnia sierpniu sierpniem",
    9: "wrzesień września wrześniu wrześniem",
    10: "październik października październiku październikiem",
    11: "listopad listopada listopadzie listopadem",
    12: "grudzień grudnia grudniu grudniem",
}
MONTHS: dict[str, int] = {f: m for m, forms in _MONTH_FORMS.items() for f in forms.split()}

ROMAN_MONTHS = {r: i for i, r in enumerate("I II III IV V VI VII VIII IX X XI XII".split(), 1)}

_WEEKDAY_FORMS = {
    1: "poniedziałek poniedziałku poniedziałkiem",
    2: "wtorek wtorku wtorkiem",
    3: "środa środę środy środzie środą",
    4: "czwartek czwartku czwartkiem",
    5: "piątek piątku piątkiem",
    6: "sobota sobotę sobote soboty sobocie sobotą",
    7: "niedziela niedzielę niedziele niedzieli niedzielą",
}
WEEKDAYS: dict[str, int] = {f: d for d, forms in _WEEKDAY_FORMS.items() for f in forms.split()}

# Relative modifiers → offset in the unit that follows ("ubiegłego roku" → year −1).
_REL_FORMS = {
    -1: "ubiegły ubiegłego ubiegłym ubiegła ubiegłej ubiegłą zeszły zeszłego zeszłym zeszła zeszłej "
        "zeszłą przeszłego przeszłym ostatni ostatniego ostatnim ostatnia ostatniej ostatnią "
        "poprzedni poprzedniego poprzednim poprzedniej ub. ostatnich ostatnie minionych ubiegłych miniony "
        "minionego minionym minionej minioną",
    0: "ten tego tym ta tej tę bieżący bieżącego bieżącym bieżąca bieżącej bieżącą obecnym obecnego",
    1: "przyszły przyszłego przyszłym przyszła przyszłej przyszłą następny następnego następnym "
       "następna następnej następną najbliższy najbliższego najbliższym najbliższa najbliższej "
       "najbliższą kolejnym kolejnego najbliższych najbliższe kolejnych kolejne następnych następne",
}
# Weekday adjectives: "piątkowe popołudnie", "w poniedziałkowym komunikacie".
WEEKDAY_ADJ = {"poniedziałkow": 1, "wtorkow": 2, "środow": 3, "czwartkow": 4, "piątkow": 5, "sobotni": 6,
               "niedzieln": 7}
# Parts of the day standing alone ("rano", "poranną") → TIMEX tokens.
DAY_PART_WORDS = {"rano": "MO", "rankiem": "MO", "poranek": "MO", "poranna": "MO", "porannej": "MO", "poranną": "MO",
                  "porannym": "MO", "popołudnie": "AF", "popołudniem": "AF", "popołudniowej": "AF",
                  "wieczorem": "EV", "wieczór": "EV", "wieczorny": "EV", "wieczornej": "EV", "wieczorną": "EV",
                  "wieczornym": "EV", "nocą": "NI", "nocny": "NI", "nocnej": "NI", "nocnych": "NI", "nocnym": "NI",
                  "nocną": "NI"}
REL: dict[str, int] = {f: o for o, forms in _REL_FORMS.items() for f in forms.split()}

# Calendar units after a relative modifier ("w tym miesiącu") → TIMEX granularity.
REL_UNITS: dict[str, str] = {
    **dict.fromkeys("rok roku rokiem".split(), "Y"),
    **dict.fromkeys("miesiąc miesiąca miesiącu miesiącem".split(), "M"),
    **dict.fromkeys("tydzień tygodnia tygodniu tygodniem".split(), "W"),
    **dict.fromkeys("kwartał kwartału kwartale".split(), "Q"),
    **dict.fromkeys("weekend weekendu weekendzie".split(), "WE"),
}

# Duration units in every case → (TIMEX letter, is a time-of-day unit).
_UNIT_FORMS = {
    "Y": "rok roku lata lat latach laty latami rokiem",
    "M": "miesiąc miesiąca miesiące miesięcy miesiącach miesiącami miesiącem",
    "W": "tydzień tygodnia tygodnie tygodni tygodniach tygodniami tygodniem",
    "D": "dzień dnia dni dniach dniami dniu dniem doba doby dobę dób dobach",
    "H": "godzina godziny godzinę godzin godzinach godzinami godziną",
    "MIN": "minuta minuty minutę minut minutach minutami min",
    "S": "sekunda sekundy sekundę sekund sekundach",
    "DE": "dekada dekady dekadę dekad dekadach",
    "CE": "stulecie stulecia stuleci",
}
UNITS: dict[str, str] = {f: u for u, forms in _UNIT_FORMS.items() for f in forms.split()}

# Small number words, every case; vague quantities map to None ("kilka lat" → VAGUE).
_NUMBER_FORMS = {
    1: "jeden jedna jedno jednego jednej jedną jednym",
    2: "dwa dwie dwóch dwu dwoma dwóm",
    3: "trzy trzech trzema trzem",
    4: "cztery czterech czterema",
    5: "pięć pięciu", 6: "sześć sześciu", 7: "siedem siedmiu", 8: "osiem ośmiu",
    9: "dziewięć dziewięciu", 10: "dziesięć dziesięciu", 11: "jedenaście jedenastu",
    12: "dwanaście dwunastu", 13: "trzynaście trzynastu", 14: "czternaście czternastu",
    15: "piętnaście piętnastu", 16: "szesnaście szesnastu", 17: "siedemnaście siedemnastu",
    18: "osiemnaście osiemnastu", 19: "dziewiętnaście dziewiętnastu", 20: "dwadzieścia dwudziestu",
    30: "trzydzieści trzydziestu", 40: "czterdzieści czterdziestu", 50: "pięćdziesiąt pięćdziesięciu",
    60: "sześćdziesiąt sześćdziesięciu", 70: "siedemdziesiąt siedemdziesięciu",
    80: "osiemdziesiąt osiemdziesięciu", 90: "dziewięćdziesiąt dziewięćdziesięciu",
    100: "sto stu",
    0.5: "pół", 1.5: "półtora półtorej",
}
NUMBERS: dict[str, float | None] = {f: n for n, forms in _NUMBER_FORMS.items() for f in forms.split()}
for _w in ("kilka kilku kilkoma kilkanaście kilkunastu kilkadziesiąt kilkudziesięciu parę paru "
           "wiele wielu kilkaset kilkuset tyle tylu dziesiątki dziesiątek setki").split():
    NUMBERS[_w] = None

ORDINAL_DAYS: dict[str, int] = {}
for _d, _stem in enumerate(
        "pierwsz drugi trzeci czwart piąt szóst siódm ósm dziewiąt dziesiąt jedenast dwunast trzynast "
        "czternast piętnast szesnast siedemnast osiemnast dziewiętnast dwudziest".split(), 1):
    for _end in ("ego", "y", "i", "ym", "im"):
        ORDINAL_DAYS[_stem + _end] = _d
ORDINAL_DAYS.update({"drugiego": 2, "trzeciego": 3, "trzydziestego": 30})

QUARTER_ORDINALS = {"pierwsz": 1, "drug": 2, "trzeci": 3, "czwart": 4, "I": 1, "II": 2, "III": 3, "IV": 4}

# Adjectival durations: "trzymiesięczny", "dwutygodniowy", "70-letni".
PREFIX_NUMBERS = {"jedno": 1, "dwu": 2, "trzy": 3, "cztero": 4, "pięcio": 5, "sześcio": 6, "siedmio": 7,
                  "ośmio": 8, "dziewięcio": 9, "dziesięcio": 10, "kilku": None, "kilkunasto": None,
                  "wielo": None, "kilkudziesięcio": None, "pół": 0.5}
ADJ_UNITS = {"letni": "Y", "miesięczn": "M", "tygodniow": "W", "dniow": "D",
             "godzinn": "H", "minutow": "MIN", "leci": "Y"}

DECADE_WORDS = {"dwudziest": 2, "trzydziest": 3, "czterdziest": 4, "pięćdziesiąt": 5, "sześćdziesiąt": 6,
                "siedemdziesiąt": 7, "osiemdziesiąt": 8, "dziewięćdziesiąt": 9}

# Century adjectives: "dwudziestowieczna architektura" → the 1900s ("19").
CENTURY_ADJ = {"osiemnastowieczn": "17", "dziewiętnastowieczn": "18", "dwudziestowieczn": "19",
               "xviii-wieczn": "17", "xix-wieczn": "18", "xx-wieczn": "19", "xxi-wieczn": "20"}

SEASONS = {**dict.fromkeys("zima zimą zimie zimy zimę zimową zimowej zimowy zimowego zimowe zimowym zimowych"
                           .split(), "WI"),
           **dict.fromkeys("wiosna wiosną wiośnie wiosny wiosnę wiosenną wiosennej wiosenny wiosenne wiosennym"
                           .split(), "SP"),
           **dict.fromkeys("lato latem lecie letnią letniej letnim letnie letniego".split(), "SU"),
           **dict.fromkeys("jesień jesienią jesieni jesienną jesiennej jesienny jesienne jesiennym".split(), "FA")}

# Month adjectives: "czerwcowe negocjacje" → the month.
MONTH_ADJ = {stem: i for i, stem in enumerate(
    "styczniow lutow marcow kwietniow majow czerwcow lipcow sierpniow wrześniow październikow listopadow "
    "grudniow".split(), 1)}

# Parts of the day → TIMEX tokens.
DAY_PARTS = {"rano": "MO", "nad ranem": "MO", "rankiem": "MO", "przed południem": "MO",
             "w południe": "MD", "po południu": "AF", "popołudniu": "AF", "wieczorem": "EV",
             "wieczór": "EV", "w nocy": "NI", "nocą": "NI", "po północy": "NI", "w nocy z": "NI"}

DEICTIC_DAYS = {"dziś": 0, "dzis": 0, "dzisiaj": 0, "wczoraj": -1, "przedwczoraj": -2, "jutro": 1,
                "pojutrze": 2}
DEICTIC_ADJ = {"dzisiejsz": ("D", 0), "wczorajsz": ("D", -1), "jutrzejsz": ("D", 1),
               "tegoroczn": ("Y", 0), "zeszłoroczn": ("Y", -1), "ubiegłoroczn": ("Y", -1),
               "przyszłoroczn": ("Y", 1)}

SETS = {"codziennie": "P1D", "codzień": "P1D", "dziennie": "P1D", "rocznie": "P1Y", "corocznie": "P1Y",
        "miesięcznie": "P1M", "tygodniowo": "P1W", "cotygodniowo": "P1W", "godzinowo": "PT1H"}
SET_UNITS = {"dzień": "P1D", "dnia": "P1D", "roku": "P1Y", "rok": "P1Y", "miesiąc": "P1M",
             "miesiąca": "P1M", "tydzień": "P1W", "tygodnia": "P1W", "godzinę": "PT1H",
             "kwartał": "P3M", "miesiącu": "P1M", "tygodniu": "P1W", "noc": "P1D", "wieczór": "P1D", "rano": "P1D"}


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so that "maja" wins over "maj"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def trie_pattern(words) -> str:
    """The same alternation as a character trie: "maj(?:a|u|em)?"-style, so the regex engine tests
    each character once instead of every word; an order of magnitude faster on a 700-word list."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


_WORD_CHARS = re.compile(r"\w+")


def words_or_stems_pattern(words, stems) -> str:
    """A regex matching, at any position, the same span as ``(?:W)(?!\\w)|(?:S)\\w*`` (W, S: the
    ``trie_pattern`` of ``words`` and of ``stems``): a whole word, else a stem and the rest of its word.

    Words and stems of word characters share one trie, which the regex engine walks once instead of
    twice (the times stage tries it at every word of a text). Where a word and a stem both match,
    both spans end where the run of word characters ends, so which of them matched does not show.
    Words and stems with another character ("ok.", "xx-wieczn") keep their own tries, in the order
    of the plain form: words first, stems last."""
    words, stems = set(words), set(stems)
    plain_words = {w for w in words if _WORD_CHARS.fullmatch(w)}
    plain_stems = {s for s in stems if _WORD_CHARS.fullmatch(s)}
    other_words, other_stems = words - plain_words, stems - plain_stems
    if any(t.startswith(s) for s in plain_stems for t in other_stems):
        # The stem "xx" would then win over "xx-wieczn" (the plain form tries the longer stem first).
        raise ValueError("a stem of word characters begins a stem with another character")
    leaves = {w: r"(?!\w)" for w in plain_words}
    leaves.update({s: r"\w*" for s in plain_stems})  # a word that is also a stem: \w* spans the same
    parts = [rf"(?:{trie_pattern(other_words)})(?!\w)"] if other_words else []
    parts.append(_suffix_trie(leaves))
    if other_stems:
        parts.append(rf"(?:{trie_pattern(other_stems)})\w*")
    return "|".join(parts)


def _suffix_trie(leaves: dict[str, str]) -> str:
    """A character trie of the keys of ``leaves``, each followed by its own regex suffix."""
    root: dict = {}
    for word, suffix in leaves.items():
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = suffix

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            alts.append(node[""])  # the longer words first, as in trie_pattern
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(root)
