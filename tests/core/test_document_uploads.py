"""Uploaded documents are checked by content: the admin's forms refuse a file that lies."""

import io

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from accounts import roles
from core.file_types import content_matches_extension, sniff
from tests.factories import documents as files

Document = get_document_model()

GENUINE = [
    ("uchwala.pdf", files.pdf_bytes),
    ("ogloszenie.docx", files.docx_bytes),
    ("wykaz.xlsx", files.xlsx_bytes),
    ("protokol.odt", files.odt_bytes),
    ("zestawienie.ods", files.ods_bytes),
    ("zarzadzenie.rtf", files.rtf_bytes),
    ("lista.txt", lambda: "Zażółć gęślą jaźń\n".encode()),
    ("lista.csv", lambda: "nazwa;KRS\nStowarzyszenie „Łączy nas”;0000123456\n".encode("cp1250")),
    ("utf8-bom.csv", lambda: "\ufeffnazwa,miasto\nFundacja,Dąbrowa Górnicza\n".encode()),
]

LYING = [
    ("program.pdf", files.executable_bytes, "plik binarny"),
    ("zdjecie.pdf", files.png_bytes, "plik binarny"),
    ("uchwala.docx", files.pdf_bytes, "PDF"),
    ("arkusz.xlsx", files.docx_bytes, "dokument Word"),
    ("archiwum.docx", files.plain_zip_bytes, "archiwum ZIP"),
    ("tekst.odt", files.ods_bytes, "arkusz OpenDocument"),
    ("strona.txt", lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
    ("dane.csv", files.executable_bytes, "plik binarny"),
    ("pismo.rtf", files.pdf_bytes, "PDF"),
]


@pytest.mark.parametrize(("name", "make"), GENUINE)
def test_genuine_documents_are_recognised(name, make):
    sniffed = sniff(io.BytesIO(make()))
    assert content_matches_extension(sniffed, name.rsplit(".", 1)[1]), sniffed


@pytest.mark.parametrize(("name", "make", "_found"), LYING)
def test_lying_documents_are_not(name, make, _found):
    sniffed = sniff(io.BytesIO(make()))
    assert not content_matches_extension(sniffed, name.rsplit(".", 1)[1]), sniffed


def test_a_long_text_cut_inside_a_polish_letter_is_still_text():
    # 64 KiB read boundary falling between the two bytes of "ą".
    body = b"a" * (64 * 1024 - 1) + "ą".encode() + b" koniec"
    assert sniff(io.BytesIO(body)).kind == "txt"


@pytest.fixture
def editor(client, django_user_model, db):
    user = django_user_model.objects.create_user("redaktor", "redaktor@dg.pl", "haslo-redaktora")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(user)
    return user


def _upload(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize(("name", "make"), GENUINE[:6])
def test_the_admin_stores_a_genuine_document(client, editor, name, make):
    response = _upload(client, name, make())
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(title=name)
    assert document.file.name.endswith(name.rsplit(".", 1)[1])


@pytest.mark.parametrize(("name", "make", "found"), LYING)
def test_the_admin_refuses_a_lying_file_with_a_polish_message(client, editor, name, make, found):
    response = _upload(client, name, make())
    assert response.status_code == 200  # the form again, with the error
    text = response.content.decode()
    assert f"Zawartość pliku „{name}” nie zgadza się z jego rozszerzeniem" in text
    assert found in text
    assert "niedozwolone" not in text  # one clear reason, not a second confusing one
    assert not Document.objects.exists()


def test_the_multiple_uploader_refuses_a_lying_file_too(client, editor):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("raport.pdf", files.executable_bytes())},
    )
    data = response.json()
    assert data["success"] is False
    assert "nie zgadza się z jego rozszerzeniem" in data["error_message"]
    assert not Document.objects.exists()


def test_the_multiple_uploader_stores_a_genuine_file(client, editor):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("raport.pdf", files.pdf_bytes())},
    )
    assert response.json()["success"] is True
    assert Document.objects.count() == 1


def test_an_extension_outside_the_allow_list_is_refused(client, editor):
    response = _upload(client, "skrypt.exe", files.executable_bytes())
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_an_empty_file_is_refused(client, editor):
    response = _upload(client, "pusty.pdf", b"")
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = _upload(client, "duzy.pdf", files.pdf_bytes(pages=20))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Plik jest za duży" in text
    assert "Największy dopuszczalny rozmiar to 1,0" in text  # as Poles write numbers
    assert not Document.objects.exists()


def test_the_upload_form_says_in_polish_what_it_takes(client, editor):
    text = client.get(reverse("wagtaildocs:add")).content.decode()
    assert "Dozwolone formaty: PDF, DOCX, XLSX, ODT, ODS, RTF, TXT lub CSV" in text
    assert "Maximum filesize" not in text


def test_editing_a_document_without_a_new_file_keeps_it(client, editor):
    _upload(client, "uchwala.pdf", files.pdf_bytes())
    document = Document.objects.get()
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Uchwała nr 1", "collection": document.collection_id},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Uchwała nr 1"
