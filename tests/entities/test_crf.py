import numpy as np

from kronika.entities.crf import CrfModel
from kronika.entities.features import document_hints, initial_flags, sentence_features, sequence_scores
from kronika.entities.recognize import load_model, load_tagger, word_scores
from kronika.entities.train import sequences

# Our own sentences: names at a sentence start, inside quotes, unknown foreign names, acronyms.
TEXT = (
    "Szojgu przyleciał do Pjongjangu, gdzie rozmawiał z Kim Dzong Unem o dostawach pocisków KN-23.\n"
    "„Rosja i KRLD są sojusznikami” – powiedział rzecznik Kremla Dmitrij Pieskow.\n"
    "Wczoraj padał deszcz.\n"
    "Agencja Yonhap podała, że żołnierze Koreańskiej Armii Ludowej walczą w obwodzie kurskim.\n"
    "ONZ.\n"
    "Łukaszenka"
)


def _same_tags_as_crfsuite(doc) -> int:
    tagger, model, scores = load_tagger(), load_model(), word_scores()
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    hints = document_hints(doc.tokens, flags)
    spans = list(sequences(doc))  # all of them, also those the recognizer skips
    got = model.decode(sequence_scores(doc.tokens, spans, flags, hints, scores), [b - a for a, b in spans])
    want = [tag for a, b in spans
            for tag in tagger.tag(sentence_features(doc.tokens[a:b], flags[a:b], hints))]
    assert got == want
    return sum(t != "O" for t in got)


def test_crf_decode_matches_crfsuite_on_our_sentences(make_doc):
    assert _same_tags_as_crfsuite(make_doc(TEXT)) >= 5


def test_crf_decode_matches_crfsuite_on_the_seed_articles(make_doc, seeds_dir):
    # A retrained model with a new kind of feature would fail here: sequence_scores must learn it too.
    names = sum(_same_tags_as_crfsuite(make_doc(p.read_text("utf-8"))) for p in sorted(seeds_dir.glob("*.txt")))
    assert names > 20


def test_crf_scores_are_the_weights_of_the_feature_strings(make_doc):
    model, scores = load_model(), word_scores()
    doc = make_doc(TEXT)
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    hints = document_hints(doc.tokens, flags)
    spans = list(sequences(doc))
    got = sequence_scores(doc.tokens, spans, flags, hints, scores)
    want = np.array([sum((model.weights.get(f, model.zero) for f in feats), model.zero)
                     for a, b in spans for feats in sentence_features(doc.tokens[a:b], flags[a:b], hints)])
    assert got.shape == (len(doc.tokens), len(model.labels))
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)


def test_crf_model_weights_are_exact_doubles():
    # crfsuite's text dump rounds to six decimals; the binary reader must not.
    model = load_model()
    assert model.labels == tuple(load_tagger().labels())
    values = np.concatenate([model.transitions.ravel(), *model.weights.values()])
    assert any(abs(v * 1e6 - round(v * 1e6)) > 1e-3 for v in values[:200])


def test_crf_decode_ties_and_lengths():
    # With no weights every label ties: crfsuite picks the lowest label id at every position.
    model = CrfModel(["A", "B"], {}, np.zeros((2, 2)))
    assert model.decode(np.zeros((3, 2)), [1, 2]) == ["A", "A", "A"]
    assert model.decode(np.zeros((0, 2)), []) == []
    # B→B is cheap and A→B dear: a strong B at the end pulls the whole second sentence to B.
    model = CrfModel(["A", "B"], {}, np.array([[0.0, -5.0], [0.0, 1.0]]))
    scores = np.array([[1.0, 0.0], [0.0, 0.5], [0.0, 0.5], [0.0, 3.0]])
    assert model.decode(scores, [1, 3]) == ["A", "B", "B", "B"]


def test_crf_word_table_starts_afresh_when_full(monkeypatch):
    from kronika.entities import features

    scores = features.WordScores(load_model())
    first = scores.rows(["Szojgu", "Pjongjang"]).copy()
    monkeypatch.setattr(features, "_MAX_WORDS", 3)
    again = scores.rows(["Pjongjang", "Kreml"])  # 2 known + 2 asked > 3: the table is rebuilt
    assert set(scores.index) == {"Pjongjang", "Kreml"}
    np.testing.assert_array_equal(again[0], first[1])


def test_crf_recognizer_tags_long_documents_in_batches_like_crfsuite(make_doc):
    from kronika.entities.recognize import DECODE_BATCH, MentionRecognizer, may_hold_name

    doc = make_doc("\n".join([TEXT] * 60))
    spans = list(sequences(doc))
    assert len(spans) > DECODE_BATCH  # more than one batch
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    hints = document_hints(doc.tokens, flags)
    want = ["O"] * len(doc.tokens)
    for a, b in spans:
        if may_hold_name(doc.tokens[a:b]):
            want[a:b] = load_tagger().tag(sentence_features(doc.tokens[a:b], flags[a:b], hints))
    assert MentionRecognizer().tags(doc) == want


def test_crf_bigram_halves_keep_a_bar_token_whole():
    from kronika.entities.features import _bigram_halves

    assert _bigram_halves("korei|północnej") == ("korei", "północnej")
    assert _bigram_halves("||x") == ("|", "x")
    assert _bigram_halves("x||") == ("x", "|")
    assert _bigram_halves("|||") == ("|", "|")


def test_crf_word_table_grows_with_its_per_word_columns(make_doc):
    # More word forms than the table's first size: the rows, bigram ids and capital flags must grow
    # together, or a word's scores would come from another word's columns.
    from kronika.entities import features

    scores = features.WordScores(load_model())
    words = [f"Słowo{k}" if k % 2 else f"słowo{k}" for k in range(5000)]
    ids = scores.ids(words)
    assert len(scores.table) >= 5000 and len(scores.capital) == len(scores.first_id) == len(scores.table)
    assert scores.capital[ids].tolist() == [w[:1].isupper() for w in words]
    # Scored in slices of many words, each row is what the word gets alone in a fresh table.
    for k in (0, 511, 512, 4999):
        alone = features.WordScores(load_model())
        np.testing.assert_array_equal(scores.table[ids[k]], alone.table[alone.ids([words[k]])[0]])
    doc = make_doc(TEXT)
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    hints = document_hints(doc.tokens, flags)
    spans = list(sequences(doc))
    np.testing.assert_allclose(sequence_scores(doc.tokens, spans, flags, hints, scores),
                               sequence_scores(doc.tokens, spans, flags, hints, word_scores()), rtol=0, atol=1e-9)


def test_crf_decode_of_a_batch_is_each_sentence_decoded_alone():
    # Sentences of mixed lengths in mixed order: the batch (longest first inside) must give every
    # sentence the labels it gets alone, checked against brute force over all label sequences.
    import itertools

    rng = np.random.default_rng(7)
    model = CrfModel(["A", "B", "C"], {}, rng.normal(size=(3, 3)))
    lengths = [3, 1, 4, 2, 4, 1, 3]
    scores = rng.normal(size=(sum(lengths), 3))
    got = model.decode(scores, lengths)
    at = 0
    for length in lengths:
        part = scores[at : at + length]

        def total(path, part=part):
            return sum(part[t, y] for t, y in enumerate(path)) + sum(
                model.transitions[a, b] for a, b in itertools.pairwise(path))

        best = max(itertools.product(range(3), repeat=length), key=total)
        assert got[at : at + length] == [model.labels[y] for y in best]
        assert model.decode(part, [length]) == got[at : at + length]
        at += length


def test_crf_scores_and_decode_of_no_sentences():
    scores = sequence_scores([], [], [], (set(), set()), word_scores())
    assert scores.shape == (0, len(load_model().labels))
    assert load_model().decode(scores, []) == []


def _compiled():
    import pytest

    from kronika.entities import crf

    if crf._crf is None:
        pytest.skip("the compiled decoder was not built (no C compiler at install time): numpy decodes")
    return crf._crf


def test_crf_compiled_decoder_gives_the_numpy_labels_ties_included():
    # Random weights, and integer weights that tie often: the first (lowest) label must win in both.
    compiled = _compiled()
    rng = np.random.default_rng(11)
    for n_labels, draw in ((11, rng.normal), (4, lambda size: rng.integers(-1, 2, size=size).astype(float))):
        model = CrfModel([f"L{k}" for k in range(n_labels)], {}, draw(size=(n_labels, n_labels)))
        lengths = rng.integers(1, 40, size=60).tolist()
        scores = draw(size=(sum(lengths), n_labels))
        assert model.decode(scores, lengths) == model.decode_numpy(scores, lengths)
        assert compiled.decode(scores, lengths, model.transitions, list(model.labels)) == \
            model.decode_numpy(scores, lengths)
    assert model.decode(np.zeros((0, n_labels)), []) == []


def test_crf_compiled_decoder_refuses_shapes_that_do_not_add_up():
    import pytest

    compiled = _compiled()
    trans, labels = np.zeros((2, 2)), ["A", "B"]
    with pytest.raises(ValueError, match="lengths add up to 3 tokens, scores have 2 rows"):
        compiled.decode(np.zeros((2, 2)), [3], trans, labels)
    with pytest.raises(ValueError, match="negative"):
        compiled.decode(np.zeros((2, 2)), [3, -1], trans, labels)
    with pytest.raises(ValueError, match="transitions"):
        compiled.decode(np.zeros((2, 2)), [2], np.zeros((3, 3)), labels)
    with pytest.raises(TypeError, match="float64"):
        compiled.decode(np.zeros((2, 2), dtype=np.float32), [2], trans, labels)
    with pytest.raises(TypeError, match="float64"):
        compiled.decode(np.zeros((2, 2)), [2], np.zeros((2, 2), dtype=np.int64), labels)


def test_crf_compiled_state_scores_are_the_numpy_doubles(make_doc, monkeypatch):
    # Every per-position extra fires here: sentence starts, document hints, bigrams, pads at both
    # ends of one-word and two-word sentences. The same additions in the same order: equal doubles.
    from kronika.entities import features

    _compiled()
    doc = make_doc(TEXT + "\nRosja.\nKorea Północna.\n" + TEXT.lower())
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    hints = document_hints(doc.tokens, flags)
    spans = list(sequences(doc))
    assert {b - a for a, b in spans} >= {1, 2}
    got = sequence_scores(doc.tokens, spans, flags, hints, word_scores())
    monkeypatch.setattr(features, "compiled", None)
    want = sequence_scores(doc.tokens, spans, flags, hints, word_scores())
    np.testing.assert_array_equal(got, want)
    assert len(got) == sum(b - a for a, b in spans)


def test_crf_compiled_state_scores_refuse_ids_outside_the_table():
    import pytest

    compiled = _compiled()
    scores = word_scores()
    n_labels = len(scores.model.labels)
    ids = np.array([0, len(scores.table)], dtype=np.intp)
    with pytest.raises(IndexError, match="word id"):
        compiled.state_scores(np.empty((2, n_labels)), scores.table, ids, [2], scores.extras, [], [], [],
                              scores.first_id, scores.second_id, scores.bigram_codes, scores.bigram_width,
                              scores.bigram_table)
    with pytest.raises(ValueError, match="do not add up"):
        compiled.state_scores(np.empty((2, n_labels)), scores.table, np.zeros(2, dtype=np.intp), [3],
                              scores.extras, [], [], [], scores.first_id, scores.second_id, scores.bigram_codes,
                              scores.bigram_width, scores.bigram_table)
    with pytest.raises(IndexError, match="position 5"):
        compiled.state_scores(np.empty((2, n_labels)), scores.table, np.zeros(2, dtype=np.intp), [2],
                              scores.extras, [5], [], [], scores.first_id, scores.second_id, scores.bigram_codes,
                              scores.bigram_width, scores.bigram_table)


def test_crf_document_words_give_the_hints_and_scores_of_the_token_passes(make_doc, monkeypatch):
    # DocumentWords looks up a document's word ids once and reads its hints, sentence starts and
    # capitals from arrays: the same hints, the same doubles, the same tags as the passes over tokens.
    from kronika.entities import recognize
    from kronika.entities.features import DocumentWords

    doc = make_doc(TEXT + "\n„Szojgu” – Rosja.\nKorea Północna.\n" + TEXT.lower())
    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    words = [t.text for t in doc.tokens]
    document = DocumentWords(words, flags, word_scores())
    hints = document_hints(doc.tokens, flags)
    assert document.hints() == hints
    assert hints[0] and any(w[:1].isupper() and w.lower() in hints[1] for w in words)  # both hints fire
    spans = list(sequences(doc))
    for part in (spans, spans[1:2], spans[::2], []):
        np.testing.assert_array_equal(document.sequence_scores(part, hints),
                                      sequence_scores(doc.tokens, part, flags, hints, word_scores()))
    whole = recognize.MentionRecognizer().tags(doc)
    monkeypatch.setattr(recognize, "WHOLE_DOCUMENT_WORDS", 10)  # a "long" document: ids per batch
    assert recognize.MentionRecognizer().tags(doc) == whole
    assert whole == _tags_by_crfsuite(doc)


def _tags_by_crfsuite(doc) -> list[str]:
    from kronika.entities.recognize import may_hold_name

    flags = initial_flags(doc.tokens, {s.start for s in doc.sentences})
    hints = document_hints(doc.tokens, flags)
    want = ["O"] * len(doc.tokens)
    for a, b in sequences(doc):
        if may_hold_name(doc.tokens[a:b]):
            want[a:b] = load_tagger().tag(sentence_features(doc.tokens[a:b], flags[a:b], hints))
    return want
