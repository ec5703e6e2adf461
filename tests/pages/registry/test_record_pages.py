"""An organisation's and a grant call's page with the shared parts on: their head from a
shared summary of the published record (pages.registry.record_summary), the record itself
read only when a shared part renders; everything new the moment the record changes."""

import json
import re
from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from core import cache_tags
from pages.registry.record_summary import record_summary
from snippets.models import NGO
from tests.factories.registry import GrantCallFactory, NGOFactory, area

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_shared")]


def _title(response) -> str:
    return re.search(r"<title>(.*?) – ", response.text).group(1)


def _json_ld(response) -> dict:
    for payload in re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text):
        data = json.loads(payload)
        if data.get("@type") == "NGO":
            return data
    raise AssertionError("no NGO data")


def _queries(client, path) -> int:
    client.get(path)  # warm the per-process caches and the shared parts
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def test_query_budgets_of_an_organisation_and_a_call(client, directory, calls_page):
    """No query once the route (the directory's or the calls page's entry), the record's
    summary and the page's parts are shared (3 December 2026, issue 17: both were 4)."""
    ngo = NGOFactory(areas=[area("16")])
    call = GrantCallFactory()
    assert _queries(client, f"/organizacje/{ngo.slug}/") == 0
    assert _queries(client, f"/konkursy/{call.slug}/") == 0


def test_an_organisation_saved_is_shown_at_once(client, directory):
    ngo = NGOFactory(name="Fundacja Stara", city="Dąbrowa Górnicza", areas=[area("16")])
    path = f"/organizacje/{ngo.slug}/"
    assert _title(client.get(path)) == "Fundacja Stara"
    client.get(path)  # from the shared summary and parts
    ngo.name = "Fundacja Nowa"
    ngo.short_name = "FN"
    ngo.save_revision().publish()
    response = client.get(path)
    assert _title(response) == "Fundacja Nowa"
    assert 'content="Fundacja Nowa – stowarzyszenie, Dąbrowa Górnicza.' in response.text
    assert _json_ld(response)["name"] == "Fundacja Nowa"
    assert _json_ld(response)["url"] == f"http://testserver{path}"
    assert '<span aria-current="page">FN</span>' in response.text
    assert '<h1 id="ngo-title">Fundacja Nowa</h1>' in response.text


def test_an_area_renamed_is_in_the_organisations_data_at_once(client, directory):
    culture = area("16")
    ngo = NGOFactory(areas=[culture])
    path = f"/organizacje/{ngo.slug}/"
    assert _json_ld(client.get(path))["knowsAbout"] == [culture.name]
    culture.name = "kultura, sztuka i ochrona dóbr kultury (nowa nazwa)"
    culture.save()
    assert _json_ld(client.get(path))["knowsAbout"] == [culture.name]


def test_an_organisation_unpublished_or_expired_is_gone_at_once(client, directory):
    kept, expiring = NGOFactory(), NGOFactory()
    for ngo in (kept, expiring):
        assert client.get(f"/organizacje/{ngo.slug}/").status_code == 200
    kept.unpublish()
    assert client.get(f"/organizacje/{kept.slug}/").status_code == 404
    NGO.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled")
    assert client.get(f"/organizacje/{expiring.slug}/").status_code == 404


def test_a_call_saved_is_shown_at_once_and_gone_when_unpublished(client, calls_page):
    call = GrantCallFactory(title="Konkurs stary", task="Wypoczynek dzieci")
    path = f"/konkursy/{call.slug}/"
    assert _title(client.get(path)) == "Konkurs stary"
    client.get(path)
    call.title = "Konkurs nowy"
    call.task = "Wypoczynek młodzieży"
    call.save_revision().publish()
    response = client.get(path)
    assert _title(response) == "Konkurs nowy"
    assert 'content="otwarty konkurs ofert (art. 13): Wypoczynek młodzieży.' in response.text
    assert '<span aria-current="page">Konkurs nowy</span>' in response.text
    assert '<h1 id="call-title">Konkurs nowy</h1>' in response.text
    call.unpublish()
    assert client.get(path).status_code == 404


def _stored_summaries() -> list[str]:
    return [key for key in cache_tags.cache()._cache if ":fragment:record:" in key]


def test_a_summary_is_shared_only_where_the_pages_parts_are(directory):
    ngo = NGOFactory()
    computed = []

    def compute():
        computed.append(1)
        return {"pk": ngo.pk}

    request = RequestFactory().get(f"/organizacje/{ngo.slug}/")
    for _ in range(2):
        assert record_summary(request, directory, NGO, ngo.slug, compute) == {"pk": ngo.pk}
    assert len(computed) == 1 and len(_stored_summaries()) == 1

    cache_tags.cache().clear()
    request.is_preview = True
    for _ in range(2):
        record_summary(request, directory, NGO, ngo.slug, compute)
    assert len(computed) == 3 and _stored_summaries() == []

    PageViewRestriction.objects.create(page=directory, restriction_type="login")
    request = RequestFactory().get(f"/organizacje/{ngo.slug}/")
    for _ in range(2):
        record_summary(request, directory, NGO, ngo.slug, compute)
    assert len(computed) == 5 and _stored_summaries() == []


def test_a_missing_record_is_not_stored(directory):
    def compute():
        raise Http404

    request = RequestFactory().get("/organizacje/nie-ma-takiej/")
    for _ in range(2):
        with pytest.raises(Http404):
            record_summary(request, directory, NGO, "nie-ma-takiej", compute)
    assert _stored_summaries() == []
