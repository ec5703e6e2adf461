"""A call's page says how and where an offer is submitted: the offer system, the paper
address (the correspondence address from the settings, labelled) and the deadline's time
zone; the sample calls carry real documents, marked as samples."""

from datetime import timedelta

from django.utils import timezone

import pytest

from core.models import SiteContactSettings
from pages.registry import sample_content
from snippets.models import GrantCall
from tests.factories.registry import GrantCallFactory

pytestmark = pytest.mark.django_db


def _section(html: str) -> str:
    return html.split('id="submit-heading"')[1].split("</section>")[0]


def test_the_offer_system_the_paper_address_and_the_time_zone(client, calls_page, home_page):
    contact = SiteContactSettings.for_site(home_page.get_site())
    contact.correspondence_name = "Urząd Miejski w Dąbrowie Górniczej"
    contact.correspondence_street = "ul. Graniczna 21"
    contact.correspondence_postal_code = "41-300"
    contact.street_address = "ul. Sienkiewicza 6a"
    contact.postal_code = "41-300"
    contact.save()
    GrantCallFactory(
        slug="z-witkacem",
        offers_due_at=timezone.now() + timedelta(days=10),
        offer_system_name="Witkac.pl",
        offer_system_url="https://witkac.pl/",
        accepts_paper_offers=True,
        submission_note="Decyduje data wpływu.",
    )
    section = _section(client.get("/konkursy/z-witkacem/").text)
    assert '<a href="https://witkac.pl/" rel="noopener">Witkac.pl</a>' in section
    assert (
        "adres do korespondencji: Urząd Miejski w Dąbrowie Górniczej, ul. Graniczna 21" in section
    )
    assert "siedziba wydziału, gdzie przyjmujemy interesantów: ul. Sienkiewicza 6a" in section
    assert "czasu polskiego (strefa Europe/Warsaw)" in section
    assert "Decyduje data wpływu." in section


def test_without_a_way_given_the_page_points_to_the_announcement(client, calls_page):
    GrantCallFactory(slug="bez-sposobu", offers_due_at=timezone.now() + timedelta(days=10))
    section = _section(client.get("/konkursy/bez-sposobu/").text)
    assert "Sposób złożenia oferty podaje ogłoszenie konkursu" in section
    assert "Witkac" not in section and "korespondencji" not in section


def test_the_api_says_it_too(client, calls_page):
    call = GrantCallFactory(offer_system_url="https://witkac.pl/", accepts_paper_offers=True)
    data = client.get(f"/api/v2/grant-calls/{call.pk}/").json()
    assert data["offer_system_url"] == "https://witkac.pl/"
    assert data["accepts_paper_offers"] is True


def test_sample_calls_carry_sample_documents_that_download(client, home_page):
    sample_content.load()
    sample_content.load()  # idempotent: no second set
    for call in GrantCall.objects.all():
        links = list(call.documents.select_related("document"))
        assert {link.kind for link in links} == {"ogloszenie", "formularz"}, call.title
        assert call.offer_system_url and call.accepts_paper_offers
        for link in links:
            assert link.document.title.startswith("[PRZYKŁAD]")
            response = client.get(link.document.url)
            assert response.status_code == 200
            body = b"".join(response.streaming_content).decode()
            assert body.startswith("[PRZYKŁAD] Dokument przykładowy")
    call = GrantCall.objects.first()
    html = client.get(f"/konkursy/{call.slug}/").text
    assert 'id="documents-heading"' in html and "Wzór oferty" in html
