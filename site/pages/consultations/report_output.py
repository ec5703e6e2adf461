"""The report as the page stores it, in other forms: its charts, its table as open data
(CSV), and the whole report as DOCX/PDF (core.generated_documents). No model import, so the
page model can use it."""

import csv
import html
import re

from django.http import HttpResponse

from core.charts import BarChart, bar_chart
from core.deadlines import last_day, official_date
from core.generated_documents import GeneratedDocument
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


def _paragraphs(rich_text: str) -> list[str]:
    """The paragraphs, headings and list items of RICH_TEXT as plain text."""
    parts = re.split(r"</(?:p|h[1-6]|li)>", rich_text or "")
    texts = [html.unescape(re.sub(r"<[^>]+>", "", part)).strip() for part in parts]
    return [text for text in texts if text]


def consultation_period(page) -> str:
    """'Konsultacje trwały od 2 listopada 2026 r. do 30 listopada 2026 r.' (a closing at
    24:00 belongs to the day before)."""
    opens, closes = official_date(page.opens_at), official_date(last_day(page.closes_at))
    return f"Konsultacje trwały od {opens} do {closes}"


def report_document(page) -> GeneratedDocument:
    """The report in the usual layout: subject and dates, the summary, the forms and
    numbers of participation, the closed questions' answers and the table of comments
    with the city's positions (submitters as the table names them: organisations only)."""
    document = GeneratedDocument(
        title=f"Raport z konsultacji: {page.title}", subject=page.subject[:200]
    )
    document.paragraph(page.subject)
    document.paragraph(consultation_period(page))
    if page.report_date:
        document.paragraph(f"Data raportu: {official_date(page.report_date)}")
    document.heading("Podsumowanie")
    for text in _paragraphs(page.report_summary):
        document.paragraph(text)
    stats = page.report_statistics or {}
    if stats.get("channels"):
        document.heading("Formy konsultacji i liczba zgłoszeń")
        rows = [
            (item["label"], item["responses"], item["comments"])
            for item in stats["channels"]
            if item["responses"]
        ]
        rows.append(("Razem", stats.get("responses", 0), stats.get("comments", 0)))
        document.table(("Forma", "Zgłoszenia", "Uwagi"), rows)
    charts = charts_of(stats)
    if charts:
        document.heading("Odpowiedzi na pytania zamknięte")
        for chart in charts:
            document.heading(chart.title, level=2)
            document.paragraph(chart.total_text)
            document.table(
                ("Odpowiedź", "Liczba", "Odsetek"),
                [(bar.label, bar.value, f"{bar.percent}%") for bar in chart.bars],
            )
    if page.report_table:
        document.heading("Zestawienie uwag i stanowisko miasta")
        document.table(
            CSV_HEADINGS,
            [
                (
                    row.value["number"],
                    row.value["submitter"],
                    row.value["channel"],
                    row.value["document_part"],
                    row.value["comment"],
                    position_label(row.value["position"]),
                    row.value["reason"],
                )
                for row in page.report_table
            ],
        )
    for text in _paragraphs(page.comments_usage):
        document.paragraph(text)
    return document
