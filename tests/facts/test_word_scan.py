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


def test_words_or_stems_pattern_spans_as_the_two_tries(seeds_dir):
    from kronika.facts import time_lexicon as lx

    words, stems = list(times._WORDS), [s for s, _ in times._STEMS]
    plain = rf"(?:{lx.trie_pattern(words)})(?!\w)|(?:{lx.trie_pattern(stems)})\w*"
    shared = lx.words_or_stems_pattern(words, stems)
    seeds = sorted(seeds_dir.glob("*.txt"))
    texts = [t.lower() for t in TEXTS] + [p.read_text(encoding="utf-8").lower() for p in seeds]
    texts.append("xix-wieczny ok.5 ub. r. przełom przełomie xx-wieczna xx wiek drugiego dwudniowy dzisiejszy")
    for text in texts:
        for flags in (0, re.IGNORECASE):
            want = [m.span() for m in re.finditer(rf"(?<!\w)(?:{plain})", text, flags)]
            assert [m.span() for m in re.finditer(rf"(?<!\w)(?:{shared})", text, flags)] == want


def test_words_or_stems_pattern_refuses_a_stem_that_begins_a_stem_with_a_hyphen():
    from kronika.facts import time_lexicon as lx

    assert re.match(lx.words_or_stems_pattern(["xx"], ["xx-wieczn"]), "xx-wieczny").group() == "xx"
    with pytest.raises(ValueError):
        lx.words_or_stems_pattern([], ["xx", "xx-wieczn"])
