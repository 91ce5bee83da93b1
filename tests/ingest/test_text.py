"""Text headers: the seed date line and the BSNLP raw header."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kronika.ingest import read_path
from kronika.ingest.text import parse_text


def test_text_seed_date_header_on_the_same_line() -> None:
    parsed = parse_text(" date 2024-10 Kim Dzong Un przyjął w Pjongjangu rosyjską delegację.")
    assert parsed.published == "2024-10"
    assert parsed.text == "Kim Dzong Un przyjął w Pjongjangu rosyjską delegację."


def test_text_date_header_on_its_own_line_with_headline() -> None:
    parsed = parse_text(" date 2025-06-18\nSaperzy jadą do Rosji\n\nPjongjang wyśle tysiąc saperów.")
    assert parsed.published == "2025-06-18"
    assert parsed.title == "Saperzy jadą do Rosji"
    assert parsed.text.startswith("Saperzy jadą do Rosji\n\nPjongjang")


def test_text_without_header_is_unchanged() -> None:
    text = "Data 2024-10 pojawia się dopiero w środku zdania."
    assert parse_text(text).text == text and parse_text(text).published is None


@pytest.mark.parametrize(
    ("date_line", "lang_line", "published", "lang"),
    [
        ("2018-01-12", "pl", "2018-01-12", "pl"),
        ("2016-11-04T12:53:08+01:00", "pl", "2016-11-04", "pl"),
        ("", "cz", None, "cs"),
        ("1481202661", "ua", "2016-12-08", "uk"),
        ("1970-01-01", "bg", None, "bg"),
    ],
)
def test_text_bsnlp_header(date_line: str, lang_line: str, published: str | None, lang: str) -> None:
    text = f"pl-7\n{lang_line}\n{date_line}\nhttp://example.pl/a\nTytuł z Kim Dzong Unem\n\nTreść artykułu."
    parsed = parse_text(text)
    assert (parsed.external_id, parsed.lang, parsed.published) == ("pl-7", lang, published)
    assert parsed.url == "http://example.pl/a"
    assert parsed.title == "Tytuł z Kim Dzong Unem"
    assert parsed.text.startswith("Tytuł z Kim Dzong Unem\n")


def test_text_bsnlp_bom_and_crlf_file(tmp_path: Path) -> None:
    raw = "11\r\npl\r\n\r\nhttp://example.pl/ke\r\nKomisja wzywa Polskę\r\nTreść o Komisji Europejskiej.\r\n"
    f = tmp_path / "file_11_pl.txt"
    f.write_bytes(codecs.BOM_UTF8 + raw.encode())
    [doc] = read_path(str(f))
    assert doc.source.external_id == "11"
    assert doc.text == "Komisja wzywa Polskę\nTreść o Komisji Europejskiej."
    assert "\r" not in doc.text and doc.lang == "pl"


@pytest.mark.shared
def test_text_bsnlp_shared_raw_file(shared_dir: Path) -> None:
    f = shared_dir / "data" / "bsnlp" / "brexit" / "raw" / "pl" / "brexit_pl.txt_file_10.txt"
    if not f.exists():
        pytest.skip(f"{f} not found")
    lines = f.read_text(encoding="utf-8-sig").splitlines()
    [doc] = read_path(str(f))
    assert doc.source.external_id == lines[0].strip()
    assert doc.source.published == lines[2].strip()
    assert doc.source.url == lines[3].strip()
    assert doc.source.title == lines[4].strip()
    assert doc.text.startswith(lines[4].strip())
    assert doc.lang == "pl" and doc.source.path == str(f)


@pytest.mark.shared
def test_text_first_seed_published_month(seeds_dir: Path) -> None:
    first = sorted(seeds_dir.glob("*.txt"))[0]
    [doc] = read_path(str(first))
    assert doc.source.published == "2024-10"
    assert not doc.text.startswith((" ", "date"))
    assert doc.lang == "pl"
    doc.check()


def test_text_outlet_and_url_header_lines():
    from kronika.ingest.text import parse_text

    parsed = parse_text(" date 2025-06-18\n outlet Kurier Wschodni\n url https://kurier.example.pl/a\n"
                        "Saperzy jadą do Rosji\n\nKorea Północna wyśle tysiąc saperów.")
    assert (parsed.published, parsed.outlet, parsed.url) == ("2025-06-18", "Kurier Wschodni",
                                                             "https://kurier.example.pl/a")
    assert parsed.text.startswith("Saperzy jadą") and parsed.title == "Saperzy jadą do Rosji"
    # A text that merely starts with the word is not a header.
    assert parse_text("outlet to słowo, a nie nagłówek").outlet is None
