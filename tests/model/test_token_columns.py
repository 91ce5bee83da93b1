"""TokenColumns: a token layer kept as columns reads like the list of Tokens it stands for."""

import pickle

import pytest

from kronika.language.segment import segment, tokenize
from kronika.model import Document, OffsetError, Token, TokenColumns, token_columns
from kronika.model.serialize import doc_to_dict
from kronika.store.rows import document_from_rows, document_row

TEXT = "Kim Dzong Un odwiedził Rosję."


def _columns() -> TokenColumns:
    return TokenColumns(TEXT, [0, 4, 10], [3, 9, 12], ["Kim", "Dzong", "Un"], ["subst"] * 3, ["imię"] * 3)


def test_columns_read_like_the_token_list():
    cols = _columns()
    tokens = [Token(0, 3, "Kim", "Kim", "subst", "imię"), Token(4, 9, "Dzong", "Dzong", "subst", "imię"),
              Token(10, 12, "Un", "Un", "subst", "imię")]
    assert len(cols) == 3 and cols[1] == tokens[1] and cols[-1].text == "Un" and cols[:2] == tokens[:2]
    assert list(cols) == tokens and cols == tokens and tokens == cols
    assert cols != tokens[:2]
    assert pickle.loads(pickle.dumps(cols)) == tokens
    assert [list(c) for c in token_columns(cols)] == [list(c) for c in token_columns(tokens)]


def test_columns_of_unequal_length_are_refused():
    with pytest.raises(ValueError, match="differ in length"):
        TokenColumns(TEXT, [0], [3, 9], [None], [None], [None])


def test_segment_columns_equal_tokenize():
    _, cols = segment(TEXT)
    assert isinstance(cols, TokenColumns) and cols == tokenize(TEXT)


def test_check_rejects_columns_outside_the_text():
    doc = Document.create(TEXT)
    doc.tokens = TokenColumns(TEXT, [0, 25], [3, 99], [None] * 2, [None] * 2, [None] * 2)
    with pytest.raises(OffsetError, match="tokens\\[1\\] at 25-99"):
        doc.check()


def test_stored_token_blob_round_trips_as_columns_and_malformed_is_named():
    doc = Document.create(TEXT)
    doc.tokens = list(_columns())
    row = document_row(doc)
    back = document_from_rows(row, {})
    assert isinstance(back.tokens, TokenColumns) and doc_to_dict(back)["tokens"] == doc_to_dict(doc)["tokens"]
    row["layers"]["tokens"][1] = [4, 9, "Dzong"]  # a truncated row
    with pytest.raises(ValueError, match=f"document {doc.id}: its stored token layer is malformed"):
        document_from_rows(row, {})

