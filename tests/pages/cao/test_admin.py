"""The submissions team reads CAO requests, filters and exports them, and marks them
handled – only that; editors see none of them."""

import io

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.permissions import policy_registry

import pytest
from openpyxl import load_workbook

from accounts.roles import EDITORS, SUBMISSIONS_TEAM
from pages.cao.models import BookingRequest, EventRegistration
from tests.factories.cao import BookingRequestFactory, EventPageFactory, EventRegistrationFactory

pytestmark = pytest.mark.django_db

BOOKINGS = "/admin/cao/prosby-o-konsultacje/"
REGISTRATIONS = "/admin/cao/zapisy-na-wydarzenia/"


@pytest.fixture
def editor(django_user_model, home_page):
    """A member of the submissions team (the fixture's name kept from before the role)."""
    user = django_user_model.objects.create_user("obsluga", password="haslo-testowe-123")
    user.groups.add(Group.objects.get(name=SUBMISSIONS_TEAM))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def booking(home_page):
    return BookingRequestFactory(
        name="Anna Nowak", organisation_name="Fundacja Razem", topic='=HYPERLINK("x")'
    )


def test_the_team_may_view_and_change_requests_and_editors_may_not(editor, django_user_model):
    assert editor.has_perm("cao.view_bookingrequest")
    assert editor.has_perm("cao.change_bookingrequest")
    assert editor.has_perm("cao.change_eventregistration")
    department_editor = django_user_model.objects.create_user("redaktor-dzialu")
    department_editor.groups.add(Group.objects.get(name=EDITORS))
    for codename in ("view_bookingrequest", "change_bookingrequest", "view_eventregistration"):
        assert not department_editor.has_perm(f"cao.{codename}")


def test_adding_and_deleting_is_refused_even_to_those_with_the_permission(editor):
    policy = policy_registry.get_by_type(BookingRequest)
    editor.groups.get().permissions.add(Permission.objects.get(codename="delete_bookingrequest"))
    editor = type(editor).objects.get(pk=editor.pk)  # has_perm caches per instance
    assert editor.has_perm("cao.delete_bookingrequest")
    assert not policy.user_has_permission(editor, "delete")
    assert not policy.user_has_permission(editor, "add")
    assert policy.user_has_permission(editor, "change")
    assert editor not in policy.users_with_permission("delete")
    assert editor in policy.users_with_permission("change")


def test_editor_sees_the_list(editor_client, booking):
    response = editor_client.get(BOOKINGS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Nowak" in html
    assert booking.receipt_number in html
    assert "Prośby o konsultację" in html


def test_anonymous_is_sent_to_login(client, booking):
    response = client.get(BOOKINGS)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_user_without_permission_is_refused(client, django_user_model, booking):
    user = django_user_model.objects.create_user("bez-praw", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(BOOKINGS)
    assert response.status_code in (302, 403)
    assert "Anna Nowak" not in response.content.decode()


def test_marking_handled_records_who_and_when_and_changes_nothing_else(
    editor_client, editor, booking
):
    response = editor_client.post(
        f"{BOOKINGS}edit/{booking.pk}/",
        {"is_handled": "on", "name": "Ktoś Inny", "email": "zmiana@example.pl"},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.is_handled
    assert booking.handled_by == editor
    assert abs((timezone.now() - booking.handled_at).total_seconds()) < 60
    assert booking.name == "Anna Nowak"
    assert booking.email == "jan@example.pl"
    # Unmarking clears the record of handling.
    editor_client.post(f"{BOOKINGS}edit/{booking.pk}/", {})
    booking.refresh_from_db()
    assert not booking.is_handled and booking.handled_at is None and booking.handled_by is None


def test_edit_form_shows_the_request_read_only(editor_client, booking):
    html = editor_client.get(f"{BOOKINGS}edit/{booking.pk}/").content.decode()
    assert "Anna Nowak" in html
    assert 'name="is_handled"' in html
    assert 'name="name"' not in html


@pytest.mark.parametrize("path", ["new/", "delete/{pk}/", "copy/{pk}/"])
def test_nobody_adds_deletes_or_copies_requests(admin_client, booking, path):
    response = admin_client.post(BOOKINGS + path.format(pk=booking.pk), {"name": "X"})
    assert response.status_code in (302, 403, 404)
    assert BookingRequest.objects.count() == 1
    assert BookingRequest.objects.get().name == "Anna Nowak"


def test_filter_by_handled(editor_client, booking):
    BookingRequestFactory(name="Piotr Załatwiony", is_handled=True)
    html = editor_client.get(BOOKINGS, {"is_handled": "true"}).content.decode()
    assert "Piotr Załatwiony" in html
    assert "Anna Nowak" not in html


def test_csv_export_in_polish_and_safe_from_formulas(editor_client, booking):
    BookingRequestFactory(name="Piotr Załatwiony", is_handled=True)
    response = editor_client.get(BOOKINGS, {"export": "csv", "is_handled": "false"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    header, *rows = [line for line in body.splitlines() if line]
    assert "Numer potwierdzenia" in header and "Imię i nazwisko" in header
    assert len(rows) == 1
    assert "Anna Nowak" in rows[0]
    assert "Fundacja Razem" in rows[0]
    assert "'=HYPERLINK" in rows[0]  # would otherwise run as a formula in a spreadsheet
    assert ",nie," in rows[0]


def test_xlsx_export(editor_client, booking):
    response = editor_client.get(BOOKINGS, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][0] == "Numer potwierdzenia"
    assert rows[1][0] == booking.receipt_number
    assert "Anna Nowak" in rows[1]


def test_registrations_list_filter_and_cancel(editor_client, event_index):
    event = EventPageFactory(parent=event_index, title="Szkolenie z projektów")
    registration = EventRegistrationFactory(event=event, name="Ewa Lis")
    html = editor_client.get(REGISTRATIONS, {"event": event.pk}).content.decode()
    assert "Ewa Lis" in html
    response = editor_client.post(
        f"{REGISTRATIONS}edit/{registration.pk}/", {"is_cancelled": "on", "name": "Inna"}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.is_cancelled and registration.name == "Ewa Lis"
    assert event.taken_places() == 0
    export = editor_client.get(REGISTRATIONS, {"export": "csv"})
    assert "Ewa Lis" in b"".join(export.streaming_content).decode()
    assert EventRegistration.objects.count() == 1
