"""Real files of each allowed document type, made by the libraries that read them."""

import io
import zipfile

from docx import Document as DocxDocument
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.text import P
from openpyxl import Workbook
from pypdf import PdfWriter


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text: str = "Ogłoszenie o konsultacjach") -> bytes:
    document = DocxDocument()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Organizacja"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt_bytes(text: str = "Protokół z konsultacji") -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def ods_bytes() -> bytes:
    out = io.BytesIO()
    OpenDocumentSpreadsheet().write(out)
    return out.getvalue()


def rtf_bytes() -> bytes:
    return rb"{\rtf1\ansi\ansicpg1250 Zarz\'b9dzenie Prezydenta Miasta\par}"


def plain_zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "nie dokument")
    return out.getvalue()


def executable_bytes() -> bytes:
    # The start of a Windows program: "MZ", a DOS stub, NUL padding.
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


def png_bytes() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
        b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
        b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
