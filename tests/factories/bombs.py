"""Zip bombs in the shape of real office documents, for the tests and bench/zip_bomb.py.

Each is a genuine document (python-docx, openpyxl or odfpy made it) whose main XML part
is replaced by one that inflates to INFLATED bytes of valid markup, streamed into the
archive so that building a 1 GB bomb never holds 1 GB in memory.
"""

import io
import struct
import zipfile

from tests.factories.documents import ods_bytes, xlsx_bytes
from tests.factories.search import make_docx

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHUNK = 1024 * 1024

# (document maker, its main part, the XML before the filler, one filler unit, the end)
KINDS = {
    "docx": (
        lambda: make_docx(["Bomba"]),
        "word/document.xml",
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}"><w:body>',
        "<w:p><w:r><w:t>bomba bomba bomba bomba bomba bomba bomba</w:t></w:r></w:p>",
        "</w:body></w:document>",
    ),
    "xlsx": (
        xlsx_bytes,
        "xl/worksheets/sheet1.xml",
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        '<row><c t="inlineStr"><is><t>bomba bomba bomba</t></is></c></row>',
        "</sheetData></worksheet>",
    ),
    "ods": (
        ods_bytes,
        "content.xml",
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
        '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text='
        '"urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>',
        "<text:p>bomba bomba bomba bomba</text:p>",
        "</office:spreadsheet></office:body></office:document-content>",
    ),
}


def zip_bomb(kind: str, inflated: int, *, empty_paragraphs: bool = False) -> bytes:
    """A KIND document whose main part inflates to about INFLATED bytes.

    EMPTY_PARAGRAPHS (DOCX): the filler is paragraphs without text, so that a reader
    collects no text and only the inflated-bytes cap can stop it.
    """
    make, part, head, unit, tail = KINDS[kind]
    if empty_paragraphs:
        unit = "<w:p/>" * 10
    original = zipfile.ZipFile(io.BytesIO(make()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in original.infolist():
            if info.filename != part:
                archive.writestr(info, original.read(info.filename))
        block = (unit * (CHUNK // len(unit) + 1)).encode()[:CHUNK]
        block = block[: block.rfind(b">") + 1]  # whole elements only
        with archive.open(part, "w", force_zip64=True) as stream:
            stream.write(head.encode())
            written = 0
            while written < inflated:
                stream.write(block)
                written += len(block)
            stream.write(tail.encode())
    return out.getvalue()


def understate_sizes(data: bytes, declared: int = 1000) -> bytes:
    """DATA with every member's uncompressed size in the central directory rewritten to
    DECLARED: an archive whose directory lies to look harmless."""
    data = bytearray(data)
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) != -1:
        # Central directory header: the uncompressed size is at offset 24 (4 bytes);
        # 0xFFFFFFFF means a ZIP64 extra field holds it, which is rewritten too.
        (size,) = struct.unpack_from("<I", data, position + 24)
        if size == 0xFFFFFFFF:
            name_length, extra_length = struct.unpack_from("<HH", data, position + 28)
            extra = position + 46 + name_length
            end = extra + extra_length
            while extra < end:
                tag, length = struct.unpack_from("<HH", data, extra)
                if tag == 0x0001:
                    struct.pack_into("<Q", data, extra + 4, declared)
                    break
                extra += 4 + length
        else:
            struct.pack_into("<I", data, position + 24, declared)
        position += 4
    return bytes(data)
