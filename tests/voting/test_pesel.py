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


def test_born_on_29_february_comes_of_age_on_28_february_in_a_common_year():
    # Art. 112 of the civil code: the age is reached at the start of the birthday, which in
    # a common year is the last day of February.
    person = parse(pesel(date(2008, 2, 29)))
    assert person.age_on(date(2025, 2, 27)) == 16
    assert person.age_on(date(2025, 2, 28)) == 17
    assert person.age_on(date(2028, 2, 28)) == 19
    assert person.age_on(date(2028, 2, 29)) == 20


@pytest.mark.parametrize("month", ["00", "13", "20", "33", "93"])
def test_impossible_month_refused(month):
    first_ten = f"80{month}150123"
    with pytest.raises(InvalidPesel, match=r"niemożliwy miesiąc|niemożliwa data"):
        parse(first_ten + str(check_digit(first_ten)))


@pytest.mark.parametrize(
    ("month", "year"), [("85", 1880), ("05", 1980), ("25", 2080), ("45", 2180), ("65", 2280)]
)
def test_century_from_month(month, year):
    first_ten = f"80{month}150123"
    assert parse(first_ten + str(check_digit(first_ten))).birth_date == date(year, 5, 15)
