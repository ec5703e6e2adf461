"""A council's recruitment on the portal's own form (core.public_forms): the form on a
route of the council's page, errors in Polish with what was typed kept, stored once, the
e-mails, the submissions team's admin, retention; and the candidate's data nowhere
public. The outside link stays possible."""

import datetime
import uuid

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from accounts import roles
from core.retention import purge_expired_personal_data
from pages.councils.models import CouncilApplication
from tests.factories import councils
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

STATEMENT = "Chcę działać dla młodzieży zakamarekkandydata."
EMAIL = "kandydatka.ukryta@example.pl"


@pytest.fixture
def recruitment(council, index_now):
    council.email = "rada@example.pl"
    council.save_revision().publish()
    with index_now():
        return councils.recruitment(council, seats="Szkoła nr 1\nSzkoła nr 2")


def _data(**fields):
    return {
        "form_token": str(uuid.uuid4()),
        "website": "",
        "name": "Kasia Młoda",
        "email": EMAIL,
        "phone": "",
        "seat": "Szkoła nr 2",
        "represents": "Samorząd uczniowski",
        "statement": STATEMENT,
        "eligibility": "on",
        "consent": "on",
        **fields,
    }


def test_the_council_page_links_to_the_form_while_open(client, council, recruitment):
    url = recruitment.form_url()
    assert url == f"{council.url}nabor/{recruitment.pk}/"
    assert f'href="{url}"' in client.get(council.url).content.decode()
    html = client.get(url).content.decode()
    for text in ("Szkoła nr 2", "Informacja o przetwarzaniu danych osobowych", "(wymagane)"):
        assert text in html
    assert "<legend>Miejsce, o które kandydujesz" in html


def test_errors_in_polish_keep_what_was_typed(client, recruitment):
    response = client.post(
        recruitment.form_url(),
        _data(statement="", consent="", seat="Szkoła nr 9", email="zly-adres"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    for message in (
        "Napisz kilka zdań, dlaczego chcesz zostać członkiem.",
        "Bez tej zgody nie możemy rozpatrzyć zgłoszenia",
        "Wybierz jedno z miejsc wymienionych w ogłoszeniu.",
        "Wpisz adres e-mail w postaci nazwa@domena.pl.",
    ):
        assert message in html
    assert 'value="Kasia Młoda"' in html and "Samorząd uczniowski" in html
    assert not CouncilApplication.objects.exists()


def test_stored_once_with_receipt_and_notices(
    client, recruitment, django_capture_on_commit_callbacks
):
    data = _data()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(recruitment.form_url(), data)
    stored = CouncilApplication.objects.get()
    assert first.status_code == 200 and stored.receipt_number in first.content.decode()
    assert stored.seat == "Szkoła nr 2" and stored.recruitment == recruitment
    assert client.post(recruitment.form_url(), data).status_code == 200
    assert CouncilApplication.objects.count() == 1
    to = {tuple(message.to): message for message in mail.outbox}
    assert set(to) == {(EMAIL,), ("rada@example.pl",)}
    for message in mail.outbox:  # a receipt number, never what was written
        assert stored.receipt_number in message.body
        assert "zakamarekkandydata" not in message.body


def test_closed_or_planned_refused_and_off_form_announced_without_a_form(
    client, council, recruitment
):
    recruitment.opens_at = timezone.now() + datetime.timedelta(days=1)
    recruitment.closes_at = timezone.now() + datetime.timedelta(days=9)
    recruitment.save()
    response = client.post(recruitment.form_url(), _data())
    assert response.status_code == 409
    assert "Nabór jeszcze się nie rozpoczął." in response.content.decode()
    assert "nie zostało zapisane" in response.content.decode()
    assert 'name="form_token"' not in client.get(recruitment.form_url()).content.decode()
    recruitment.takes_applications = False
    recruitment.apply_url = "https://example.org/formularz"
    recruitment.opens_at = timezone.now() - datetime.timedelta(days=1)
    recruitment.save()
    # Every announcement has its page; one taking applications elsewhere links there
    # while open and refuses a post (no form of the portal's to store it).
    page = client.get(recruitment.get_url()).content.decode()
    assert 'href="https://example.org/formularz"' in page
    assert 'name="form_token"' not in page
    assert client.post(recruitment.get_url(), _data()).status_code == 405
    assert 'href="https://example.org/formularz"' in client.get(council.url).content.decode()
    recruitment.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    recruitment.save()
    page = client.get(recruitment.get_url()).content.decode()
    assert "example.org/formularz" not in page and "nabór zakończony" in page
    assert not CouncilApplication.objects.exists()


def test_one_way_of_applying_at_a_time(recruitment):
    recruitment.apply_url = "https://example.org/formularz"
    with pytest.raises(ValidationError) as error:
        recruitment.full_clean()
    assert "apply_url" in error.value.message_dict


def test_candidates_data_never_public(client, council, recruitment, index_now):
    with index_now():
        client.post(recruitment.form_url(), _data())
    application = CouncilApplication.objects.get()
    urls = [
        council.url,
        recruitment.form_url(),
        f"{council.url}uchwaly/",
        council.get_parent().url,
        "/api/v2/councils/?fields=*",
        f"/api/v2/pages/{council.pk}/",
        "/api/v2/council-members/?fields=*",
        "/api/v2/search/?q=zakamarekkandydata",
        "/api/v2/search/?q=Kasia",
        "/sitemap.xml",
    ]
    for url in urls:
        text = client.get(url).content.decode()
        assert "Kasia Młoda" not in text and EMAIL not in text, url
        if "q=" not in url:
            assert "zakamarekkandydata" not in text, url
    # Editors do not read them; the submissions team does, and marks them handled.
    admin_url = f"/admin/rady/zgloszenia-kandydatow/inspect/{application.pk}/"
    editor = UserFactory(groups=[roles.EDITORS])
    client.force_login(editor)
    assert client.get(admin_url).status_code in (302, 403)
    team = UserFactory(groups=[roles.SUBMISSIONS_TEAM])
    client.force_login(team)
    html = client.get(admin_url).content.decode()
    assert "zakamarekkandydata" in html and EMAIL in html
    assert client.get("/admin/rady/zgloszenia-kandydatow/").status_code == 200
    assert client.get("/admin/rady/zgloszenia-kandydatow/new/").status_code in (302, 403, 404)


def test_personal_data_cleared_after_the_retention_from_the_close(client, recruitment):
    client.post(recruitment.form_url(), _data())
    purge_expired_personal_data()
    assert CouncilApplication.objects.get().name == "Kasia Młoda"
    later = recruitment.closes_at + datetime.timedelta(days=5 * 365)
    purge_expired_personal_data(now=later)
    application = CouncilApplication.objects.get()
    assert application.name == "" and application.statement == "" and application.email == ""
    assert application.seat == "Szkoła nr 2" and application.personal_data_removed_at
