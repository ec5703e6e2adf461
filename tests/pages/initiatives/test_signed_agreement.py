"""The signed agreement's scan (a Wagtail document in the private collection, never
served to the public, deleted with the personal data) and the milestones (kept by the
coordinator, shown to the applicant through the private link)."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest

from accounts import roles
from api.visibility import private_collection_ids
from core import retention
from pages.initiatives import signed_agreement
from pages.initiatives.choices import MilestoneStatus, Status
from pages.initiatives.models import Initiative, Milestone
from tests.factories import initiatives
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def coordinator():
    user = UserFactory(username="koordynatorka", groups=[roles.SUBMISSIONS_TEAM])
    user.user_permissions.add(Permission.objects.get(codename="change_initiative"))
    return user


def accepted(rules):
    return initiatives.initiative(
        rules, status=Status.ACCEPTED, granted_amount=Decimal("7000"), decided_at=timezone.now()
    )


def upload(client, initiative, content=PDF, name="umowa.pdf", signed_on="2027-05-04"):
    return client.post(
        f"/admin/inicjatywy/ocena/{initiative.pk}/",
        {
            "action": "scan",
            "scan": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "signed_on": signed_on,
        },
    )


def test_the_scan_is_a_private_document_served_to_the_coordinators_only(client, rules):
    initiative = accepted(rules)
    client.force_login(coordinator())
    assert upload(client, initiative).status_code == 302
    initiative.refresh_from_db()
    scan = initiative.signed_agreement
    assert scan is not None and str(initiative.agreement_signed_on) == "2027-05-04"
    assert scan.collection.name == signed_agreement.COLLECTION_NAME
    assert scan.collection_id in private_collection_ids()
    served = client.get(scan.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF")
    client.logout()
    refused = client.get(scan.url)
    assert refused.status_code in (302, 403)
    assert not getattr(refused, "streaming", False)
    # An editor is not among the collection's readers either.
    client.force_login(UserFactory(username="redaktor", groups=[roles.EDITORS]))
    assert client.get(scan.url).status_code in (302, 403)
    # Nor is it in the public API's documents.
    client.logout()
    listed = client.get("/api/v2/documents/")
    assert scan.title not in listed.text


def test_a_file_that_lies_about_its_type_is_refused_and_nothing_stored(client, rules):
    initiative = accepted(rules)
    client.force_login(coordinator())
    answer = upload(client, initiative, content=b"MZ\x90\x00 not a pdf")
    assert answer.status_code == 200
    initiative.refresh_from_db()
    assert initiative.signed_agreement is None
    assert not get_document_model().objects.exists()
    answer = upload(client, initiative, signed_on="")
    assert "Podaj datę podpisania." in answer.text


def test_a_new_scan_replaces_the_old_one(client, rules, django_capture_on_commit_callbacks):
    initiative = accepted(rules)
    client.force_login(coordinator())
    upload(client, initiative)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, initiative, name="umowa-poprawiona.pdf")
    initiative.refresh_from_db()
    assert get_document_model().objects.count() == 1
    assert "umowa-poprawiona" in initiative.signed_agreement.file.name


def test_no_scan_before_the_acceptance_and_not_by_a_team_member(client, rules):
    waiting = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
    client.force_login(coordinator())
    assert "Podpisana umowa" not in client.get(f"/admin/inicjatywy/ocena/{waiting.pk}/").text
    assert upload(client, waiting).status_code in (302, 403)
    assert not get_document_model().objects.exists()
    member = UserFactory(username="czlonek", groups=[roles.INITIATIVES_TEAM])
    client.force_login(member)
    assert upload(client, accepted(rules)).status_code in (302, 403)
    assert not get_document_model().objects.exists()


def test_the_scan_goes_with_the_personal_data(client, rules):
    initiative = accepted(rules)
    client.force_login(coordinator())
    upload(client, initiative)
    Initiative.objects.filter(pk=initiative.pk).update(
        status=Status.REALISED, closed_at=timezone.now() - timedelta(days=4000)
    )
    retention.purge_expired_personal_data()
    initiative.refresh_from_db()
    assert initiative.leader_name == ""
    assert not get_document_model().objects.exists()


def test_milestones_kept_by_the_coordinator_and_seen_through_the_private_link(client, rules):
    initiative = accepted(rules)
    key = initiative.new_private_key()
    initiative.save()
    client.force_login(coordinator())
    page = client.get(f"/admin/inicjatywy/ocena/{initiative.pk}/").text
    assert "Etapy realizacji" in page
    data = {
        "action": "milestones",
        "etapy-TOTAL_FORMS": "1",
        "etapy-INITIAL_FORMS": "0",
        "etapy-MIN_NUM_FORMS": "0",
        "etapy-MAX_NUM_FORMS": "1000",
        "etapy-0-title": "Nasadzenia",
        "etapy-0-due_on": "",
        "etapy-0-city_amount": "2 500,50",
        "etapy-0-contribution": "40 godz. pracy społecznej",
        "etapy-0-status": MilestoneStatus.PLANNED,
    }
    refused = client.post(f"/admin/inicjatywy/ocena/{initiative.pk}/", data)
    assert refused.status_code == 200 and "Podaj termin etapu." in refused.text
    assert "40 godz. pracy społecznej" in refused.text
    assert not Milestone.objects.exists()
    data["etapy-0-due_on"] = "2027-06-15"
    data["etapy-0-city_amount"] = "2500,50"
    assert client.post(f"/admin/inicjatywy/ocena/{initiative.pk}/", data).status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.city_amount == Decimal("2500.50")
    client.logout()
    private = client.get(f"/inicjatywa-lokalna/moj-wniosek/{key}/").text
    assert "Nasadzenia" in private and "40 godz. pracy społecznej" in private
    assert "Zaplanowany" in private
    # The public register does not show them.
    public = client.get(f"/inicjatywa-lokalna/wnioski/{initiative.pk}/")
    assert "40 godz. pracy społecznej" not in public.text
