"""Paper applications typed in by the coordinator: the online form's validation, the
date of receipt inside the year's windows, stored once (a replayed form shows the first),
marked as the paper channel, confirmed, the leader e-mailed the private link."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from pages.initiatives.choices import Status
from pages.initiatives.models import Initiative
from tests.factories import initiatives
from tests.factories.accounts import UserFactory
from tests.pages.initiatives.test_application import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = UserFactory(username="koordynatorka")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=("change_initiative", "view_initiative", "access_admin")
        )
    )
    client.force_login(user)
    return user


def paper_data(rules, **overrides):
    data = valid_data(rules, **{"received_on": str(timezone.localdate()), **overrides})
    del data["website"]
    return data


def url(rules):
    return f"/admin/inicjatywy/wniosek-papierowy/?zasady={rules.pk}"


def test_a_paper_application_is_stored_as_the_paper_channel(
    client, rules, coordinator, django_capture_on_commit_callbacks
):
    page = client.get(url(rules)).text
    assert "Data wpływu wniosku do urzędu" in page and "Nie wypełniaj" not in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url(rules), paper_data(rules))
    assert answer.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.entered_by_staff and initiative.confirmed_at is not None
    assert initiative.status == Status.SUBMITTED
    assert initiative.members.count() == 2
    entry = initiative.history.get()
    assert entry.decided_by == coordinator and "Wniosek papierowy" in entry.justification
    assert [m.to for m in mail.outbox if "moj-wniosek" in m.body] == [["lena.liderska@example.pl"]]
    # Confirmed at once: the register shows it.
    assert initiative.title in client.get("/inicjatywa-lokalna/wnioski/").text
    listing = client.get("/admin/initiative_applications/")
    assert "Wpisz wniosek papierowy" in listing.text


def test_paper_applications_go_through_the_online_validation(client, rules, coordinator):
    answer = client.post(url(rules), paper_data(rules, declared_total="12 000"))
    assert answer.status_code == 200
    assert "Wniosek nie został zapisany" in answer.text
    assert "11" in answer.text  # the right total is said
    assert "Zielone podwórko przy Granicznej" in answer.text  # input kept
    lying = SimpleUploadedFile("mapa.pdf", b"MZ\x90\x00 no pdf", content_type="application/pdf")
    answer = client.post(url(rules), {**paper_data(rules), "attachment": lying})
    assert answer.status_code == 200
    assert not Initiative.objects.exists()


def test_a_paper_application_after_the_deadline_is_refused(client, initiative_index, coordinator):
    now = timezone.now()
    rules = initiatives.rules_page(
        initiative_index,
        year=2030,
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=10),
    )
    late = paper_data(rules, received_on=str(timezone.localdate() - timedelta(days=2)))
    answer = client.post(url(rules), late)
    assert answer.status_code == 200 and "wniosek złożony po terminie" in answer.text
    on_time = paper_data(rules, received_on=str(timezone.localdate() - timedelta(days=15)))
    assert client.post(url(rules), on_time).status_code == 302
    initiative = Initiative.objects.get()
    assert timezone.localdate(initiative.submitted_at) == timezone.localdate() - timedelta(days=15)
    future = paper_data(rules, received_on=str(timezone.localdate() + timedelta(days=1)))
    assert "z przyszłości" in client.post(url(rules), future).text


def test_a_replayed_paper_form_is_stored_once(client, rules, coordinator):
    data = paper_data(rules)
    first = client.post(url(rules), data)
    again = client.post(url(rules), data)
    assert first.status_code == again.status_code == 302
    assert Initiative.objects.count() == 1


def test_only_the_coordinator_types_in_paper_applications(client, rules):
    member = UserFactory(username="czlonek")
    member.user_permissions.add(
        *Permission.objects.filter(codename__in=("add_score", "access_admin"))
    )
    client.force_login(member)
    answer = client.post(url(rules), paper_data(rules))
    assert answer.status_code in (302, 403)
    assert not Initiative.objects.exists()
