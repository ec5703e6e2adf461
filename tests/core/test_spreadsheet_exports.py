"""Every CSV/XLSX export and the open-data CSV: no formula runs, no character breaks XLSX.

The reproductions of issue 13: one anonymous comment with an ESC character made the XLSX
exports answer 500; `=cmd|' /C calc'!A0`, `+HYPERLINK(…)`, `@SUM(…)` in the registry were
written unquoted to the admin NGO export and to /organizacje/dane.csv.
"""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from core.spreadsheets import csv_text, unescape_cell_text
from pages.registry.models import OfferComment
from tests.factories.cao import (
    BookingRequestFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
)
from tests.factories.consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ConsultationResponseFactory,
)
from tests.factories.registry import (
    GrantCallFactory,
    NGODirectoryPageFactory,
    NGOFactory,
    SmallGrantOfferFactory,
)

pytestmark = pytest.mark.django_db

CALC = "=cmd|' /C calc'!A0"
HYPERLINK = '+HYPERLINK("http://zlo.example","kliknij")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
ESC = "Uwaga\x1b[31m z kodem ESC\x07 i VT\x0b"
HOSTILE = (CALC, HYPERLINK, SUM, "-2+3", "\t=1+1", ESC)


def consultation_responses(home_page, text):
    index = ConsultationIndexPageFactory(parent=home_page)
    ConsultationResponseFactory(
        consultation=ConsultationPageFactory(parent=index), comment=text, author_name=text
    )
    return "/admin/consultation_responses/"


def offer_comments(home_page, text):
    OfferComment.objects.create(
        offer=SmallGrantOfferFactory(),
        receipt_number="UO-2026-AAAA-TEST",
        author_name=text,
        email="jan@example.org",
        comment=text,
    )
    return reverse("offer_comments:index")


def bookings(home_page, text):
    BookingRequestFactory(topic=text, name=text)
    return "/admin/cao/prosby-o-konsultacje/"


def registrations(home_page, text):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    EventRegistrationFactory(event=event, needs=text, name=text)
    return "/admin/cao/zapisy-na-wydarzenia/"


def ngos(home_page, text):
    # The factory skips the entry checks, as data imported before them would.
    NGOFactory(name=text, description=text, phone="+48 32 295 67 00")
    return reverse("wagtailsnippets_snippets_ngo:list")


def grant_calls(home_page, text):
    GrantCallFactory(title=text, task=text)
    return reverse("wagtailsnippets_snippets_grantcall:list")


def small_grant_offers(home_page, text):
    SmallGrantOfferFactory(title=text)
    return reverse("wagtailsnippets_snippets_smallgrantoffer:list")


EXPORTS = [
    consultation_responses,
    offer_comments,
    bookings,
    registrations,
    ngos,
    grant_calls,
    small_grant_offers,
]


def all_cells_csv(response) -> list[str]:
    raw = b"".join(response.streaming_content)
    # Excel on Windows reads Polish letters right only after the UTF-8 byte-order mark.
    assert raw.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = raw.decode("utf-8-sig")
    assert not body.startswith("\ufeff")
    return [cell for row in csv.reader(io.StringIO(body)) for cell in row]


@pytest.mark.parametrize("text", HOSTILE, ids=["calc", "hyperlink", "sum", "minus", "tab", "esc"])
@pytest.mark.parametrize("export", EXPORTS, ids=lambda f: f.__name__)
def test_exports_neutralise_formulas_and_drop_what_xlsx_cannot_hold(
    admin_client, home_page, export, text
):
    url = export(home_page, text)
    safe = csv_text(text)

    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    cells = all_cells_csv(response)
    assert safe in cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert "\x1b" not in cell and "\x0b" not in cell

    response = admin_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    kept = [cell for cell in cells if cell.value == unescape_cell_text(safe)]
    assert kept, [cell.value for cell in cells]
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t")):
            # Text typed as text and marked with Excel's own "typed with an apostrophe".
            assert cell.data_type == "s" and cell.quotePrefix, cell.value


def test_the_esc_character_alone_no_longer_breaks_the_xlsx_export(admin_client, home_page):
    url = consultation_responses(home_page, "Zwykła uwaga\x1b")
    response = admin_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert "Zwykła uwaga" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_open_data_csv_escapes_and_reads_back(client, home_page):
    NGODirectoryPageFactory(parent=home_page)
    for name in (CALC, HYPERLINK, SUM, "+Plus", "Fundacja Zwykła"):
        NGOFactory(name=name, phone="+48 32 295 67 00", description=ESC)
    response = client.get("/organizacje/dane.csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbfnazwa,")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row["nazwa"] for row in rows}
    assert names == {"'" + CALC, "'" + HYPERLINK, "'" + SUM, "'+Plus", "Fundacja Zwykła"}
    # The rule the documentation gives gets every value back.
    assert {unescape_cell_text(name) for name in names} == {
        CALC,
        HYPERLINK,
        SUM,
        "+Plus",
        "Fundacja Zwykła",
    }
    assert {row["telefon"] for row in rows} == {"'+48 32 295 67 00"}
    assert {row["opis"] for row in rows} == {"Uwaga[31m z kodem ESC i VT"}
    # JSON is no spreadsheet: the values as they are.
    names = {
        record["nazwa"] for record in client.get("/organizacje/dane.json").json()["organizacje"]
    }
    assert CALC in names and "+Plus" in names
