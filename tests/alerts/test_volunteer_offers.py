"""Volunteering offers as an alert source: a published open offer is announced to whoever
follows offers (narrowed by osiedle or area); a draft, an expired offer or one without a
public volunteering page is not."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from alerts import tasks
from alerts.models import AlertEvent
from tests.factories.pages import DistrictFactory
from tests.factories.volunteering import VolunteeringIndexPageFactory, VolunteerOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteering(home_page):
    return VolunteeringIndexPageFactory(parent=home_page)


def publish(**kwargs):
    offer = VolunteerOfferFactory(live=False, **kwargs)
    offer.save_revision().publish()
    return offer


def alert_titles(email):
    return sorted(m.subject for m in mail.outbox if m.to == [email])


def test_a_published_offer_is_announced_in_its_osiedle(volunteering, subscribe, commit):
    centrum = DistrictFactory(name="Centrum", slug="centrum")
    golonog = DistrictFactory(name="Gołonóg", slug="golonog")
    email = subscribe(kinds=["volunteer_offer"], district=centrum.slug)
    with commit():
        publish(title="W Centrum", district=centrum)
        publish(title="Na Gołonogu", district=golonog)
        publish(title="Zdalnie", remote=True, address="")
    assert alert_titles(email) == [
        "Nowa oferta wolontariatu: W Centrum",
        "Nowa oferta wolontariatu: Zdalnie",
    ]
    [message] = [m for m in mail.outbox if "W Centrum" in m.subject]
    assert "/wolontariat/" in message.body and "Zgłoszenia do" in message.body


def test_drafts_expired_offers_and_a_private_page_announce_nothing(volunteering, subscribe, commit):
    subscribe(kinds=["volunteer_offer"])
    with commit():
        draft = VolunteerOfferFactory(live=False, title="Szkic")
        draft.save_revision()
        publish(title="Wygasła", expires_at=timezone.now() - timedelta(hours=1))
    tasks.announce.enqueue("volunteer_offer", str(draft.pk), ["published"])
    PageViewRestriction.objects.create(
        page=volunteering, restriction_type=PageViewRestriction.LOGIN
    )
    with commit():
        publish(title="Za logowaniem")
    assert mail.outbox == []
    assert not AlertEvent.objects.exists()
