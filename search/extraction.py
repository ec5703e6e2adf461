"""Text inside uploaded documents: PDF, DOCX, ODT/ODS, RTF, XLSX, CSV and plain text.

Never raises: a damaged, encrypted or unreadable file gives no text and a short reason,
so the document is still indexed by its title and metadata and its upload never fails.
"""

import io
import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CHARS = 300_000  # beyond this a document adds length, not findability
MAX_PDF_PAGES = 500


@dataclass
class Extracted:
    text: str = ""
    error: str = ""


class _Enough(Exception):
    """Raised inside an extractor once MAX_CHARS have been collected."""


class _Encrypted(Exception):
    pass


class _Collector:
    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size >= MAX_CHARS:
            raise _Enough

    def text(self) -> str:
        joined = "\n".join(self.parts)[:MAX_CHARS]
        # Control characters (PDF artefacts, NUL) break PostgreSQL text and excerpts.
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", joined)


def extract_text(data: bytes, extension: str) -> Extracted:
    """The text of a file with DATA and EXTENSION (without the dot, any case)."""
    extension = (extension or "").lower()
    extractor = _EXTRACTORS.get(extension)
    if extractor is None:
        return Extracted(error="")  # a format without text to read (not an error)
    if len(data) > MAX_FILE_BYTES:
        return Extracted(error="plik zbyt duży do odczytania treści")
    collector = _Collector()
    try:
        extractor(data, collector)
    except _Enough:
        pass
    except _Encrypted:
        return Extracted(error="plik zaszyfrowany")
    except Exception as exc:
        logger.warning("Nie udało się odczytać treści pliku %s: %r", extension, exc)
        return Extracted(text=collector.text(), error="nie udało się odczytać treści pliku")
    return Extracted(text=collector.text())


def extract_document_text(document) -> Extracted:
    """The text inside a Wagtail document's file."""
    try:
        with document.open_file() as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except Exception as exc:
        logger.warning("Brak pliku dokumentu %s: %r", document.pk, exc)
        return Extracted(error="brak pliku")
    return extract_text(data, document.file_extension)


def _pdf(data: bytes, out: _Collector) -> None:
    from pypdf import PdfReader

    # pypdf reports every oddity of real-world PDFs on its logger; one line is enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            # Many "encrypted" PDFs only restrict printing and open with an empty password.
            if not reader.decrypt(""):
                raise _Encrypted
        except _Encrypted:
            raise
        except Exception as exc:
            raise _Encrypted from exc
    info = reader.metadata
    if info:
        out.add(" ".join(str(v) for v in (info.title, info.subject) if v))
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            break
        out.add(page.extract_text())


def _docx(data: bytes, out: _Collector) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    out.add(" ".join(v for v in (props.title, props.subject, props.keywords) if v))
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            out.add(" ".join(cell.text for cell in row.cells))


def _odf(data: bytes, out: _Collector) -> None:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    for element in document.getElementsByType(text.H) + document.getElementsByType(text.P):
        out.add(teletype.extractText(element))


def _rtf(data: bytes, out: _Collector) -> None:
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("latin-1")
    codepage = re.search(r"\\ansicpg(\d+)", raw[:2000])
    encoding = f"cp{codepage.group(1)}" if codepage else "cp1250"
    try:
        out.add(rtf_to_text(raw, encoding=encoding, errors="replace"))
    except LookupError:
        out.add(rtf_to_text(raw, encoding="cp1250", errors="replace"))


def _plain(data: bytes, out: _Collector) -> None:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            out.add(data.decode(encoding))
            return
        except UnicodeDecodeError:
            continue
    out.add(data.decode("latin-1"))


def _xlsx(data: bytes, out: _Collector) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                out.add(" ".join(str(v) for v in row if v is not None))
    finally:
        workbook.close()


_EXTRACTORS = {
    "pdf": _pdf,
    "docx": _docx,
    "odt": _odf,
    "ods": _odf,
    "rtf": _rtf,
    "txt": _plain,
    "csv": _plain,
    "xlsx": _xlsx,
}
