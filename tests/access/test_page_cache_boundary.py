"""The anonymous page cache never hands a signed-in reader's page to anyone else."""

from django.test import Client, override_settings

import pytest

from accounts import roles
from accounts.sections import ensure_sections
from core.models import SiteContactSettings
from pages.department.models import StandardPage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    # The footer's settings row exists on a real site; made here, not by the first request
    # (saving a setting invalidates the cache).
    SiteContactSettings.for_site(home_page.get_site())
    intranet, _extranet = ensure_sections(home_page)
    page = intranet.add_child(
        instance=StandardPage(title="Grafik dyżurów", slug="grafik", summary="tajnygrafik")
    )
    page.save_revision().publish()
    public = home_page.add_child(instance=StandardPage(title="Jawna", slug="jawna"))
    public.save_revision().publish()
    staff = Client()
    staff.force_login(UserFactory(username="dyzurny", groups=[roles.STAFF]))
    return {"staff": staff, "anonymous": Client()}


@override_settings(PAGE_CACHE_SECONDS=300)
def test_staff_pages_are_not_stored_for_anonymous_readers(site):
    staff, anonymous = site["staff"], site["anonymous"]
    response = staff.get("/intranet/grafik/")
    assert response.status_code == 200 and "tajnygrafik" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]
    response = anonymous.get("/intranet/grafik/")
    assert response.status_code == 302
    assert "tajnygrafik" not in response.content.decode()


@override_settings(PAGE_CACHE_SECONDS=300)
def test_a_public_page_is_cached_for_anonymous_but_staff_get_their_own(site):
    staff, anonymous = site["staff"], site["anonymous"]
    assert anonymous.get("/jawna/")["X-Page-Cache"] == "miss"
    assert anonymous.get("/jawna/")["X-Page-Cache"] == "hit"
    response = staff.get("/jawna/")
    assert "X-Page-Cache" not in response
    assert "Zalogowano: dyzurny" in response.content.decode()
    # And what staff saw was not stored for the next anonymous reader.
    assert "Zalogowano" not in anonymous.get("/jawna/").content.decode()
