"""Full-text search over both backends: inflected queries, AND of words, ranking, snippets, odd queries."""

from __future__ import annotations

import pytest

from kronika.store import open_store
from kronika.store.search import INDEX_LEMMAS_KEY, index_lemmas, make_snippet, query_terms


@pytest.fixture
def corpus(make_doc):
    return [
        make_doc("Żołnierze Korei Północnej trafili na front w obwodzie kurskim. Tak twierdzi wywiad.",
                 published="2024-11-02", url="https://example.org/kursk", title="Front kurski"),
        make_doc("Kim Dzong Un spotkał się w Moskwie z prezydentem Rosji. Rozmawiano o dostawach amunicji.",
                 published="2024-06-19", url="https://example.org/moskwa", title="Wizyta w Moskwie"),
        make_doc("Pociski balistyczne z Korei trafiły do rosyjskich magazynów, podaje agencja.",
                 published="2024-01-10", title="Korea i pociski"),
    ]


def test_search_query_terms_lemmatized():
    assert query_terms("Korea Północna") == [{"korea"}, {"północna", "północny"}]
    assert {"korea", "korei"} <= query_terms("Korei")[0]
    assert query_terms("  ,; ") == []


def test_search_inflected_query_finds_other_forms(store_url, corpus):
    with open_store(store_url) as st:
        for doc in corpus:
            st.save(doc)
        hits = st.search("Korea Północna")
        assert [h.doc_id for h in hits] == [corpus[0].id]
        hit = hits[0]
        assert (hit.title, hit.published, hit.url) == ("Front kurski", "2024-11-02", "https://example.org/kursk")
        assert "Korei Północnej" in hit.snippet
        assert [hit.snippet[s:e] for s, e in hit.marks] == ["Korei", "Północnej"]
        # Lemma to surface and the other way: "Moskwa" finds "Moskwie", "dostawy" finds "dostawach".
        assert [h.doc_id for h in st.search("moskwa")] == [corpus[1].id]
        assert [h.doc_id for h in st.search("dostawy amunicja")] == [corpus[1].id]
        assert {h.doc_id for h in st.search("Korea")} == {corpus[0].id, corpus[2].id}
        assert [h.doc_id for h in st.search("ŻOŁNIERZE")] == [corpus[0].id]  # case folds beyond ASCII


def test_search_every_word_must_match(store_url, corpus):
    with open_store(store_url) as st:
        for doc in corpus:
            st.save(doc)
        assert [h.doc_id for h in st.search("Korea pociski")] == [corpus[2].id]
        assert st.search("Korea Moskwa") == []
        assert st.search("słoń") == []


def test_search_title_match_ranks_first(store_url, corpus):
    with open_store(store_url) as st:
        for doc in corpus:
            st.save(doc)
        hits = st.search("pociski")
        assert hits[0].doc_id == corpus[2].id
        hits = st.search("Korea")
        assert hits[0].doc_id == corpus[2].id  # "Korea" in the title outweighs one mention in the body
        assert hits[0].score > hits[1].score


def test_search_limit_and_odd_queries(store_url, corpus):
    with open_store(store_url) as st:
        for doc in corpus:
            st.save(doc)
        assert len(st.search("Korea", limit=1)) == 1
        assert st.search("Korea", limit=0) == []
        for odd in ['Korea" OR *', "NEAR(Korea", "AND", "'; DROP TABLE documents; --", "Korea:*", "-Korea",
                    '""', "!&|"]:
            hits = st.search(odd)
            assert isinstance(hits, list)
        assert st.count_documents() == 3
        assert {h.doc_id for h in st.search("-Korea")} == {corpus[0].id, corpus[2].id}
        # "_" separates words in both backends' parsers; a lone one must not empty the query.
        assert [h.doc_id for h in st.search("Korea _")] == [h.doc_id for h in st.search("Korea")]
        assert st.search("_") == []


def test_search_without_lemmas_matches_surface_only(store_url, make_doc):
    doc = make_doc("Delegacja z Pjongjangu przyleciała do Moskwy.", layers=("segment",))
    bare = make_doc("Rozmowy w Pjongjangu trwały do wieczora.", layers=())
    with open_store(store_url) as st:
        st.save(doc)
        st.save(bare)
        assert {h.doc_id for h in st.search("Pjongjangu")} == {doc.id, bare.id}
        assert st.search("Moskwa") == []  # no lemmas indexed, so only the exact form matches
        assert [h.doc_id for h in st.search("moskwy")] == [doc.id]
        hit = next(h for h in st.search("pjongjangu") if h.doc_id == bare.id)
        assert [hit.snippet[s:e] for s, e in hit.marks] == ["Pjongjangu"]


def test_search_index_follows_resave_and_delete(store_url, make_doc):
    doc = make_doc("Ministrowie omówili wspólne manewry.", title="Manewry")
    with open_store(store_url) as st:
        st.save(doc)
        st.save(doc)
        assert len(st.search("manewry")) == 1
        st.delete(doc.id)
        assert st.search("manewry") == []


def test_search_uses_lemmas_a_worker_computed_and_never_stores_them(store_url, make_doc):
    doc = make_doc("Żołnierze wrócili do Pjongjangu.")
    assert "żołnierz" in index_lemmas(doc).split()
    doc.meta[INDEX_LEMMAS_KEY] = "kontrolny"  # what a worker would ship; the writer must index exactly this
    with open_store(store_url) as st:
        st.save(doc)
        assert [h.doc_id for h in st.search("kontrolny")] == [doc.id]
        assert st.search("żołnierz") == []  # lemmas not recomputed by the writer
        assert INDEX_LEMMAS_KEY not in st.get(doc.id).meta


def test_search_snippet_cut_around_match():
    text = ("Zdanie wstępne bez znaczenia. " * 20) + "Tutaj pada słowo Pjongjang w środku. " + ("Dalszy ciąg. " * 20)
    start = text.index("Pjongjang")
    tokens = [[start, start + len("Pjongjang"), "Pjongjang", "subst", None]]
    snippet, marks = make_snippet(text, tokens, {"pjongjang"})
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 202
    assert [snippet[s:e] for s, e in marks] == ["Pjongjang"]
    assert not snippet[1:].startswith(" ") and "\n" not in snippet
    head, none = make_snippet("Krótki tekst.", [], {"brak"})
    assert (head, none) == ("Krótki tekst.", ())
