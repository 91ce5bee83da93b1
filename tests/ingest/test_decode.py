"""Bytes → text: encodings, bad input, normalisation."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kronika.errors import InputError
from kronika.ingest.decode import decode_bytes, normalize_text, read_bytes

# Our own sentence; ś, ź, ą and Ś are where cp1250 and ISO-8859-2 differ.
POLISH = "Świeże źródła: żołnierze z Korei Północnej ściągnęli do obwodu kurskiego, ąę ćń óź."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250", "iso-8859-2", "utf-16"])
def test_decode_each_encoding(encoding: str) -> None:
    assert decode_bytes(POLISH.encode(encoding), "a.txt") == POLISH


def test_decode_cp1250_and_iso_differ_and_both_win_on_their_own_bytes() -> None:
    cp, iso = POLISH.encode("cp1250"), POLISH.encode("iso-8859-2")
    assert cp != iso
    assert decode_bytes(cp, "a.txt") == decode_bytes(iso, "b.txt") == POLISH


def test_decode_bom_is_removed() -> None:
    text = decode_bytes(codecs.BOM_UTF8 + b"pl-10\nKim", "a.txt")
    assert text == "pl-10\nKim"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (b"Kim\x00Dzong\x00Un", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        ("Żołnierze z Korei".encode()[:-1] + "ż".encode()[:1], "cut off"),
    ],
    ids=["empty", "blank", "nul", "png", "jpeg", "truncated-utf8"],
)
def test_decode_bad_input_names_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data, "zly.txt")
    assert err.value.path == "zly.txt"
    assert reason in str(err.value)


def test_decode_truncated_utf8_gives_byte_offset_not_cp1250() -> None:
    data = "Północnokoreańscy saperzy".encode() + "ś".encode()[:1]
    with pytest.raises(InputError) as err:
        decode_bytes(data, "a.txt")
    assert err.value.where == f"byte {len(data) - 1}"


def test_decode_damaged_utf8_is_an_error_not_mojibake() -> None:
    data = "Szojgu przyleciał do Pjongjangu, żeby omówić współpracę.".encode().replace(b"\xc5\x82", b"\xb3", 1)
    with pytest.raises(InputError) as err:
        decode_bytes(data, "a.txt")
    assert "UTF-8" in err.value.reason and err.value.where is not None


def test_read_bytes_refuses_files_over_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: the size is there without writing the bytes
        fh.truncate(60 * 1024 * 1024)
    with pytest.raises(InputError) as err:
        read_bytes(str(big), 50 * 1024 * 1024)
    assert err.value.path == str(big) and "cap" in err.value.reason


def test_read_bytes_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_bytes(str(tmp_path / "nie-ma.txt"), 100)


def test_normalize_text_newlines_nfc_trailing_spaces() -> None:
    raw = "\ufeffKore\u0301a  \r\nPo\u0301łnocna\t\rKim \n\n"
    assert normalize_text(raw) == "Koréa\nPółnocna\nKim"


def test_normalize_text_is_idempotent() -> None:
    once = normalize_text(" date 2024-10 Tekst  \r\n\r\nDalej ")
    assert normalize_text(once) == once


def test_decode_random_bytes_without_nul_are_binary() -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.choice([b for b in range(1, 256)]) for _ in range(4000))
    with pytest.raises(InputError, match="control bytes"):
        decode_bytes(data, "szum.txt")


def test_decode_ascii_file_cut_inside_utf8_character_is_truncated():
    import pytest as _pytest

    from kronika.errors import InputError
    from kronika.ingest.decode import decode_bytes

    with _pytest.raises(InputError, match="cut off"):
        decode_bytes(b"Zdanie urwane w po\xc5", "x.txt")
    assert decode_bytes("Ala ma kota i się".encode("cp1250"), "y.txt").endswith("się")
