"""E-mailed links come from WAGTAILADMIN_BASE_URL, never from a forged Host header."""

import re

from django.core import mail

import pytest

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

FORGED = "evil.example"


@pytest.fixture
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ngo.dabrowa-gornicza.pl"
    return settings.WAGTAILADMIN_BASE_URL


@pytest.mark.parametrize(
    ("url", "path_start"),
    [
        ("/logowanie/nowe-haslo/", "/logowanie/nowe-haslo/"),
        ("/admin/password_reset/", "/admin/password_reset/confirm/"),
    ],
)
def test_password_reset_links_ignore_the_host_header(client, home_page, base_url, url, path_start):
    UserFactory(username="ofiara", email="ofiara@example.org", groups=["Redaktorzy"])
    response = client.post(url, {"email": "ofiara@example.org"}, HTTP_HOST=FORGED)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert FORGED not in body
    links = re.findall(r"https?://\S+", body)
    assert links and all(link.startswith(f"{base_url}{path_start}") for link in links)
