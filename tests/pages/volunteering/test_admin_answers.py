"""The submissions team's list of volunteers' answers: read only, every look recorded,
closed to editors; the team mailbox's notice (an organisation without e-mail) links to
it, the organisation's notice to the NGO zone."""

from django.core import mail

import pytest

from accounts import roles
from core.models import PersonalDataAccess, SiteContactSettings
from pages.volunteering.models import VolunteerAnswer
from tests.factories.accounts import UserFactory
from tests.factories.registry import NGOFactory
from tests.factories.volunteering import VolunteerAnswerFactory, VolunteerOfferFactory
from tests.pages.volunteering.test_path import answer_form

pytestmark = pytest.mark.django_db

LIST = "/admin/wolontariat/zgloszenia/"


@pytest.fixture
def team_client(client, home_page):
    client.force_login(UserFactory(username="obsluga", groups=[roles.SUBMISSIONS_TEAM]))
    return client


@pytest.fixture
def answer(own_ngo):
    return VolunteerAnswerFactory(
        offer=VolunteerOfferFactory(ngo=own_ngo, title="Czytanie seniorom"),
        name="Zofia Tajna",
        email="zofia@example.org",
        message="Mam wolne soboty.",
    )


def test_the_team_lists_answers_and_each_look_is_recorded(team_client, answer):
    response = team_client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zofia Tajna" in html and "Czytanie seniorom" in html
    listed = PersonalDataAccess.objects.get()
    assert (listed.action, listed.model_label, listed.rows) == (
        "list",
        "volunteering.VolunteerAnswer",
        1,
    )
    response = team_client.get(f"{LIST}inspect/{answer.pk}/")
    assert response.status_code == 200
    assert "zofia@example.org" in response.content.decode()
    viewed = PersonalDataAccess.objects.filter(action="view").get()
    assert viewed.object_id == str(answer.pk)
    export = team_client.get(f"{LIST}?export=csv")
    assert export.status_code == 200
    assert PersonalDataAccess.objects.filter(action="export", rows=1).exists()


def test_answers_are_read_only_even_for_the_team(team_client, answer):
    for url in (f"{LIST}edit/{answer.pk}/", f"{LIST}delete/{answer.pk}/", f"{LIST}add/"):
        assert team_client.get(url).status_code == 404
    assert VolunteerAnswer.objects.count() == 1


@pytest.mark.parametrize("group", [roles.EDITORS, roles.APPROVERS])
def test_editors_and_approvers_do_not_see_answers(client, answer, group, home_page):
    client.force_login(UserFactory(username="ktos", groups=[group]))
    for url in (LIST, f"{LIST}inspect/{answer.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Zofia" not in response.content.decode()
    assert not PersonalDataAccess.objects.exists()


def test_the_team_mailbox_notice_links_to_the_admin_and_the_ngos_to_its_zone(
    client, index, django_capture_on_commit_callbacks
):
    contact = SiteContactSettings.for_site(index.get_site())
    contact.ngo_team_email = "cao@example.org"
    contact.save()
    without_email = VolunteerOfferFactory(ngo=NGOFactory(name="Bez adresu", email=""))
    with_email = VolunteerOfferFactory(ngo=NGOFactory(name="Z adresem", email="z@example.org"))
    for offer in (without_email, with_email):
        url = f"{index.url}{offer.pk}/"
        page = client.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, answer_form(page)).status_code == 200
    team = next(m for m in mail.outbox if m.to == ["cao@example.org"])
    ngo = next(m for m in mail.outbox if m.to == ["z@example.org"])
    first = VolunteerAnswer.objects.get(offer=without_email)
    second = VolunteerAnswer.objects.get(offer=with_email)
    assert f"{LIST}inspect/{first.pk}/" in team.body
    assert "/strefa-ngo/" not in team.body
    assert f"/strefa-ngo/wolontariat/zgloszenia/{second.pk}/" in ngo.body


def test_the_export_gives_labels_not_codes(team_client, answer):
    VolunteerAnswer.objects.filter(pk=answer.pk).update(
        age_group="16-17", parental_consent=True, status="accepted"
    )
    response = team_client.get(f"{LIST}?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    row = text.splitlines()[1]
    assert "16–17 lat" in row and "przyjęte" in row and ",tak," in row
    assert "16-17" not in row and "accepted" not in row and "True" not in row
