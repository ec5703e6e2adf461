"""The grant calls' old „inicjatywa lokalna” mode moved here: each call becomes a draft
of the year's rules, leaves the calls' list, and its old addresses answer with 301."""

from decimal import Decimal

from django.core.management import call_command

import pytest

from pages.initiatives.models import InitiativeRulesPage
from snippets.models import GrantCall
from tests.factories import initiatives
from tests.factories.registry import GrantCallFactory, GrantCallIndexPageFactory

pytestmark = pytest.mark.django_db


def test_move_makes_a_draft_rules_page_and_redirects_the_old_addresses(client, home_page):
    GrantCallIndexPageFactory(parent=home_page)
    index = initiatives.index_page(home_page)
    call = GrantCallFactory(
        title="Inicjatywa lokalna 2026 (stary tryb)",
        slug="inicjatywa-2026",
        procedure="inicjatywa-lokalna",
        total_funds=Decimal("150000"),
    )
    other = GrantCallFactory(title="Konkurs sportowy")
    assert client.get("/konkursy/inicjatywa-2026/").status_code == 200

    call_command("move_local_initiative_calls")
    call_command("move_local_initiative_calls")  # idempotent

    rules = InitiativeRulesPage.objects.get()
    assert rules.legacy_call == call and not rules.live
    assert rules.budget == Decimal("150000") and rules.get_parent().specific == index
    (window,) = rules.windows.all()
    assert (window.opens_at, window.closes_at) == (call.announced_at, call.offers_due_at)
    call.refresh_from_db()
    assert not call.live and GrantCall.objects.get(pk=other.pk).live

    moved = client.get("/konkursy/inicjatywa-2026/")
    assert moved.status_code == 301 and moved["Location"].endswith("/inicjatywa-lokalna/")
    listing = client.get("/konkursy/?tryb=inicjatywa-lokalna")
    assert listing.status_code == 301 and listing["Location"] == index.url
    assert client.get("/konkursy/").status_code == 200
