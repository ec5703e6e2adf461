"""Councils' pages render within a fixed number of queries, however much they list."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from pages.councils.choices import ResolutionKind
from pages.councils.models import OpinionRequest, Recruitment
from tests.factories import budget, councils, initiatives
from tests.factories.cao import EventIndexPageFactory, EventPageFactory
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db

BUDGET = 40


def _count(client, path) -> int:
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_council_and_osiedle_pages_stay_within_budget_and_flat(client, home_page, council):
    district = councils.osiedle("Reden")
    osiedle = councils.osiedle_page(home_page, district, council=council)
    events = EventIndexPageFactory(parent=home_page)
    consultations = ConsultationIndexPageFactory(parent=home_page)
    index = budget.index_page(home_page)
    edition = budget.edition_page(index)
    pool = budget.city_pool(edition)
    rules = initiatives.rules_page(initiatives.index_page(home_page))
    term = councils.term(council, datetime.date(2020, 1, 1))
    old = councils.term(council, datetime.date(2010, 1, 1), datetime.date(2014, 1, 1))
    start = datetime.datetime(2026, 1, 1, 10, tzinfo=datetime.UTC)
    opined = ConsultationPageFactory(parent=consultations, title="Konsultacje z opiniami")

    def grow(times, offset):
        for n in range(offset, offset + times):
            ngo = NGOFactory(name=f"Stowarzyszenie {n}")
            councils.member(term, f"Członek {n}", represents="organizacja", ngo=ngo)
            councils.member(old, f"Dawny {n}")
            sitting = EventPageFactory(parent=events, title=f"Posiedzenie {n}", council=council)
            sitting.districts = [district]
            sitting.save_revision().publish()
            councils.resolution(council, f"{n}/2026", sitting=sitting, districts=[district])
            OpinionRequest.objects.create(
                council=council,
                subject=f"Projekt {n}",
                requested_by="Prezydent Miasta",
                received_on=datetime.date(2026, 1, 2),
                consultation=opined,
                opinion=councils.resolution(
                    council, f"O-{n}/2026", kind=ResolutionKind.OPINION, sitting=sitting
                ),
            )
            Recruitment.objects.create(
                council=council,
                title=f"Nabór {n}",
                opens_at=start,
                closes_at=start + datetime.timedelta(days=n + 1),
            )
            page = ConsultationPageFactory(parent=consultations, title=f"Konsultacje {n}")
            page.districts = [district]
            page.save_revision().publish()
            budget.project(edition, pool, title=f"Projekt {n}", district=district)
            initiatives.initiative(rules, title=f"Inicjatywa {n}", district=district)

    grow(1, 1)
    paths = [
        council.url,
        f"{council.url}uchwaly/",
        osiedle.url,
        osiedle.get_parent().url,
        opined.url,  # "Opinie rad"
        "/api/v2/council-recruitments/?fields=*",
    ]
    small = [_count(client, path) for path in paths]
    grow(6, 10)
    large = [_count(client, path) for path in paths]
    assert "nr O-15/2026" in client.get(opined.url).content.decode()  # the panel is there
    assert small == large, dict(zip(paths, zip(small, large, strict=True), strict=True))
    assert max(large) <= BUDGET, dict(zip(paths, large, strict=True))
