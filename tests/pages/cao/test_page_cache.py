"""Free places shown to anonymous visitors follow registrations, despite the page cache."""

import pytest

from core.models import SiteContactSettings
from pages.cao.choices import Registration
from tests.factories.cao import EventPageFactory, EventRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_a_registration_or_cancellation_shows_at_once_on_the_cached_list(client, event_index):
    SiteContactSettings.for_site(event_index.get_site())
    event = EventPageFactory(parent=event_index, registration=Registration.OPEN, places=3)
    event.save_revision().publish()
    client.get("/wydarzenia/")
    cached = client.get("/wydarzenia/")
    assert cached.headers.get("X-Page-Cache") == "hit"
    assert "Wolne miejsca: 3 z 3" in cached.content.decode()

    registration = EventRegistrationFactory(event=event)
    response = client.get("/wydarzenia/")
    assert response.headers.get("X-Page-Cache") == "miss"
    assert "Wolne miejsca: 2 z 3" in response.content.decode()

    registration.is_cancelled = True
    registration.save()
    assert "Wolne miejsca: 3 z 3" in client.get("/wydarzenia/").content.decode()


def test_pages_with_a_booking_form_give_each_visitor_their_own_tokens(client, service_index):
    """Cached like any page, but the CSRF and one-time form tokens are each visitor's own
    (core.page_cache fills them in per request)."""
    import re

    from django.test import Client

    from tests.factories.cao import AdvisoryServicePageFactory

    SiteContactSettings.for_site(service_index.get_site())
    service = AdvisoryServicePageFactory(parent=service_index)
    first = client.get(service.url)
    second = Client().get(service.url)
    assert second.headers.get("X-Page-Cache") == "hit"
    tokens = [
        re.search(r'name="form_token" value="([^"]+)"', r.content.decode()).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]
    assert 'name="csrfmiddlewaretoken"' in second.content.decode()
    assert "csrftoken" in second.cookies
