import pytest

from kronika.model import Document, Mention, OffsetError, Source, Token, make_doc_id


def test_document_check_accepts_matching_offsets():
    doc = Document.create("Kim Dzong Un odwiedził Rosję.")
    doc.tokens = [Token(0, 3, "Kim"), Token(23, 28, "Rosję")]
    doc.check()


@pytest.mark.parametrize("start,end,text", [(0, 3, "Kin"), (-1, 2, "Ki"), (25, 99, "ję."), (5, 3, "")])
def test_document_check_rejects_bad_offsets(start, end, text):
    doc = Document.create("Kim Dzong Un odwiedził Rosję.")
    doc.mentions = [Mention(start, end, text, "PER", "Kim")]
    with pytest.raises(OffsetError, match="mentions\\[0\\]"):
        doc.check()


def test_document_id_is_content_hash():
    a = Document.create("Tekst artykułu.", source=Source(url="https://example.org/a"))
    b = Document.create("Tekst artykułu.", source=Source(url="https://example.org/a", outlet="X"))
    c = Document.create("Tekst artykułu!", source=Source(url="https://example.org/a"))
    assert a.id == b.id == make_doc_id("Tekst artykułu.", "https://example.org/a")
    assert a.id != c.id


def test_document_language_tags_become_their_primary_code():
    # Every way in goes through Document.create: a record's "PL" or "pl-PL" is Polish to every stage.
    from kronika.model import Document, language_code

    assert [language_code(x) for x in ("pl", "PL", "pl-PL", " pl_PL ", "en-GB", "", None)] == \
        ["pl", "pl", "pl", "pl", "en", "pl", "pl"]
    assert Document.create("Tekst.", lang="en-GB").lang == "en"
