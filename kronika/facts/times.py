"""Stage "times": Polish time expressions with TIMEX3 type and value, resolved on the publication date.

"Rosja dostarczyła pociski 19 czerwca ubiegłego roku" published 2025-03-02 →
TimeExpr(text="19 czerwca ubiegłego roku", type="DATE", value="2024-06-19", anchored=True).

How it works: one compiled trigger regex finds the words a time expression can start with
(digits, month and weekday forms, "wczoraj", "ubiegłym", "co"…); at each trigger every pattern
is tried with ``match`` and the longest one wins. Text between triggers is never looked at in
Python, so the stage is linear in text length and cheap. Spans follow the KPWr TIMEX3 scheme:
a leading preposition ("w", "od", "przez", "w ciągu") is not part of the expression
("w 2019 roku" → "2019 roku"); "dnia", "godz." and hedges such as "ponad" are.
A day that does not exist ("31 lutego", "99.99.2024") yields nothing, and nothing inside it
is read as a shorter expression.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from kronika.config import Settings
from kronika.facts import time_lexicon as lx
from kronika.facts.time_resolve import (
    Anchor,
    date_value,
    duration_value,
    month_value,
    shift_month,
    week_value,
    weekday_date,
)
from kronika.facts.word_scan import WordStartPattern
from kronika.model import Document, TimeExpr

_F = re.IGNORECASE


def _w(words) -> str:
    return f"(?:{lx.trie_pattern(words)})(?!\\w)"


MON = _w(lx.MONTHS)
WD = _w(lx.WEEKDAYS)
RELW = f"(?:{lx.trie_pattern(lx.REL)})(?!\\w)"
ROMAN_M = "(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
ROMAN_C = "(?-i:XXI|XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|X)"
NUMW = _w(lx.NUMBERS)
UNITW = _w(lx.UNITS)
ORD = _w(lx.ORDINAL_DAYS)
PARTS = _w(lx.DAY_PARTS)
YEARSUF = r"(?:\s*(?:roku|rok|r\.|r)(?!\w))?"
UBR = r"(?P<ubr>ub\.\s*r\.|b\.\s*r\.|br\.)"
YEAR_TAIL = rf"(?:\.?\s*(?P<y>\d{{4}})(?![\d]){YEARSUF}|\s+(?P<rel>{RELW})\s+roku(?!\w)|\s+{UBR})?"
TOD = (r"(?:\s*,?\s*(?:(?:o|około|ok\.)\s+)?(?:godz\.?|godzina|godzinie|godziny|godziną)\s*"
       r"(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?(?!\d)"
       rf"|\s+(?P<part>{PARTS}))?")
MODS = (r"(?P<mod>(?:pierwszej|drugiej)\s+połow(?:ie|y)|(?:pierwszych|ostatnich)\s+dniach|początku|końcem"
        r"|początkiem|końcu|końca|koniec|połowie|połowy|połowa|przełomie|przełom|środku)")
HEDGE = (r"(?:(?P<hedge>ponad|prawie|niemal|około|ok\.|blisko|co najmniej|przynajmniej|całe|cały|całą|"
         r"całych|zaledwie|niespełna|aż)\s+)?")

ADJ_END = r"(?:y|a|e|i|ego|ej|emu|ym|im|ą|ych|ymi)(?!\w)"  # adjective endings: not "dzisiejszość"
INVALID = "invalid"  # a converter's answer for a phrase that names no real day


@dataclass
class _Ctx:
    anchor: Anchor
    last_day: tuple[int, int, int] | None = None  # last full date seen: bare "10.30" happens then
    out: list[TimeExpr] = field(default_factory=list)


Result = tuple[str, str | None, bool] | str | None
Converter = Callable[[re.Match, _Ctx], Result]


def _year_from(m: re.Match, ctx: _Ctx) -> tuple[int | None, bool, bool]:
    """(year, anchored, explicit) from a match's y / rel / ubr groups, else the anchor year."""
    gd = m.groupdict()
    if gd.get("y"):
        return int(gd["y"]), False, True
    if gd.get("rel"):
        off = lx.REL[gd["rel"].lower()]
        return (ctx.anchor.year + off if ctx.anchor.year else None), bool(ctx.anchor.year), True
    if gd.get("ubr"):
        off = 0 if gd["ubr"].lower().startswith("b") else -1
        return (ctx.anchor.year + off if ctx.anchor.year else None), bool(ctx.anchor.year), True
    return ctx.anchor.year, bool(ctx.anchor.year), False


def _with_time(m: re.Match, ctx: _Ctx, date: str | None, anchored: bool) -> Result:
    """Add a clock time or part of day ("o godz. 14:30", "rano") to a date value."""
    gd = m.groupdict()
    if gd.get("h"):
        h, mi = int(gd["h"]), int(gd.get("mi") or 0)
        if h > 24 or mi > 59:
            return INVALID
        return "TIME", (f"{date}T{h:02d}:{mi:02d}" if date else None), anchored
    if gd.get("part"):
        part = lx.DAY_PARTS[re.sub(r"\s+", " ", gd["part"].lower())]
        return "TIME", (f"{date}T{part}" if date else None), anchored
    return "DATE", date, anchored


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _remember(ctx: _Ctx, value: str | None) -> None:
    if value and _ISO_DAY.fullmatch(value):
        ctx.last_day = tuple(int(x) for x in value.split("-"))  # type: ignore[assignment]


def _full_date(m: re.Match, ctx: _Ctx, day: int, month: int) -> Result:
    year, anchored, explicit = _year_from(m, ctx)
    if year is None and explicit:  # "19 czerwca ubiegłego roku" without a publication date
        if date_value(None, month, day) is None:
            return INVALID
        return _with_time(m, ctx, None, False)
    value = date_value(year, month, day)
    if value is None:
        return INVALID
    _remember(ctx, value)
    return _with_time(m, ctx, value, anchored and not m.groupdict().get("y"))


def _numeric_date(m: re.Match, ctx: _Ctx) -> Result:
    y = m["y"]
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    value = date_value(year, int(m["m"]), int(m["d"]))
    if value is None:
        return INVALID
    _remember(ctx, value)
    return _with_time(m, ctx, value, False)


def _same_day(m: re.Match, ctx: _Ctx) -> Result:
    """"tego samego dnia" is the last full date the text named; without one it stays unresolved."""
    if ctx.last_day:
        y, mo, d = ctx.last_day
        return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", False
    return "DATE", None, False


def _iso_date(m: re.Match, ctx: _Ctx) -> Result:
    value = date_value(int(m["y"]), int(m["m"]), int(m["d"]))
    if value is None:
        return INVALID
    _remember(ctx, value)
    return "DATE", value, False


def _day_month(m: re.Match, ctx: _Ctx) -> Result:
    d = m["d"]
    day = int(d) if d.isdigit() else lx.ORDINAL_DAYS[d.lower()]
    mon = m["m"]
    month = lx.MONTHS.get(mon.lower()) or lx.ROMAN_MONTHS.get(mon)
    if month is None:
        return None
    if mon in lx.ROMAN_MONTHS and not m["y"]:
        return None  # "3 I" is too weak without a year
    return _full_date(m, ctx, day, month)


_MAJA_BEFORE = re.compile(r"(?:^|\W)(?:od|do|z|ze|na|przed|po|około|ok\.|połowy|końca|początku|dnia)\s*$", _F)


def _month(m: re.Match, ctx: _Ctx) -> Result:
    mon = m["m"]
    if mon[0].isupper() and not (m["y"] or m["rel"] or m["mod"]):
        # "Maja Nowak", "Adam Marzec": a capitalised bare month is a name unless it opens a sentence
        before = m.string[max(0, m.start() - 3):m.start()].strip()
        if mon.lower() in ("maja", "maj") or (before and before[-1] not in ".!?:\"„(–-\n"):
            return None
    if mon.lower() == "maja" and not (m["y"] or m["rel"] or m["mod"]) and not _MAJA_BEFORE.search(
            m.string, max(0, m.start() - 12), m.start()):
        return None  # bare "maja" is more often a misspelt "mają" than May
    month = lx.MONTHS[mon.lower()]
    year, anchored, explicit = _year_from(m, ctx)
    mod = (m["mod"] or "").lower()
    half = ("-H1" if mod.startswith("pierwsz") else "-H2") if "połow" in mod and mod[0] in "pd" else ""
    if year is None:
        return "DATE", (None if explicit else month_value(None, month) + half), False
    return "DATE", month_value(year, month) + half, anchored


def _month_adj(m: re.Match, ctx: _Ctx) -> Result:
    if m["w"][0].isupper():
        return None  # "Noc Listopadowa" is a name, not a date
    month = lx.MONTH_ADJ[m["w"].lower()]
    year = ctx.anchor.year
    return "DATE", month_value(year, month), bool(year)


def _whole_unit(m: re.Match, ctx: _Ctx) -> Result:
    return "DURATION", duration_value(1, lx.UNITS.get(m["u"].lower(), "D")), False


def _mod_year(m: re.Match, ctx: _Ctx) -> Result:
    if m["unit"] and m["unit"].lower().startswith("miesi"):
        a = ctx.anchor
        if a.month is None:
            return "DATE", None, False
        off = lx.REL[m["rel"].lower()] if m["rel"] else 0
        y, mo = shift_month(a.year, a.month, off)
        return "DATE", month_value(y, mo), True
    year, anchored, _ = _year_from(m, ctx)
    return "DATE", (f"{year:04d}" if year else None), anchored


_YEAR_BEFORE = re.compile(r"(?:^|\W)(?:w|we|od|do|z|ze|na|po|przed|około|ok\.|latach|lata|lat|początku|"
                          r"końca|końcu|połowie|przełomie|roku|i|oraz|a|–|-|\()\s*$", _F)
_YEAR_AFTER = re.compile(r"\s*(?:$|[.,;:()!?–\-\"”/]|(?:i|oraz|a|do|w|z|na|czy|r|roku)(?!\w)|[A-ZŁŚŻŹĆŃÓĘĄ])")
_HEDGE_BEFORE = re.compile(r"(?:^|\W)(?:ponad|około|ok\.|prawie|niemal|blisko|nawet|do|z|ze|o|po|\d+[,.]?)\s*$",
                           _F)


def _year(m: re.Match, ctx: _Ctx) -> Result:
    year = int(m["y"])
    if not 1000 <= year <= 2100:
        return None
    if not (m["pre"] or m["suf"]):
        # A bare number is a year when nothing counts it: "w 2019 Rosja", "(2006)", "1990-2006",
        # but not "ponad 2000 żołnierzy" or "do 2000 osób".
        text = m.string
        before = text[max(0, m.start() - 12):m.start()]
        range_end = re.search(r"\d{2,4}\s*[-–]\s*$", before)  # "1950-1953": the second year
        if not range_end and (not _YEAR_AFTER.match(text, m.end()) or _HEDGE_BEFORE.search(before)):
            return None
        if year < 1900 and not _YEAR_BEFORE.search(before):
            return None
    return "DATE", f"{year:04d}", False


def _quarter(m: re.Match, ctx: _Ctx) -> Result:
    q = m["q"]
    n = int(q) if q.isdigit() else lx.QUARTER_ORDINALS.get(q) or next(
        (v for k, v in lx.QUARTER_ORDINALS.items() if q.lower().startswith(k)), None)
    if n is None:
        return None
    year, anchored, explicit = _year_from(m, ctx)
    return "DATE", (f"{year:04d}-Q{n}" if year else None), anchored


def _relative(m: re.Match, ctx: _Ctx) -> Result:
    word, unit = m["rel"].lower(), m["u"].lower()
    off = lx.REL[word]
    a = ctx.anchor
    if unit in lx.WEEKDAYS:
        if a.date is None:
            return _with_time(m, ctx, None, False)
        day = weekday_date(a.date, lx.WEEKDAYS[unit], off)
        _remember(ctx, day.isoformat())
        return _with_time(m, ctx, day.isoformat(), True)
    if unit in ("latach", "lat", "miesiącach", "miesięcy", "tygodniach", "tygodni", "dniach", "dni"):
        if not word.startswith(("ostatni", "najbliższ", "kolejn", "następn", "minion", "ubiegł")):
            return None
        return "DATE", {"l": "XXXX", "m": "XXXX-XX", "t": "XXXX-WXX", "d": "XXXX-XX-XX"}[unit[0]], False
    gran = lx.REL_UNITS.get(unit)
    if gran is None:
        return None
    if gran == "Y":
        return "DATE", (f"{a.year + off:04d}" if a.year else None), bool(a.year)
    if gran == "M" or (gran == "Q" and a.month):
        if a.month is None:
            return "DATE", None, False
        if gran == "Q":
            qn = (a.month - 1) // 3 + off
            y = a.year + qn // 4
            return "DATE", f"{y:04d}-Q{qn % 4 + 1}", True
        y, mo = shift_month(a.year, a.month, off)
        return "DATE", month_value(y, mo), True
    if gran in ("W", "WE") and a.date is not None:
        value = week_value(a.date + dt.timedelta(weeks=off))
        return "DATE", value + ("-WE" if gran == "WE" else ""), True
    return "DATE", None, False


def _relative_duration(m: re.Match, ctx: _Ctx) -> Result:
    n = m["n"]
    amount = float(n) if n.isdigit() else lx.NUMBERS[n.lower()]
    return "DURATION", duration_value(amount, lx.UNITS[m["u"].lower()]), False


def _deictic(m: re.Match, ctx: _Ctx) -> Result:
    off = lx.DEICTIC_DAYS[m["w"].lower()]
    a = ctx.anchor.date
    if a is None:
        return _with_time(m, ctx, None, False)
    day = (a + dt.timedelta(days=off)).isoformat()
    return _with_time(m, ctx, day, True)


def _deictic_adj(m: re.Match, ctx: _Ctx) -> Result:
    gran, off = lx.DEICTIC_ADJ[m["w"].lower()]
    a = ctx.anchor
    if gran == "Y":
        return "DATE", (f"{a.year + off:04d}" if a.year else None), bool(a.year)
    if a.date is None:
        return "DATE", None, False
    return "DATE", (a.date + dt.timedelta(days=off)).isoformat(), True


def _weekday(m: re.Match, ctx: _Ctx) -> Result:
    wd = lx.WEEKDAYS[m["wd"].lower()]
    if m["wd"][0].isupper() and m["wd"].lower() in ("piątek", "piątka", "środa") and not (m["h"] or m["part"]):
        if m.start() > 0 and m.string[m.start() - 2:m.start()].strip() not in (".", ""):
            return None  # "Piątek", "Środa" mid-sentence are surnames
    a = ctx.anchor.date
    if a is None:
        return _with_time(m, ctx, f"XXXX-WXX-{wd}", False)
    day = weekday_date(a, wd, 0).isoformat()
    _remember(ctx, day)
    return _with_time(m, ctx, day, True)


def _weekday_adj(m: re.Match, ctx: _Ctx) -> Result:
    if m["w"][0].isupper() and m.start() and m.string[m.start() - 2:m.start()].strip() not in (".", ""):
        return None
    wd = lx.WEEKDAY_ADJ[m["w"].lower()]
    part = lx.DAY_PART_WORDS.get((m["part"] or "").lower())
    a = ctx.anchor.date
    date = weekday_date(a, wd, 0).isoformat() if a else f"XXXX-WXX-{wd}"
    if part:
        return "TIME", f"{date}T{part}", bool(a)
    return "DATE", date, bool(a)


def _day_part(m: re.Match, ctx: _Ctx) -> Result:
    """A bare part of the day happens on the last date the text named, else on the publication day."""
    part = lx.DAY_PART_WORDS[m["w"].lower()]
    if ctx.last_day:
        y, mo, d = ctx.last_day
        return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{part}", False
    if ctx.anchor.date:
        return "TIME", f"{ctx.anchor.date.isoformat()}T{part}", True
    return "TIME", f"XXXX-XX-XXT{part}", False


def _clock(m: re.Match, ctx: _Ctx) -> Result:
    h, mi = int(m["h"]), int(m["mi"] or 0)
    if h > 24 or mi > 59:
        return INVALID
    if ctx.last_day:
        y, mo, d = ctx.last_day
        date, anchored = f"{y:04d}-{mo:02d}-{d:02d}", False
    elif ctx.anchor.date:
        date, anchored = ctx.anchor.date.isoformat(), True
    else:
        date, anchored = "XXXX-XX-XX", False
    return "TIME", f"{date}T{h:02d}:{mi:02d}", anchored


def _bare_clock(m: re.Match, ctx: _Ctx) -> Result:
    h, mi = int(m["h"]), int(m["mi"])
    if not 5 <= h <= 23 or mi > 59 or mi % 5:
        return None  # "0.56" or "1:18" are results and lap times; clock times are round
    return _clock(m, ctx)


def _amount(text: str) -> float | None:
    t = text.lower().replace("\u00a0", "").replace(" ", "")
    if t in lx.NUMBERS:
        return lx.NUMBERS[t]
    if len(t) > 9:
        return None
    return float(t.replace(",", "."))


_SINGULAR_UNITS = {"rok", "roku", "rokiem", "miesiąca", "miesiącu", "tygodnia", "tygodniu", "dnia", "dniu", "dniem"}
_AGE_BEFORE = re.compile(r"(?:^|\W)(?:ma|miał|miała|mając|mający|mającego|liczy|liczył|liczyła|skończył|"
                         r"skończyła|ukończył|wieku|wiek|lat|mieć)\s*(?:\d{1,3}\s*[-–]\s*)?$", _F)


def _duration(m: re.Match, ctx: _Ctx) -> Result:
    try:
        amount = _amount(m["n"])
    except ValueError:
        return None
    if amount is None and m["n"].lower() not in lx.NUMBERS:
        return None
    unit = lx.UNITS[m["u"].lower()]
    if m["u"].lower() in _SINGULAR_UNITS and amount not in (0.5, 1.5, 1):
        return None  # "26 roku" is a date fragment, not 26 years
    if unit == "Y" and not m["hedge"] and _AGE_BEFORE.search(m.string, max(0, m.start() - 20), m.start()):
        return None  # "miał 75 lat" is an age
    return "DURATION", duration_value(amount, unit), False


def _one_unit(m: re.Match, ctx: _Ctx) -> Result:
    return "DURATION", duration_value(1, lx.UNITS[m["u"].lower()]), False


def _adj_duration(m: re.Match, ctx: _Ctx) -> Result:
    amount = float(m["n"]) if m["n"] else lx.PREFIX_NUMBERS[m["pn"].lower()]
    if m["u"].lower() == "letni" and amount is not None:
        return None  # "33-letni", "dwuletni" describe an age far more often than a period
    return "DURATION", duration_value(amount, lx.ADJ_UNITS[m["u"].lower()]), False


def _decade(m: re.Match, ctx: _Ctx) -> Result:
    if m["w"]:
        tens = lx.DECADE_WORDS[m["w"].lower()]
        century = {"XX": 19, "XIX": 18, "XXI": 20}.get(m["c"] or "XX", 19)
        return "DATE", f"{century}{tens}", False
    d = m["d"]
    if len(d) == 4:
        return "DATE", d[:3], False
    century = {"XX": 19, "XIX": 18, "XXI": 20}.get(m["c"] or "", 20 if d == "00" else 19)
    return "DATE", f"{century}{d[0]}", False


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _century(m: re.Match, ctx: _Ctx) -> Result:
    n, prev = 0, 0
    for ch in reversed(m["c"]):
        v = _ROMAN[ch]
        n, prev = (n - v, prev) if v < prev else (n + v, v)
    value = f"{n - 1:02d}"
    half = (m["half"] or "").lower()
    if "połow" in half:
        value += "-H1" if half.startswith("pierwsz") else "-H2"
    return "DATE", value, False


def _century_adj(m: re.Match, ctx: _Ctx) -> Result:
    return "DATE", lx.CENTURY_ADJ[m["w"].lower()], False


def _season(m: re.Match, ctx: _Ctx) -> Result:
    if m.start() and m.string[m.start() - 1] == "-":
        return None  # "20-lecie" is an anniversary
    season = lx.SEASONS[m["s"].lower()]
    year, anchored, explicit = _year_from(m, ctx)
    if year is None:
        return "DATE", (None if explicit else f"XXXX-{season}"), False
    return "DATE", f"{year:04d}-{season}", anchored


def _set(m: re.Match, ctx: _Ctx) -> Result:
    if m["w"]:
        return "SET", lx.SETS[m["w"].lower()], False
    if m["adj"]:
        return "SET", {"coroczn": "P1Y", "comiesięczn": "P1M", "cotygodniow": "P1W"}[m["adj"].lower()], False
    return "SET", lx.SET_UNITS[(m["u"] or m["u2"]).lower()], False


def _p(rx: str, fn: Converter) -> tuple[re.Pattern, Converter]:
    return re.compile(rx, _F), fn


# Order breaks ties between equally long matches: the earlier pattern wins ("2024 rok" is a year).
PATTERNS: list[tuple[re.Pattern, Converter]] = [
    _p(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)", _iso_date),
    _p(r"(?:tego|tym)\s+(?:samego\s+|samym\s+)?(?:dnia|dniu)(?!\w)", _same_day),
    _p(rf"(?:(?P<pre>dnia|dniu)\s+)?(?:(?P<wd>{WD})\s*,?\s*)?(?P<d>\d{{1,2}})(?P<sep>[./-])(?P<m>\d{{1,2}})"
       rf"(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d]|[.,]\d){YEARSUF}{TOD}", _numeric_date),
    _p(rf"(?:(?P<pre>dnia|dniu)\s+)?(?:(?P<wd>{WD})\s*,?\s*)?(?P<d>\d{{1,2}}|{ORD})(?:\.|-go|-ego)?\s*"
       rf"(?P<m>{MON}|{ROMAN_M}(?!\w)){YEAR_TAIL}{TOD}", _day_month),
    _p(rf"(?:{MODS}\s+)?(?P<m>{MON}){YEAR_TAIL}", _month),
    # The first day of "3 i 10 sierpnia" borrows the month (and year) of the second.
    _p(rf"(?P<d>\d{{1,2}})(?=\s*(?:i|oraz|lub|albo|-|–)\s*\d{{1,2}}(?:\.|-go)?\s+(?P<m>{MON})"
       rf"(?:\s+(?P<y>\d{{4}})(?!\d))?)", _day_month),
    _p(rf"{MODS}\s+(?:(?P<y>\d{{4}})(?!\d){YEARSUF}|(?:(?P<rel>{RELW})\s+)?(?P<unit>roku|miesiąca)(?!\w))",
       _mod_year),
    _p(r"(?:(?P<pre>roku|rok|rokiem)\s+)?(?P<y>\d{4})(?![\d]|[.,]\d)(?:\s*(?P<suf>roku|rok|r\.|r)(?!\w))?",
       _year),
    _p(rf"(?P<q>(?:pierwsz|drug|trzeci|czwart)\w*|(?-i:IV|III|II|I)|[1-4])\.?\s+"
       rf"(?:kwartale|kwartał|kwartału|kwartałem)(?!\w){YEAR_TAIL}", _quarter),
    _p(rf"(?P<rel>{RELW})\s+(?P<u>{_w(lx.REL_UNITS)}|{WD}|latach|lat|miesiącach|miesięcy|tygodniach|tygodni|"
       rf"dniach|dni)(?!\w){TOD}", _relative),
    _p(rf"(?P<rel>ostatnich|ostatnie|najbliższych|najbliższe|kolejnych|kolejne|następnych|następne|"
       rf"minionych)\s+(?P<n>{NUMW}|\d{{1,4}})\s+(?P<u>{UNITW})", _relative_duration),
    _p(rf"(?P<w>{_w(lx.DEICTIC_DAYS)}){TOD}", _deictic),
    _p(rf"(?P<w>{lx.alternation(lx.MONTH_ADJ)}){ADJ_END}", _month_adj),
    _p(r"(?:cały|całą|całe|niecały|niecałą|niecałe)\s+(?P<u>rok|miesiąc|tydzień|dzień|dobę|godzinę|minutę|noc)"
       r"(?!\w)", _whole_unit),
    _p(rf"(?P<w>{lx.alternation(lx.DEICTIC_ADJ)}){ADJ_END}", _deictic_adj),
    _p(rf"(?P<wd>{WD}){TOD}", _weekday),
    _p(rf"(?P<w>{lx.trie_pattern(lx.WEEKDAY_ADJ)}){ADJ_END}(?:\s+(?P<part>{_w(lx.DAY_PART_WORDS)}))?", _weekday_adj),
    _p(rf"(?P<w>{_w(lx.DAY_PART_WORDS)})", _day_part),
    _p(r"(?:(?:ok\.|około)\s+)?(?:godz\.?|godzina|godzinie|godziny|godziną)\s*(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?"
       r"(?![\d])", _clock),
    _p(r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?![\d]|[.,]\d)", _bare_clock),
    _p(rf"{HEDGE}(?P<n>{NUMW}|\d{{1,3}}(?:[ \u00a0]\d{{3}}){{1,3}}(?!\d)|\d{{1,6}}(?:,\d+)?)(?:\s*-\s*|\s+)"
       rf"(?P<u>{UNITW})(?:(?<=min)\.)?", _duration),
    _p(r"(?P<u>rok|miesiąc|miesiąca|tydzień|tygodnia|godzinę|dobę)(?!\w)", _one_unit),
    _p(rf"(?:(?P<n>\d{{1,4}})\s*-?\s*|(?P<pn>{lx.alternation(lx.PREFIX_NUMBERS)}))"
       rf"(?P<u>{lx.alternation(lx.ADJ_UNITS)})\w*", _adj_duration),
    _p(r"(?:latach|lat|lata|latami)\s+(?:(?P<d>\d{3}0|\d0)(?![-–]\d|\d)(?:-tych|-ych|-te|-e|\.)?"
       rf"|(?P<w>{lx.alternation(lx.DECADE_WORDS)})\w*)"
       rf"(?:\s+(?P<c>(?-i:XXI|XX|XIX))\s*(?:w\.|wieku|w(?!\w)))?", _decade),
    _p(rf"(?:(?P<half>(?:pierwsz|drug)\w*\s+połow\w*|początk\w*|końc\w*|koniec|przełom\w*)\s+)?"
       rf"(?P<c>{ROMAN_C})\s*(?:w\.|wieku|wiek|stulecia|stuleciu)(?!\w)", _century),
    _p(rf"(?P<s>{_w(lx.SEASONS)}){YEAR_TAIL}", _season),
    _p(rf"(?P<w>{lx.trie_pattern(lx.CENTURY_ADJ)}){ADJ_END}", _century_adj),
    _p(rf"(?P<w>{_w(lx.SETS)})|(?P<adj>coroczn|comiesięczn|cotygodniow){ADJ_END}|co\s+(?P<u>{_w(lx.SET_UNITS)})"
       r"|(?:raz|dwa|trzy|dwukrotnie|kilka)\s+(?:razy\s+)?(?:w|na)\s+"
       r"(?P<u2>roku|rok|miesiącu|miesiąc|tygodniu|tydzień|dzień|dobę)(?!\w)", _set),
]

_DIGIT = (_iso_date, _numeric_date, _day_month, _year, _quarter, _bare_clock, _duration, _adj_duration)
_ROMAN_WORDS = {r.lower() for r in (*lx.ROMAN_MONTHS, "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
                                    "XXI")}
_MOD_WORDS = ("początku początkiem końcem końcu końca koniec połowie połowy połowa przełomie przełom środku "
              "pierwszej drugiej").split()
_HEDGE_WORDS = "ponad prawie niemal około ok. blisko przynajmniej całych zaledwie niespełna aż".split()
# Which converters can start at a trigger word: a hit runs only their patterns, not all of them.
_WORD_CATEGORIES: list[tuple[object, tuple[Converter, ...]]] = [
    (lx.MONTHS, (_month,)),
    (_MOD_WORDS, (_month, _mod_year, _century, _day_month, _quarter)),
    (lx.WEEKDAYS, (_numeric_date, _day_month, _weekday)),
    (("dnia", "dniu"), (_numeric_date, _day_month)),
    (lx.REL, (_relative, _relative_duration, _same_day, _month)),
    (lx.DEICTIC_DAYS, (_deictic,)),
    (lx.NUMBERS, (_duration, _set)),
    (lx.ORDINAL_DAYS, (_day_month, _quarter)),
    (_HEDGE_WORDS, (_duration, _clock)),
    (("cały", "całą", "całe", "niecały", "niecałą", "niecałe"), (_whole_unit, _duration)),
    (("co",), (_set, _duration)),
    (("godz", "godzina", "godzinie", "godziny", "godziną"), (_clock,)),
    (("rok", "roku", "rokiem"), (_year, _one_unit)),
    (("miesiąc", "miesiąca", "tydzień", "tygodnia", "godzinę", "dobę"), (_one_unit,)),
    (("lat", "latach", "lata", "latami"), (_decade,)),
    (lx.SEASONS, (_season,)),
    (lx.DAY_PART_WORDS, (_day_part,)),
    ((*lx.SETS, "raz", "dwukrotnie"), (_set,)),
    (_ROMAN_WORDS, (_quarter, _century)),
]
_STEM_CATEGORIES: list[tuple[object, tuple[Converter, ...]]] = [
    (lx.DEICTIC_ADJ, (_deictic_adj,)),
    (lx.WEEKDAY_ADJ, (_weekday_adj,)),
    (lx.CENTURY_ADJ, (_century_adj,)),
    ([p + u for p in lx.PREFIX_NUMBERS for u in lx.ADJ_UNITS], (_adj_duration,)),
    (("coroczn", "comiesięczn", "cotygodniow"), (_set,)),
    (lx.MONTH_ADJ, (_month_adj,)),
    (("pierwsz", "drug", "trzeci", "czwart"), (_day_month, _quarter, _century, _month, _mod_year)),
    (("początk", "końc", "przełom"), (_century,)),
]
_WORDS: dict[str, set] = {}
for _words, _fns in _WORD_CATEGORIES:
    for _word in _words:
        _WORDS.setdefault(_word.lower(), set()).update(_fns)
_STEMS = [(stem, fns) for stems, fns in _STEM_CATEGORIES for stem in stems]
TRIGGER = WordStartPattern(rf"(?:\d|{lx.words_or_stems_pattern(_WORDS, (s for s, _ in _STEMS))})")
_TRIGGER_ANYCASE = WordStartPattern(TRIGGER.body, _F)  # for the rare text whose lowercase changes length
_MAX_DIGITS = re.compile(r"\d{7,}")


@lru_cache(maxsize=4096)
def _patterns_for(word: str) -> tuple[tuple[re.Pattern, Converter], ...]:
    """The patterns worth trying at a trigger word (lowercase), in PATTERNS order."""
    if word[0].isdigit():
        fns: set = set(_DIGIT)
    else:
        fns = set(_WORDS.get(word, ()))
        for stem, stem_fns in _STEMS:
            if word.startswith(stem):
                fns.update(stem_fns)
    return tuple((rx, fn) for rx, fn in PATTERNS if fn in fns)


def find_times(text: str, published: str | None) -> list[TimeExpr]:
    """All time expressions in ``text``, resolved against ``published`` (ISO prefix or None).

    >>> [(t.text, t.value) for t in find_times("Wczoraj, 19 czerwca, Putin był w Pjongjangu.", "2024-06-20")]
    [('Wczoraj', '2024-06-19'), ('19 czerwca', '2024-06-19')]
    """
    ctx = _Ctx(Anchor.parse(published))
    lower = text.lower()
    scanned = lower if len(lower) == len(text) else text
    hits = (TRIGGER if scanned is lower else _TRIGGER_ANYCASE).finditer(scanned)
    skip_to = 0
    for pos, hit_end in hits:
        if pos < skip_to:
            continue
        word = scanned[pos:hit_end].lower()
        if word[0].isdigit():
            run = _MAX_DIGITS.match(text, pos)
            if run:  # a number of 7+ digits is no date, time or duration; skip it whole
                skip_to = run.end()
                continue
        elif word in _ROMAN_WORDS and not text[pos:hit_end].isupper():
            continue  # "i" is "and", not the Roman one
        best: tuple[int, Result] | None = None
        for rx, fn in _patterns_for(word if not word[0].isdigit() else "0"):
            m = rx.match(text, pos)
            if m is None or m.end() == pos or (best and m.end() <= best[0]):
                continue
            result = fn(m, ctx)
            if result is not None:
                best = (m.end(), result)
        if best is None:
            continue
        end, result = best
        skip_to = end
        if result == INVALID:
            continue
        typ, value, anchored = result  # type: ignore[misc]
        ctx.out.append(TimeExpr(pos, end, text[pos:end], typ, value, anchored))
    return ctx.out


class TimeResolver:
    """Stage "times": fills ``doc.times`` from the text and ``doc.source.published``."""

    name: ClassVar[str] = "times"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ("tokens",)
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.times = find_times(doc.text, doc.source.published)
        return doc
