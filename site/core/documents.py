"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): files are checked by content.

Wagtail already refuses extensions outside WAGTAILDOCS_EXTENSIONS and files over
WAGTAILDOCS_MAX_UPLOAD_SIZE (the compressed size); this form also refuses a file whose
bytes are not what its name says (a program renamed to .pdf, a web page renamed to .txt),
and a DOCX, XLSX, ODT or ODS whose archive directory shows a zip bomb (core.archives),
with a Polish message. Text extraction applies the same limits again while it reads.
"""

import os
import zipfile

from django import forms
from django.template.defaultfilters import filesizeformat

from wagtail.documents.forms import BaseDocumentForm

from core.archives import ARCHIVE_ERRORS, archive_problem
from core.collection_privacy import PrivateCollectionGuardMixin
from core.file_types import KIND_NAMES, ZIP_KINDS, content_matches_extension, sniff

ALLOWED_FORMATS = "PDF, DOCX, XLSX, ODT, ODS, RTF, TXT lub CSV"


def validate_document_content(uploaded) -> None:
    """Raise ValidationError unless UPLOADED's content is the kind its extension names."""
    extension = os.path.splitext(uploaded.name or "")[1].lstrip(".").lower()
    sniffed = sniff(uploaded)
    if sniffed.kind == "empty":
        raise forms.ValidationError("Plik jest pusty.", code="empty_document")
    if content_matches_extension(sniffed, extension):
        if sniffed.kind in ZIP_KINDS:
            validate_archive(uploaded)
        return
    expected = KIND_NAMES.get(extension, f".{extension}") if extension else "brak rozszerzenia"
    found = KIND_NAMES.get(sniffed.kind, "nieznany rodzaj pliku")
    raise forms.ValidationError(
        "Zawartość pliku „%(name)s” nie zgadza się z jego rozszerzeniem: nazwa wskazuje "
        "%(expected)s, a plik zawiera %(found)s. Zapisz dokument we właściwym formacie "
        f"({ALLOWED_FORMATS}) i wyślij go ponownie.",
        code="document_content_mismatch",
        params={
            "name": os.path.basename(uploaded.name or ""),
            "expected": expected,
            "found": found,
        },
    )


def validate_archive(uploaded) -> None:
    """Raise ValidationError when UPLOADED (a ZIP-based document) is a zip bomb."""
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            problem = archive_problem(archive)
    except ARCHIVE_ERRORS:
        problem = None  # sniff() already read this directory; a damage shows in extraction
    finally:
        uploaded.seek(0)
    if problem:
        raise forms.ValidationError(
            "Plik „%(name)s” nie może zostać przyjęty: %(problem)s. Tak zbudowany plik "
            "(„bomba ZIP”) zablokowałby serwer przy odczycie treści. Otwórz dokument w "
            "edytorze, zapisz go ponownie i wyślij jeszcze raz.",
            code="document_archive_limits",
            params={"name": os.path.basename(uploaded.name or ""), "problem": problem},
        )


class SafeDocumentForm(PrivateCollectionGuardMixin, BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and getattr(field, "max_upload_size", None):
            # Wagtail leaves these in English; editors read Polish.
            limit = filesizeformat(field.max_upload_size)
            field.help_text = (
                f"Dozwolone formaty: {ALLOWED_FORMATS}; zawartość pliku musi odpowiadać "
                f"rozszerzeniu. Największy rozmiar pliku: {limit}."
            )
            field.error_messages["file_too_large"] = (
                "Plik jest za duży (%(file_size)s). Największy dopuszczalny rozmiar to "
                "%(max_filesize)s."
            )
            field.error_messages["file_too_large_unknown_size"] = (
                f"Plik jest za duży. Największy dopuszczalny rozmiar to {limit}."
            )

    def _post_clean(self):
        # A file refused here leaves the model without one, and Wagtail's model check
        # would add "extension '' not allowed" beside the real reason: keep only ours.
        refused = list(self._errors.get("file", []))
        super()._post_clean()
        if refused:
            self._errors["file"] = self.error_class(refused)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # An edit that keeps the stored file passes the FieldFile through: nothing new to check.
        if uploaded and "file" in self.changed_data:
            validate_document_content(uploaded)
        return uploaded
