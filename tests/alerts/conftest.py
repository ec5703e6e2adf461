"""Alerts: a site with consultations and announcements, and a helper to sign up."""

import re
import uuid

from django.core import mail

import pytest

from tests.factories.consultations import (
    AnnouncementIndexPageFactory,
    ConsultationIndexPageFactory,
)


@pytest.fixture
def consultations(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture
def announcements(home_page):
    return AnnouncementIndexPageFactory(parent=home_page)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the publication's announce task, notices)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def signup_data(email="ala@example.pl", **extra):
    data = {
        "email": email,
        "kinds": ["consultation"],
        "frequency": "immediate",
        "form_token": str(uuid.uuid4()),
        "website": "",
    }
    data.update(extra)
    return data


CONFIRM_LINK = re.compile(r"http://testserver(/powiadomienia/potwierdz/[^/\s]+/)")


@pytest.fixture
def subscribe(client, commit):
    """Sign up and confirm through the pages, as a person does; the confirmed address."""

    def run(email="ala@example.pl", **extra):
        with commit():
            response = client.post("/powiadomienia/", signup_data(email, **extra))
        assert response.status_code == 200, response.text
        [message] = [m for m in mail.outbox if email in m.to and "Potwierdź" in m.subject]
        mail.outbox.remove(message)
        path = CONFIRM_LINK.search(message.body).group(1)
        assert client.post(path).status_code == 200
        return email

    return run
