from datetime import timedelta

import pytest

from core.text import plural_form, remaining_pl


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "dzień"), (2, "dni"), (4, "dni"), (5, "dni"), (12, "dni"), (22, "dni"), (0, "dni")],
)
def test_days(count, expected):
    assert plural_form(count, "dzień", "dni", "dni") == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "godzina"),
        (2, "godziny"),
        (4, "godziny"),
        (5, "godzin"),
        (12, "godzin"),
        (14, "godzin"),
        (22, "godziny"),
        (25, "godzin"),
        (102, "godziny"),
        (112, "godzin"),
    ],
)
def test_hours(count, expected):
    assert plural_form(count, "godzina", "godziny", "godzin") == expected


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(days=3, hours=5), "zostały 3 dni"),
        (timedelta(days=1), "został 1 dzień"),
        (timedelta(days=5), "zostało 5 dni"),
        (timedelta(days=22), "zostały 22 dni"),
        (timedelta(hours=1, minutes=10), "została 1 godzina"),
        (timedelta(hours=3), "zostały 3 godziny"),
        (timedelta(hours=5), "zostało 5 godzin"),
        (timedelta(minutes=1), "została 1 minuta"),
        (timedelta(seconds=20), "została 1 minuta"),
        (timedelta(minutes=45), "zostało 45 minut"),
        (timedelta(0), "termin minął"),
        (timedelta(seconds=-5), "termin minął"),
    ],
)
def test_remaining(delta, expected):
    assert remaining_pl(delta) == expected
