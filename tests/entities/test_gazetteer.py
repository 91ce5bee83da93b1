"""The knowledge-base gazetteer: which words of a text name a KB entry."""

from kronika.entities.gazetteer import matches


def _found(make_doc, text: str) -> list[str]:
    doc = make_doc(text)
    return [doc.text[doc.tokens[a].start : doc.tokens[b - 1].end] for a, b, _t in matches(doc.tokens)]


def test_gazetteer_inflected_names_match_by_lemma(make_doc):
    assert _found(make_doc, "Żołnierze Korei Północnej walczą w obwodzie kurskim.") == \
        ["Korei Północnej", "obwodzie kurskim"]


def test_gazetteer_abbreviated_names_match_whole(make_doc):
    # "Wlk." is one token (an abbreviation, no sentence end), so the KB alias matches in any case.
    assert _found(make_doc, "Mieszkają w Wlk. Brytanii, a delegacja Korei Płd. odlatuje.") == \
        ["Wlk. Brytanii", "Korei Płd."]


def test_gazetteer_arms_and_energy_companies_and_the_geran_drone(make_doc):
    doc = make_doc("Rosoboronexport i Gazprom podpisały umowę, a fabryka dronów Gerań ruszyła.")
    assert [(doc.text[doc.tokens[a].start : doc.tokens[b - 1].end], t) for a, b, t in matches(doc.tokens)] == \
        [("Rosoboronexport", "ORG"), ("Gazprom", "ORG"), ("Gerań", "PRO")]
    # A lower-case agency acronym matches as written; "Bank Japonii" by its lemmas.
    doc = make_doc("Jak podała dpa, Airbus zwrócił się do Banku Japonii.")
    assert [doc.text[doc.tokens[a].start : doc.tokens[b - 1].end] for a, b, _t in matches(doc.tokens)] == \
        ["dpa", "Airbus", "Banku Japonii"]


def test_gazetteer_lower_case_common_words_do_not_match_capitalised_aliases(make_doc):
    # "Wspólnota" (the EU), "Stany" (the USA): a common noun in lower case is not the name, and a
    # one-word alias that is a common noun does not match its other forms by lemma ("Stan" at a
    # sentence start is no USA).
    assert _found(make_doc, "Jest tu wspólnota żydowska, a polska gospodarka rośnie.") == []
    assert _found(make_doc, "Stan wyjątkowy trwa. Wspólnota milczy.") == ["Wspólnota"]


def test_gazetteer_holidays_are_events_not_the_places_morfeusz_names(make_doc):
    layers = ("segment", "morphology", "mentions")
    doc = make_doc("Przed Wielkanocą i w czasie Bożego Narodzenia jest spokojnie.", layers=layers)
    assert [(m.text, m.type) for m in doc.mentions] == [("Wielkanocą", "EVT"), ("Bożego Narodzenia", "EVT")]


def test_gazetteer_religious_figures_are_people(make_doc):
    layers = ("segment", "morphology", "mentions")
    doc = make_doc("Dziękowała Bogu, a kaznodzieja mówił o Jezusie.", layers=layers)
    assert [(m.text, m.type, m.base) for m in doc.mentions] == [("Bogu", "PER", "Bóg"), ("Jezusie", "PER", "Jezus")]


def test_gazetteer_a_word_morfeusz_also_reads_as_a_place_matches_by_its_common_lemma(make_doc):
    # "Izby" is also the village Izby and "Radzie" a surname: the KB's "Izba Lordów", "Rada UE" are izba, rada.
    assert _found(make_doc, "Projekt trafi do Izby Lordów, a potem ministrowie w Radzie UE go przyjmą.") == \
        ["Izby Lordów", "Radzie UE"]
    # Both words read otherwise as common words ("Gmin" is also gmin, a commoner): "Izba Gmin"
    assert _found(make_doc, "Ustawa wróci do Izby Gmin, a potem do Izbie Gmin.") == ["Izby Gmin", "Izbie Gmin"]
    # One word alone never matches by its common lemma: "Stan" is not the "Stany" (USA)
    assert _found(make_doc, "Stan gospodarki jest zły.") == []


def test_gazetteer_two_word_windows_looked_up_find_what_the_full_window_finds(make_doc):
    # ``matches`` keeps the outcome of a window that stops within two words per pair of words; a
    # pair that goes on as a longer name's prefix, or is split by a gap, must still decide alone.
    from kronika.entities import gazetteer

    text = ("Rząd Wielkiej Brytanii i Irlandii Północnej oraz Wielkiej Brytanii, w Korei Północnej i w Korei.\n\n"
            "Wielkiej\n\nBrytanii, Zjednoczone Królestwo Wielkiej Brytanii i Irlandii Północnej, Unii Europejskiej.")
    doc = make_doc(text)
    tokens, keys = doc.tokens, gazetteer.word_keys(doc.tokens)
    expected, resume = [], 0
    for i in range(len(tokens)):  # every word, the whole window: no shortcut
        if i >= resume and keys[i][4]:
            length, typ, _open = gazetteer._longest_at(tokens, keys, i, min(len(tokens), i + gazetteer.MAX_WORDS))
            if length:
                expected.append((i, i + length, typ))
                resume = i + length
    gazetteer._PAIRS.clear()
    assert gazetteer.matches(tokens) == expected  # pairs met for the first time
    assert gazetteer.matches(tokens) == expected  # and looked up
    assert len(expected) >= 6
