"""Exact duplicates collapse; near-duplicates are flagged with the first copy's id."""

from __future__ import annotations

from kronika.ingest.dedup import Deduplicator, Verdict
from kronika.model import Document, Source

# Our own text, long enough for word-trigram MinHash to be meaningful.
STORY = (
    "Sekretarz Rady Bezpieczeństwa Rosji Siergiej Szojgu przyleciał we wtorek do Pjongjangu i spotkał się "
    "z Kim Dzong Unem. Po rozmowach ogłosił, że Korea Północna wyśle do obwodu kurskiego tysiąc saperów "
    "oraz pięć tysięcy budowniczych wojskowych. Saperzy mają oczyścić z min tereny przygraniczne, a "
    "budowniczowie odbudować zniszczone drogi i mosty. Była to druga wizyta Szojgu w Korei Północnej w "
    "ciągu dwóch tygodni. Seul uznał tę decyzję za naruszenie rezolucji Rady Bezpieczeństwa ONZ."
)
OTHER = (
    "Władimir Putin i Kim Dzong Un spotkali się na kosmodromie Wostocznyj w obwodzie amurskim. Rozmowy "
    "dotyczyły współpracy wojskowej i budowy satelitów, a Kim zaprosił rosyjskiego prezydenta do Pjongjangu."
)


def _doc(text: str, url: str | None = None) -> Document:
    return Document.create(text, source=Source(url=url))


def test_dedup_exact_same_id_and_same_words() -> None:
    d = Deduplicator(0.8)
    assert d.check(_doc(STORY)) is Verdict.NEW
    assert d.check(_doc(STORY)) is Verdict.EXACT  # same id
    assert d.check(_doc(STORY.upper().replace(". ", ".\n\n"), url="https://inny.example.pl/x")) is Verdict.EXACT


def test_dedup_near_duplicate_points_at_the_first_copy() -> None:
    d = Deduplicator(0.8)
    first = _doc(STORY, url="https://a.example.pl/1")
    assert d.check(first) is Verdict.NEW
    assert d.check(_doc(OTHER)) is Verdict.NEW
    near = _doc(STORY + " Więcej informacji wkrótce.", url="https://b.example.pl/2")
    assert d.check(near) is Verdict.NEAR
    assert near.duplicate_of == first.id
    nearer = _doc(STORY + " Aktualizacja o godzinie 14.", url="https://c.example.pl/3")
    assert d.check(nearer) is Verdict.NEAR and nearer.duplicate_of == first.id


def test_dedup_different_stories_are_not_flagged() -> None:
    d = Deduplicator(0.8)
    a, b = _doc(STORY), _doc(OTHER)
    assert d.check(a) is Verdict.NEW and d.check(b) is Verdict.NEW
    assert a.duplicate_of is None and b.duplicate_of is None


def test_dedup_threshold_from_settings_matters() -> None:
    half = " ".join(STORY.split()[: len(STORY.split()) // 2])
    strict, loose = Deduplicator(0.9), Deduplicator(0.3)
    for d in (strict, loose):
        d.check(_doc(STORY))
    assert strict.check(_doc(half)) is Verdict.NEW
    assert loose.check(_doc(half)) is Verdict.NEAR
