"""PESEL: the check digit, the date of birth (the month carries the century) and age.

A PESEL is never logged, shown or stored here: callers hash it (voting.voter_id).
"""

import calendar
from dataclasses import dataclass
from datetime import date

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
# Month offset → first year of the century (the 10th digit's century rule).
CENTURIES = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}


class InvalidPesel(ValueError):
    """The PESEL is malformed; the message is Polish and says what is wrong."""


@dataclass(frozen=True)
class Pesel:
    number: str
    birth_date: date

    def age_on(self, day: date) -> int:
        """Full years on DAY, reached at the start of the birthday (art. 112 of the civil
        code); one born on 29 February reaches it on 28 February in a common year."""
        born = self.birth_date
        birthday = (born.month, born.day)
        if birthday == (2, 29) and not calendar.isleap(day.year):
            birthday = (2, 28)
        return day.year - born.year - ((day.month, day.day) < birthday)


def check_digit(first_ten: str) -> int:
    return (10 - sum(int(d) * w for d, w in zip(first_ten, WEIGHTS, strict=True)) % 10) % 10


def parse(value: str) -> Pesel:
    """The PESEL in VALUE (spaces allowed), or InvalidPesel with the reason in Polish."""
    number = "".join(str(value or "").split())
    if len(number) != 11 or not number.isascii() or not number.isdigit():
        raise InvalidPesel("Numer PESEL ma 11 cyfr.")
    if check_digit(number[:10]) != int(number[10]):
        raise InvalidPesel("Numer PESEL jest błędny (nie zgadza się cyfra kontrolna).")
    year, month, day = int(number[0:2]), int(number[2:4]), int(number[4:6])
    offset = (month - 1) // 20 * 20 if month >= 1 else -1
    if offset not in CENTURIES:
        raise InvalidPesel("Numer PESEL jest błędny (niemożliwy miesiąc urodzenia).")
    try:
        born = date(CENTURIES[offset] + year, month - offset, day)
    except ValueError:
        raise InvalidPesel("Numer PESEL jest błędny (niemożliwa data urodzenia).") from None
    return Pesel(number, born)
