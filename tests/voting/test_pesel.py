from datetime import date

import pytest

from tests.factories.voting import pesel
from voting.pesel import InvalidPesel, check_digit, parse


@pytest.mark.parametrize(
    "born", [date(1899, 12, 31), date(1980, 5, 17), date(2004, 2, 29), date(2101, 1, 1)]
)
def test_birth_date_across_centuries(born):
    assert parse(pesel(born)).birth_date == born


def test_known_number():
    # The example PESEL of the Ministry of Digital Affairs' documentation.
    assert parse("44051401359").birth_date == date(1944, 5, 14)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("4405140135", "11 cyfr"),
        ("4405140135x", "11 cyfr"),
        ("44051401358", "cyfra kontrolna"),
        ("٤٤٠٥١٤٠١٣٥٩", "11 cyfr"),  # Arabic-Indic digits are digits to Python, not to PESEL
    ],
)
def test_refused_with_reason(value, reason):
    with pytest.raises(InvalidPesel, match=reason):
        parse(value)


def test_impossible_date_refused():
    first_ten = "0502300123"  # 30 February 1905
    with pytest.raises(InvalidPesel, match="data urodzenia"):
        parse(first_ten + str(check_digit(first_ten)))


def test_age():
    person = parse(pesel(date(2010, 6, 15)))
    assert person.age_on(date(2026, 6, 14)) == 15
    assert person.age_on(date(2026, 6, 15)) == 16
