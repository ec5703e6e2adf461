"""Editors see counts per topic, never addresses; administrators export them (recorded).
Lists and a consultation's page link to the sign-up ("follow this")."""

import pytest

from accounts import roles
from core.models import PersonalDataAccess
from tests.factories.accounts import UserFactory
from tests.factories.consultations import ConsultationPageFactory

pytestmark = pytest.mark.django_db


def test_editors_see_counts_and_only_administrators_export_addresses(client, subscribe):
    subscribe("ala@example.pl", kinds=["consultation", "announcement"])
    subscribe("ola@example.pl", kinds=["consultation"], frequency="daily")
    client.logout()
    client.force_login(UserFactory(username="redaktorka", groups=[roles.EDITORS]))
    response = client.get("/admin/powiadomienia/")
    assert response.status_code == 200
    assert "Konsultacje społeczne" in response.text
    assert "@example.pl" not in response.text
    assert "Eksportuj adresy" not in response.text
    refused = client.get("/admin/powiadomienia/eksport.csv")
    # Wagtail answers PermissionDenied in its admin with a redirect and a message.
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not PersonalDataAccess.objects.exists()

    admin = UserFactory(username="administrator", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "Eksportuj adresy" in client.get("/admin/powiadomienia/").text
    export = client.get("/admin/powiadomienia/eksport.csv")
    assert export.status_code == 200
    rows = export.content.decode().splitlines()
    assert rows[0].startswith("Adres e-mail") and len(rows) == 3
    assert {row.split(",")[0] for row in rows[1:]} == {"ala@example.pl", "ola@example.pl"}
    record = PersonalDataAccess.objects.get()
    assert (record.username, record.action, record.rows) == ("administrator", "export", 2)


def test_a_consultation_and_its_list_link_to_the_sign_up(client, consultations, commit):
    with commit():
        page = ConsultationPageFactory(parent=consultations)
    assert f"/powiadomienia/?obserwuj=consultation:{page.pk}" in client.get(page.url).text
    assert "/powiadomienia/?rodzaj=consultation" in client.get(consultations.url).text
