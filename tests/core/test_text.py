import pytest

from core.text import plural_form


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
