"""The volunteering list and the NGO zone's lists cost the same number of queries for a
short and a long list (no query per offer or per answer)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from tests.factories.volunteering import VolunteerAnswerFactory, VolunteerOfferFactory

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_public_list_does_not_grow_with_offers(client, index, own_ngo):
    VolunteerOfferFactory(ngo=own_ngo)
    client.get(index.url)  # warm the shared fragments
    short = _count(client, index.url)
    VolunteerOfferFactory.create_batch(6, ngo=own_ngo)
    assert _count(client, index.url) == short


def test_the_ngo_zone_lists_do_not_grow(client, partner, own_ngo):
    offer = VolunteerOfferFactory(ngo=own_ngo)
    VolunteerAnswerFactory(offer=offer)
    client.force_login(partner)
    answers_url = reverse("volunteering_ngo:answers", args=[offer.pk])
    zone_url = reverse("volunteering_ngo:offers")
    client.get(zone_url)
    short = (_count(client, zone_url), _count(client, answers_url))
    VolunteerOfferFactory.create_batch(5, ngo=own_ngo)
    VolunteerAnswerFactory.create_batch(5, offer=offer)
    assert (_count(client, zone_url), _count(client, answers_url)) == short
