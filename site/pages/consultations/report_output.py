"""The published report's charts and its table as open data (CSV), from what the page
stores; no model import, so the page model can use it."""

import csv

from django.http import HttpResponse

from core.charts import BarChart, bar_chart
from core.spreadsheets import CSV_BOM, CSV_CONTENT_TYPE, csv_text
from pages.consultations.choices import Position

CSV_HEADINGS = [
    "Lp.",
    "Zgłaszający",
    "Forma zgłoszenia",
    "Część dokumentu",
    "Treść uwagi",
    "Stanowisko",
    "Uzasadnienie",
]


def charts_of(statistics: dict) -> list[BarChart]:
    """A bar chart for each closed question counted in the report's STATISTICS."""
    return [
        bar_chart(
            f"wykres-{n}",
            item["title"],
            [(label, count) for label, count in item["counts"]],
            item["answered"],
        )
        for n, item in enumerate((statistics or {}).get("charts", []), start=1)
    ]


def position_label(value: str) -> str:
    return Position(value).label if value in Position.values else ""


def table_csv(rows, filename: str) -> HttpResponse:
    """The report's table (its StreamField rows) as CSV, safe to open in a spreadsheet."""
    response = HttpResponse(CSV_BOM, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(CSV_HEADINGS)
    for row in rows:
        value = row.value
        cells = [
            value["number"],
            value["submitter"],
            value["channel"],
            value["document_part"],
            value["comment"],
            position_label(value["position"]),
            value["reason"],
        ]
        writer.writerow([csv_text(cell) for cell in cells])
    return response
