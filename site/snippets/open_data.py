"""The NGO registry as open data: CSV and JSON of the published records.

Only what the organisations publish about themselves: no person is named. The CSV's cells
are written by core.spreadsheets.csv_text (a leading apostrophe before `= + - @`, control
characters dropped; docs/open-data.md); the JSON carries the values unchanged.

The other half: the public pages that show these records are in `pages/registry/`.
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from core.spreadsheets import CSV_BOM, CSV_CONTENT_TYPE, csv_text
from snippets import ngo_table
from snippets.models import NGO

URL_COLUMN = "adres_w_portalu"
CSV_COLUMNS = [*ngo_table.COLUMN_NAMES, URL_COLUMN]


def published_ngos():
    return NGO.objects.published().for_listing().order_by("search_name", "pk")


def csv_response(ngos, detail_url) -> HttpResponse:
    """UTF-8 with a byte-order mark (for Excel; docs/open-data.md), comma-separated, a
    header row; DETAIL_URL(ngo) gives each record's page."""
    response = HttpResponse(CSV_BOM, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="organizacje.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ngo in ngos:
        row = ngo_table.ngo_row(ngo)
        cells = [*(row[name] for name in ngo_table.COLUMN_NAMES), detail_url(ngo)]
        writer.writerow([csv_text(cell) for cell in cells])
    return response


def json_record(ngo: NGO, url: str) -> dict:
    row = ngo_table.ngo_row(ngo)
    record = {name: row[name] for name in ngo_table.COLUMN_NAMES}
    record.update(
        {
            "krs": ngo.krs,
            "nip": ngo.nip,
            "regon": ngo.regon,
            "opp": ngo.is_public_benefit,
            "obszary": [{"numer": area.number, "nazwa": area.name} for area in ngo.areas.all()],
            "dzialajaca": ngo.is_active,
            "data_weryfikacji": row["data_weryfikacji"] or None,
            URL_COLUMN: url,
        }
    )
    return record


def json_response(ngos, detail_url, *, source_url: str) -> JsonResponse:
    records = [json_record(ngo, detail_url(ngo)) for ngo in ngos]
    payload = {
        "zrodlo": source_url,
        "wygenerowano": timezone.localtime().isoformat(timespec="seconds"),
        "kolumny": dict([*ngo_table.COLUMNS, (URL_COLUMN, "strona organizacji w portalu")]),
        "liczba": len(records),
        "organizacje": records,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
