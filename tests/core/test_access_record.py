"""The personal-data access record: lists are recorded; old entries go with the retention period."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.viewsets import viewsets

import pytest

from accounts import roles
from core.models import PersonalDataAccess, PrivacySettings
from core.retention import submission_models
from pages.registry.models import OfferComment
from tests.factories.accounts import UserFactory
from tests.factories.cao import (
    BookingRequestFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
)
from tests.factories.consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ConsultationResponseFactory,
)
from tests.factories.registry import SmallGrantOfferFactory

pytestmark = pytest.mark.django_db


def _entry(user, days_ago):
    entry = PersonalDataAccess.objects.create(
        user=user,
        username=user.username,
        action=PersonalDataAccess.Action.EXPORT,
        model_label="cao.BookingRequest",
        rows=12,
        export_format="csv",
    )
    # `at` is set on creation; the past is written afterwards.
    PersonalDataAccess.objects.filter(pk=entry.pk).update(
        at=timezone.now() - timedelta(days=days_ago)
    )
    return entry


def test_purge_personal_data_removes_access_entries_past_retention(home_page):
    settings = PrivacySettings.for_site(home_page.get_site())
    settings.retention_days = 30
    settings.save()
    user = UserFactory(username="obsluga")
    old, recent = _entry(user, 31), _entry(user, 29)

    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "Rejestr dostępu do danych osobowych: do usunięcia 1 wpisów" in out.getvalue()
    assert PersonalDataAccess.objects.count() == 2

    call_command("purge_personal_data", stdout=StringIO())
    assert list(PersonalDataAccess.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not PersonalDataAccess.objects.filter(pk=old.pk).exists()


def test_an_entry_outlives_the_account(home_page):
    user = UserFactory(username="byly-pracownik")
    entry = _entry(user, 1)
    user.delete()
    entry.refresh_from_db()
    assert entry.user is None and entry.username == "byly-pracownik"


def consultation_responses(home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=index)
    for _ in range(3):
        ConsultationResponseFactory(consultation=consultation)
    return "/admin/consultation_responses/", "consultations.ConsultationResponse"


def offer_comments(home_page):
    offer = SmallGrantOfferFactory()
    for n in range(3):
        OfferComment.objects.create(
            offer=offer,
            receipt_number=f"UO-2026-LIST-{n}",
            author_name="Jan Kowalski",
            email="jan@example.org",
            comment="Uwaga",
        )
    return reverse("offer_comments:index"), "registry.OfferComment"


def bookings(home_page):
    for _ in range(3):
        BookingRequestFactory()
    return "/admin/cao/prosby-o-konsultacje/", "cao.BookingRequest"


def registrations(home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    for _ in range(3):
        EventRegistrationFactory(event=event)
    return "/admin/cao/zapisy-na-wydarzenia/", "cao.EventRegistration"


@pytest.mark.parametrize("build", [consultation_responses, offer_comments, bookings, registrations])
def test_a_list_of_submissions_is_recorded_with_its_rows_and_filters(client, home_page, build):
    """The list itself shows names and contacts: each look at it is a row of the record."""
    url, label = build(home_page)
    team = UserFactory(username="obsluga-listy", groups=[roles.SUBMISSIONS_TEAM])
    client.force_login(team)
    response = client.get(url, {"q": "", "p": "1"})
    assert response.status_code == 200
    entry = PersonalDataAccess.objects.get(user=team)
    assert (entry.action, entry.model_label, entry.rows) == ("list", label, 3)
    assert "p=1" in entry.query and entry.export_format == ""
    # The results refreshed by the filters (the same view without the page around it).
    client.get(f"{url}results/")
    assert PersonalDataAccess.objects.filter(user=team, action="list").count() == 2
    # An export is one entry of its own, not a list as well.
    client.get(url, {"export": "csv"})
    assert list(
        PersonalDataAccess.objects.filter(user=team).order_by("pk").values_list("action", flat=True)
    ) == ["list", "list", "export"]


def test_an_empty_list_shows_nobody_and_is_not_recorded(client, home_page):
    client.force_login(UserFactory(username="obsluga-pusta", groups=[roles.SUBMISSIONS_TEAM]))
    assert client.get("/admin/cao/prosby-o-konsultacje/").status_code == 200
    assert not PersonalDataAccess.objects.exists()


def test_every_submission_models_admin_list_is_recorded():
    """A new public form's admin list must mix in the record too."""
    from core.audit import AuditedIndexMixin

    reverse("wagtailadmin_home")  # Wagtail registers the viewsets as it loads its URLs
    listed = {}
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if model in submission_models() and hasattr(viewset, "index_view_class"):
            listed[model] = viewset.index_view_class
    # Models kept for administrators alone have no list screen of personal data: their
    # export is recorded (tests/alerts/).
    admin_only = {
        model
        for model in submission_models()
        if model._meta.label_lower in roles.ADMINISTRATORS_ONLY_MODELS
    }
    # Read elsewhere than an admin list: ballots one at a time in the verification queue,
    # without names, each view recorded (voting.admin_views). Volunteers' answers are
    # decided by the organisation in the NGO zone and listed for the team in the admin.
    elsewhere = {"voting.ballot"}
    elsewhere_models = {m for m in submission_models() if m._meta.label_lower in elsewhere}
    assert len(elsewhere_models) == len(elsewhere)
    assert set(listed) == set(submission_models()) - admin_only - elsewhere_models
    for model, view_class in listed.items():
        assert issubclass(view_class, AuditedIndexMixin), model
