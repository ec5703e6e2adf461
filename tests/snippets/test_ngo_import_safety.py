"""Issue 25: the NGO import never loses an editor's work, never garbles a name, never
half-writes. Each test is one reproduction from the issue."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry, ReferenceIndex, Revision
from wagtail.signals import published

import pytest

from pages.registry.forms import NGOImportForm
from snippets.models import NGO
from snippets.ngo_import import ALL, CLEAR_MARKER, MAX_FILE_BYTES, Decisions, import_ngos
from tests.factories.pages import DistrictFactory
from tests.factories.registry import NGOFactory
from tests.snippets.ngo_csv import HEADER, cells_only, row, to_csv

pytestmark = pytest.mark.django_db

KRS, NIP = "0000000001", "5252248481"


def _record(**fields) -> NGO:
    defaults = {
        "name": "Stowarzyszenie Stare",
        "krs": KRS,
        "nip": NIP,
        "email": "biuro@example.org",
        "phone": "32 111 11 11",
        "is_active": False,
        "is_public_benefit": True,
        "city": "Sosnowiec",
    }
    return NGOFactory(**{**defaults, **fields})


# Blank cells


def test_blank_cells_change_nothing_and_short_rows_clear_nothing():
    ngo = _record()
    blank = dict.fromkeys(HEADER, "")
    report = import_ngos(to_csv([{**blank, "nazwa": ngo.name, "nip": NIP}]))
    assert report.ok and report.unchanged == 1
    short = f"{','.join(HEADER)}\n{ngo.name},,,,{NIP}\n".encode()
    assert import_ngos(short).unchanged == 1
    ngo.refresh_from_db()
    assert (ngo.krs, ngo.email, ngo.phone, ngo.city) == (
        KRS,
        "biuro@example.org",
        "32 111 11 11",
        "Sosnowiec",
    )
    assert (ngo.is_active, ngo.is_public_benefit) == (False, True)


def test_the_clear_marker_empties_a_field_and_is_refused_where_it_cannot():
    ngo = _record()
    report = import_ngos(cells_only(nip=NIP, email=CLEAR_MARKER, telefon="[usun]"))
    assert report.ok and report.updated == 1
    assert report.records[0].changes == [
        ["email", "biuro@example.org", "(puste)"],
        ["telefon", "32 111 11 11", "(puste)"],
    ]
    ngo.refresh_from_db()
    assert (ngo.email, ngo.phone) == ("", "")
    refused = import_ngos(cells_only(nip=NIP, nazwa=CLEAR_MARKER, dzialajaca=CLEAR_MARKER))
    assert {(e.line, e.column) for e in refused.errors} == {(2, "nazwa"), (2, "dzialajaca")}


def test_extra_cells_are_reported_not_dropped():
    data = f"{','.join(HEADER)}\n".encode() + to_csv([row(krs=KRS)]).split(b"\n", 1)[1].replace(
        b"\r\n", b",nadmiarowa\r\n"
    )
    report = import_ngos(data)
    assert not report.ok and NGO.objects.count() == 0
    assert report.errors[0].line == 2 and "nadmiarowe: „nadmiarowa”" in report.errors[0].message
    trailing_separators = data.replace(b",nadmiarowa", b",,")
    assert import_ngos(trailing_separators).ok


def test_dry_run_lists_field_by_field_what_would_change():
    ngo = _record()
    district = DistrictFactory(name="Gołonóg")
    report = import_ngos(
        cells_only(nip=NIP, email="nowy@example.org", dzielnica="Gołonóg", obszary="16"),
        dry_run=True,
    )
    assert (report.updated, report.created) == (1, 0)
    [plan] = report.records
    assert (plan.line, plan.action, plan.ngo_id) == (2, "update", ngo.pk)
    assert plan.changes == [
        ["dzielnica", "(puste)", district.name],
        ["email", "biuro@example.org", "nowy@example.org"],
        ["obszary", "(puste)", "16"],
    ] or sorted(plan.changes) == sorted(
        [
            ["email", "biuro@example.org", "nowy@example.org"],
            ["dzielnica", "(puste)", district.name],
            ["obszary", "(puste)", "16"],
        ]
    )
    ngo.refresh_from_db()
    assert ngo.email == "biuro@example.org"


# KRS and NIP


def test_a_changed_krs_or_nip_is_written_only_when_confirmed():
    ngo = _record()
    data = cells_only(nip=NIP, krs=CLEAR_MARKER)
    report = import_ngos(data)
    assert report.ok and report.held == 1
    assert "KRS zmieniłby się z 0000000001 (w rejestrze) usunięty" in report.records[0].holds[0][1]
    ngo.refresh_from_db()
    assert ngo.krs == KRS
    assert import_ngos(data, decisions=Decisions(change_numbers=frozenset({2}))).updated == 1
    ngo.refresh_from_db()
    assert ngo.krs is None


# Conflicts


def _publish(ngo: NGO, **changes) -> None:
    """What accepting a partner's proposal or an editor's publish leaves."""
    for name, value in changes.items():
        setattr(ngo, name, value)
    ngo.save()
    ngo.save_revision().publish()


def test_an_older_file_does_not_revert_a_later_change_unless_chosen():
    ngo = _record()
    exported_at = timezone.now()
    old_file = cells_only(nip=NIP, email="biuro@example.org", telefon="32 222 22 22")
    _publish(ngo, email="nowy-od-partnera@example.org")
    report = import_ngos(old_file, exported_at=exported_at)
    assert report.ok and (report.held, report.updated) == (1, 0)
    [(kind, reason)] = report.records[0].holds
    assert kind == "conflict" and "po utworzeniu pliku" in reason
    ngo.refresh_from_db()
    assert (ngo.email, ngo.phone) == ("nowy-od-partnera@example.org", "32 111 11 11")
    chosen = import_ngos(old_file, exported_at=exported_at, decisions=Decisions(overwrite=ALL))
    assert chosen.updated == 1
    ngo.refresh_from_db()
    assert (ngo.email, ngo.phone) == ("biuro@example.org", "32 222 22 22")


def test_a_draft_a_lock_and_a_schedule_hold_a_record_back():
    drafted = _record()
    drafted.email = "w-wersji-roboczej@example.org"
    draft = drafted.save_revision()  # a draft: the row keeps the live value
    locked = _record(krs="0000000002", nip="1234563218", locked=True)
    scheduled = _record(krs="0000000003", nip="7740001454")
    Revision.objects.filter(pk=scheduled.save_revision().pk).update(
        approved_go_live_at=timezone.now() + timedelta(days=2)
    )
    data = to_csv(
        [{"nip": ngo.nip, "telefon": "32 999 99 99"} for ngo in (drafted, locked, scheduled)],
        header=["nip", "telefon"],
    )
    report = import_ngos(data)
    assert (report.held, report.updated) == (3, 0)
    reasons = [" ".join(reason for _kind, reason in record.holds) for record in report.records]
    assert "nieopublikowaną wersję roboczą" in reasons[0]
    assert "zablokowana" in reasons[1]
    assert "zaplanowaną publikację" in reasons[2]
    drafted.refresh_from_db()
    assert drafted.latest_revision == draft and drafted.has_unpublished_changes
    assert NGO.objects.filter(phone="32 999 99 99").count() == 0
    chosen = import_ngos(data, decisions=Decisions(overwrite=frozenset({2, 4})))
    assert (chosen.updated, chosen.held) == (2, 1)
    assert any("wersje robocze" in warning for warning in chosen.warnings)
    scheduled.refresh_from_db()
    assert scheduled.phone == "32 999 99 99"
    assert not scheduled.revisions.filter(approved_go_live_at__isnull=False).exists()


# Publishing as Wagtail does


def test_an_update_is_published_as_wagtails_publish_writes_it():
    district = DistrictFactory(name="Gołonóg")
    ngo = _record()
    assert ngo.first_published_at is None
    heard = []

    def listener(sender, instance, revision, **kwargs):
        heard.append((sender, instance.pk, revision.pk))

    published.connect(listener)
    try:
        report = import_ngos(cells_only(nip=NIP, nazwa="Nowa Nazwa", dzielnica="Gołonóg"))
    finally:
        published.disconnect(listener)
    assert report.updated == 1
    ngo.refresh_from_db()
    revision = ngo.latest_revision
    assert ngo.live_revision == revision and not ngo.has_unpublished_changes
    assert ngo.first_published_at and ngo.last_published_at == ngo.first_published_at
    assert revision.content["name"] == "Nowa Nazwa"
    assert heard == [(NGO, ngo.pk, revision.pk)]
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(ngo.pk))
        .order_by("pk")
        .values_list("action", "data")
    )
    renamed = {"title": {"old": "Stowarzyszenie Stare", "new": "Nowa Nazwa"}}
    assert actions == [
        ("wagtail.edit", {}),
        ("wagtail.rename", renamed),
        ("wagtail.publish", renamed),
    ]
    # The district's "usage" lists the organisation.
    assert ReferenceIndex.get_references_to(district).filter(object_id=str(ngo.pk)).exists()


def test_an_unpublished_record_stays_unpublished_and_consistent():
    ngo = _record(live=False)
    report = import_ngos(cells_only(nip=NIP, telefon="32 999 99 99"))
    assert report.updated == 1
    ngo.refresh_from_db()
    assert not ngo.live and ngo.live_revision is None and ngo.last_published_at is None
    assert ngo.has_unpublished_changes and ngo.latest_revision.content["phone"] == "32 999 99 99"
    assert ngo.phone == "32 999 99 99"  # an unpublished snippet's row holds its draft
    actions = ModelLogEntry.objects.filter(object_id=str(ngo.pk)).values_list("action", flat=True)
    assert list(actions) == ["wagtail.edit"]


# Encodings


def test_a_byte_that_is_not_utf8_refuses_the_file_naming_line_and_byte():
    data = to_csv([row(krs=KRS, nazwa="Stowarzyszenie Przyjaciół Pogorii")])
    broken = data.replace("ół".encode(), b"\xf3\xb3")  # cp1250 bytes inside UTF-8 text
    report = import_ngos(broken)
    assert not report.ok and NGO.objects.count() == 0
    [error] = report.errors
    assert error.line == 2 and "bajt 0xF3" in error.message and "UTF-8" in error.message


def test_cp1250_and_iso_8859_2_are_read_only_when_chosen_and_never_mixed_up():
    cp1250 = to_csv([row(krs=KRS, nazwa="SPÓŁDZIELNIA SOCJALNA")], encoding="cp1250")
    as_utf8 = import_ngos(cp1250)  # Ó Ł in cp1250 happen to be valid UTF-8 (Cyrillic ӣ)
    assert not as_utf8.ok and "Windows-1250" in as_utf8.errors[0].message
    assert import_ngos(cp1250, encoding="cp1250").ok
    assert NGO.objects.get().name == "SPÓŁDZIELNIA SOCJALNA"
    latin2 = to_csv([row(krs="0000000002", nazwa="Święto Wiośnie")], encoding="iso-8859-2")
    assert not import_ngos(latin2).ok
    as_cp1250 = import_ngos(latin2, encoding="cp1250")
    assert not as_cp1250.ok and "ISO-8859-2" in as_cp1250.errors[0].message
    assert import_ngos(latin2, encoding="iso-8859-2").ok
    assert NGO.objects.filter(name="Święto Wiośnie").exists()


def test_a_replacement_character_is_never_stored_and_a_bom_is_fine():
    garbled = to_csv([row(krs=KRS, nazwa="Stowarzyszenie Przyjaci\ufffd\ufffd")])
    report = import_ngos(garbled)
    assert not report.ok and "U+FFFD" in report.errors[0].message
    assert import_ngos(b"\xef\xbb\xbf" + to_csv([row(krs=KRS, nazwa="Żółw")])).ok
    assert NGO.objects.get().name == "Żółw"


# Bounds and write-time errors


def test_limits_come_from_the_model_and_long_text_is_read():
    long_description = "Opis " * 40_000  # 200,000 characters
    report = import_ngos(
        to_csv(
            [
                row(krs=KRS, opis=long_description),
                row(krs="0000000002", email="a" * 250 + "@example.org"),
                row(krs="0000000003", nazwa="ß" * 300),  # folds to 600 letters
            ]
        )
    )
    assert {(e.line, e.column) for e in report.errors} == {(3, "email"), (4, "nazwa")}
    assert "najwyżej 254 znaków" in report.errors[0].message
    report = import_ngos(to_csv([row(krs=KRS, opis=long_description)]))
    assert report.ok and NGO.objects.get().description == long_description.strip()


def test_a_krs_inserted_meanwhile_is_reported_per_line_and_nothing_is_written():
    def insert_meanwhile(state, done, total):
        if state == "writing":
            NGOFactory(krs="0000000002", nip=None, name="Wpisana w międzyczasie")

    ngo = _record()
    data = to_csv([row(krs=KRS, nip=NIP, telefon="1"), row(krs="0000000002", nazwa="Nowa")])
    report = import_ngos(data, progress=insert_meanwhile)
    assert not report.ok
    assert [(e.line, e.column) for e in report.errors] == [(3, "krs")]
    assert "dodana w rejestrze w trakcie importu" in report.errors[0].message
    ngo.refresh_from_db()
    assert ngo.phone == "32 111 11 11" and ngo.revisions.count() == 0
    assert NGO.objects.count() == 2


# Round trip


def test_export_edit_import_changes_exactly_the_edited_cells(client, directory):
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    first = _record(is_active=True)
    second = _record(
        krs="0000000002", nip="1234563218", name="Fundacja Druga", is_active=True, phone=""
    )
    client.force_login(user)
    exported_at = timezone.now()
    exported = client.get("/organizacje/dane.csv").content.decode()
    edited = exported.replace("32 111 11 11", "32 555 55 55", 1).replace(
        "Fundacja Druga", "Fundacja Druga (nowa)"
    )
    report = import_ngos(edited.encode(), exported_at=exported_at, user=user)
    assert report.ok and (report.updated, report.unchanged, report.held) == (2, 0, 0)
    changes = {record.ngo_id: record.changes for record in report.records}
    assert changes == {
        first.pk: [["telefon", "32 111 11 11", "32 555 55 55"]],
        second.pk: [["nazwa", "Fundacja Druga", "Fundacja Druga (nowa)"]],
    }
    again = import_ngos(exported.encode(), exported_at=exported_at)
    assert again.held == 2  # the file is older than the import's own change now
    content_type = ContentType.objects.get_for_model(NGO)
    assert Revision.objects.filter(content_type=content_type).count() == 2


# The command and the admin accept the same


def test_the_command_shows_the_plan_and_takes_choices_by_line(tmp_path):
    ngo = _record()
    exported_at = timezone.localtime()
    _publish(ngo, email="nowy-od-partnera@example.org")
    file = tmp_path / "rejestr.csv"
    file.write_bytes(cells_only(nip=NIP, telefon="32 999 99 99"))
    out = io.StringIO()
    moment = exported_at.strftime("%Y-%m-%d %H:%M:%S")
    call_command("import_ngos", str(file), "--dry-run", f"--exported-at={moment}", stdout=out)
    assert "wiersz 2: WSTRZYMANA – Stowarzyszenie Stare" in out.getvalue()
    assert "telefon: 32 111 11 11 → 32 999 99 99" in out.getvalue()
    call_command("import_ngos", str(file), f"--exported-at={moment}", "--overwrite=2", stdout=out)
    ngo.refresh_from_db()
    assert ngo.phone == "32 999 99 99"
    with pytest.raises(CommandError, match="numery wierszy"):
        call_command("import_ngos", str(file), "--overwrite=pięć")


def test_the_admin_accepts_a_file_as_large_as_the_command_does():
    rows = [row(krs=f"{n:010d}", opis="x" * 230) for n in range(1, 50_001)]
    data = to_csv(rows)
    assert len(data) > 10 * 1024 * 1024  # the old limit of the admin
    form = NGOImportForm({"encoding": "utf-8"}, {"file": SimpleUploadedFile("rejestr.csv", data)})
    assert form.is_valid(), form.errors
    assert len(data) <= MAX_FILE_BYTES
