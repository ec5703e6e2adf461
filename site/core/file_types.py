"""What an uploaded document really is, read from its bytes rather than its name.

The allow-list is WAGTAILDOCS_EXTENSIONS; each extension has a test of the content:
PDF by its header, OOXML (DOCX/XLSX) and OpenDocument (ODT/ODS) as ZIP archives with the
right content-type declaration or `mimetype` entry, RTF by its header, plain text and CSV
as text that decodes (UTF-8, or Windows-1250 as Polish office software writes it).
"""

import codecs
import io
import zipfile
from dataclasses import dataclass

SNIFF_BYTES = 64 * 1024
# A declaration file larger than this in an archive is not a real document (zip bomb guard).
MAX_MANIFEST_BYTES = 1024 * 1024

OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
OPENDOCUMENT_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
# Names shown to editors in messages.
KIND_NAMES = {
    "pdf": "PDF",
    "docx": "dokument Word (DOCX)",
    "xlsx": "arkusz Excel (XLSX)",
    "odt": "dokument OpenDocument (ODT)",
    "ods": "arkusz OpenDocument (ODS)",
    "rtf": "dokument RTF",
    "txt": "tekst",
    "csv": "tekst (CSV)",
    "zip": "archiwum ZIP",
    "html": "strona HTML",
    "binary": "plik binarny (np. program lub obraz)",
    "empty": "pusty plik",
}
TEXT_KINDS = {"txt", "csv"}
ZIP_KINDS = {*OOXML_MAIN_TYPES, *OPENDOCUMENT_MIMETYPES}
_ALLOWED_CONTROL = {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class Sniffed:
    kind: str  # a key of KIND_NAMES
    detail: str = ""


def _read_head(fileobj) -> bytes:
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(0)
    return head


def _zip_kind(fileobj) -> Sniffed:
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 200:
                    declared = archive.read("mimetype").decode("ascii", "replace").strip()
                    for kind, mimetype in OPENDOCUMENT_MIMETYPES.items():
                        if declared == mimetype:
                            return Sniffed(kind)
                    return Sniffed("zip", declared)
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= MAX_MANIFEST_BYTES:
                    declared = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                    for kind, main_type in OOXML_MAIN_TYPES.items():
                        if main_type in declared:
                            return Sniffed(kind)
            return Sniffed("zip")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError):
        return Sniffed("binary", "uszkodzone archiwum ZIP")
    finally:
        fileobj.seek(0)


def _looks_like_html(text: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n").lower()
    return start.startswith(("<!doctype html", "<html", "<?xml", "<svg")) or "<script" in start


def _text_kind(head: bytes, complete: bool) -> Sniffed:
    if b"\x00" in head:
        return Sniffed("binary")
    for encoding in ("utf-8-sig", "cp1250"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(head, final=complete)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for char in text if ord(char) < 32 and char not in _ALLOWED_CONTROL)
        if controls > max(2, len(text) // 1000):
            return Sniffed("binary")
        if _looks_like_html(text):
            return Sniffed("html")
        return Sniffed("txt", encoding)
    return Sniffed("binary")


def sniff(fileobj) -> Sniffed:
    """The kind of document FILEOBJ (a seekable binary file) holds, judged by its content."""
    head = _read_head(fileobj)
    if not head:
        return Sniffed("empty")
    # Readers accept the PDF header anywhere in the first 1024 bytes, at a line start.
    marker = head.find(b"%PDF-", 0, 1024)
    if marker == 0 or (marker > 0 and head[marker - 1 : marker] in (b"\r", b"\n")):
        return Sniffed("pdf")
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(fileobj)
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        return Sniffed("rtf")
    fileobj.seek(0, io.SEEK_END)
    complete = fileobj.tell() <= SNIFF_BYTES
    fileobj.seek(0)
    return _text_kind(head, complete)


def content_matches_extension(sniffed: Sniffed, extension: str) -> bool:
    extension = extension.lower()
    if extension in TEXT_KINDS:
        return sniffed.kind == "txt"
    return sniffed.kind == extension
