"""HTML pages → main text and metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.errors import InputError
from kronika.ingest import read_path
from kronika.ingest.html import extract_page, html_to_text

PAGE = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">
<title>Szojgu w Pjongjangu | Gazeta Próbna</title>
<meta property="og:site_name" content="Gazeta Próbna">
<meta property="og:url" content="https://gazeta-probna.example.pl/swiat/szojgu">
<meta property="article:published_time" content="2025-03-21T18:00:00+01:00">
</head><body>
<nav><a href="/">Strona główna</a> <a href="/swiat">Świat</a> <a href="/prenumerata">Prenumerata</a></nav>
<article><h1>Szojgu w Pjongjangu</h1>
<p>Sekretarz rosyjskiej Rady Bezpieczeństwa spotkał się w piątek z Kim Dzong Unem, informuje agencja KCNA.</p>
<p>Rozmowy dotyczyły bezpieczeństwa i wykonania traktatu o partnerstwie strategicznym z czerwca ubiegłego roku.</p>
</article>
<footer>Wszelkie prawa zastrzeżone. Polityka prywatności.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "szojgu.html"
    f.write_text(PAGE, encoding="utf-8")
    [doc] = read_path(str(f))
    assert "spotkał się w piątek z Kim Dzong Unem" in doc.text
    assert "Prenumerata" not in doc.text and "prawa zastrzeżone" not in doc.text
    assert doc.source.title == "Szojgu w Pjongjangu"
    assert doc.source.url == "https://gazeta-probna.example.pl/swiat/szojgu"
    assert doc.source.published == "2025-03-21"
    assert doc.source.outlet == "Gazeta Próbna"
    assert doc.lang == "pl" and doc.source.path == str(f)
    doc.check()


def test_html_cp1250_page_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "stara.htm"
    f.write_bytes(PAGE.replace("utf-8", "windows-1250").encode("cp1250"))
    [doc] = read_path(str(f))
    assert "Sekretarz rosyjskiej Rady Bezpieczeństwa" in doc.text


@pytest.mark.parametrize(
    "html",
    ["<html><head><title>Pusta</title></head><body><nav><a href='/'>Start</a></nav></body></html>",
     "<html><body><div><p>",
     "<<<>>> </ ///"],
    ids=["no-article", "truncated-markup", "garbage"],
)
def test_html_without_text_is_an_input_error(tmp_path: Path, html: str) -> None:
    f = tmp_path / "zla.html"
    f.write_text(html, encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(read_path(str(f)))
    assert err.value.path == str(f)


def test_html_extract_page_error_names_path() -> None:
    with pytest.raises(InputError, match="no article text"):
        extract_page("<html><body></body></html>", "strona.html")


def test_html_to_text_keeps_paragraphs_and_drops_tags() -> None:
    frag = "<p>Kim Dzong Un <b>przyjął</b> Szojgu.</p><script>x()</script><p>Rozmowy&nbsp;trwały dwa dni.</p>"
    assert html_to_text(frag) == "Kim Dzong Un przyjął Szojgu.\nRozmowy trwały dwa dni."
