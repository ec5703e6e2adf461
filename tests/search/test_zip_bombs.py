"""Zip bombs (issue 13: a 2.4 MB DOCX inflating to 1 GB was read whole in the upload
request): refused at upload; bounded while reading, wherever extraction runs."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest
from openpyxl import Workbook

from core.archives import ArchiveRefused, BoundedArchive
from search.extraction import extract_text
from search.models import SearchEntry
from tests.factories.bombs import understate_sizes, zip_bomb
from tests.factories.search import make_document, make_docx

INFLATED = 24 * 1024 * 1024  # past the ratio floor; cheap to build


@pytest.fixture(scope="module")
def bombs():
    return {kind: zip_bomb(kind, INFLATED) for kind in ("docx", "xlsx", "ods")}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["docx", "xlsx", "ods"])
def test_a_bomb_is_refused_at_upload_in_polish(admin_client, home_page, bombs, kind):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Bomba",
            "file": SimpleUploadedFile(f"bomba.{kind}", bombs[kind]),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "nie może zostać przyjęty" in response.text
    assert "bomba ZIP" in response.text
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_a_real_document_still_uploads(admin_client, home_page):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Regulamin",
            "file": SimpleUploadedFile("regulamin.docx", make_docx(["Regulamin konkursu."])),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Regulamin").exists()


@pytest.mark.django_db
def test_a_stored_bomb_is_indexed_by_its_title_with_the_reason(home_page, bombs, index_now):
    # A file stored before the upload check (or by another path): extraction refuses it.
    with index_now():
        document = make_document("Stara bomba", "stara.docx", bombs["docx"])
    entry = SearchEntry.objects.get(kind="document", object_id=str(document.pk))
    assert entry.body == ""
    assert entry.extraction_error.startswith("limit odczytu: część „word/document.xml”")
    assert entry.title == "Stara bomba"


@pytest.mark.parametrize("kind", ["docx", "xlsx", "ods"])
def test_a_directory_that_understates_sizes_gets_no_further(bombs, kind):
    lying = understate_sizes(bombs[kind])
    result = extract_text(lying, kind)
    assert result.error
    assert len(result.text) < 1000  # at most the declared 1000 bytes were ever inflated


def test_the_inflated_bytes_cap_and_the_deadline_hold_on_any_member():
    data = zip_bomb("docx", 2 * 1024 * 1024)  # under the ratio floor: the directory passes
    with BoundedArchive(io.BytesIO(data), max_read_bytes=1024 * 1024) as archive:
        stream = archive.open("word/document.xml")
        with pytest.raises(ArchiveRefused, match="przekracza 1,0"):
            while stream.read(1 << 20):
                pass
    archive = BoundedArchive(io.BytesIO(data), seconds=1e-9)
    with archive, pytest.raises(ArchiveRefused, match="zbyt długo"):
        archive.open("word/document.xml").read(100)


def test_too_many_entries_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(10_001):
            archive.writestr(f"x/{number}", b"")
    result = extract_text(out.getvalue(), "docx")
    assert result.error == "limit odczytu: archiwum ma 10001 plików wewnątrz (dopuszczalne 10000)"


def test_streamed_readers_keep_the_text_of_real_documents():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dotacje 2027"
    sheet.append(["Organizacja", "Kwota"])
    sheet.append(["Fundacja Łączy Nas", 12500.5])
    out = io.BytesIO()
    workbook.save(out)
    text = extract_text(out.getvalue(), "xlsx").text
    assert "Dotacje 2027" in text
    assert "Organizacja Kwota" in text
    assert "Fundacja Łączy Nas 12500.5" in text

    docx = extract_text(make_docx(["Pierwszy akapit.", "Drugi akapit."], [["A", "B"]]), "docx")
    assert docx.error == ""
    assert docx.text.split("\n")[:2] == ["Pierwszy akapit.", "Drugi akapit."]
    assert "A\nB" in docx.text
