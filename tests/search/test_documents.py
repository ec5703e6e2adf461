"""Text inside uploaded documents is found through /api/v2/search/; a damaged file still
uploads and is found by its title."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from search.extraction import extract_text
from search.models import SearchEntry
from tests.factories.search import (
    make_document,
    make_docx,
    make_encrypted_pdf,
    make_odt,
    make_pdf,
    make_rtf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@dg.pl", "haslo-testowe-123")
    client.force_login(user)
    return client


def upload(client, index_now, title, filename, data):
    with index_now():
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": title,
                "file": SimpleUploadedFile(filename, data),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title=title)


def api(client, query, **params):
    response = client.get("/api/v2/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.json()


def test_text_inside_an_uploaded_pdf_is_found_in_other_forms(editor_client, client, index_now):
    document = upload(
        editor_client,
        index_now,
        "Sprawozdanie 2026",
        "sprawozdanie.pdf",
        make_pdf(
            [
                "Sprawozdanie z konsultacji społecznych budżetu obywatelskiego.",
                "Wkład własny organizacji pozarządowych wyniósł 10%.",
                "Uchwała nr XII/234/2026.",
            ]
        ),
    )
    client.logout()
    for query in ("konsultacja budzet", "wkladu organizacji pozarzadowej", "XII/234/2026"):
        data = api(client, query, type="document")
        assert [r["title"] for r in data["results"]] == ["Sprawozdanie 2026"], query
    result = api(client, "wkladu")["results"][0]
    assert result["type"] == "document"
    assert result["url"].endswith(document.url)
    assert "<mark>Wkład</mark>" in result["excerpt"]


def test_text_inside_an_uploaded_docx_is_found(editor_client, client, index_now):
    upload(
        editor_client,
        index_now,
        "Regulamin naboru",
        "regulamin.docx",
        make_docx(
            ["Regulamin otwartego konkursu ofert na zadania publiczne."],
            table=[["Termin składania ofert", "30 kwietnia 2027"]],
        ),
    )
    client.logout()
    assert [r["title"] for r in api(client, "konkurs oferta")["results"]] == ["Regulamin naboru"]
    assert [r["title"] for r in api(client, "skladanie ofert kwiecien")["results"]] == [
        "Regulamin naboru"
    ]


def test_odt_rtf_and_txt_are_read(home_page, index_now, client):
    with index_now():
        make_document("Notatka ODT", "notatka.odt", make_odt(["Spotkanie z radą seniorów."]))
        make_document("Notatka RTF", "notatka.rtf", make_rtf("Posiedzenie młodzieżowej rady."))
        make_document("Notatka TXT", "notatka.txt", "Dyżur doradcy w piątki.".encode())
    assert api(client, "seniorzy")["results"][0]["title"] == "Notatka ODT"
    assert api(client, "mlodziezowa rada")["results"][0]["title"] == "Notatka RTF"
    assert api(client, "dyzury doradcow")["results"][0]["title"] == "Notatka TXT"


def test_a_corrupt_pdf_still_uploads_and_is_found_by_title(editor_client, client, index_now):
    document = upload(
        editor_client, index_now, "Harmonogram dyżurów", "harmonogram.pdf", b"%PDF-1.7\n\x00broken"
    )
    assert document.pk
    entry = SearchEntry.objects.get(kind="document", object_id=str(document.pk))
    assert entry.extraction_error == "nie udało się odczytać treści pliku"
    assert entry.body == ""
    client.logout()
    assert [r["title"] for r in api(client, "harmonogramy")["results"]] == ["Harmonogram dyżurów"]


def test_an_encrypted_pdf_is_indexed_by_its_title_only(home_page, index_now, client):
    with index_now():
        document = make_document(
            "Lista obecności", "lista.pdf", make_encrypted_pdf(["Jan Kowalski, PESEL"])
        )
    entry = SearchEntry.objects.get(kind="document", object_id=str(document.pk))
    assert entry.extraction_error == "plik zaszyfrowany"
    assert api(client, "kowalski")["count"] == 0
    assert api(client, "lista obecnosci")["count"] == 1


def test_renaming_a_document_does_not_read_its_file_again(home_page, index_now, monkeypatch):
    with index_now():
        document = make_document("Plan", "plan.pdf", make_pdf(["Plan pracy centrum"]))
    import search.sources.documents as documents

    def fail(_document):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(documents, "extract_document_text", fail)
    document.title = "Plan pracy 2027"
    with index_now():
        document.save()
    entry = SearchEntry.objects.get(kind="document", object_id=str(document.pk))
    assert entry.title == "Plan pracy 2027"
    assert "centrum" in entry.body


def test_deleting_a_document_removes_it(home_page, index_now, client):
    with index_now():
        document = make_document("Ankieta", "ankieta.txt", b"Ankieta dla mieszkancow")
    assert api(client, "ankieta")["count"] == 1
    with index_now():
        document.delete()
    assert api(client, "ankieta")["count"] == 0


def test_extraction_never_raises_on_garbage():
    for extension in ("pdf", "docx", "odt", "ods", "rtf", "xlsx", "txt", "csv", "exe", ""):
        for data in (b"", b"\x00\xff" * 100, b"PK\x03\x04garbage"):
            result = extract_text(data, extension)
            assert isinstance(result.text, str)
