"""Polish register numbers of organisations: KRS, NIP and REGON, with their check digits.

Each `*_error()` returns the Polish message saying what is wrong with a normalised
number, or "" when it is valid; the `validate_*` validators raise it. `normalise()`
drops the spaces and dashes people type ("525-22-48-481", "000 012 34 56").
"""

import random
import re

from django.core.exceptions import ValidationError

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—.]+")


def normalise(value) -> str:
    """The number without spaces, dashes or dots; '' for None."""
    if value is None:
        return ""
    return _SEPARATORS.sub("", str(value)).strip()


def normalise_nip(value) -> str:
    """A NIP without separators and without the EU VAT prefix 'PL'."""
    number = normalise(value)
    if number[:2].upper() == "PL":
        number = number[2:]
    return number


def _checksum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=False)) % 11


def nip_check_digit(first_nine: str) -> int | None:
    """The tenth digit of a NIP, or None when the sum gives 10 (no NIP has such digits)."""
    check = _checksum(first_nine, NIP_WEIGHTS)
    return None if check == 10 else check


def regon9_check_digit(first_eight: str) -> int:
    return _checksum(first_eight, REGON9_WEIGHTS) % 10  # a remainder of 10 gives 0


def regon14_check_digit(first_thirteen: str) -> int:
    return _checksum(first_thirteen, REGON14_WEIGHTS) % 10


def _format_error(label: str, number: str, lengths: tuple[int, ...]) -> str:
    expected = " albo ".join(str(length) for length in lengths)
    if not number.isdigit():
        return (
            f"{label} może zawierać tylko cyfry (dopuszczalne są spacje i myślniki między "
            f"nimi); wpisano „{number}”."
        )
    if len(number) not in lengths:
        return f"{label} musi mieć {expected} cyfr, a wpisany numer ma ich {len(number)}."
    if set(number) == {"0"}:
        return f"{label} nie może składać się z samych zer."
    return ""


def krs_error(number: str) -> str:
    """KRS numbers have ten digits and no check digit."""
    return _format_error("Numer KRS", number, (10,))


def nip_error(number: str) -> str:
    problem = _format_error("NIP", number, (10,))
    if problem:
        return problem
    expected = nip_check_digit(number[:9])
    if expected is None:
        return (
            "NIP jest błędny: z jego pierwszych dziewięciu cyfr nie da się wyliczyć cyfry "
            "kontrolnej – sprawdź, czy nie ma literówki."
        )
    if expected != int(number[9]):
        return "NIP ma błędną cyfrę kontrolną (ostatnią) – sprawdź, czy nie ma literówki."
    return ""


def regon_error(number: str) -> str:
    problem = _format_error("REGON", number, (9, 14))
    if problem:
        return problem
    if regon9_check_digit(number[:8]) != int(number[8]):
        if len(number) == 9:
            return "REGON ma błędną cyfrę kontrolną (ostatnią) – sprawdź, czy nie ma literówki."
        return (
            "REGON 14-cyfrowy zaczyna się od 9-cyfrowego REGON-u jednostki macierzystej, "
            "a ten ma błędną cyfrę kontrolną (dziewiątą) – sprawdź, czy nie ma literówki."
        )
    if len(number) == 14 and regon14_check_digit(number[:13]) != int(number[13]):
        return "REGON ma błędną cyfrę kontrolną (ostatnią) – sprawdź, czy nie ma literówki."
    return ""


def validate_krs(value) -> None:
    if message := krs_error(normalise(value)):
        raise ValidationError(message, code="invalid_krs")


def validate_nip(value) -> None:
    if message := nip_error(normalise_nip(value)):
        raise ValidationError(message, code="invalid_nip")


def validate_regon(value) -> None:
    if message := regon_error(normalise(value)):
        raise ValidationError(message, code="invalid_regon")


# Valid numbers for sample content, benchmarks and tests (never real organisations' ones
# on purpose: they are drawn, and the caller marks what it builds as an example).


def random_krs(rng: random.Random) -> str:
    return f"{rng.randrange(1, 10**10):010d}"


def random_nip(rng: random.Random) -> str:
    while True:
        first = f"{rng.randrange(1, 10):d}{rng.randrange(0, 10**8):08d}"
        check = nip_check_digit(first)
        if check is not None:
            return f"{first}{check}"


def random_regon(rng: random.Random, length: int = 9) -> str:
    base = f"{rng.randrange(1, 10**8):08d}"
    regon9 = f"{base}{regon9_check_digit(base)}"
    if length == 9:
        return regon9
    unit = f"{regon9}{rng.randrange(1, 10**4):04d}"
    return f"{unit}{regon14_check_digit(unit)}"
