"""The sign-up form: Polish errors, typed input kept, nothing half-stored, rate limits,
"follow this" links, the RODO clause; the retention of unconfirmed sign-ups."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from alerts.models import SignUp, Subscriber, Subscription
from tests.alerts.conftest import signup_data
from tests.factories.consultations import ConsultationPageFactory

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_kinds_and_the_privacy_clause(client, home_page):
    response = client.get("/powiadomienia/?rodzaj=grant_call&obszar=15")
    assert response.status_code == 200
    text = response.text
    for label in ("Konsultacje społeczne", "Konkursy i nabory", "Wydarzenia i szkolenia CAO"):
        assert label in text
    assert 'value="grant_call" checked' in text or 'value="grant_call"\n' not in text
    assert "Informacja o przetwarzaniu danych osobowych" in text
    assert "Powiadomienia e-mail" in text


def test_errors_are_in_polish_keep_what_was_typed_and_store_nothing(client, commit):
    with commit():
        response = client.post(
            "/powiadomienia/", signup_data(email="to-nie-adres", kinds=[], frequency="daily")
        )
    assert response.status_code == 400
    assert "Wpisz poprawny adres e-mail" in response.text
    assert "Wybierz co najmniej jeden rodzaj informacji." in response.text
    assert 'value="to-nie-adres"' in response.text
    assert not SignUp.objects.exists()
    assert mail.outbox == []


def test_too_many_links_to_one_address_are_refused(client, commit, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "alert-signup-address": (2, 3600)}
    for _ in range(2):
        with commit():
            assert client.post("/powiadomienia/", signup_data()).status_code == 200
    with commit():
        response = client.post("/powiadomienia/", signup_data(email="ALA@example.pl"))
    assert response.status_code == 429
    assert "nie została zapisana" in response.text
    assert 'value="ALA@example.pl"' in response.text
    assert SignUp.objects.count() == 2 and len(mail.outbox) == 2
    # Another address from the same IP still goes through (until the IP's own limit).
    with commit():
        assert client.post("/powiadomienia/", signup_data("ola@example.pl")).status_code == 200


def test_too_many_signups_from_one_ip_are_refused(client, commit, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "alert-signup": (2, 3600)}
    for n in range(2):
        with commit():
            client.post("/powiadomienia/", signup_data(f"osoba{n}@example.pl"))
    with commit():
        response = client.post("/powiadomienia/", signup_data("osoba9@example.pl"))
    assert response.status_code == 429
    assert SignUp.objects.count() == 2


def test_a_repeated_post_stores_once_and_sends_one_link(client, commit):
    data = signup_data()
    with commit():
        first = client.post("/powiadomienia/", data)
        second = client.post("/powiadomienia/", data)
    assert first.status_code == second.status_code == 200
    assert SignUp.objects.count() == 1 and len(mail.outbox) == 1


def test_follow_this_consultation_hears_of_its_report(client, consultations, subscribe, commit):
    with commit():  # published (and announced, to nobody) before the sign-up
        page = ConsultationPageFactory(parent=consultations, title="Budżet osiedla")
        other = ConsultationPageFactory(parent=consultations, title="Inna sprawa")
    response = client.get(f"/powiadomienia/?obserwuj=consultation:{page.pk}")
    assert "Obserwujesz: <strong>Budżet osiedla</strong>" in response.text
    email = subscribe(kinds=[], follow=f"consultation:{page.pk}")
    assert Subscription.objects.get().item_pk == str(page.pk)
    for each in (page, other):
        each.report_summary = "<p>Wpłynęło 40 uwag.</p>"
        each.report_date = timezone.localdate()
        with commit():
            each.save_revision().publish()
    subjects = [m.subject for m in mail.outbox if m.to == [email]]
    assert subjects == ["Raport z konsultacji: Budżet osiedla"]


def test_a_draft_cannot_be_followed(client, consultations, commit):
    draft = ConsultationPageFactory(parent=consultations, publish=False, live=False)
    with commit():
        response = client.post(
            "/powiadomienia/", signup_data(kinds=[], follow=f"consultation:{draft.pk}")
        )
    assert response.status_code == 400
    assert "Tej pozycji nie można obserwować." in response.text


def test_unconfirmed_signups_are_deleted_after_seven_days(client, subscribe, commit):
    subscribe("potwierdzony@example.pl")
    with commit():
        client.post("/powiadomienia/", signup_data("stary@example.pl"))
        client.post("/powiadomienia/", signup_data("nowy@example.pl"))
    SignUp.objects.filter(email="stary@example.pl").update(
        submitted_at=timezone.now() - timedelta(days=7, minutes=1)
    )
    call_command("purge_personal_data")
    assert sorted(SignUp.objects.values_list("email", flat=True)) == ["", "nowy@example.pl"]
    assert Subscriber.objects.get().email == "potwierdzony@example.pl"
