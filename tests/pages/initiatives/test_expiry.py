"""Unconfirmed applications expire after the year's confirmation hours: the link answers
410, the daily command deletes them with members and files; confirmed ones and paper
ones stay."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

import pytest

from pages.initiatives import expiry
from pages.initiatives.models import Attachment, GroupMember, Initiative
from tests.factories import initiatives

pytestmark = pytest.mark.django_db


def aged(rules, hours, **fields):
    initiative = initiatives.initiative(rules, **fields)
    Initiative.objects.filter(pk=initiative.pk).update(
        submitted_at=timezone.now() - timedelta(hours=hours)
    )
    return Initiative.objects.get(pk=initiative.pk)


def test_the_command_deletes_expired_unconfirmed_applications_with_their_files(
    rules, django_capture_on_commit_callbacks
):
    assert rules.confirmation_hours == 72
    expired = aged(rules, 73, confirmed=False, title="Niepotwierdzony")
    attachment = Attachment(initiative=expired, original_name="mapa.pdf")
    attachment.file.save("mapa.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    storage, name = attachment.file.storage, attachment.file.name
    fresh = aged(rules, 71, confirmed=False, title="Świeży")
    confirmed = aged(rules, 200, title="Potwierdzony")
    paper = aged(rules, 200, confirmed=True, entered_by_staff=True, title="Papierowy")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_initiative_drafts", stdout=io.StringIO())
    left = set(Initiative.objects.values_list("pk", flat=True))
    assert left == {fresh.pk, confirmed.pk, paper.pk}
    assert not GroupMember.objects.filter(initiative_id=expired.pk).exists()
    assert not storage.exists(name)
    assert expiry.expire_unconfirmed() == 0  # idempotent


def test_the_hours_are_the_years(initiative_index):
    rules = initiatives.rules_page(initiative_index, year=2031, confirmation_hours=24)
    aged(rules, 25, confirmed=False)
    assert expiry.expire_unconfirmed() == 1


def test_the_link_of_an_expired_application_answers_410(client, rules):
    initiative = aged(rules, 73, confirmed=False)
    key = initiative.new_private_key()
    initiative.save()
    answer = client.post(f"/inicjatywa-lokalna/moj-wniosek/{key}/", {"action": "confirm"})
    assert answer.status_code == 410 and "Wniosek wygasł" in answer.text
    initiative.refresh_from_db()
    assert initiative.confirmed_at is None
    fresh = aged(rules, 1, confirmed=False)
    key = fresh.new_private_key()
    fresh.save()
    answer = client.post(f"/inicjatywa-lokalna/moj-wniosek/{key}/", {"action": "confirm"})
    assert answer.status_code == 200
