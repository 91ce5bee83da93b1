"""Offline language identification restricted to our languages."""

from __future__ import annotations

import pytest

from kronika.ingest.langid import DEFAULT_LANG, detect_lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Północnokoreańscy żołnierze trafili jesienią do obwodu kurskiego.", "pl"),
        ("North Korean soldiers were sent to the Kursk region in the autumn.", "en"),
        ("Северокорейские военные прибыли в Курскую область осенью.", "ru"),
        ("Північнокорейські військові прибули до Курської області восени.", "uk"),
    ],
)
def test_langid_detects_our_languages(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_langid_no_letters_gives_default() -> None:
    assert detect_lang("2024-06-19 12:00 — 152") == DEFAULT_LANG
