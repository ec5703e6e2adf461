from django.urls import reverse

import pytest

from accounts.models import NGOPartnerProfile
from pages.volunteering import sample_content
from pages.volunteering.models import VolunteerAnswer, VolunteeringIndexPage, VolunteerOffer
from tests.factories.accounts import UserFactory
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_ngos(db):
    return [
        NGOFactory(name="[PRZYKŁAD] Fundacja Zagłębiowskie Dzieciaki"),
        NGOFactory(name="[PRZYKŁAD] Fundacja Wolontariat Działa"),
    ]


def test_sample_offers_are_marked_and_loaded_once(home_page, sample_ngos):
    sample_content.load()
    sample_content.load()
    assert VolunteeringIndexPage.objects.live().count() == 1
    offers = VolunteerOffer.objects.all()
    assert offers.count() == 2
    assert all(offer.title.startswith("[PRZYKŁAD]") for offer in offers)
    assert {offer.state for offer in offers} == {"open", "expired"}


def test_sample_answers_are_fictional_with_hours_and_loaded_once(client, home_page, sample_ngos):
    first = sample_content.load()
    second = sample_content.load()
    assert "zgłoszenia: 0 nowych" in second and "zgłoszenia: 0 nowych" not in first
    answers = VolunteerAnswer.objects.select_related("offer")
    assert answers.count() == len(sample_content.ANSWERS)
    for answer in answers:
        assert answer.name.startswith("[PRZYKŁAD]") and answer.email.endswith("@example.org")
        assert answer.offer.state == "open"
    accepted = answers.get(status=VolunteerAnswer.Status.ACCEPTED)
    assert accepted.total_hours() > 0
    assert answers.filter(status=VolunteerAnswer.Status.NEW).exists()

    # The sample organisation's partner sees them and downloads the certificate.
    partner = UserFactory(username="partner-przykladu")
    NGOPartnerProfile.objects.create(user=partner, ngo=accepted.offer.ngo)
    client.force_login(partner)
    html = client.get(reverse("volunteering_ngo:answers", args=[accepted.offer_id]))
    assert accepted.name in html.content.decode()
    pdf = client.get(
        reverse("volunteering_ngo:document", args=[accepted.pk, "zaswiadczenie", "pdf"])
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # The public statistics count them, naming nobody.
    client.logout()
    stats = client.get(f"{VolunteeringIndexPage.objects.get().url}statystyki/").content.decode()
    assert accepted.name not in stats
