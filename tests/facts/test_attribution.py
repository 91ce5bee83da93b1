from __future__ import annotations

import pytest

from kronika.model import Document
from kronika.pipeline import build_pipeline, process

CASES = [
    ("Według agencji Yonhap Korea Północna wyśle do Rosji saperów.", "Według agencji Yonhap", "Yonhap"),
    ("Korea wyśle saperów – podała agencja Yonhap.", "podała agencja Yonhap", "Yonhap"),
    ("Ukraiński wywiad informuje, że zginęło 200 żołnierzy.", "Ukraiński wywiad informuje", "ukraiński wywiad"),
    ("Szojgu oświadczył, że decyzję podjął Kim Dzong Un.", "Szojgu oświadczył", "Szojgu"),
    ("Jak podaje portal Daily NK, Komisja wydała rozkaz.", "Jak podaje portal Daily NK", "Daily NK"),
    ("Zdaniem ekspertów pociski były przeterminowane.", "Zdaniem ekspertów", "ekspert"),
    ("Wg Bilda fabryka powstaje w pośpiechu.", "Wg Bilda", "Bild"),
]


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(["segment", "morphology", "mentions", "link", "attribution"])


@pytest.mark.parametrize("text,cue,source", CASES)
def test_attribution_cues(text, cue, source, pipeline):
    doc = process(pipeline, Document.create(text)).doc
    assert [a.text for a in doc.attributions] == [cue]
    assert source in doc.attributions[0].source_name


def test_attribution_resolves_entity(pipeline):
    doc = process(pipeline, Document.create("Według agencji Yonhap do Rosji trafiły pociski.")).doc
    assert doc.attributions[0].source_entity_id


@pytest.mark.parametrize("text", ["Korea przekazała Rosji pociski.", "Putin podał rękę Kimowi."])
def test_attribution_transfer_verbs_are_not_cues(text, pipeline):
    assert process(pipeline, Document.create(text)).doc.attributions == []


NAMES = [
    # An institution is the source; the country after it is its genitive complement.
    ("Według wywiadu Korei Południowej Pjongjang wysłał saperów.", "wywiad Korei Południowej"),
    ("Rosja nie pomaga Pjongjangowi, zapewnił rzecznik Kremla.", "rzecznik Kremla"),
    # An acronym keeps its letters.
    ("Według KCNA przywódca odwiedził fabrykę.", "KCNA"),
    # A plural group takes no name after it: the name starts the reported clause.
    ("Według rosyjskich mediów Szojgu przybył do Pjongjangu.", "rosyjski media"),
    # A preposition before the phrase is not part of the source.
    ("Z kolei ukraiński wywiad informuje, że Rosja pomaga Korei.", "ukraiński wywiad"),
    # The head noun goes to its base form, its complement stays as written.
    ("Według brytyjskiego resortu obrony zginęło 6 tys. żołnierzy.", "brytyjski resort obrony"),
]


@pytest.mark.parametrize("text,name", NAMES)
def test_attribution_source_names(text, name, pipeline):
    doc = process(pipeline, Document.create(text)).doc
    assert [a.source_name for a in doc.attributions] == [name]


def test_attribution_reads_only_sentences_with_a_cue_word_but_finds_every_cue(pipeline):
    # The stage skips sentences without a cue's first word (any letter case): cues in the second and
    # fourth sentence, one of them upper-case, are still found, each with its own sentence's source.
    text = ("Korea wysłała saperów do Rosji. WEDŁUG agencji Yonhap było ich tysiąc. Pociski trafiły na front. "
            "Szojgu oświadczył, że decyzję podjął Kim Dzong Un.")
    doc = process(pipeline, Document.create(text)).doc
    assert [(a.text, a.source_name) for a in doc.attributions] == [
        ("WEDŁUG agencji Yonhap", "Yonhap"), ("Szojgu oświadczył", "Szojgu")]
