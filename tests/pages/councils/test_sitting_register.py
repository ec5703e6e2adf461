"""A sitting with minutes and two resolutions; the register found by number in every
shortening, on the osiedle's page, in the API and open data; draft minutes never public;
an opinion request in the intranet by its deadline."""

import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import Collection

import pytest

from accounts import roles
from accounts.sections import INTRANET, ensure_collection, ensure_section
from core import prepared_queries
from pages.cao.models.sitting import MinutesStatus
from pages.councils.choices import ResolutionStatus
from pages.councils.models import OpinionRequest
from pages.councils.state import OPINION
from tests.factories import councils
from tests.factories.accounts import UserFactory
from tests.factories.cao import EventIndexPageFactory, EventPageFactory
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories.documents import pdf_bytes
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting(home_page, council, index_now):
    events = EventIndexPageFactory(parent=home_page)
    district = councils.osiedle("Reden")
    minutes = make_document("Protokół nr 3/2026", "protokol.pdf", pdf_bytes())
    with index_now():
        page = EventPageFactory(
            parent=events,
            title="III posiedzenie Rady Pożytku",
            council=council,
            agenda="<p>Opinia o programie współpracy</p>",
            attendance="Obecni: 9 z 11 członków.",
            minutes_status=MinutesStatus.APPROVED,
            minutes_document=minutes,
            minutes_summary="Rada zaopiniowała program współpracy pozytywnie.",
            recording_url="https://example.org/nagranie",
        )
        page.districts = [district]
        page.save_revision().publish()
        councils.resolution(
            council,
            "12/2026",
            title="w sprawie programu współpracy na 2027 r.",
            sitting=page,
            districts=[district],
        )
        councils.resolution(
            council,
            "13/2026",
            title="w sprawie regulaminu",
            sitting=page,
            status=ResolutionStatus.REJECTED,
        )
    return page


def test_sitting_shows_minutes_resolutions_and_recording(client, sitting, council):
    html = client.get(sitting.url).content.decode()
    for text in (
        "Opinia o programie współpracy",
        "Obecni: 9 z 11",
        "zaopiniowała program",
        "Protokół nr 3/2026",
        "https://example.org/nagranie",
        "Uchwała nr 12/2026",
        "Uchwała nr 13/2026",
        council.title,
    ):
        assert text in html
    council_html = client.get(council.url).content.decode()
    assert "III posiedzenie Rady Pożytku" in council_html and "Uchwała nr 12/2026" in council_html
    data = client.get(f"/api/v2/council-sittings/{sitting.pk}/").json()
    assert data["minutes"]["summary"].startswith("Rada zaopiniowała")
    assert data["council"] == {"id": council.pk, "title": council.title}


@pytest.mark.parametrize("query", ["12/2026", "12/26", "uchwała 12/2026", "122026"])
def test_resolution_found_by_its_number_in_every_shortening(client, sitting, query):
    results = client.get("/api/v2/search/", {"q": query}).json()["results"]
    titles = [r["title"] for r in results if r["type"] == "council_resolution"]
    assert titles and titles[0].startswith("Uchwała nr 12/2026")


def test_resolution_state_is_a_search_facet(client, sitting):
    results = client.get("/api/v2/search/", {"q": "13/2026"}).json()["results"]
    entry = next(r for r in results if r["type"] == "council_resolution")
    assert entry["state"] == "rejected"


def test_register_list_filters_and_text_box(client, sitting, council):
    url = f"{council.url}uchwaly/"
    html = client.get(url, {"q": "12/26"}).content.decode()
    assert "nr 12/2026" in html and "nr 13/2026" not in html
    html = client.get(url, {"stan": "odrzucona"}).content.decode()
    assert "nr 13/2026" in html and "nr 12/2026" not in html
    assert client.get(url, {"stan": "nonsens"}).status_code == 200


def test_osiedle_page_shows_what_concerns_it(client, home_page, sitting):
    district = sitting.districts.first()
    page = councils.osiedle_page(home_page, district, boundaries="<p>Od ul. Kasprzaka</p>")
    html = client.get(page.url).content.decode()
    assert "Uchwała nr 12/2026" in html and "nr 13/2026" not in html
    assert "Od ul. Kasprzaka" in html
    api = client.get("/api/v2/osiedla/").json()
    assert [item["id"] for item in api["items"]] == [page.pk]


def test_api_and_open_data_of_the_register(client, sitting, council_index):
    items = client.get("/api/v2/council-resolutions/", {"number": "12/2026", "fields": "*"}).json()
    [item] = items["items"]
    assert item["status"] == "adopted" and item["title"].startswith("w sprawie programu")
    rejected = client.get("/api/v2/council-resolutions/", {"status": "rejected"}).json()
    assert [i["id"] for i in rejected["items"]] != [item["id"]]
    assert client.get("/api/v2/council-resolutions/", {"status": "x"}).status_code == 400
    csv_text = client.get(f"{council_index.url}dane.csv").content.decode("utf-8-sig")
    assert "12/2026" in csv_text and "odrzucona" in csv_text
    data = client.get(f"{council_index.url}dane.json").json()
    assert {row["numer"] for row in data["uchwaly"]} == {"12/2026", "13/2026"}


def test_draft_minutes_never_public(client, home_page, council, index_now):
    events = EventIndexPageFactory(parent=home_page)
    private = ensure_collection(INTRANET)
    draft = make_document("Projekt protokołu", "projekt.pdf", pdf_bytes(), collection=private)
    with index_now():
        page = EventPageFactory(
            parent=events,
            title="IV posiedzenie",
            council=council,
            minutes_status=MinutesStatus.DRAFT,
            minutes_document=draft,
            minutes_summary="Poufne ustalenia zespołu roboczego",
        )
        page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Poufne ustalenia" not in html and draft.url not in html
    assert client.get(f"/api/v2/council-sittings/{page.pk}/").json()["minutes"] is None
    assert "Poufne" not in client.get(f"/api/v2/pages/{page.pk}/?fields=*").content.decode()
    assert client.get("/api/v2/search/", {"q": "poufne ustalenia"}).json()["results"] == []
    # A draft's document in a public collection is refused.
    page.minutes_document = make_document("Projekt 2", "p2.pdf", pdf_bytes())
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "minutes_document" in error.value.message_dict
    assert Collection.objects.filter(pk=private.pk).exists()


def test_opinion_request_deadline_by_the_clock():
    request = OpinionRequest(received_on=datetime.date(2026, 3, 2), term_days=14)
    end = request.compute_deadline()
    # Art. 111: counted from the next day; over at 24:00 of 16 March (Warsaw).
    assert timezone.localtime(end) == timezone.make_aware(datetime.datetime(2026, 3, 17))
    request.deadline = end
    request.given_on = None
    assert OPINION.state_of(request, end - datetime.timedelta(seconds=1)) == OPINION.PENDING
    assert OPINION.state_of(request, end) == OPINION.OVERDUE


def test_opinion_requests_in_the_intranet_by_deadline(client, home_page, council):
    section = ensure_section(home_page, INTRANET)
    today = timezone.localdate()
    index = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=index, title="Program współpracy 2027")
    later = OpinionRequest.objects.create(
        council=council,
        subject="Projekt programu współpracy na 2027 r.",
        requested_by="Prezydent Miasta",
        received_on=today,
        term_days=14,
        consultation=consultation,
    )
    sooner = OpinionRequest.objects.create(
        council=council,
        subject="Projekt regulaminu konkursu",
        requested_by="Wydział",
        received_on=today,
        term_days=7,
    )
    OpinionRequest.objects.create(
        council=council,
        subject="Wniosek już zaopiniowany",
        requested_by="Wydział",
        received_on=today,
        given_on=today,
    )
    anonymous = client.get(section.url)
    assert anonymous.status_code in (302, 403)
    assert "Projekt regulaminu" not in anonymous.content.decode()
    partner = UserFactory()
    partner.groups.add(Group.objects.get_or_create(name=roles.NGO_PARTNERS)[0])
    client.force_login(partner)
    assert "Projekt regulaminu" not in client.get(section.url).content.decode()
    staff = UserFactory()
    staff.groups.add(Group.objects.get_or_create(name=roles.STAFF)[0])
    client.force_login(staff)
    html = client.get(section.url).content.decode()
    assert html.index(sooner.subject) < html.index(later.subject)
    assert "zaopiniowany" not in html
    assert "włącznie" in html
    # Each row names its council, and the consultation where a request has one.
    assert html.count(f"<td>{council.title}</td>") == 2
    assert f"{later.subject} – konsultacje: Program współpracy 2027" in html
    assert f"{sooner.subject}</td>" in html
    # Compiled once per process (core.prepared_queries), not by Django at every visit.
    prepared = prepared_queries._prepared.get("open-opinion-requests")
    assert prepared is not None and prepared is not prepared_queries._NOT_PREPARABLE


def test_sitting_of_an_unpublished_council_names_neither_it_nor_its_register(
    client, sitting, council, index_now
):
    with index_now():
        council.unpublish()
    sitting.refresh_from_db()
    html = client.get(sitting.url).content.decode()
    assert "Uchwała nr 12/2026" not in html and "/uchwaly/" not in html
    assert council.title not in html
    data = client.get(f"/api/v2/pages/{sitting.pk}/", {"fields": "council"}).json()
    assert data["council"] is None


def test_a_document_in_a_private_collection_is_not_linked(client, council, council_index):
    private = ensure_collection(INTRANET)
    hidden = make_document("Projekt uchwały", "projekt.pdf", pdf_bytes(), collection=private)
    shown = make_document("Uchwała 8/2026", "uchwala.pdf", pdf_bytes())
    secret = councils.resolution(council, "9/2026", document=hidden)
    councils.resolution(council, "8/2026", document=shown)
    register = client.get(f"{council.url}uchwaly/").content.decode()
    assert shown.url in register and hidden.url not in register
    assert hidden.url not in client.get(secret.get_url()).content.decode()
    rows = {
        row["numer"]: row for row in client.get(f"{council_index.url}dane.json").json()["uchwaly"]
    }
    assert rows["9/2026"]["dokument"] == "" and rows["8/2026"]["dokument"].endswith(shown.url)
