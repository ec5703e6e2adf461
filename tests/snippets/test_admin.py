"""The registries in the admin: filters, search, export, friendly errors, drafts."""

import csv
import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from core import deadlines
from snippets import ngo_table
from snippets.models import NGO, GrantCall
from tests.factories.registry import GrantCallFactory, NGOFactory, area

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "haslo-123")
    client.force_login(user)
    return client


def ngo_url(name, *args):
    return reverse(f"wagtailsnippets_snippets_ngo:{name}", args=args)


def call_url(name, *args):
    return reverse(f"wagtailsnippets_snippets_grantcall:{name}", args=args)


def test_ngo_list_filters_and_search(admin_client):
    NGOFactory(name="Fundacja Alfa", legal_form="fundacja")
    NGOFactory(name="Stowarzyszenie Beta")
    response = admin_client.get(ngo_url("list"), {"legal_form": "fundacja"})
    assert response.status_code == 200
    assert "Fundacja Alfa" in response.text
    assert "Stowarzyszenie Beta" not in response.text
    response = admin_client.get(ngo_url("list"), {"q": "beta"})
    assert "Stowarzyszenie Beta" in response.text
    assert "Fundacja Alfa" not in response.text


def test_ngo_export_has_the_open_data_columns(admin_client):
    ngo = NGOFactory(name="Fundacja Eksportowa", legal_form="fundacja", areas=[area("16")])
    response = admin_client.get(ngo_url("list"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == ngo_table.COLUMN_NAMES
    assert rows[0]["nazwa"] == "Fundacja Eksportowa"
    assert rows[0]["krs"] == ngo.krs
    assert rows[0]["obszary"] == "16"
    response = admin_client.get(ngo_url("list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def ngo_post_data(**overrides):
    data = {
        "name": "Stowarzyszenie Nowe",
        "short_name": "",
        "slug": "",
        "legal_form": "stowarzyszenie",
        "krs": "",
        "nip": "",
        "regon": "",
        "district": "",
        "street_address": "",
        "postal_code": "",
        "city": "Dąbrowa Górnicza",
        "email": "",
        "phone": "",
        "website": "",
        "description": "",
        "is_active": "on",
        "verified_on": "",
    }
    data.update(overrides)
    return data


def test_admin_refuses_a_wrong_nip_and_a_duplicate_krs_in_polish(admin_client):
    NGOFactory(krs="0000123456")
    response = admin_client.post(
        ngo_url("add"),
        ngo_post_data(krs="0000-123-456", nip="5252248480", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "Organizacja z tym numerem KRS jest już w rejestrze." in response.text
    assert "NIP ma błędną cyfrę kontrolną" in response.text
    assert NGO.objects.count() == 1


def test_admin_saves_a_draft_and_publishes_with_revisions(admin_client):
    response = admin_client.post(
        ngo_url("add"), ngo_post_data(krs="0000 654 321", areas=[area("7").pk, area("16").pk])
    )
    assert response.status_code == 302
    ngo = NGO.objects.get()
    assert not ngo.live
    assert ngo.krs == "0000654321"
    response = admin_client.post(
        ngo_url("edit", ngo.pk),
        ngo_post_data(
            krs="0000654321",
            areas=[area("7").pk],
            name="Stowarzyszenie Nowe",
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.live
    assert ngo.revisions.count() == 2
    assert list(ngo.areas.values_list("number", flat=True)) == ["7"]


def test_a_draft_edit_of_a_live_record_leaves_the_public_data(admin_client):
    ngo = NGOFactory(name="Nazwa Opublikowana")
    ngo.save_revision().publish()
    response = admin_client.post(
        ngo_url("edit", ngo.pk), ngo_post_data(name="Nazwa Robocza", krs=ngo.krs, nip=ngo.nip)
    )
    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.name == "Nazwa Opublikowana"
    assert ngo.has_unpublished_changes


def call_post_data(ngo, **overrides):
    now = timezone.localtime()
    data = nested_form_data(
        {
            "title": "Konkurs na wypoczynek",
            "slug": "",
            "procedure": "konkurs",
            "task": "Wypoczynek dzieci",
            "area": area("15").pk,
            "summary": "",
            "body": rich_text("<p>Zasady konkursu</p>"),
            "total_funds": "50000",
            "min_grant": "",
            "max_grant": "",
            "own_contribution_percent": "10",
            "own_contribution_note": "",
            "announced_at": (now - timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
            "offers_due_at": (now - timedelta(days=5)).strftime("%Y-%m-%d %H:%M"),
            "decision_due_on": "",
            "results_published_at": "",
            "realisation_from": "",
            "realisation_to": "",
            "cancelled_at": "",
            "cancellation_reason": "",
            "cancellation_note": "",
            "unit": "Wydział",
            "contact_person": "",
            "documents": inline_formset([]),
            "awards": inline_formset(
                [{"ngo": ngo.pk, "task_title": "Półkolonie", "amount": "12000.50"}]
            ),
        }
    )
    data.update(overrides)
    return data


def test_admin_creates_a_call_with_awards_from_the_registry(admin_client):
    ngo = NGOFactory()
    response = admin_client.post(call_url("add"), call_post_data(ngo, **{"action-publish": "1"}))
    assert response.status_code == 302, response.context["form"].errors
    call = GrantCall.objects.get()
    assert call.live
    assert call.slug == "konkurs-na-wypoczynek"
    assert [(a.ngo, str(a.amount)) for a in call.awards.all()] == [(ngo, "12000.50")]


def test_admin_refuses_a_too_short_competition_and_a_cancellation_without_reason(admin_client):
    ngo = NGOFactory()
    now = timezone.localtime()
    response = admin_client.post(
        call_url("add"),
        call_post_data(
            ngo,
            announced_at=now.strftime("%Y-%m-%d %H:%M"),
            offers_due_at=(now + timedelta(days=10)).strftime("%Y-%m-%d %H:%M"),
            cancelled_at=now.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 200
    assert "nie może być krótszy niż 21 dni" in response.text
    assert "Podaj przyczynę unieważnienia" in response.text
    assert not GrantCall.objects.exists()


def test_call_list_filters_by_state(admin_client):
    GrantCallFactory(title="Otwarty teraz")
    GrantCallFactory(
        title="Już rozstrzygnięty",
        announced_at=timezone.now() - timedelta(days=90),
        offers_due_at=timezone.now() - timedelta(days=60),
        results_published_at=timezone.now() - timedelta(days=30),
    )
    response = admin_client.get(call_url("list"), {"state": "otwarty"})
    assert response.status_code == 200
    assert "Otwarty teraz" in response.text
    assert "Już rozstrzygnięty" not in response.text
    response = admin_client.get(call_url("list"), {"export": "csv"})
    assert "kwota_przyznana" in b"".join(response.streaming_content).decode()


def test_admin_refuses_awards_above_the_funds_of_the_call(admin_client):
    ngo = NGOFactory()
    data = call_post_data(ngo, total_funds="10000", **{"action-publish": "1"})
    data["awards-0-amount"] = "10000.01"
    response = admin_client.post(call_url("add"), data)
    assert response.status_code == 200
    assert "przekraczają łączną kwotę środków konkursu (10\xa0000,00 zł)" in response.text
    assert not GrantCall.objects.exists()


def test_art_13_counts_calendar_days_not_hours(admin_client):
    """Announced in the afternoon, due in the morning 21 days later: 20 days and some hours,
    but 21 calendar days after the announcement day (art. 111 § 2), which the law asks."""
    ngo = NGOFactory()
    day = timezone.localdate() + timedelta(days=3)
    due = day + timedelta(days=21)
    ok = call_post_data(
        ngo,
        announced_at=f"{day:%Y-%m-%d} 16:00",
        offers_due_at=f"{due:%Y-%m-%d} 09:00",
        **{"action-publish": "1"},
    )
    short = {**ok, "offers_due_at": f"{due - timedelta(days=1):%Y-%m-%d} 23:00"}
    response = admin_client.post(call_url("add"), short)
    assert "nie może być krótszy niż 21 dni" in response.text
    response = admin_client.post(call_url("add"), ok)
    assert response.status_code == 302, response.context["form"].errors


def test_a_deadline_typed_as_23_59_runs_to_the_end_of_that_day(admin_client):
    ngo = NGOFactory()
    day = timezone.localdate() + timedelta(days=40)
    data = call_post_data(
        ngo,
        announced_at=f"{timezone.localdate():%Y-%m-%d} 09:00",
        offers_due_at=f"{day:%Y-%m-%d} 23:59",
        **{"action-publish": "1"},
    )
    response = admin_client.post(call_url("add"), data)
    assert response.status_code == 302, response.context["form"].errors
    call = GrantCall.objects.get()
    assert timezone.localtime(call.offers_due_at) == deadlines.day_end(day)
