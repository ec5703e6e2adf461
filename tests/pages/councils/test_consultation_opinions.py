"""A consultation's page shows the opinions councils gave on it ("Opinie rad"), through
core.page_panels: only a given opinion, only one in a public council's register."""

import datetime

from wagtail.models import PageViewRestriction

import pytest

from core.models import SiteContactSettings
from pages.councils.choices import ResolutionKind
from pages.councils.models import OpinionRequest
from tests.factories import councils
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    return ConsultationPageFactory(parent=index, title="Program współpracy 2027")


@pytest.fixture
def request_(council, consultation):
    return OpinionRequest.objects.create(
        council=council,
        subject="Projekt programu współpracy na 2027 r.",
        requested_by="Wydział Wnioskujacyukryty",
        received_on=datetime.date(2026, 3, 2),
        consultation=consultation,
    )


def test_the_opinion_shows_once_given_and_only_from_a_public_council(
    client, council, consultation, request_
):
    html = client.get(consultation.url).content.decode()
    assert "Opinie rad" not in html  # asked, not answered: internal
    assert "Projekt programu współpracy" not in html

    opinion = councils.resolution(
        council,
        "12/2026",
        kind=ResolutionKind.OPINION,
        title="w sprawie projektu programu opiniazkonsultacji",
    )
    request_.opinion = opinion
    request_.save()
    html = client.get(consultation.url).content.decode()
    assert "Opinie rad" in html and "opiniazkonsultacji" in html
    assert f'href="{opinion.get_url()}"' in html
    assert "Wnioskujacyukryty" not in html  # the request itself stays internal

    PageViewRestriction.objects.create(page=council, restriction_type="password", password="x")
    html = client.get(consultation.url).content.decode()
    assert "Opinie rad" not in html and "opiniazkonsultacji" not in html


def test_the_cached_consultation_shows_the_opinion_once_its_council_is_published(
    client, settings, council, consultation, request_
):
    settings.PAGE_CACHE_SECONDS = 60
    SiteContactSettings.for_site(consultation.get_site())
    request_.opinion = councils.resolution(
        council, "13/2026", kind=ResolutionKind.OPINION, title="opiniapoopublikowaniu"
    )
    request_.save()
    council.unpublish()
    assert "opiniapoopublikowaniu" not in client.get(consultation.url).content.decode()
    assert client.get(consultation.url).headers.get("X-Page-Cache") == "hit"
    council.save_revision().publish()
    assert "opiniapoopublikowaniu" in client.get(consultation.url).content.decode()
