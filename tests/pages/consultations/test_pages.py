"""Where the page types may live, what they render, filters and pages of the lists."""

from datetime import datetime, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from core.deadlines import WARSAW
from pages.consultations.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ConsultationIndexPage,
    ConsultationPage,
)
from pages.department.models import HomePage, StandardPage
from tests.factories.consultations import (
    AnnouncementPageFactory,
    ConsultationMeetingFactory,
    ConsultationPageFactory,
    pdf_document,
)
from tests.factories.pages import DistrictFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _may_live_under(child, parent) -> bool:
    return child in parent.allowed_subpage_models() and parent in child.allowed_parent_page_models()


def test_page_tree_rules():
    assert _may_live_under(ConsultationIndexPage, HomePage)
    assert _may_live_under(AnnouncementIndexPage, HomePage)
    assert _may_live_under(ConsultationPage, ConsultationIndexPage)
    assert _may_live_under(AnnouncementPage, AnnouncementIndexPage)
    assert not _may_live_under(ConsultationPage, HomePage)
    assert not _may_live_under(ConsultationPage, AnnouncementIndexPage)
    assert not _may_live_under(AnnouncementPage, ConsultationIndexPage)
    assert not _may_live_under(ConsultationIndexPage, StandardPage)
    assert ConsultationPage.allowed_subpage_models() == []
    assert AnnouncementPage.allowed_subpage_models() == []


def test_index_pages_are_at_their_addresses(client, consultation_index, announcement_index):
    assert consultation_index.url == "/konsultacje/"
    assert announcement_index.url == "/ogloszenia/"
    assert client.get("/konsultacje/").status_code == 200
    assert client.get("/ogloszenia/").status_code == 200


def test_open_consultation_page_renders_everything(client, consultation_index):
    now = timezone.now()
    district = DistrictFactory(name="Gołonóg", slug="golonog")
    person = PersonFactory(name="Maria Kontaktowa")
    draft_act = pdf_document(title="Projekt uchwały")
    page = ConsultationPageFactory(
        parent=consultation_index,
        title="Park w Gołonogu",
        opens_at=now - timedelta(days=2),
        # Noon (Warsaw) three calendar days ahead: "zostały 3 dni" at any hour of the run
        # (days are calendar days; now + 3 d 5 h crossed a fourth midnight in the evening).
        closes_at=timezone.localtime(now).replace(hour=12, minute=0, second=0, microsecond=0)
        + timedelta(days=3),
        legal_basis="Uchwała nr XII/1/2026 Rady Miejskiej",
        written_comments_email="uwagi@example.pl",
        written_comments_address="ul. Graniczna 27\n41-300 Dąbrowa Górnicza",
        contact_person=person,
        documents=[{"type": "document", "value": {"document": draft_act.pk, "title": ""}}],
        districts=[district],
    )
    ConsultationMeetingFactory(page=page, place="Szkoła nr 9")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trwa – można zgłaszać uwagi" in html
    assert "zostały 3 dni" in html
    assert "Uchwała nr XII/1/2026 Rady Miejskiej" in html
    assert "Gołonóg" in html
    assert "uwagi@example.pl" in html
    assert "41-300 Dąbrowa Górnicza" in html
    assert "Szkoła nr 9" in html
    assert "Maria Kontaktowa" in html
    assert draft_act.url in html
    assert 'name="comment"' in html
    assert "csrfmiddlewaretoken" in html
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in html
    assert 'rel="alternate" type="text/calendar"' in html


def _noon_in_days(days: int):
    """Noon (Warsaw) DAYS calendar days from today: days are counted by the calendar, so
    "now + 1 day 2 hours" would be two days after 22:00."""
    day = timezone.localdate(timezone.now(), WARSAW) + timedelta(days=days)
    return datetime.combine(day, time(12), tzinfo=WARSAW)


def test_time_left_uses_polish_plurals(client, consultation_index):
    page = ConsultationPageFactory(parent=consultation_index, closes_at=_noon_in_days(1))
    assert "został 1 dzień" in client.get(page.url).content.decode()
    page.closes_at = _noon_in_days(5)
    page.save_revision().publish()
    assert "zostało 5 dni" in client.get(page.url).content.decode()


def test_planned_page_has_no_form(client, consultation_index):
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=20),
    )
    html = client.get(page.url).content.decode()
    assert "Planowana" in html
    assert 'name="comment"' not in html
    assert "Formularz pojawi się tu, gdy konsultacja się rozpocznie." in html


def test_open_page_without_online_comments_has_no_form(client, consultation_index):
    page = ConsultationPageFactory(parent=consultation_index, accepts_online_comments=False)
    html = client.get(page.url).content.decode()
    assert 'name="comment"' not in html
    assert "przez formularz na tej stronie" not in html


def test_concluded_page_shows_the_report(client, consultation_index):
    now = timezone.now()
    report = pdf_document(title="Raport końcowy")
    page = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        report_summary="<p>Wpłynęło 12 uwag.</p>",
        report_document=report,
        report_date=timezone.localdate() - timedelta(days=1),
        comments_usage="<p>Uwzględniliśmy 7 uwag.</p>",
    )
    html = client.get(page.url).content.decode()
    assert "Zakończona – raport opublikowany" in html
    assert "Raport z konsultacji" in html
    assert "Wpłynęło 12 uwag." in html
    assert "Uwzględniliśmy 7 uwag." in html
    assert report.url in html
    assert 'name="comment"' not in html


def test_report_dated_in_the_future_stays_hidden(client, consultation_index):
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        report_summary="<p>Tajny jeszcze raport.</p>",
        report_date=timezone.localdate() + timedelta(days=2),
    )
    html = client.get(page.url).content.decode()
    assert "Zakończona – czeka na raport" in html
    assert "Tajny jeszcze raport." not in html


def test_cancelled_page_shows_the_reason(client, consultation_index):
    page = ConsultationPageFactory(
        parent=consultation_index, is_cancelled=True, cancellation_reason="Projekt wycofano."
    )
    html = client.get(page.url).content.decode()
    assert "Konsultacja została odwołana" in html
    assert "Projekt wycofano." in html
    assert 'name="comment"' not in html


def _make_one_in_each_state(index):
    now = timezone.now()
    day = timedelta(days=1)
    return {
        "open-late": ConsultationPageFactory(
            parent=index, title="Otwarta później", closes_at=now + 20 * day
        ),
        "open-soon": ConsultationPageFactory(
            parent=index, title="Otwarta wcześniej", closes_at=now + 2 * day
        ),
        "planned": ConsultationPageFactory(
            parent=index, title="Planowana A", opens_at=now + 5 * day, closes_at=now + 30 * day
        ),
        "closed": ConsultationPageFactory(
            parent=index, title="Zamknięta A", opens_at=now - 30 * day, closes_at=now - day
        ),
        "cancelled": ConsultationPageFactory(
            parent=index, title="Odwołana A", is_cancelled=True, cancellation_reason="Powód"
        ),
    }


def test_index_lists_in_order(client, consultation_index):
    _make_one_in_each_state(consultation_index)
    html = client.get("/konsultacje/").content.decode()
    positions = [
        html.index(title)
        for title in (
            "Otwarta wcześniej",
            "Otwarta później",
            "Planowana A",
            "Zamknięta A",
            "Odwołana A",
        )
    ]
    assert positions == sorted(positions)


def test_index_filters_by_state(client, consultation_index):
    _make_one_in_each_state(consultation_index)
    html = client.get("/konsultacje/?stan=planowana").content.decode()
    assert "Planowana A" in html
    assert "Otwarta wcześniej" not in html
    assert "Odwołana A" not in html
    html = client.get("/konsultacje/?stan=odwolana").content.decode()
    assert "Odwołana A" in html
    assert "Planowana A" not in html


def test_index_filters_by_district_and_audience(client, consultation_index):
    reden = DistrictFactory(name="Reden", slug="reden")
    centrum = DistrictFactory(name="Centrum", slug="centrum")
    ConsultationPageFactory(
        parent=consultation_index, title="W Redenie", districts=[reden], audience="residents"
    )
    ConsultationPageFactory(
        parent=consultation_index, title="W Centrum", districts=[centrum], audience="ngos"
    )
    ConsultationPageFactory(parent=consultation_index, title="Całe miasto", audience="all")
    html = client.get("/konsultacje/?dzielnica=reden").content.decode()
    assert "W Redenie" in html
    assert "Całe miasto" in html  # a city-wide consultation concerns Reden too
    assert "W Centrum" not in html
    html = client.get("/konsultacje/?dla=organizacje").content.decode()
    assert "W Centrum" in html
    assert "Całe miasto" in html
    assert "W Redenie" not in html
    html = client.get("/konsultacje/?dzielnica=reden&dla=organizacje").content.decode()
    assert "Całe miasto" in html
    assert "W Redenie" not in html
    # The filter links keep the other filter.
    assert 'href="/konsultacje/?dzielnica=reden&amp;dla=mieszkancy"' in html


@pytest.mark.parametrize(
    "query",
    [
        "?stan=nonsense",
        "?stan=%00",
        "?dzielnica=%00",
        "?dzielnica=nie-ma-takiej",
        "?dzielnica=" + "x" * 500,
        "?dla=%27;DROP",
        "?strona=abc",
        "?strona=0",
        "?strona=-1",
        "?strona=99999999999999999999999",
        "?strona=1e5",
        "?strona=%00",
        "?strona=²",
        "?tag=%00",
        "?state=nonsense&page=%00",  # old names: redirected, then ignored
    ],
)
def test_bad_query_values_are_ignored(client, consultation_index, announcement_index, query):
    ConsultationPageFactory(parent=consultation_index, title="Jedyna")
    response = client.get("/konsultacje/" + query, follow=True)
    assert response.status_code == 200
    assert "Jedyna" in response.content.decode()
    assert client.get("/ogloszenia/" + query, follow=True).status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "?state=open&page=2&district=reden&audience=residents",
            "?stan=otwarta&dzielnica=reden&dla=mieszkancy&strona=2",
        ),
        ("?state=concluded", "?stan=podsumowana"),
        ("?page=3&utm_source=x", "?strona=3"),  # only what the list reads is kept
        ("?state=planned&stan=odwolana", "?stan=odwolana"),  # the new name wins
        ("?state=nonsense", "?stan=nonsense"),  # ignored by the list, as before
    ],
)
def test_old_english_addresses_redirect_to_the_polish_ones(client, consultation_index, old, new):
    response = client.get("/konsultacje/" + old)
    assert response.status_code == 301
    assert response["Location"] == "/konsultacje/" + new
    assert client.get(response["Location"]).status_code == 200


def test_old_page_parameter_of_announcements_redirects(client, announcement_index):
    response = client.get("/ogloszenia/?tag=granty&page=2")
    assert response.status_code == 301
    assert response["Location"] == "/ogloszenia/?tag=granty&strona=2"


def test_index_paginates(client, consultation_index):
    now = timezone.now()
    for n in range(12):
        ConsultationPageFactory(
            parent=consultation_index,
            title=f"Konsultacja nr {n:02d}",
            closes_at=now + timedelta(days=n + 1),
        )
    first = client.get("/konsultacje/").content.decode()
    second = client.get("/konsultacje/?strona=2").content.decode()
    last = client.get("/konsultacje/?strona=999").content.decode()
    assert "Konsultacja nr 00" in first and "Konsultacja nr 10" not in first
    assert "Konsultacja nr 10" in second and "Konsultacja nr 00" not in second
    assert "Konsultacja nr 11" in last
    assert '<a href="/konsultacje/?strona=2" rel="next">' in first
    assert "(12 konsultacji)" in first


def test_index_query_count_is_flat(client, consultation_index, django_assert_max_num_queries):
    district = DistrictFactory()
    for _ in range(3):
        ConsultationPageFactory(parent=consultation_index, districts=[district])
    client.get("/konsultacje/")  # warm Wagtail's per-process caches
    with django_assert_max_num_queries(20) as few:
        client.get("/konsultacje/")
    for _ in range(8):
        ConsultationPageFactory(parent=consultation_index, districts=[district])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/konsultacje/")


def test_drafts_and_private_pages_are_not_listed(client, consultation_index):
    draft = ConsultationPageFactory(parent=consultation_index, title="Szkic konsultacji")
    draft.unpublish()
    private = ConsultationPageFactory(parent=consultation_index, title="Tajna konsultacja")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get("/konsultacje/").content.decode()
    assert "Szkic konsultacji" not in html
    assert "Tajna konsultacja" not in html
    home_html = client.get("/").content.decode()
    assert "Szkic konsultacji" not in home_html
    assert "Tajna konsultacja" not in home_html


def test_home_shows_open_consultations_and_latest_announcements(
    client, consultation_index, announcement_index, django_assert_max_num_queries
):
    pages = _make_one_in_each_state(consultation_index)
    for n in range(7):
        AnnouncementPageFactory(
            parent=announcement_index,
            title=f"Wiadomość {n}",
            date=timezone.localdate() - timedelta(days=n),
        )
    response = client.get("/")
    html = response.content.decode()
    assert pages["open-soon"].title in html
    assert pages["open-late"].title in html
    assert html.index(pages["open-soon"].title) < html.index(pages["open-late"].title)
    assert pages["planned"].title not in html
    assert pages["closed"].title not in html
    assert "Wiadomość 0" in html and "Wiadomość 4" in html
    assert "Wiadomość 6" not in html  # only the latest five
    assert 'href="/konsultacje/rss/"' in html
    assert 'href="/ogloszenia/rss/"' in html
    before = len(_count_home(client))
    for n in range(5):
        ConsultationPageFactory(parent=consultation_index, title=f"Nowa otwarta {n}")
    with django_assert_max_num_queries(before):
        client.get("/")


def _count_home(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get("/")
    return context.captured_queries


def test_announcement_index_paginates_and_filters_by_tag(client, announcement_index):
    today = timezone.localdate()
    for n in range(11):
        AnnouncementPageFactory(
            parent=announcement_index,
            title=f"Ogłoszenie nr {n:02d}",
            date=today - timedelta(days=n),
            tags=["granty"] if n % 2 else ["szkolenia"],
        )
    first = client.get("/ogloszenia/").content.decode()
    assert "Ogłoszenie nr 00" in first and "Ogłoszenie nr 10" not in first
    assert "Ogłoszenie nr 10" in client.get("/ogloszenia/?strona=2").content.decode()
    granty = client.get("/ogloszenia/?tag=granty").content.decode()
    assert "Ogłoszenie nr 01" in granty and "Ogłoszenie nr 00" not in granty
    assert 'aria-current="true"' in granty
    assert '<link rel="alternate" type="application/rss+xml"' in first


def test_announcement_page_renders(client, announcement_index):
    document = pdf_document(title="Regulamin naboru")
    page = AnnouncementPageFactory(
        parent=announcement_index,
        title="Nabór do rady",
        summary="Zgłoś kandydata.",
        body=[{"type": "paragraph", "value": "<p>Szczegóły naboru.</p>"}],
        documents=[{"type": "document", "value": {"document": document.pk, "title": ""}}],
        tags=["rada"],
    )
    html = client.get(page.url).content.decode()
    assert "Nabór do rady" in html
    assert "Zgłoś kandydata." in html
    assert "Szczegóły naboru." in html
    assert document.url in html
    assert "/ogloszenia/?tag=rada" in html
    assert '"@type": "NewsArticle"' in html


def test_query_budgets_of_consultations_and_announcements(
    fragments_shared, client, consultation_index, announcement_index
):
    """One anonymous, uncached view (the page cache off, the shared fragments warm) of
    each: 3 December 2026 (issue 17), the announcements' lists and pages and the
    consultation's empty form as shared fragments, the privacy settings shared; then
    routing in one query and the privacy check from it (core.site_structure): two fewer.
    Session 12: the route shared between requests and breadcrumbs from it, a consultation's
    and an announcement's feed links (their parent's own type) a shared part of the head."""
    now = timezone.now()
    district = DistrictFactory()
    open_page = ConsultationPageFactory(parent=consultation_index, districts=[district])
    ConsultationMeetingFactory(page=open_page)
    closed = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
    )
    announcement = AnnouncementPageFactory(parent=announcement_index, tags=["granty"])
    AnnouncementPageFactory(parent=announcement_index, tags=["szkolenia"])
    budgets = {
        open_page.url: 0,
        closed.url: 0,
        "/ogloszenia/": 0,
        "/ogloszenia/?tag=granty": 0,
        announcement.url: 0,
    }
    assert 'name="form_token"' in client.get(open_page.url).content.decode()  # its form too
    counts = {}
    for path in budgets:
        client.get(path)  # warm the per-process caches and the shared fragments
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[path] = len(queries)
    assert counts == budgets
