"""The report's DOCX and PDF write dates as Polish official documents do: "2 grudnia 2026 r."."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from core.deadlines import day_end
from core.generated_documents import docx_bytes, docx_text, pdf_bytes
from pages.consultations import report
from pages.consultations.report_output import report_document
from tests.factories.consultations import ConsultationPageFactory

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def page(consultation_index):
    page = ConsultationPageFactory(
        parent=consultation_index,
        title="Park Hallera",
        opens_at=datetime(2026, 11, 2, 8, 0, tzinfo=WARSAW),
        # Closing at 24:00 of 30 November (stored as 00:00 of 1 December).
        closes_at=day_end(date(2026, 11, 30)),
        publish=False,
    )
    page.report_date = date(2026, 12, 2)
    page.report_summary = "<p>Podsumowanie.</p>"
    return page


def test_the_report_documents_write_dates_the_polish_official_way(page):
    document = report_document(page)
    text = docx_text(docx_bytes(document))
    assert "Data raportu: 2 grudnia 2026 r." in text
    assert "Konsultacje trwały od 2 listopada 2026 r. do 30 listopada 2026 r." in text
    assert "02.12.2026" not in text and "1 grudnia" not in text
    pdf = PdfReader(io.BytesIO(pdf_bytes(document)))
    pdf_text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Data raportu: 2 grudnia 2026 r." in pdf_text


def test_the_generated_introduction_names_the_last_day(page):
    intro = report.introduction(page, report.figures(page))
    assert "Trwały od 2 listopada 2026 r. do 30 listopada 2026 r.</p>" in intro
