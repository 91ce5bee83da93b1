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
    from kronika.language.morphology import _label_names, _raw_interpretations, _tag_name, morfeusz

    def _interpretations(w: str) -> list[tuple[int, int, str, str, list[str]]]:
        return [(s, e, lemma, _tag_name(t), _label_names(n)) for s, e, lemma, t, n in _raw_interpretations(w)]

    words = ["Korei", "zrobiłem", "Dzong-Una", "Kim", "Szojgu", "KN-23", "ONZ", "Łukaszenki", "\x01", " ", "",
             "Пхеньян", "pocisków", "Ludowo-Demokratycznej"]
    for w in words:
        want = [(s, e, lemma, tag, names) for s, e, (_orth, lemma, tag, names, _quals) in morfeusz().analyse(w)]
        assert _interpretations(w) == want, w
    assert any(names == ["nazwa_geograficzna"] for *_x, names in _interpretations("Korei"))


def _compiled_readings():
    import pytest

    from kronika.language import morphology

    if morphology._readings is None:
        pytest.skip("the compiled token loop was not built (no C compiler at install time): Python reads")
    return morphology


def test_compiled_token_loop_builds_the_tokens_of_the_python_loop():
    # Sentence starts, words after an opening quote, names Morfeusz misreads, a glued abbreviation
    # and a last token that is the whole rest of the text.
    from kronika.language.segment import token_spans

    morphology = _compiled_readings()
    text = "Kim spotkał się z Kim Dzong Unem.\n„Kim” to ok. 5 tys. słów – powiedział Pieskow. Un"
    starts, ends, _words = token_spans(text)
    sentence_starts = {0, text.index("„"), text.index("Un", len(text) - 3)}
    want = morphology.read_tokens_python(text, starts, ends, sentence_starts)
    got = morphology._readings.read_tokens(text, starts, ends, sentence_starts, morphology._OPENERS,
                                           morphology.best_initial, morphology.best_inside, morphology.Token,
                                           morphology._TOKEN_SLOTS)
    assert got == want and [type(t) for t in got] == [morphology.Token] * len(want)
    assert got[0].lemma != got[4].lemma  # "Kim" at the start and inside a sentence read differently
    assert morphology._readings.read_tokens("", [], [], set(), morphology._OPENERS, morphology.best_initial,
                                            morphology.best_inside, morphology.Token, morphology._TOKEN_SLOTS) == []


def test_compiled_token_loop_refuses_offsets_outside_the_text_and_passes_errors_on():
    import pytest

    morphology = _compiled_readings()

    def run(starts, ends, inside=morphology.best_inside):
        return morphology._readings.read_tokens("abc def", starts, ends, set(), morphology._OPENERS,
                                                morphology.best_initial, inside, morphology.Token,
                                                morphology._TOKEN_SLOTS)

    with pytest.raises(ValueError, match="token 1: offsets 4-9 outside the text"):
        run([0, 4], [3, 9])
    with pytest.raises(ValueError, match="differ in length"):
        run([0, 4], [3])

    def broken(word):
        raise RuntimeError(f"no reading for {word}")

    with pytest.raises(RuntimeError, match="no reading for abc"):
        run([0], [3], broken)
    with pytest.raises(TypeError, match="reading must be"):
        run([0], [3], lambda word: (word,))


def test_morphology_direct_getters_read_what_the_properties_read():
    # The SWIG getter functions the analysis calls must give each field the interpretation
    # object's own property gives (the fallback where the bindings lack those functions).
    from operator import attrgetter

    from kronika.language import morphology

    fields = ("startNode", "endNode", "_lemma", "tagId", "nameId")
    getters = (morphology._start_of, morphology._end_of, morphology._lemma_of, morphology._tag_id_of,
               morphology._name_id_of)
    for w in ("Korei", "zrobiłem", "Dzong-Una", "Пхеньян"):
        for i in morphology.morfeusz()._morfeusz_obj.analyse(w):
            assert tuple(g(i) for g in getters) == tuple(attrgetter(f)(i) for f in fields)
