"""The registry's sample content: marked, valid, every call state, an open offer; idempotent."""

from django.utils import timezone

import pytest

from pages.registry import sample_content
from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from snippets import identifiers
from snippets.call_state import CALL
from snippets.models import NGO, GrantCall, SmallGrantOffer

pytestmark = pytest.mark.django_db


def test_sample_content_is_complete_marked_valid_and_idempotent(home_page, client):
    summary = sample_content.load()
    assert "organizacje: 30 nowych" in summary
    counts = (NGO.objects.count(), GrantCall.objects.count(), SmallGrantOffer.objects.count())
    sample_content.load()
    assert (NGO.objects.count(), GrantCall.objects.count(), SmallGrantOffer.objects.count()) == (
        counts
    )
    directory = NGODirectoryPage.objects.get()
    calls_page = GrantCallIndexPage.objects.get()
    assert directory.live and directory.show_in_menus and directory.get_parent().pk == home_page.pk
    assert calls_page.live and calls_page.show_in_menus

    ngos = list(NGO.objects.all())
    assert len(ngos) >= 24
    for ngo in ngos:
        assert ngo.name.startswith("[PRZYKŁAD]") and ngo.live
        assert not identifiers.nip_error(ngo.nip)
        assert not identifiers.regon_error(ngo.regon)
        assert not ngo.krs or not identifiers.krs_error(ngo.krs)

    now = timezone.now()
    calls = list(GrantCall.objects.all())
    assert all(call.title.startswith("[PRZYKŁAD]") and call.live for call in calls)
    assert {call.state_at(now) for call in calls} == set(CALL)
    resolved = [call for call in calls if call.state_at(now) == CALL.RESOLVED]
    assert all(call.awards.exists() for call in resolved)
    offers = SmallGrantOffer.objects.open_for_comments(now)
    assert offers.exists()
    assert all(offer.title.startswith("[PRZYKŁAD]") for offer in SmallGrantOffer.objects.all())

    assert client.get("/organizacje/").status_code == 200
    assert client.get("/konkursy/").status_code == 200
    assert client.get(f"/konkursy/oferty/{offers.first().pk}/").status_code == 200
