"""The document of a kind, filled: from the editors' template when there is one.

Apps call `render(key, context)` (both formats) or `response(key, context, "pdf")` (a
download); kinds and template filling are in `core.document_kinds`.
"""

import logging
from dataclasses import dataclass

from django.http import HttpResponse

from core.document_kinds import KINDS, TemplateProblem, fill
from core.generated_documents import (
    GeneratedDocument,
    bytes_response,
    document_from_docx,
    docx_bytes,
    file_name,
    pdf_bytes,
)
from core.models import DocumentTemplate

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendered:
    docx: bytes
    document: GeneratedDocument  # the same content, for the PDF

    def pdf(self) -> bytes:
        return pdf_bytes(self.document)


def render(key: str, context: dict) -> Rendered:
    """The kind's document filled with `context`, from the editors' template if there is one."""
    kind = KINDS[key]
    template = DocumentTemplate.objects.filter(key=key).first()
    if template is None:
        document = kind.default(context)
        return Rendered(docx_bytes(document), document)
    try:
        with template.file.open("rb") as source:
            content = fill(source.read(), context)
    except (TemplateProblem, OSError):
        # Checked on upload, so this is a lost file or a context an app changed: the
        # document is still written, in the built-in layout, and the editors are told.
        logger.exception("document template %s cannot be filled; built-in layout used", key)
        document = kind.default(context)
        return Rendered(docx_bytes(document), document)
    document = document_from_docx(content)
    document.title = document.title or kind.label
    return Rendered(content, document)


def response(key: str, context: dict, extension: str, title: str = "") -> HttpResponse:
    """A download of the kind's document as "docx" or "pdf"."""
    rendered = render(key, context)
    content = rendered.docx if extension == "docx" else rendered.pdf()
    name = file_name(title or rendered.document.title or KINDS[key].label, extension)
    return bytes_response(content, name, extension)
