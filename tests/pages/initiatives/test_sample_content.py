"""The sample content: marked, idempotent, an application in every status, open call."""

import pytest

from pages.initiatives import sample_content
from pages.initiatives.choices import Status
from pages.initiatives.models import Initiative, InitiativeRulesPage
from pages.initiatives.state import RULES

pytestmark = pytest.mark.django_db


def test_sample_content_is_marked_idempotent_and_covers_every_status(client, home_page):
    sample_content.load()
    sample_content.load()
    rules = InitiativeRulesPage.objects.get()
    assert rules.is_sample and rules.title.startswith("[PRZYKŁAD]")
    assert rules.get_state() == RULES.OPEN and rules.areas.count() == 7
    applications = Initiative.objects.all()
    assert {a.status for a in applications} == set(Status.values)
    assert all(a.is_sample and a.title.startswith("[PRZYKŁAD]") for a in applications)
    register = client.get(f"{rules.get_parent().url}wnioski/").content.decode()
    assert "Budki lęgowe w parku" in register and "Lider Przykładowy" not in register
    realised = Initiative.objects.get(status=Status.REALISED)
    page = client.get(f"{rules.get_parent().url}wnioski/{realised.pk}/").text
    assert "30 budek lęgowych" in page
    assert client.get(rules.url).status_code == 200
