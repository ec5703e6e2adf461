"""Generated documents: DOCX and PDF from one structure, editors' templates, the admin screen.

Files are read back with the libraries a recipient's software uses (python-docx, pypdf), so
a test fails when a letter, a cell or a placeholder is lost on the way.
"""

import io
import logging

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

import docx
import pytest
from pypdf import PdfReader

from accounts.roles import EDITORS
from core import document_kinds
from core.checks import document_fonts_installed
from core.document_kinds import TemplateKind, TemplateProblem, fill
from core.document_templates import render, response
from core.generated_documents import (
    GeneratedDocument,
    Heading,
    Paragraph,
    Table,
    document_from_docx,
    docx_bytes,
    file_name,
    pdf_bytes,
)
from core.models import DocumentTemplate
from tests.factories.accounts import UserFactory

POLISH = "Zażółć gęślą jaźń – ĄĆĘŁŃÓŚŹŻ"
KEY = "tests.agreement"


def _protocol() -> GeneratedDocument:
    document = GeneratedDocument(title="Protokół – pula Centrum", subject="Budżet 2027")
    document.heading("Wyniki").paragraph(POLISH).paragraph("Podpisy komisji", bold=True)
    document.table(("Projekt", "Głosy"), [("Ławki nad Pogorią", 1204), ("Siłownia", None)])
    return document


def _agreement_default(context: dict) -> GeneratedDocument:
    document = GeneratedDocument(title=f"Umowa nr {context['numer']}")
    return document.paragraph(f"Zawarta z: {context['wnioskodawca']}")


@pytest.fixture
def agreement_kind():
    kind = document_kinds.register(
        TemplateKind(
            key=KEY,
            label="Umowa testowa",
            fields={"numer": "numer umowy", "wnioskodawca": "kto zawiera umowę"},
            default=_agreement_default,
            sample={"numer": "1/2027", "wnioskodawca": "Grupa mieszkańców"},
        )
    )
    yield kind
    document_kinds.KINDS.pop(KEY)


def _template(*paragraphs: str) -> bytes:
    source = docx.Document()
    source.add_heading("Umowa o wykonanie inicjatywy lokalnej", level=1)
    for text in paragraphs:
        source.add_paragraph(text)
    buffer = io.BytesIO()
    source.save(buffer)
    return buffer.getvalue()


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# One structure, two formats ------------------------------------------------------------


def test_the_docx_keeps_every_block_in_order_with_polish_letters():
    content = docx_bytes(_protocol())
    read = docx.Document(io.BytesIO(content))
    assert read.core_properties.title == "Protokół – pula Centrum"
    assert read.core_properties.language == "pl-PL"
    texts = [(p.style.name, p.text) for p in read.paragraphs]
    assert texts[:4] == [
        ("Title", "Protokół – pula Centrum"),
        ("Heading 1", "Wyniki"),
        ("Normal", POLISH),
        ("Normal", "Podpisy komisji"),
    ]
    table = read.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Projekt", "Głosy"],
        ["Ławki nad Pogorią", "1204"],
        ["Siłownia", ""],
    ]
    # The header row is marked as such (repeated on each page, announced as a header).
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_a_docx_reads_back_into_the_same_structure():
    read = document_from_docx(docx_bytes(_protocol()))
    assert read.title == "Protokół – pula Centrum"
    assert read.blocks == [
        Heading("Wyniki", 1),
        Paragraph(POLISH),
        Paragraph("Podpisy komisji", bold=True),
        Table(("Projekt", "Głosy"), (("Ławki nad Pogorią", "1204"), ("Siłownia", ""))),
    ]


def test_the_pdf_has_the_text_with_polish_letters_and_its_metadata():
    content = pdf_bytes(_protocol())
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "Protokół – pula Centrum"
    text = _pdf_text(content)
    for expected in (POLISH, "Wyniki", "Ławki nad Pogorią", "1204", "Strona 1 z 1"):
        assert expected in text


def test_a_long_table_spans_pages_with_the_header_repeated():
    document = GeneratedDocument(title="Lista głosów")
    document.table(("Lp.", "Projekt"), [(n, f"Projekt numer {n}") for n in range(1, 200)])
    reader = PdfReader(io.BytesIO(pdf_bytes(document)))
    assert len(reader.pages) > 2
    assert all("Projekt" in page.extract_text() for page in reader.pages)
    assert "Projekt numer 199" in reader.pages[-1].extract_text()


def test_a_row_of_the_wrong_width_is_refused_when_built():
    with pytest.raises(ValueError, match="row 2 has 1 cells"):
        GeneratedDocument(title="x").table(("a", "b"), [("1", "2"), ("3",)])


def test_file_names_are_ascii_slugs_of_the_title():
    assert file_name("Protokół – pula Łęg", "pdf") == "protokol-pula-leg.pdf"
    assert file_name("…", "docx") == "dokument.docx"


# Editors' templates ---------------------------------------------------------------------


def test_a_template_is_filled_and_values_cannot_break_the_file():
    content = fill(
        _template("Zawarta z: {{ wnioskodawca }}"), {"wnioskodawca": "A & B <Sp. z o.o.>"}
    )
    read = document_from_docx(content)
    assert Paragraph("Zawarta z: A & B <Sp. z o.o.>") in read.blocks


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ nieznane }}", "pola, którego nie ma"),
        ("{{ wnioskodawca.__class__.__mro__ }}", "Szablon"),  # the sandbox refuses internals
        ("{% if %}", "błąd w polach"),
    ],
)
def test_a_template_that_cannot_be_filled_says_why_in_polish(text, message):
    with pytest.raises(TemplateProblem, match=message):
        fill(_template(text), {"wnioskodawca": "Grupa"})


def test_a_file_that_is_not_a_docx_is_refused():
    with pytest.raises(TemplateProblem, match="nie jest dokumentem DOCX"):
        fill(b"%PDF-1.7 not a word file", {})


@pytest.mark.django_db
def test_without_a_template_the_built_in_layout_is_used(agreement_kind):
    rendered = render(KEY, {"numer": "7/2027", "wnioskodawca": "Stowarzyszenie Łącznik"})
    assert "Zawarta z: Stowarzyszenie Łącznik" in _pdf_text(rendered.pdf())
    assert docx.Document(io.BytesIO(rendered.docx)).paragraphs[0].text == "Umowa nr 7/2027"


@pytest.mark.django_db
def test_an_editors_template_replaces_the_layout_in_both_formats(agreement_kind):
    template = DocumentTemplate(key=KEY)
    template.file.save(
        "umowa.docx", ContentFile(_template("Umowa {{ numer }} z {{ wnioskodawca }}"))
    )
    rendered = render(KEY, {"numer": "7/2027", "wnioskodawca": "Grupa „Nasze podwórko”"})
    expected = "Umowa 7/2027 z Grupa „Nasze podwórko”"
    assert expected in [p.text for p in docx.Document(io.BytesIO(rendered.docx)).paragraphs]
    assert expected in _pdf_text(rendered.pdf())
    download = response(KEY, {"numer": "7/2027", "wnioskodawca": "Grupa"}, "pdf")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == ('attachment; filename="umowa-testowa.pdf"')
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_lost_template_file_falls_back_to_the_built_in_layout(agreement_kind, caplog):
    template = DocumentTemplate(key=KEY)
    template.file.save("umowa.docx", ContentFile(_template("{{ numer }}")))
    template.file.storage.delete(template.file.name)
    with caplog.at_level(logging.ERROR, logger="core.document_templates"):
        rendered = render(KEY, {"numer": "7/2027", "wnioskodawca": "Grupa"})
    assert rendered.document.title == "Umowa nr 7/2027"
    assert "cannot be filled" in caplog.text


@pytest.mark.django_db
def test_the_model_refuses_a_broken_template_on_upload(agreement_kind):
    template = DocumentTemplate(
        key=KEY, file=SimpleUploadedFile("umowa.docx", _template("{{ brak_pola }}"))
    )
    with pytest.raises(Exception) as refused:
        template.full_clean()
    assert "pola, którego nie ma" in str(refused.value.message_dict["file"])


# The admin screen ----------------------------------------------------------------------


@pytest.mark.django_db
def test_editors_upload_a_template_in_the_admin_and_see_the_fields(client, agreement_kind):
    editor = UserFactory(username="redaktor-szablonow", groups=[EDITORS])
    client.force_login(editor)
    add = "/admin/snippets/core/documenttemplate/add/"
    answer = client.get(add)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Umowa testowa" in page and "{{ wnioskodawca }}" in page and "kto zawiera umowę" in page

    broken = SimpleUploadedFile("umowa.docx", _template("{{ wnioskodawca }} {{ brak }}"))
    refused = client.post(add, {"key": KEY, "file": broken})
    assert refused.status_code == 200
    assert "Szablon używa pola, którego nie ma" in refused.content.decode()
    assert not DocumentTemplate.objects.exists()

    good = SimpleUploadedFile("umowa.docx", _template("Umowa z {{ wnioskodawca }}"))
    assert client.post(add, {"key": KEY, "file": good}).status_code == 302
    assert DocumentTemplate.objects.get().key == KEY


def test_missing_fonts_are_named_by_the_deploy_check_and_the_pdf_refuses(settings, tmp_path):
    settings.GENERATED_DOCUMENTS_FONT_DIR = str(tmp_path)
    [warning] = document_fonts_installed()
    assert warning.id == "core.W003" and "DejaVuSans.ttf" in warning.msg
    with pytest.raises(ImproperlyConfigured, match="fonts-dejavu-core"):
        pdf_bytes(_protocol())
