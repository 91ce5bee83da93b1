"""parse_number: Polish digits, number words in every case, scales, multipliers; None for non-numbers."""

from __future__ import annotations

import pytest

from kronika.facts.number_words import split_combining
from kronika.facts.numbers import digits_value, join_digit_groups, multiplier_value, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("1,5 mln", 1_500_000), ("pięciu tysięcy", 5000), ("półtora", 1.5), ("10 000", 10000),
    ("10\u00a0000", 10000), ("10\u202f000", 10000), ("10.000", 10000), ("2 mld", 2e9), ("11 tys.", 11000),
    ("tysiąc", 1000), ("dwóch", 2), ("dwustu", 200), ("dwieście pięćdziesiąt trzy", 253),
    ("trzy miliony dwieście tysięcy", 3_200_000), ("półtorej", 1.5), ("pół miliona", 500_000),
    ("pięćdziesięciu dwóch przecinek dziewięciu", 52.9), ("zero przecinek zero pięć", 0.05),
    ("tysiąc dziewięćset osiemdziesiątym", None), ("czterokrotnie", 4), ("7-krotnie", 7),
    ("dwukrotnie", 2), ("jedenastu", 11), ("czterdziestoma", 40), ("1 234 567", 1_234_567),
])
def test_numbers_parse_number_values(text, value):
    got = parse_number(text)
    assert (got is None and value is None) or got == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "1,5,6", "tysiące", "miliony", "kilkanaście", "kilkuset", "co najmniej", "", "mln",
    "pięćset dwadzieścia pięćdziesiąt", "trzeci", "Su-27", "9" * 5000, "1" * 40,
])
def test_numbers_parse_number_rejects(text):
    assert parse_number(text) is None


def test_numbers_digits_value_formats():
    assert digits_value("1,5") == 1.5
    assert digits_value("4.8") == 4.8
    assert digits_value("1,5,6") is None
    assert digits_value("12a") is None


def test_numbers_join_digit_groups_keeps_lists():
    assert join_digit_groups("10 000 żołnierzy") == "10000 żołnierzy"
    assert join_digit_groups("1,5,6") == "1,5,6"


def test_numbers_multipliers_and_compounds():
    assert multiplier_value("półtorakrotnie") == 1.5
    assert multiplier_value("stukrotnie") == 100
    assert multiplier_value("krotnie") is None
    assert split_combining("dwudziestoczterobitowy") == (24, "bitowy")
    assert split_combining("pięćdziesięciometrowy") == (50, "metrowy")


@pytest.mark.parametrize("raw", ["5", "2024", "10000", "007", "1,5", "10.000", "70.000,00", "3.14", "٣"])
def test_numbers_digits_alone_parse_as_their_digits_value(raw):
    # The quantities stage takes digits_value for a number written in digits alone, not parse_number.
    assert parse_number(raw) == digits_value(raw) is not None
