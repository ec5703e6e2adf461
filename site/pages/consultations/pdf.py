"""A small, valid one-page PDF with plain text, for sample documents (no extra library).

The standard Helvetica font has no Polish letters, so the text is folded to ASCII.
"""

import textwrap

from anyascii import anyascii

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
WRAP = 88


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A PDF whose page shows TITLE and PARAGRAPHS; its text can be extracted and indexed."""
    lines = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(anyascii(paragraph), WRAP) or [""])
        lines.append("")
    body = [f"BT /F1 16 Tf 56 {PAGE_HEIGHT - 70} Td ({_escape(anyascii(title))}) Tj ET"]
    body.append(f"BT /F1 11 Tf 15 TL 56 {PAGE_HEIGHT - 110} Td")
    for line in lines[:46]:
        body.append(f"({_escape(line)}) Tj T*")
    body.append("ET")
    stream = "\n".join(body).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        f"<< /Title ({_escape(anyascii(title))}) /Producer (Portal NGO) >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)
