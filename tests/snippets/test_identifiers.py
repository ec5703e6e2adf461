import random

from django.core.exceptions import ValidationError

import pytest

from snippets import identifiers

# Numbers printed in public examples and documentation; each checked against the
# algorithm by hand (weights 6,5,7,2,3,4,5,6,7 for NIP; 8,9,2,3,4,5,6,7 and
# 2,4,8,5,0,9,7,3,6,1,2,4,8 for REGON), not only by the code under test.
VALID_NIPS = ["5252248481", "1234563218", "525-224-84-81", "PL 525 224 84 81", "7251801126"]
VALID_REGONS = ["123456785", "12345678512347", "000331501", "732065814"]


@pytest.mark.parametrize("number", VALID_NIPS)
def test_valid_nips_pass(number):
    identifiers.validate_nip(number)


@pytest.mark.parametrize("number", VALID_REGONS)
def test_valid_regons_pass(number):
    identifiers.validate_regon(number)


def test_nip_check_digit_by_hand():
    # 5*6 + 2*5 + 5*7 + 2*2 + 2*3 + 4*4 + 8*5 + 4*6 + 8*7 = 221; 221 % 11 = 1
    assert identifiers.nip_check_digit("525224848") == 1


def test_regon_check_digits_by_hand():
    # 1*8 + 2*9 + 3*2 + 4*3 + 5*4 + 6*5 + 7*6 + 8*7 = 192; 192 % 11 = 5
    assert identifiers.regon9_check_digit("12345678") == 5
    # 2+8+24+20+0+54+49+24+30+1+4+12+32 = 260; 260 % 11 = 7
    assert identifiers.regon14_check_digit("1234567851234") == 7


def test_regon_remainder_ten_gives_zero():
    # Find eight digits whose weighted sum leaves 10: the check digit must then be 0.
    base = next(
        f"{n:08d}"
        for n in range(10_000, 100_000)
        if identifiers._checksum(f"{n:08d}", identifiers.REGON9_WEIGHTS) == 10
    )
    assert identifiers.regon9_check_digit(base) == 0
    identifiers.validate_regon(base + "0")


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("5252248480", "cyfrę kontrolną"),
        ("5252248482", "cyfrę kontrolną"),
        ("525224848", "10 cyfr, a wpisany numer ma ich 9"),
        ("52522484811", "ma ich 11"),
        ("52522484a1", "tylko cyfry"),
        ("0000000000", "samych zer"),
    ],
)
def test_invalid_nips_say_why(number, fragment):
    with pytest.raises(ValidationError) as caught:
        identifiers.validate_nip(number)
    message = caught.value.messages[0]
    assert message.startswith("NIP")
    assert fragment in message


def test_nip_whose_sum_gives_ten_is_refused():
    first = next(
        f"1{n:08d}" for n in range(10**6) if identifiers.nip_check_digit(f"1{n:08d}") is None
    )
    for last in "0123456789":
        assert "nie da się wyliczyć" in identifiers.nip_error(first + last)


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("123456784", "cyfrę kontrolną (ostatnią)"),
        ("12345678512346", "cyfrę kontrolną (ostatnią)"),
        ("12345678412347", "jednostki macierzystej"),
        ("1234567851", "9 albo 14 cyfr"),
        ("000000000", "samych zer"),
    ],
)
def test_invalid_regons_say_why(number, fragment):
    with pytest.raises(ValidationError) as caught:
        identifiers.validate_regon(number)
    assert caught.value.messages[0].startswith("REGON")
    assert fragment in caught.value.messages[0]


@pytest.mark.parametrize("number", ["0000012345", "0000 012 345", "0000-012-345"])
def test_valid_krs(number):
    identifiers.validate_krs(number)


@pytest.mark.parametrize(
    ("number", "fragment"),
    [("12345", "10 cyfr"), ("00000123456", "ma ich 11"), ("KRS0000012", "tylko cyfry")],
)
def test_invalid_krs(number, fragment):
    with pytest.raises(ValidationError) as caught:
        identifiers.validate_krs(number)
    assert caught.value.messages[0].startswith("Numer KRS")
    assert fragment in caught.value.messages[0]


def test_generated_numbers_are_valid():
    rng = random.Random(1)
    for _ in range(200):
        assert identifiers.nip_error(identifiers.random_nip(rng)) == ""
        assert identifiers.regon_error(identifiers.random_regon(rng)) == ""
        assert identifiers.regon_error(identifiers.random_regon(rng, 14)) == ""
        assert identifiers.krs_error(identifiers.random_krs(rng)) == ""


def test_a_single_wrong_digit_is_always_caught():
    """A typo in one digit of a valid NIP or REGON-9 always breaks the check digit."""
    for valid, error in (
        ("5252248481", identifiers.nip_error),
        ("123456785", identifiers.regon_error),
    ):
        for position in range(len(valid)):
            for digit in "0123456789":
                if digit == valid[position]:
                    continue
                typo = valid[:position] + digit + valid[position + 1 :]
                assert error(typo), typo
