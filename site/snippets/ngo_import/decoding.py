"""From the uploaded bytes to rows of cells, refusing anything that is not clean text.

UTF-8 (with or without a byte order mark) is the only encoding read without being asked;
Windows-1250 and ISO-8859-2 only when the importer chooses them. A byte that does not
decode, a control character or a replacement character (U+FFFD, left by an earlier bad
conversion) refuses the file with its line and position: nothing is guessed, so no
garbled name is ever stored. Text that decodes but reads like another encoding's bytes
("SPӣDZIELNIA": Windows-1250 taken for UTF-8, "¦więto¶ć": ISO-8859-2 taken for
Windows-1250) is refused too, naming the encoding it looks like.
"""

import codecs
import csv
import io
import re

from snippets.ngo_import.report import RowError

ENCODINGS = {
    "utf-8": "UTF-8 (z BOM albo bez) – tak zapisuje eksport rejestru",
    "cp1250": "Windows-1250 – „CSV (rozdzielany średnikami)” z polskiego Excela",
    "iso-8859-2": "ISO-8859-2 (Latin-2)",
}
DEFAULT_ENCODING = "utf-8"

# Tab, line feed and carriage return are the only control characters a CSV may hold.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ufeff]")
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_OTHER_LETTER = "[^\\W\\d_\x00-\u024f\u1e00-\u1eff]"
# A word with Latin letters and letters of another script side by side ("SPӣDZIELNIA").
_MIXED_SCRIPTS = re.compile(f"[{_LATIN}]{_OTHER_LETTER}|{_OTHER_LETTER}[{_LATIN}]")
# ISO-8859-2's Ś ś ź ą read as Windows-1250 ("¦więto¶ć").
_LATIN2_AS_CP1250 = re.compile(f"[{_LATIN}][¦¶¼±]|[¦¶¼±][{_LATIN}]")


class DecodingError(Exception):
    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


def _line_of(text_or_bytes, position: int) -> tuple[int, int]:
    """The line (from 1) of POSITION and its place in that line (from 1)."""
    newline = b"\n" if isinstance(text_or_bytes, bytes) else "\n"
    line = text_or_bytes.count(newline, 0, position) + 1
    start = text_or_bytes.rfind(newline, 0, position) + 1
    return line, position - start + 1


def decode(data: bytes, encoding: str = DEFAULT_ENCODING) -> str:
    """DATA as text, or DecodingError saying where and why it is not clean text."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}")
    if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line, place = _line_of(data, error.start)
        byte = data[error.start]
        hint = (
            " Jeśli plik zapisano w innym kodowaniu (np. Windows-1250 z polskiego Excela), "
            "wybierz je i wczytaj plik ponownie."
            if encoding == "utf-8"
            else " Sprawdź, w jakim kodowaniu zapisano plik."
        )
        raise DecodingError(
            RowError(
                line,
                "",
                f"bajt 0x{byte:02X} (znak {place} w wierszu, bajt {error.start + 1} pliku) "
                f"nie jest tekstem w kodowaniu {encoding.upper()}; nie zaimportowano "
                f"niczego.{hint}",
            )
        ) from error
    _refuse_unclean(text, encoding)
    return text


def _refuse_unclean(text: str, encoding: str) -> None:
    if found := _FORBIDDEN.search(text):
        line, place = _line_of(text, found.start())
        char = found.group()
        what = (
            "znak zastępczy „�” (U+FFFD) – ślad wcześniejszej błędnej konwersji"
            if char == "\ufffd"
            else f"znak sterujący U+{ord(char):04X}"
        )
        hint = " – czy to nie plik w Windows-1250?" if encoding == "iso-8859-2" else ""
        raise DecodingError(RowError(line, "", f"{what} na pozycji {place}{hint}; popraw plik."))
    for pattern, looks_like in (
        (_MIXED_SCRIPTS, "Windows-1250" if encoding == "utf-8" else "innym"),
        (_LATIN2_AS_CP1250, "ISO-8859-2"),
    ):
        if pattern is _LATIN2_AS_CP1250 and encoding != "cp1250":
            continue
        if found := pattern.search(text):
            line, place = _line_of(text, found.start())
            word = _word_at(text, found.start())
            raise DecodingError(
                RowError(
                    line,
                    "",
                    f"„{word}” (pozycja {place}) wygląda na tekst zapisany w kodowaniu "
                    f"{looks_like}, odczytany jako {encoding.upper()}; wybierz właściwe "
                    "kodowanie i wczytaj plik ponownie.",
                )
            )


def _word_at(text: str, position: int) -> str:
    start = position
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in ',;"':
        start -= 1
    end = position
    while end < len(text) and not text[end].isspace() and text[end] not in ',;"':
        end += 1
    return text[start:end][:60]


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[RowError]]:
    """The header, the data rows (first line, cells by column) and the rows' problems.

    Comma or semicolon, whichever the header uses more. A row shorter than the header
    lacks its last cells (left unchanged); a longer one with anything in the extra cells
    is an error (its cells have most likely slipped: a separator inside unquoted text).
    """
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # A description may be long: the model's text field has no limit, nor does the reader.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    rows, errors = [], []
    next_line = 1
    try:
        for record in reader:
            line, next_line = next_line, reader.line_num + 1
            if not header:
                header = [cell.strip().lower() for cell in record]
                duplicated = sorted({name for name in header if name and header.count(name) > 1})
                if duplicated:
                    errors.append(
                        RowError(1, duplicated[0], "ta kolumna jest w nagłówku więcej niż raz.")
                    )
                continue
            if not any(cell.strip() for cell in record):
                continue  # an empty line, e.g. at the end of the file
            extra = [cell for cell in record[len(header) :] if cell.strip()]
            if extra:
                errors.append(
                    RowError(
                        line,
                        "",
                        f"wiersz ma {len(record)} komórek, a nagłówek {len(header)} kolumn; "
                        f"nadmiarowe: „{'”, „'.join(cell[:40] for cell in extra)}”. Czy tekst "
                        "z przecinkiem lub średnikiem nie jest ujęty w cudzysłów?",
                    )
                )
                continue
            rows.append((line, dict(zip(header, record, strict=False))))
    except csv.Error as error:
        errors.append(RowError(reader.line_num, "", f"nie da się odczytać wiersza: {error}."))
    return header, rows, errors
