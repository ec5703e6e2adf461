"""The registers of resolutions as open data: CSV and JSON of every public entry
(`<the councils' index>/dane.csv`, `dane.json`, served by the index page), as
docs/open-data.md describes. Cells through core.spreadsheets.csv_text; no person is
named; a document in a private collection is not linked."""

import csv

from django.http import HttpResponse, JsonResponse

from core.spreadsheets import CSV_BOM, CSV_CONTENT_TYPE, csv_text
from pages.councils.documents import with_public_documents

COLUMNS = [
    "organ",
    "rodzaj",
    "numer",
    "data",
    "tytul",
    "przedmiot",
    "wynik",
    "dokument",
    "adres_w_portalu",
]


def _row(request, resolution) -> dict:
    document = resolution.public_document
    url = resolution.get_url()
    return {
        "organ": resolution.council.title,
        "rodzaj": resolution.get_kind_display(),
        "numer": resolution.number,
        "data": resolution.adopted_on.isoformat(),
        "tytul": resolution.title,
        "przedmiot": resolution.subject,
        "wynik": resolution.get_status_display(),
        "dokument": request.build_absolute_uri(document.url) if document else "",
        "adres_w_portalu": request.build_absolute_uri(url) if url else "",
    }


def csv_response(request, resolutions) -> HttpResponse:
    response = HttpResponse(CSV_BOM, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="uchwaly-rad.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(COLUMNS)
    for resolution in with_public_documents(resolutions):
        row = _row(request, resolution)
        writer.writerow([csv_text(row[name]) for name in COLUMNS])
    return response


def json_response(request, resolutions) -> JsonResponse:
    records = [_row(request, resolution) for resolution in with_public_documents(resolutions)]
    return JsonResponse(
        {"uchwaly": records}, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
