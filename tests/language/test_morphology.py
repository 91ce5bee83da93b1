from kronika.language.morphology import analyses, best_reading, clean_lemma


def test_morphology_lemma_without_qualifier():
    assert clean_lemma("Trump:Sm1") == "Trump"
    assert clean_lemma(":") == ":"
    assert all(":" not in r.lemma for r in analyses("Polska"))


def test_morphology_tags_tokens(make_doc):
    doc = make_doc("Wojska Korei Północnej dotarły do Kijowa.")
    by_text = {t.text: t for t in doc.tokens}
    assert by_text["Korei"].lemma == "Korea"
    assert by_text["Korei"].proper == "nazwa_geograficzna"
    assert by_text["dotarły"].lemma == "dotrzeć"
    assert by_text["Kijowa"].lemma == "Kijów"
    assert all(t.tag for t in doc.tokens)


def test_morphology_capitalised_unknown_word_keeps_surface():
    # "Szojgu" is not in the dictionary: the lemma is the surface form, tag 'ign'.
    r = best_reading("Szojgu", False)
    assert r.lemma == "Szojgu" and r.tag == "ign"


def test_morphology_name_inside_sentence_is_not_a_pronoun():
    # Morfeusz's first reading of "Kim" is a form of "kto"; inside a sentence it is a name.
    assert best_reading("Kim", False).lemma == "Kim"
    assert best_reading("Kim", True).lemma in {"kto", "ki", "kima"}


def test_morphology_direct_interpretations_match_the_morfeusz_wrapper():
    from kronika.language.morphology import _interpretations, morfeusz

    words = ["Korei", "zrobiłem", "Dzong-Una", "Kim", "Szojgu", "KN-23", "ONZ", "Łukaszenki", "\x01", " ", "",
             "Пхеньян", "pocisków", "Ludowo-Demokratycznej"]
    for w in words:
        want = [(s, e, lemma, tag, names) for s, e, (_orth, lemma, tag, names, _quals) in morfeusz().analyse(w)]
        assert _interpretations(w) == want, w
    assert any(names == ["nazwa_geograficzna"] for *_x, names in _interpretations("Korei"))
