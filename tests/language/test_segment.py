import pytest

from kronika.language.segment import segment, token_spans, tokenize


@pytest.mark.parametrize("text", [
    "Rosja kupi ok. 1,5 mln pocisków rocznie.",
    "Wysłano 11 tys. żołnierzy do obwodu kurskiego.",
    "Przyjechał m.in. prof. Nowak z Seulu.",
    "W 2024 r. podpisano traktat, a w ub. tygodniu go ratyfikowano.",
    "Spotkanie o godz. 14 trwało dwie godziny.",
])
def test_segment_abbreviation_does_not_end_sentence(text):
    sentences, _ = segment(text)
    assert [s.text for s in sentences] == [text]


def test_segment_splits_on_terminal_punctuation_and_newlines():
    text = "Kim przyjechał. Putin czekał! Czy to koniec?\nNowy akapit bez kropki\n„Cytat.” Dalej."
    sentences, _ = segment(text)
    assert [s.text for s in sentences] == [
        "Kim przyjechał.", "Putin czekał!", "Czy to koniec?", "Nowy akapit bez kropki", "„Cytat.”", "Dalej."]


def test_segment_tokens_keep_numbers_dates_and_names_whole():
    words = [t.text for t in tokenize("Dnia 19.06.2024 r. Kim Dzong-Un dał 1,5 mln, tj. 7-krotnie więcej.")]
    assert words == ["Dnia", "19.06.2024", "r.", "Kim", "Dzong-Un", "dał", "1,5", "mln", ",", "tj.",
                     "7-krotnie", "więcej", "."]


def test_segment_offsets_point_into_text(make_doc):
    doc = make_doc("Ala\u00a0ma  kota.\n\nI psa… oraz „rybę”.", layers=("segment",))
    doc.check()
    assert doc.sentences[-1].text.endswith("„rybę”.")


def test_segment_pathological_input_is_linear():
    doc_text = "a" * 200_000 + " " + "x." * 50_000
    sentences, tokens = segment(doc_text)
    assert tokens[0].end == 200_000 and len(sentences) >= 1
    # 200,000 initials, each gluing its period: removing the periods one by one took minutes here.
    starts, ends, words = token_spans("J. " * 200_000)
    assert len(words) == 200_000 and set(words) == {"J."} and ends[-1] == 3 * 200_000 - 1


def test_segment_line_breaks_end_sentences_wherever_they_fall():
    from kronika.language.segment import segment, sentence_token_ranges
    from kronika.model import Document

    # Leading break, a break after a closing quote, spaces around breaks, a blank line, no final mark.
    text = "\nPociski KN-23 trafiły do Charkowa \n„Atak był zmasowany.”\n\n  Szojgu milczy. wciąż\nKoniec"
    sentences, tokens = segment(text)
    assert [s.text for s in sentences] == ["Pociski KN-23 trafiły do Charkowa", "„Atak był zmasowany.”",
                                           "Szojgu milczy. wciąż", "Koniec"]
    doc = Document.create(text)
    doc.sentences, doc.tokens = sentences, tokens
    got = [[t.text for t in tokens[i:j]] for _s, i, j in sentence_token_ranges(doc)]
    assert got[1] == ["„", "Atak", "był", "zmasowany", ".", "”"]
    assert sum(len(g) for g in got) == len(tokens)


def test_segment_new_token_is_the_same_token_as_the_constructor():
    import dataclasses

    import pytest

    from kronika.language.segment import new_token
    from kronika.model import Token

    full = new_token(3, 8, "Korei", "Korea", "subst:sg:gen:f", "nazwa_geograficzna")
    assert full == Token(3, 8, "Korei", "Korea", "subst:sg:gen:f", "nazwa_geograficzna")
    assert hash(new_token(0, 3, "Kim")) == hash(Token(0, 3, "Kim"))
    assert new_token(0, 3, "Kim").lemma is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        full.text = "Korea"  # still frozen


@pytest.mark.parametrize(("text", "words"), [
    ("ok. 5", ["ok.", "5"]),
    ("ok..", ["ok.", "."]),  # the second period stays a token
    ("J. Kowalski i K.", ["J.", "Kowalski", "i", "K."]),
    ("j. kowalski", ["j", ".", "kowalski"]),  # a lower-case letter is no initial
    ("m.in. tys.. r .", ["m.in.", "tys.", ".", "r", "."]),  # "r ." is apart: nothing to glue
    (". ok.", [".", "ok."]),
    ("", []),
])
def test_segment_periods_glue_onto_abbreviations_and_initials(text, words):
    starts, ends, got = token_spans(text)
    assert got == words
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == words


def test_segment_run_on_text_is_cut_into_bounded_sentences():
    # No sentence mark in 1,000 words (a table, a shouted headline): sentences of at most
    # MAX_SENTENCE_TOKENS tokens, in order, covering every token.
    from kronika.language.segment import MAX_SENTENCE_TOKENS

    text = " ".join(["KOREA", "WYSŁAŁA", "ŻOŁNIERZY"] * 334)
    sentences, tokens = segment(text)
    assert len(sentences) == -(-len(tokens) // MAX_SENTENCE_TOKENS)
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
    starts = [t.start for t in tokens]
    for s in sentences:
        assert s.text == text[s.start:s.end]
        assert sum(s.start <= x < s.end for x in starts) <= MAX_SENTENCE_TOKENS


def test_segment_lookups_by_bisection_agree_with_the_one_pass_walks():
    from kronika.language.segment import (
        SentenceItems,
        segment,
        sentence_token_ranges,
        sentences_holding,
        token_range,
    )
    from kronika.model import Document, Mention

    text = "\nPociski KN-23 trafiły do Charkowa \n„Atak był zmasowany.”\n\n  Szojgu milczy. wciąż\nKoniec"
    doc = Document.create(text)
    doc.sentences, doc.tokens = segment(text)
    ranges = list(sentence_token_ranges(doc))
    assert [token_range(doc.tokens, s) for s, _, _ in ranges] == [(i, j) for _, i, j in ranges]
    # Every token lies in the sentence holding it; a sentence is named once however many it holds.
    assert sentences_holding(doc.sentences, doc.tokens, range(len(doc.tokens))) == list(range(len(ranges)))
    last = len(doc.tokens) - 1
    assert sentences_holding(doc.sentences, doc.tokens, [0, 1, last]) == [0, len(ranges) - 1]

    def mention(word: str, length: int | None = None) -> Mention:
        start = text.index(word)
        end = start + (length or len(word))
        return Mention(start, end, text[start:end], "LOC", text[start:end])

    # Unsorted, one crossing a sentence boundary (in no sentence), two in the same sentence.
    mentions = [mention("Szojgu"), mention("Charkowa", 20), mention("KN-23"), mention("Pociski"), mention("Koniec")]
    # The plain definition: the items starting in a sentence and ending inside it, by start.
    groups = [sorted((m for m in mentions if s.start <= m.start and m.end <= s.end), key=lambda m: m.start)
              for s in doc.sentences]
    assert [[m.text for m in g] for g in groups] == [["Pociski", "KN-23"], [], ["Szojgu"], ["Koniec"]]
    items_in = SentenceItems(mentions)
    assert [items_in(s) for s in doc.sentences] == groups
