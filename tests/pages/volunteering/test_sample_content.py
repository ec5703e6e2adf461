import pytest

from pages.volunteering import sample_content
from pages.volunteering.models import VolunteeringIndexPage, VolunteerOffer
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db


def test_sample_offers_are_marked_and_loaded_once(home_page):
    NGOFactory(name="[PRZYKŁAD] Fundacja Zagłębiowskie Dzieciaki")
    NGOFactory(name="[PRZYKŁAD] Fundacja Wolontariat Działa")
    sample_content.load()
    sample_content.load()
    assert VolunteeringIndexPage.objects.live().count() == 1
    offers = VolunteerOffer.objects.all()
    assert offers.count() == 2
    assert all(offer.title.startswith("[PRZYKŁAD]") for offer in offers)
    assert {offer.state for offer in offers} == {"open", "expired"}
