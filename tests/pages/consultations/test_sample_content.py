"""The sample content: every state present, marked as sample, loaded idempotently."""

import io
from collections import Counter
from datetime import timedelta

from django.utils import timezone

from wagtail.documents import get_document_model

import pypdf
import pytest

from pages.consultations import sample_content
from pages.consultations.models import (
    AnnouncementPage,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
)
from snippets.models import District

pytestmark = pytest.mark.django_db


def test_load_gives_every_state_and_is_idempotent(home_page, client):
    sample_content.load()
    counts = (
        ConsultationPage.objects.count(),
        AnnouncementPage.objects.count(),
        District.objects.count(),
        get_document_model().objects.count(),
        ConsultationResponse.objects.count(),
    )
    assert "utworzono 0" in sample_content.load()
    assert counts == (
        ConsultationPage.objects.count(),
        AnnouncementPage.objects.count(),
        District.objects.count(),
        get_document_model().objects.count(),
        ConsultationResponse.objects.count(),
    )
    states = Counter(page.get_state().value for page in ConsultationPage.objects.live())
    assert states == {"planned": 1, "open": 2, "closed": 1, "concluded": 1, "cancelled": 1}
    assert all(p.title.startswith("[PRZYKŁAD]") for p in ConsultationPage.objects.all())
    assert all(p.title.startswith("[PRZYKŁAD]") for p in AnnouncementPage.objects.all())
    assert {"Centrum", "Gołonóg", "Reden", "Łosień"} <= set(
        District.objects.values_list("name", flat=True)
    )
    index = ConsultationIndexPage.objects.get()
    assert index.url == "/konsultacje/" and index.show_in_menus
    html = client.get("/konsultacje/").content.decode()
    for label in ("Planowana", "Trwa", "czeka na raport", "raport opublikowany", "Odwołana"):
        assert label in html


def test_the_report_is_a_real_pdf_document(home_page, client):
    sample_content.load()
    concluded = next(
        p for p in ConsultationPage.objects.live() if p.get_state().value == "concluded"
    )
    document = concluded.report_document
    with document.open_file() as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()), strict=True)
    assert "Raport z konsultacji" in reader.pages[0].extract_text()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_drifted_dates_are_refreshed(home_page):
    sample_content.load()
    open_page = ConsultationPage.objects.get(slug="przyklad-park-w-redenie")
    # As if a month had passed: the sample closed.
    open_page.opens_at -= timedelta(days=60)
    open_page.closes_at = timezone.now() - timedelta(days=1)
    open_page.save_revision().publish()
    assert open_page.get_state().value == "closed"
    assert "odświeżono daty 1" in sample_content.load()
    open_page.refresh_from_db()
    assert open_page.get_state().value == "open"
    assert open_page.meetings.count() == 2


def test_the_concluded_sample_publishes_charts_of_its_questionnaire(home_page, client):
    """Answered online and on paper; its published report shows a chart and its table, so
    the accessibility sweep of the sample site checks a chart on a public page."""
    sample_content.load()
    concluded = ConsultationPage.objects.get(slug="przyklad-inicjatywa-lokalna-zasady")
    assert concluded.get_state().value == "concluded" and concluded.questionnaire
    channels = Counter(
        ConsultationResponse.objects.filter(consultation=concluded).values_list(
            "channel", flat=True
        )
    )
    assert channels["paper"] >= 2 and channels["online"] >= 4
    charts = {chart["id"]: chart for chart in concluded.report_statistics["charts"]}
    assert charts["li-deadline"]["counts"] == [["14 dni", 1], ["30 dni", 4], ["Cały rok", 1]]
    assert charts["li-clarity"]["answered"] == 5
    html = client.get(concluded.url).content.decode()
    assert html.count('<svg class="chart__svg" role="img"') == 2
    assert '<th scope="row">30 dni</th><td>4</td>' in html
    assert "Zestawienie uwag i stanowisko miasta" in html


def test_a_concluded_sample_loaded_before_the_questionnaire_gets_it(home_page):
    sample_content.load()
    concluded = ConsultationPage.objects.get(slug="przyklad-inicjatywa-lokalna-zasady")
    # As the sample was before it had a questionnaire.
    ConsultationResponse.objects.filter(consultation=concluded).exclude(answers={}).delete()
    concluded.questionnaire = []
    concluded.report_statistics = {**concluded.report_statistics, "charts": []}
    concluded.save_revision().publish()
    sample_content.load()
    concluded = ConsultationPage.objects.get(pk=concluded.pk)
    assert concluded.questionnaire and len(concluded.report_statistics["charts"]) == 2
    assert len(concluded.report_table) == 3
