"""Issue 25: the import's bulk write stores what Wagtail's own actions store, and a
partner's accepted change is not reverted by an older file."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Revision

import pytest

from accounts.models import NGOChangeRequest
from snippets.models import NGO, PublicBenefitArea
from snippets.models.ngo import fold
from snippets.ngo_import import ALL, Decisions, import_ngos
from tests.factories.pages import DistrictFactory
from tests.factories.registry import NGOFactory
from tests.snippets.ngo_csv import to_csv

pytestmark = pytest.mark.django_db


def _wagtails_revision_content(ngo: NGO, **changes) -> dict:
    """What Wagtail's `save_revision` stores for NGO with CHANGES (as the admin's edit
    form leaves the instance: its fields set, its areas set in memory, then saved),
    read back from the database; rolled back afterwards."""
    areas = changes.pop("areas", None)
    for name, value in changes.items():
        setattr(ngo, name, value)
    if areas is not None:
        ngo.areas.set(areas)
    ngo.search_name = fold(f"{ngo.name} {ngo.short_name}")  # what NGO.save() sets

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            revision = ngo.save_revision()
            content = Revision.objects.get(pk=revision.pk).content
            raise Undo
    except Undo:
        return content


def test_an_imported_revision_is_what_wagtails_save_revision_stores():
    user = get_user_model().objects.create_superuser("importer", "i@example.org", "x")
    district = DistrictFactory(name="Gołonóg")
    first, second, sixteenth = (PublicBenefitArea.objects.get(number=n) for n in ["1", "2", "16"])
    changed = NGOFactory(krs="0000000001", nip=None, verified_on=date(2025, 3, 1))
    changed.areas.set([sixteenth, first])
    changed.save()
    kept = NGOFactory(krs="0000000002", nip=None, district=district, phone="1")
    kept.areas.set([second, sixteenth])
    kept.save()
    kept.save_revision(user=user).publish(user=user)  # with revisions and publication dates
    before = {ngo.pk: NGO.objects.get(pk=ngo.pk) for ngo in (changed, kept)}
    data = to_csv(
        [
            {"krs": "0000000001", "nazwa": "Nowa Nazwa", "obszary": "2;16", "telefon": "9"},
            {"krs": "0000000002", "telefon": "32 999 99 99", "data_weryfikacji": "2026-01-15"},
        ],
        header=["krs", "nazwa", "obszary", "telefon", "data_weryfikacji"],
    )
    report = import_ngos(data, user=user, decisions=Decisions(overwrite=ALL))
    assert report.ok and report.updated == 2, report.errors
    imported = {
        ngo.pk: Revision.objects.get(pk=ngo.latest_revision_id).content
        for ngo in NGO.objects.filter(pk__in=before)
    }
    expected_changed = _wagtails_revision_content(
        before[changed.pk],
        name="Nowa Nazwa",
        phone="9",
        areas=sorted([second, sixteenth], key=lambda area: area.pk),
    )
    expected_kept = _wagtails_revision_content(
        before[kept.pk], phone="32 999 99 99", verified_on=date(2026, 1, 15)
    )
    assert imported[changed.pk] == expected_changed
    assert imported[kept.pk] == expected_kept
    # The areas in the order Wagtail gives them: as set, or the areas' own order.
    assert expected_kept["areas"] == [second.pk, sixteenth.pk] or expected_kept["areas"] == [
        area.pk for area in PublicBenefitArea.objects.filter(pk__in=[second.pk, sixteenth.pk])
    ]


def test_a_partners_accepted_change_is_not_reverted_by_an_older_file():
    """The issue's reproduction: re-importing an older open-data file reverted a partner's
    accepted change. Accepting it (NGOChangeRequest.apply) publishes a revision; a file
    taken before that holds the record back."""
    editor = get_user_model().objects.create_superuser("redaktor", "r@example.org", "x")
    ngo = NGOFactory(krs="0000000001", nip=None, phone="32 111 11 11", email="stary@example.org")
    exported_at = timezone.now()
    old_file = to_csv(
        [{"krs": "0000000001", "telefon": "32 111 11 11", "email": "stary@example.org"}],
        header=["krs", "telefon", "email"],
    )
    proposal = NGOChangeRequest.objects.create(
        ngo=ngo,
        email="nowy@example.org",
        phone="32 222 22 22",
        street_address=ngo.street_address,
        postal_code=ngo.postal_code,
        city=ngo.city,
    )
    proposal.apply(editor)
    report = import_ngos(old_file, exported_at=exported_at)
    assert report.ok and (report.held, report.updated) == (1, 0)
    assert "po utworzeniu pliku" in report.records[0].holds[0][1]
    ngo.refresh_from_db()
    assert (ngo.email, ngo.phone) == ("nowy@example.org", "32 222 22 22")


def test_text_with_tabs_newlines_and_backslashes_and_empty_vs_null_are_stored_as_read():
    """The rows go to PostgreSQL by COPY, partly without Django's conversion of values:
    COPY's own escapes (tab, newline, backslash, `\\N` for NULL) must not leak into the
    data, an empty text stays empty and a missing number stays NULL."""
    text = 'Cele:\tpomoc\\wsparcie\nDruga linia\r\nz \\N i "cudzysłowem", średnik;'
    data = to_csv(
        [
            {
                "nazwa": "Fundacja \\N\tTab",
                "nip": "5252248481",
                "opis": text,
                "forma_prawna": "fundacja",
                "data_weryfikacji": "2026-01-15",
            }
        ],
        header=["nazwa", "nip", "opis", "forma_prawna", "data_weryfikacji"],
    )
    report = import_ngos(data)
    assert report.ok and report.created == 1, report.errors
    ngo = NGO.objects.get(nip="5252248481")
    assert (ngo.name, ngo.description) == ("Fundacja \\N\tTab", text)
    assert (ngo.krs, ngo.regon, ngo.short_name, ngo.email) == (None, None, "", "")
    assert ngo.verified_on == date(2026, 1, 15) and ngo.is_active is True
    content = Revision.objects.get(pk=ngo.latest_revision_id).content
    assert (content["name"], content["description"]) == (ngo.name, text)
    assert (content["krs"], content["short_name"], content["verified_on"]) == (
        None,
        "",
        "2026-01-15",
    )
    assert NGO.objects.filter(krs__isnull=True, short_name="").count() == 1
