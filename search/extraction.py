"""Text inside uploaded documents: PDF, DOCX, ODT/ODS, RTF, XLSX, CSV and plain text.

Never raises: a damaged, encrypted or unreadable file gives no text and a short reason,
so the document is still indexed by its title and metadata and its upload never fails.

Bounded wherever it runs (request or task worker), for memory and time: ZIP-based
formats through core.archives (directory limits, a cap on inflated bytes, a deadline;
search.office_text parses them as streams), PDF through pypdf's own decompression
limits, lowered here, and the same deadline checked between pages. A file over a limit
gives the text read so far (none when its directory already shows a bomb) and the
reason, which the index keeps in `extraction_error`.
"""

import io
import logging
import re
import tempfile
import time
from dataclasses import dataclass

from core.archives import ARCHIVE_ERRORS, MAX_SECONDS, ArchiveRefused, BoundedArchive
from search import office_text

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CHARS = 300_000  # beyond this a document adds length, not findability
MAX_PDF_PAGES = 500
# pypdf's limits (its defaults are 75 MB per stream, 300 MB of decoding work): what one
# page's content may inflate to, and how many tokens its content stream may hold.
PDF_MAX_STREAM_BYTES = 16 * 1024 * 1024
PDF_MAX_PARSED_TOKENS = 500_000
PDF_STREAM_LIMITS = (
    "maximum_declared_stream_length",
    "array_based_stream_maximum_output_length",
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "stream_decoding_work_maximum_length",
    "xfa_decoding_work_maximum_length",
)
LIMIT_PREFIX = "limit odczytu: "


@dataclass
class Extracted:
    text: str = ""
    error: str = ""


class _Enough(Exception):
    """Raised inside an extractor once MAX_CHARS have been collected."""


class _Encrypted(Exception):
    pass


class _TooSlow(Exception):
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


def extract_text(data, extension: str) -> Extracted:
    """The text of a file with DATA (bytes, or a seekable binary file) and EXTENSION
    (without the dot, any case)."""
    extension = (extension or "").lower()
    extractor = _EXTRACTORS.get(extension)
    if extractor is None:
        return Extracted(error="")  # a format without text to read (not an error)
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    source.seek(0, io.SEEK_END)
    if source.tell() > MAX_FILE_BYTES:
        return Extracted(error="plik zbyt duży do odczytania treści")
    source.seek(0)
    collector = _Collector()
    try:
        extractor(source, collector)
    except _Enough:
        pass
    except _Encrypted:
        return Extracted(error="plik zaszyfrowany")
    except ArchiveRefused as refused:
        logger.warning("Treść pliku %s pominięta: %s", extension, refused)
        return Extracted(text=collector.text(), error=(LIMIT_PREFIX + str(refused))[:200])
    except _TooSlow:
        return Extracted(text=collector.text(), error=LIMIT_PREFIX + "odczyt trwał zbyt długo")
    except Exception as exc:
        logger.warning("Nie udało się odczytać treści pliku %s: %r", extension, exc)
        return Extracted(text=collector.text(), error="nie udało się odczytać treści pliku")
    return Extracted(text=collector.text())


def extract_document_text(document) -> Extracted:
    """The text inside a Wagtail document's file (copied to a temporary file first, so
    that neither a remote storage's stream nor the whole file needs to be in memory)."""
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as copy:
        try:
            with document.open_file() as handle:
                while chunk := handle.read(1024 * 1024):
                    copy.write(chunk)
                    if copy.tell() > MAX_FILE_BYTES:
                        return Extracted(error="plik zbyt duży do odczytania treści")
        except Exception as exc:
            logger.warning("Brak pliku dokumentu %s: %r", document.pk, exc)
            return Extracted(error="brak pliku")
        return extract_text(copy, document.file_extension)


def _pdf(source, out: _Collector) -> None:
    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError

    # pypdf reports every oddity of real-world PDFs on its logger; one line is enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    limits = dict.fromkeys(PDF_STREAM_LIMITS, PDF_MAX_STREAM_BYTES)
    with apply_configuration(stream_parsing_work_maximum_count=PDF_MAX_PARSED_TOKENS, **limits):
        try:
            _pdf_pages(source, out)
        except LimitReachedError as error:
            raise ArchiveRefused("strumień PDF przekracza limit rozpakowania") from error


def _pdf_pages(source, out: _Collector) -> None:
    from pypdf import PdfReader

    deadline = time.monotonic() + MAX_SECONDS
    reader = PdfReader(source, strict=False)
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
        if time.monotonic() > deadline:
            raise _TooSlow
        out.add(page.extract_text())


def _zip_reader(read):
    """An extractor of a ZIP-based format: READ(archive, add) within core.archives' bounds."""

    def extractor(source, out: _Collector) -> None:
        try:
            with BoundedArchive(source) as archive:
                read(archive, out.add)
        except ARCHIVE_ERRORS as error:
            raise ValueError(f"uszkodzone archiwum: {error!r}") from error

    return extractor


def _rtf(source, out: _Collector) -> None:
    from striprtf.striprtf import rtf_to_text

    raw = source.read().decode("latin-1")
    codepage = re.search(r"\\ansicpg(\d+)", raw[:2000])
    encoding = f"cp{codepage.group(1)}" if codepage else "cp1250"
    try:
        out.add(rtf_to_text(raw, encoding=encoding, errors="replace"))
    except LookupError:
        out.add(rtf_to_text(raw, encoding="cp1250", errors="replace"))


def _plain(source, out: _Collector) -> None:
    # At most 4 bytes a character: what could be kept, never the whole 50 MB as text.
    data = source.read(MAX_CHARS * 4)
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            out.add(data.decode(encoding))
            return
        except UnicodeDecodeError:
            continue
    out.add(data.decode("latin-1"))


_EXTRACTORS = {
    "pdf": _pdf,
    "docx": _zip_reader(office_text.docx),
    "odt": _zip_reader(office_text.odf),
    "ods": _zip_reader(office_text.odf),
    "rtf": _rtf,
    "txt": _plain,
    "csv": _plain,
    "xlsx": _zip_reader(lambda archive, add: office_text.xlsx(archive, add, MAX_CHARS)),
}
