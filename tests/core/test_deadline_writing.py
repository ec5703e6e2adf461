"""One way of writing each deadline: every end moment a person reads goes through
core.deadlines.term_text (`|term`), never a date format of its own ("do 25 października
włącznie", not "25 października 2026, 00:00" for the same end)."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from core import deadlines
from pages.cao.choices import Registration
from tests.factories.cao import EventIndexPageFactory, EventPageFactory

# The model fields that hold the end of a term.
END_FIELDS = ("closes_at", "offers_due_at", "comments_close_at", "registration_deadline")


def _templates() -> list[Path]:
    root = Path(__file__).resolve().parents[2] / "templates"
    return sorted(root.rglob("*.html"))


def test_no_template_formats_an_end_moment_by_itself():
    pattern = re.compile(r"\b(?:" + "|".join(END_FIELDS) + r")\|date\b")
    found = [
        f"{path.name}: {line.strip()[:120]}"
        for path in _templates()
        for line in path.read_text().splitlines()
        if pattern.search(line)
    ]
    assert found == []


@pytest.mark.django_db
def test_the_event_deadline_is_written_as_a_term(client, home_page):
    end = deadlines.day_end(date(2031, 3, 14))  # 24:00 of 14 March: "włącznie"
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        registration=Registration.OPEN,
        registration_deadline=end,
        starts_at=end + timedelta(days=30),
    )
    html = client.get(event.url).content.decode()
    assert "Zapisy przyjmujemy <time" in html
    assert "do 14 marca 2031 włącznie</time>" in html
    assert "15 marca 2031, 0:00" not in html and "15 marca 2031, 00:00" not in html
