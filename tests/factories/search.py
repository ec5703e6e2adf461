"""Real files for the search tests: PDF (hand-built, Polish letters through a font
encoding), DOCX (python-docx), ODT (odfpy), RTF; and Wagtail documents made from them."""

import io

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection

_PDF_GLYPHS = "ąęłśćńźżóĄĘŁŚĆŃŹŻÓ"
_PDF_NAMES = [
    "aogonek",
    "eogonek",
    "lslash",
    "sacute",
    "cacute",
    "nacute",
    "zacute",
    "zdotaccent",
    "oacute",
    "Aogonek",
    "Eogonek",
    "Lslash",
    "Sacute",
    "Cacute",
    "Nacute",
    "Zacute",
    "Zdotaccent",
    "Oacute",
]


def _pdf_string(text: str) -> bytes:
    out = bytearray()
    for char in text:
        if char in _PDF_GLYPHS:
            out.append(128 + _PDF_GLYPHS.index(char))
        elif char in "()\\":
            out += b"\\" + char.encode()
        else:
            out += char.encode("latin-1")
    return bytes(out)


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds LINES (Helvetica, Polish letters included)."""
    shows = b" ".join(b"(" + _pdf_string(line) + b") '" for line in lines)
    content = b"BT /F1 12 Tf 72 720 Td 14 TL " + shows + b" ET"
    differences = b" ".join(b"/" + name.encode() for name in _PDF_NAMES)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [128 " + differences + b"] >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def make_encrypted_pdf(lines: list[str], password: str = "tajne") -> bytes:  # noqa: S107
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(lines))))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(paragraphs: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def make_rtf(text: str) -> bytes:
    """RTF in code page 1250 with Polish letters as \\'xx escapes, as Word writes them."""
    body = "".join(
        f"\\'{char.encode('cp1250')[0]:02x}" if ord(char) > 127 else char for char in text
    )
    return ("{\\rtf1\\ansi\\ansicpg1250\\deff0 {\\fonttbl {\\f0 Arial;}}\\f0 " + body + "}").encode(
        "ascii"
    )


def make_document(title: str, filename: str, data: bytes, collection: Collection | None = None):
    """A Wagtail document saved the way the admin saves one (metadata, hash)."""
    document = get_document_model()(
        title=title,
        file=ContentFile(data, name=filename),
        collection=collection or Collection.get_first_root_node(),
    )
    document._set_document_file_metadata()
    document.save()
    return document
