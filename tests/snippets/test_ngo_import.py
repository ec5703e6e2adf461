"""The CSV import: all rows checked first, all or nothing, re-import updates."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.search.backends import get_search_backend

import pytest

from core.models import SiteContactSettings
from pages.registry.models import NGOImportJob
from snippets.models import NGO
from snippets.ngo_import import import_ngos
from tests.factories.pages import DistrictFactory
from tests.factories.registry import NGOFactory
from tests.snippets.ngo_csv import row, to_csv

pytestmark = pytest.mark.django_db

GOOD = [
    row(nazwa="Fundacja Jeden", forma_prawna="fundacja", krs="0000000001", nip="5252248481",
        obszary="16;17", opp="tak", data_weryfikacji="2026-05-04"),
    row(nazwa="Stowarzyszenie Dwa", krs="0000000002", regon="123456785", obszary="1"),
    row(nazwa="Koło Trzy", forma_prawna="koło gospodyń wiejskich", nip="1234563218",
        email="kolo@example.org", strona_www="https://kolo.example"),
]  # fmt: skip


def test_valid_file_creates_published_records_with_history():
    user = get_user_model().objects.create_user("importer")
    report = import_ngos(to_csv(GOOD), user=user)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    first = NGO.objects.get(krs="0000000001")
    assert first.live and first.is_public_benefit
    assert first.legal_form == "fundacja"
    assert [area.number for area in first.areas.all()] == ["16", "17"]
    assert first.verified_on.isoformat() == "2026-05-04"
    assert first.slug == "fundacja-jeden"
    assert first.search_name == "fundacja jeden "
    assert NGO.objects.get(nip="1234563218").legal_form == "kolo-gospodyn-wiejskich"
    revision = first.latest_revision
    assert revision == first.live_revision
    assert revision.user == user
    assert revision.content["name"] == "Fundacja Jeden"
    assert sorted(revision.content["areas"]) == sorted(a.pk for a in first.areas.all())
    entries = ModelLogEntry.objects.filter(object_id=str(first.pk)).order_by("pk")
    assert [(e.action, e.user, e.revision) for e in entries] == [
        ("wagtail.create", user, revision),
        ("wagtail.publish", user, revision),
    ]


def test_one_bad_row_stops_the_whole_import_and_is_reported():
    district = DistrictFactory(name="Gołonóg")
    rows = [
        *GOOD,
        row(nazwa="Zły NIP", nip="5252248480"),
        row(nazwa="Zła dzielnica", krs="0000000005", dzielnica="Atlantyda"),
        row(nazwa="", krs="0000000006", obszary="16;99", opp="może", kod_pocztowy="41300"),
        row(nazwa="Bez numerów"),
        row(nazwa="Dobra dzielnica", krs="0000000007", dzielnica=district.name.upper()),
        row(nazwa="", krs="0000000008"),  # a new record needs its name
    ]
    report = import_ngos(to_csv(rows))
    assert not report.ok
    assert NGO.objects.count() == 0
    found = {(error.line, error.column) for error in report.errors}
    assert found == {
        (5, "nip"),
        (6, "dzielnica"),
        (7, "obszary"),
        (7, "opp"),
        (7, "kod_pocztowy"),
        (8, "krs"),
        (10, "nazwa"),
    }
    messages = {(error.line, error.column): error.message for error in report.errors}
    assert "NIP ma błędną cyfrę kontrolną" in messages[(5, "nip")]
    assert "nie ma dzielnicy „Atlantyda”" in messages[(6, "dzielnica")]
    assert "nieznane punkty art. 4 ust. 1: 99" in messages[(7, "obszary")]
    assert "podaj KRS albo NIP" in messages[(8, "krs")]
    assert report.summary().startswith("Nie zaimportowano niczego: 7 błędów")
    assert str(report.errors[0]) == (
        "wiersz 5, kolumna „nip”: NIP ma błędną cyfrę kontrolną (ostatnią) – sprawdź, "
        "czy nie ma literówki."
    )


def test_reimport_updates_and_creates_no_duplicates():
    import_ngos(to_csv(GOOD))
    again = import_ngos(to_csv(GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [dict(GOOD[0], nazwa="Fundacja Jeden (nowa nazwa)", obszary="16"), *GOOD[1:]]
    report = import_ngos(to_csv(changed))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert NGO.objects.count() == 3
    ngo = NGO.objects.get(krs="0000000001")
    assert ngo.name == "Fundacja Jeden (nowa nazwa)"
    assert [area.number for area in ngo.areas.all()] == ["16"]
    assert ngo.revisions.count() == 2
    assert ngo.slug == "fundacja-jeden"  # the address stays


def test_rows_without_krs_match_on_nip_and_a_new_krs_is_added():
    existing = NGOFactory(krs=None, nip="5252248481", name="Stara nazwa")
    report = import_ngos(to_csv([row(nazwa="Nowa nazwa", krs="0000000042", nip="525-224-84-81")]))
    assert (report.created, report.updated) == (0, 1)
    existing.refresh_from_db()
    assert (existing.name, existing.krs) == ("Nowa nazwa", "0000000042")


def test_contradicting_numbers_are_refused():
    NGOFactory(krs="0000000001", nip="5252248481")
    NGOFactory(krs="0000000002", nip="1234563218")
    report = import_ngos(to_csv([row(krs="0000000001", nip="1234563218")]))
    assert [(error.line, error.column) for error in report.errors] == [(2, "nip")]
    # Matched on NIP, another KRS in the file: held until the importer confirms it.
    other = import_ngos(to_csv([row(krs="0000000009", nip="1234563218")]))
    assert other.ok and other.held == 1 and other.updated == 0
    [(kind, reason)] = other.records[0].holds
    assert kind == "numbers"
    assert "KRS zmieniłby się z 0000000002 (w rejestrze) na 0000000009" in reason
    assert NGO.objects.filter(krs="0000000002").exists()


def test_the_same_number_twice_in_a_file_is_refused():
    report = import_ngos(to_csv([row(krs="0000000001"), row(nazwa="Inna", krs="0000 000 001")]))
    assert [(error.line, error.column) for error in report.errors] == [(3, "krs")]
    assert "jest już w wierszu 2" in report.errors[0].message


def test_excel_style_file_semicolons_and_windows_1250():
    data = to_csv(GOOD, delimiter=";", encoding="cp1250")
    assert not import_ngos(data).ok  # read as UTF-8 unless asked
    report = import_ngos(data, encoding="cp1250")
    assert report.ok, report.errors
    assert NGO.objects.get(nip="1234563218").name == "Koło Trzy"


def test_missing_columns_leave_fields_alone_and_unknown_ones_are_reported():
    ngo = NGOFactory(krs="0000000001", nip=None, email="stary@example.org", phone="123")
    data = to_csv([{"nazwa": ngo.name, "krs": "0000000001", "uwagi": "x"}],
                  header=["nazwa", "krs", "uwagi"])  # fmt: skip
    report = import_ngos(data)
    assert report.ok
    assert report.unchanged == 1
    assert "Pominięto nieznane kolumny: uwagi." in report.warnings
    ngo.refresh_from_db()
    assert (ngo.email, ngo.phone) == ("stary@example.org", "123")


def test_a_file_without_the_needed_columns_is_refused():
    report = import_ngos(b"kolumna;inna\n1;2\n")
    assert {error.column for error in report.errors} == {"krs"}
    assert import_ngos(b"").errors[0].message == "plik jest pusty."


def test_dry_run_checks_without_writing():
    report = import_ngos(to_csv(GOOD), dry_run=True)
    assert report.ok and report.created == 3
    assert "Plik jest poprawny" in report.summary()
    assert NGO.objects.count() == 0


def test_open_data_export_imports_back_unchanged(client, directory):
    import_ngos(to_csv(GOOD))
    exported = client.get("/organizacje/dane.csv").content
    report = import_ngos(exported, exported_at=timezone.now())
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert report.warnings == []


def test_management_command(tmp_path):
    good = tmp_path / "dobry.csv"
    good.write_bytes(to_csv(GOOD))
    out = io.StringIO()
    call_command("import_ngos", str(good), stdout=out)
    assert "Zaimportowano: nowych organizacji 3" in out.getvalue()
    bad = tmp_path / "zly.csv"
    bad.write_bytes(to_csv([row(nip="1")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nie zaimportowano niczego"):
        call_command("import_ngos", str(bad), stderr=err)
    assert "wiersz 2, kolumna „nip”" in err.getvalue()
    with pytest.raises(CommandError, match="Nie ma pliku"):
        call_command("import_ngos", str(tmp_path / "brak.csv"))


def _editor(publish: bool):
    user = get_user_model().objects.create_user("redaktorka", password="x", is_staff=True)
    group = Group.objects.create(name="Importerzy" if publish else "Bez publikacji")
    codenames = ["access_admin", "add_ngo", "change_ngo"] + (["publish_ngo"] if publish else [])
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def test_admin_import_needs_the_right_to_publish(client):
    url = reverse("registry_ngo_import")
    client.force_login(_editor(publish=False))
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get(url).status_code == 302
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", to_csv(GOOD))})
    assert response.status_code == 302
    assert NGO.objects.count() == 0


def test_admin_import_checks_first_then_writes_what_was_checked(
    client, django_capture_on_commit_callbacks
):
    """The upload queues a check and redirects to its page (the tests' immediate backend
    has run it by then): per-line errors, or the plan with a button that writes it. The
    write queues Wagtail's search index as a task of its own when it commits; the job is
    finished when that task is."""
    url = reverse("registry_ngo_import")
    client.force_login(_editor(publish=True))
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("rejestr.csv", to_csv([*GOOD, row(nip="5252248480")]))
    response = client.post(url, {"file": bad, "encoding": "utf-8"})
    assert response.status_code == 302
    job = NGOImportJob.objects.get()
    assert response.url == reverse("registry_ngo_import_job", args=[job.pk])
    response = client.get(response.url)
    assert response.status_code == 400
    assert "Nie zaimportowano niczego" in response.text
    assert "<td>5</td><td>nip</td>" in response.text
    assert "Zapisz zmiany w rejestrze" not in response.text
    assert NGO.objects.count() == 0
    job.refresh_from_db()
    assert job.state == "done" and bytes(job.data) == b""
    good = SimpleUploadedFile("rejestr.csv", to_csv(GOOD))
    response = client.post(url, {"file": good, "encoding": "utf-8"}, follow=True)
    assert response.status_code == 200
    assert "Plik jest poprawny; po imporcie byłoby: nowych organizacji 3" in response.text
    assert "<code>nazwa</code>: (puste) → Fundacja Jeden" in response.text
    assert NGO.objects.count() == 0  # a check writes nothing
    checked_url = response.request["PATH_INFO"]
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        response = client.post(checked_url, follow=True)
    assert "Zaimportowano: nowych organizacji 3" in response.text
    assert NGO.objects.count() == 3
    written = NGOImportJob.objects.get(dry_run=False)
    assert written.state == "indexing" and sorted(written.written_ids) == sorted(
        NGO.objects.values_list("pk", flat=True)
    )
    wagtail_index = get_search_backend()
    assert not wagtail_index.search("Jeden", NGO)  # Wagtail's own index: after the commit
    for callback in on_commit:
        callback()
    assert [ngo.name for ngo in wagtail_index.search("Jeden", NGO)] == ["Fundacja Jeden"]
    fragment = client.get(response.request["PATH_INFO"], {"fragment": "1"})
    assert 'data-finished="1"' in fragment.text
    assert "Zaimportowano: nowych organizacji 3" in fragment.text
    # The check was used once; the files are gone.
    assert client.post(checked_url).status_code == 409
    listing = client.get(url).text
    assert listing.count("rejestr.csv") == 3
    assert all(bytes(job.data) == b"" for job in NGOImportJob.objects.all())
    not_csv = SimpleUploadedFile("rejestr.xlsx", b"PK\x03\x04")
    assert client.post(url, {"file": not_csv, "encoding": "utf-8"}).status_code == 400


def test_admin_import_writes_held_records_only_where_chosen(client):
    first = NGOFactory(krs="0000000001", nip=None, phone="1")
    second = NGOFactory(krs="0000000002", nip=None, phone="2", locked=True)
    first.save_revision()  # a draft
    client.force_login(_editor(publish=True))
    data = to_csv(
        [{"krs": "0000000001", "telefon": "11"}, {"krs": "0000000002", "telefon": "22"}],
        header=["krs", "telefon"],
    )
    upload = SimpleUploadedFile("rejestr.csv", data)
    response = client.post(
        reverse("registry_ngo_import"),
        {"file": upload, "encoding": "utf-8", "exported_at": "2026-12-01T10:00"},
        follow=True,
    )
    assert "Wstrzymane organizacje (2)" in response.text
    assert 'name="overwrite" value="3"' in response.text
    response = client.post(response.request["PATH_INFO"], {"overwrite": ["3", "99"]}, follow=True)
    assert "zmienionych 1" in response.text and "wstrzymanych 1" in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.phone, second.phone) == ("1", "22")
    written = NGOImportJob.objects.get(dry_run=False)
    assert written.decisions == {"overwrite": [3], "change_numbers": []}
    assert written.exported_at is not None and written.checked_by.dry_run


def test_an_import_in_progress_shows_its_state_and_progress(client):
    client.force_login(_editor(publish=True))
    job = NGOImportJob.objects.create(file_name="duzy.csv", data=to_csv(GOOD))
    job.set_progress("indexing", 500, 2000)
    page = client.get(reverse("registry_ngo_import_job", args=[job.pk]))
    assert page.status_code == 200
    assert "Aktualizacja wyszukiwarek" in page.text
    assert '<progress id="import-progress" max="100" value="25">' in page.text
    assert 'data-finished="0"' in page.text
    assert "admin-import-progress" in page.text  # the script that updates it in place


def test_an_import_empties_the_page_cache(
    client, directory, settings, django_capture_on_commit_callbacks
):
    """Bulk writes send no signals; the import tells the page cache itself."""
    settings.PAGE_CACHE_SECONDS = 60
    SiteContactSettings.for_site(directory.get_site())  # made now, not by the first request
    NGOFactory(name="Organizacja sprzed importu")
    client.get("/organizacje/")
    assert client.get("/organizacje/").headers.get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        import_ngos(to_csv(GOOD))
    fresh = client.get("/organizacje/")
    assert fresh.headers.get("X-Page-Cache") == "miss"
    assert "Fundacja Jeden" in fresh.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_index_task_that_fails_leaves_the_import_reported_as_failed(monkeypatch):
    """The write commits and queues Wagtail's index task; when that task fails (here it
    runs on commit, as the immediate backend or a fast second worker would run it before
    the import's task looks at its job again), the job says the records were saved but
    the indexes were not: the import's task must not then mark it done."""
    from pages.registry.tasks import run_ngo_import

    def broken(self, model, objects):
        raise RuntimeError("the search service is down")

    monkeypatch.setattr(type(get_search_backend()), "add_bulk", broken)
    job = NGOImportJob.objects.create(file_name="rejestr.csv", data=to_csv(GOOD), dry_run=False)
    run_ngo_import.enqueue(str(job.pk))  # a real commit: the index task runs on it
    job.refresh_from_db()
    assert NGO.objects.count() == 3  # the write was committed
    assert job.state == NGOImportJob.State.FAILED
    assert any("nie udało się zaktualizować wyszukiwarek" in w for w in job.report["warnings"])
    assert job.report["created"] == 3
