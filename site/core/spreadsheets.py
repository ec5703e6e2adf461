"""Text that is safe in a spreadsheet: every CSV/XLSX the portal writes goes through here.

Two dangers, both from text the public or an NGO typed:
- a cell that starts with `= + - @` (or a tab or carriage return, which some programs skip
  before looking) is run as a formula when the file is opened ("CSV injection"); in CSV
  such text gets a leading apostrophe, which spreadsheets read as "this is text" and
  `unescape_cell_text` removes again; in XLSX the cell is typed as text and marked with
  the quote prefix (the mark Excel itself sets when one types `'=…`), its value unchanged;
- Excel on Windows reads a CSV without a byte-order mark as Windows-1250 and garbles
  Polish letters: every CSV starts with the UTF-8 BOM (`CSV_BOM`); readers that decode
  `utf-8-sig` (Python's csv docs, pandas, LibreOffice, our own import) drop it;
- XLSX (XML 1.0) cannot hold most control characters (openpyxl refuses them with
  IllegalCharacterError, which made a whole export fail): they are dropped, in CSV too,
  so that both files of one export say the same.
"""

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

CSV_BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# What an entry form refuses outright: no organisation's name, address or description
# starts with these, while `+` and `-` do ("+Plus", "+48 32 …") and are escaped on export.
REFUSED_PREFIXES = ("=", "@")


def xlsx_text(value: str) -> str:
    """VALUE without the characters XLSX cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def csv_text(value) -> str:
    """VALUE as a CSV cell that no spreadsheet runs: "=1+1" -> "'=1+1"."""
    text = xlsx_text("" if value is None else str(value))
    return ESCAPE + text if text.startswith(FORMULA_PREFIXES) else text


def unescape_cell_text(value: str) -> str:
    """The text `csv_text` escaped, as it was: "'=1+1" -> "=1+1" (a file read back in)."""
    if value.startswith(ESCAPE) and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def refuse_formula_start(value: str) -> None:
    """Raise ValidationError (in Polish) when VALUE starts as a spreadsheet formula."""
    if value and value.lstrip().startswith(REFUSED_PREFIXES):
        raise ValidationError(
            "Tekst nie może zaczynać się od znaku „%(char)s”: arkusze kalkulacyjne "
            "traktują go jak formułę. Usuń ten znak albo poprzedź go innym tekstem.",
            code="formula_start",
            params={"char": value.lstrip()[0]},
        )


class SafeSpreadsheetExportMixin:
    """For Wagtail's IndexView (SpreadsheetExportMixin): every exported text cell, whatever
    the column or the view's own preprocessing, is written as above."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        return csv_text(value) if export_format == self.FORMAT_CSV else xlsx_text(value)

    def write_csv_response(self, queryset):
        """Wagtail's CSV, opened by the byte-order mark and with its charset said."""
        rows = self.stream_csv(queryset)
        response = StreamingHttpResponse(_after_bom(rows), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if cell.data_type == "s" and str(cell.value).startswith(FORMULA_PREFIXES):
                cell.quotePrefix = True
            yield cell


def _after_bom(rows):
    yield CSV_BOM
    yield from rows
