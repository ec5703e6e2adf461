"""Documents the portal writes: a protocol, an agreement, a report, a certificate.

Every app describes its document once, as a `GeneratedDocument` (a title and a list of
headings, paragraphs and tables) and gets both formats from here: DOCX, for staff who edit
before signing, and PDF, for publication and for residents. An editor's own DOCX template
can replace the built-in layout (`core.document_templates`); its filled DOCX is read back
into the same structure for the PDF, so the two formats never say different things.

PDF text uses DejaVu Sans (Debian's `fonts-dejavu-core`), which has every Polish letter;
the built-in PDF fonts have none of ą, ę, ł, ś, ź, ż.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.utils.text import slugify

import docx
from anyascii import anyascii
from docx.shared import Pt
from fpdf import FPDF

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
CONTENT_TYPES = {"docx": DOCX_TYPE, "pdf": PDF_TYPE}
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = a section, 2 = a subsection


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block = Heading | Paragraph | Table


@dataclass
class GeneratedDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subject: str = ""  # the document's metadata: what it is about, e.g. the edition

    def heading(self, text: str, level: int = 1) -> "GeneratedDocument":
        self.blocks.append(Heading(text, level))
        return self

    def paragraph(self, text: str, bold: bool = False) -> "GeneratedDocument":
        self.blocks.append(Paragraph(text, bold))
        return self

    def table(self, header, rows, caption: str = "") -> "GeneratedDocument":
        header = tuple(str(cell) for cell in header)
        rows = tuple(tuple(_cell(cell) for cell in row) for row in rows)
        for number, row in enumerate(rows, start=1):
            if len(row) != len(header):
                raise ValueError(f"row {number} has {len(row)} cells, the header {len(header)}")
        self.blocks.append(Table(header, rows, caption))
        return self


def _cell(value) -> str:
    return "" if value is None else str(value)


# DOCX ---------------------------------------------------------------------------------


def docx_bytes(document: GeneratedDocument) -> bytes:
    """The document as DOCX, in Word's built-in styles (headings a screen reader announces)."""
    out = docx.Document()
    properties = out.core_properties
    properties.title = document.title
    properties.subject = document.subject
    properties.language = "pl-PL"
    properties.author = settings.GENERATED_DOCUMENTS_AUTHOR
    out.styles["Normal"].font.size = Pt(11)
    out.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_heading(block.text, level=min(max(block.level, 1), 3))
        elif isinstance(block, Paragraph):
            run = out.add_paragraph().add_run(block.text)
            run.bold = block.bold
        else:
            _docx_table(out, block)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _docx_table(out, block: Table) -> None:
    if block.caption:
        out.add_paragraph(block.caption, style="Caption")
    table = out.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _mark_header_row(table.rows[0])
    for row in block.rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _mark_header_row(row) -> None:
    """w:tblHeader: the row repeats on every page and is announced as the header."""
    properties = row._tr.get_or_add_trPr()
    header = properties.makeelement(docx.oxml.ns.qn("w:tblHeader"), {})
    properties.append(header)


def document_from_docx(content: bytes) -> GeneratedDocument:
    """Reads a DOCX (an editor's filled template) back into blocks, in document order."""
    source = docx.Document(io.BytesIO(content))
    document = GeneratedDocument(title=source.core_properties.title or "")
    body = source.element.body
    paragraphs = {p._p: p for p in source.paragraphs}
    tables = {t._tbl: t for t in source.tables}
    for element in body.iterchildren():
        if element in paragraphs:
            _read_paragraph(document, paragraphs[element])
        elif element in tables:
            rows = [tuple(cell.text.strip() for cell in row.cells) for row in tables[element].rows]
            if rows:
                width = max(len(row) for row in rows)
                rows = [row + ("",) * (width - len(row)) for row in rows]
                document.table(rows[0], rows[1:])
    return document


def _read_paragraph(document: GeneratedDocument, paragraph) -> None:
    text = paragraph.text.strip()
    if not text:
        return
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if style == "Title":
        if not document.title:
            document.title = text
        elif text != document.title:
            document.heading(text)
    elif style.startswith("Heading"):
        level = style.removeprefix("Heading").strip()
        document.heading(text, int(level) if level.isdigit() else 1)
    else:
        runs = [run for run in paragraph.runs if run.text.strip()]
        document.paragraph(text, bold=bool(runs) and all(run.bold for run in runs))


# PDF ----------------------------------------------------------------------------------


class _PortalPDF(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("body", size=8)
        self.cell(0, 8, f"Strona {self.page_no()} z {{nb}}", align="C")


def pdf_bytes(document: GeneratedDocument) -> bytes:
    pdf = _PortalPDF(format="A4")
    pdf.set_lang("pl")
    pdf.set_title(document.title)
    pdf.set_subject(document.subject)
    pdf.set_author(settings.GENERATED_DOCUMENTS_AUTHOR)
    regular, bold = _fonts()
    pdf.add_font("body", "", regular)
    pdf.add_font("body", "B", bold)
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("body", "B", 16)
    pdf.multi_cell(0, 8, document.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for block in document.blocks:
        if isinstance(block, Heading):
            pdf.ln(2)
            pdf.set_font("body", "B", 14 if block.level <= 1 else 12)
            pdf.multi_cell(0, 7, block.text, new_x="LMARGIN", new_y="NEXT")
        elif isinstance(block, Paragraph):
            pdf.set_font("body", "B" if block.bold else "", 10.5)
            pdf.multi_cell(0, 5.5, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        else:
            _pdf_table(pdf, block)
    return bytes(pdf.output())


def _pdf_table(pdf: FPDF, block: Table) -> None:
    if block.caption:
        pdf.set_font("body", "B", 10)
        pdf.multi_cell(0, 5.5, block.caption, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "", 9)
    # The first row is the header (bold, repeated on every page the table spans).
    with pdf.table(repeat_headings=1, line_height=4.8) as table:
        for row in (block.header, *block.rows):
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(3)


def _fonts() -> tuple[Path, Path]:
    directory = Path(settings.GENERATED_DOCUMENTS_FONT_DIR)
    regular, bold = (directory / name for name in FONT_FILES)
    for path in (regular, bold):
        if not path.is_file():
            raise ImproperlyConfigured(
                f"{path} is missing: install fonts-dejavu-core or set "
                "GENERATED_DOCUMENTS_FONT_DIR to a directory with DejaVuSans(-Bold).ttf"
            )
    return regular, bold


# HTTP ---------------------------------------------------------------------------------


def file_name(title: str, extension: str) -> str:
    """An ASCII file name from the title ("Protokół – pula Centrum" → protokol-pula-centrum)."""
    stem = slugify(anyascii(title))[:80].strip("-") or "dokument"
    return f"{stem}.{extension}"


def document_response(document: GeneratedDocument, extension: str) -> HttpResponse:
    """The document as a download; never stored by a browser's or a proxy's cache."""
    content = docx_bytes(document) if extension == "docx" else pdf_bytes(document)
    return bytes_response(content, file_name(document.title, extension), extension)


def bytes_response(content: bytes, filename: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
