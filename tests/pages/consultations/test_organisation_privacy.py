"""A name typed as "organisation" is published only once staff confirmed it (by hand or by
choosing the organisation from the registry): a resident's own name typed there stays out
of the report, which says "Osoba prywatna"."""

import uuid
from datetime import timedelta

from django.utils import timezone

import pytest

from pages.consultations import report
from pages.consultations.comments import store_response
from pages.consultations.models import ConsultationResponse
from tests.factories.consultations import ConsultationPageFactory, ConsultationResponseFactory
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(consultation_index):
    return ConsultationPageFactory(parent=consultation_index, title="Park Hallera")


def stored(**fields):
    """A response stored as the site stores one: with its comments."""
    return store_response(ConsultationResponseFactory.build(**fields))[0]


def confirm_url(response):
    return f"/admin/konsultacje/uwagi/{response.pk}/organizacja/"


def test_an_unconfirmed_organisation_is_a_private_person(client, page):
    """Sent online with a person's own name as the organisation: nothing of it reported."""
    data = {
        "comment": "Więcej ławek.",
        "document_part": "",
        "author_name": "",
        "organisation": "Anna Mieszkańska",
        "email": "",
        "website": "",
        "form_token": str(uuid.uuid4()),
    }
    assert client.post(page.url, data).status_code == 200
    response = ConsultationResponse.objects.get()
    assert not response.organisation_confirmed
    assert response.public_submitter == "Osoba prywatna"
    assert report.figures(page)["organisations"] == 0
    assert [row["submitter"] for row in report.table_rows(page)] == ["Osoba prywatna"]


def test_staff_confirm_an_organisation_by_hand(client, submissions_staff, admin_user, page):
    response = stored(
        consultation=page, organisation="  Klub Seniora Gołonóg ", author_name="Jan Nowak"
    )
    client.force_login(admin_user)
    analysis = client.get(f"/admin/konsultacje/{page.pk}/analiza/").content.decode()
    assert "Zgłoszenia z niepotwierdzoną organizacją: <strong>1</strong>" in analysis
    client.force_login(submissions_staff)
    listing = client.get(f"/admin/consultation_responses/?consultation={page.pk}")
    assert confirm_url(response) in listing.content.decode() and "potwierdź" in (
        listing.content.decode()
    )
    screen = client.get(confirm_url(response)).content.decode()
    assert "W raporcie teraz: <strong>Osoba prywatna</strong>" in screen
    answer = client.post(
        confirm_url(response),
        {"organisation": "Klub Seniora Gołonóg", "ngo": "", "organisation_confirmed": "on"},
    )
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.public_submitter == "Klub Seniora Gołonóg"
    assert report.figures(page)["organisations"] == 1
    assert report.table_rows(page)[0]["submitter"] == "Klub Seniora Gołonóg"
    # Withdrawn: a private person again.
    client.post(confirm_url(response), {"organisation": "Klub Seniora Gołonóg", "ngo": ""})
    response.refresh_from_db()
    assert response.public_submitter == "Osoba prywatna"


def test_an_organisation_from_the_registry_is_named_as_the_registry_names_it(
    client, submissions_staff, page
):
    ngo = NGOFactory(name="Stowarzyszenie Przyjaciół Parku Hallera", live=True)
    response = stored(consultation=page, organisation="przyjaciele parku")
    client.force_login(submissions_staff)
    answer = client.post(confirm_url(response), {"organisation": "", "ngo": ngo.pk})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert (response.ngo, response.organisation_confirmed) == (ngo, True)
    assert response.public_submitter == "Stowarzyszenie Przyjaciół Parku Hallera"
    assert report.table_rows(page)[0]["submitter"] == "Stowarzyszenie Przyjaciół Parku Hallera"


def test_confirming_nothing_or_by_the_wrong_staff_is_refused(
    client, submissions_staff, department_editor, page
):
    response = ConsultationResponseFactory(consultation=page, organisation="")
    client.force_login(submissions_staff)
    answer = client.post(
        confirm_url(response), {"organisation": "", "ngo": "", "organisation_confirmed": "on"}
    )
    assert answer.status_code == 400
    assert "Wpisz nazwę organizacji albo wybierz ją z rejestru" in answer.content.decode()
    # The screen still says what is stored, not what the refused form posted.
    typed = ConsultationResponseFactory(consultation=page, organisation="Klub Seniora")
    answer = client.post(
        confirm_url(typed), {"organisation": "", "ngo": "", "organisation_confirmed": "on"}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Wpisano w zgłoszeniu: <strong>Klub Seniora</strong>" in html
    assert "W raporcie teraz: <strong>Osoba prywatna</strong>" in html
    client.force_login(department_editor)
    other = ConsultationResponseFactory(consultation=page, organisation="Jan Kowalski")
    answer = client.post(
        confirm_url(other), {"organisation": "Jan Kowalski", "organisation_confirmed": "on"}
    )
    assert answer.status_code == 302 and answer.url == "/admin/"
    response.refresh_from_db()
    other.refresh_from_db()
    assert not response.organisation_confirmed and not other.organisation_confirmed


def test_staff_confirm_while_typing_in_a_letter(client, submissions_staff, page):
    client.force_login(submissions_staff)
    data = {
        "consultation": page.pk,
        "channel": "paper",
        "received_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "author_name": "Zofia Pisarska",
        "organisation": "Rada Osiedla Reden",
        "email": "",
        "document_part": "",
        "comment": "Prosimy o oświetlenie.",
        "scan": "",
        "form_token": str(uuid.uuid4()),
    }
    client.post("/admin/konsultacje/uwagi/nowa/", data)
    client.post(
        "/admin/konsultacje/uwagi/nowa/",
        {**data, "organisation_confirmed": "on", "form_token": str(uuid.uuid4())},
    )
    submitters = sorted(r.public_submitter for r in ConsultationResponse.objects.all())
    assert submitters == ["Osoba prywatna", "Rada Osiedla Reden"]
