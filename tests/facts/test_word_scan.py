"""WordStartPattern finds what ``(?<!\\w)body`` finds, in the same order, with the same ends."""

from __future__ import annotations

import re

import pytest

from kronika.facts import quantities, times
from kronika.facts.word_scan import WordStartPattern

TEXTS = [
    "",
    "5",
    "19 czerwca 2024 r. o godz. 14:30",
    "2024-06-19: ok.5 razy, ok. 5 lat; I i II kwartał; XX wieku",  # a match ending in "." before a digit
    "W ubiegłym roku,wczoraj.Dziś—jutro (3 dni) «tydzień»",  # words glued to punctuation
    "abc123 x5 5x 10 000 żołnierzy, czterokrotnie, 7-krotnie, pięciu, Pięciu, PIĘCIU, pIęciu",
    "\n\n10.30 rano\u00a0i\u00a0wieczorem",
]


@pytest.mark.parametrize("body,flags", [
    (times.TRIGGER.body, 0),
    (times.TRIGGER.body, re.IGNORECASE),
    (quantities.trigger_scan(True).body, 0),
    (quantities.trigger_scan(False).body, 0),
    (r"ok\.|\d", 0),  # a word ending in a non-word character: the next match may start right after it
])
@pytest.mark.parametrize("text", TEXTS)
def test_word_start_pattern_matches_like_a_look_behind(body, flags, text):
    plain = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w)(?:{body})", text, flags)]
    assert list(WordStartPattern(body, flags).finditer(text)) == plain
    lower = text.lower()
    assert list(WordStartPattern(body, flags).finditer(lower)) == [
        (m.start(), m.end()) for m in re.finditer(rf"(?<!\w)(?:{body})", lower, flags)]


def test_quantities_scan_without_multipliers_only_where_krotn_is_absent():
    # The stage drops "\w+krotn" from its scan for a text without "krotn"; with it, a multiplier is found.
    text = "Produkcja wzrosła czterokrotnie."
    assert [text[s:e] for s, e in quantities.trigger_scan("krotn" in text).finditer(text)] == ["czterokrotn"]
