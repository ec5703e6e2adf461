"""Who reaches what of volunteering, as exact status codes: partner A (whose organisation
published the offer), partner B (another organisation's), an anonymous visitor, an
editor, an approver and the submissions team, over every screen, download and action of
the NGO zone, the team's admin list and the public surfaces. Every refusal and every
public page is read for the volunteer's data, and a refused action changes nothing."""

from datetime import date

from django.urls import reverse

import pytest

from accounts import roles
from pages.cao.choices import EventKind
from pages.cao.models import TrainingCertificate
from pages.volunteering.models import VolunteerAnswer, VolunteerHours
from tests.factories.accounts import UserFactory
from tests.factories.cao import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    in_days,
)
from tests.factories.volunteering import VolunteerAnswerFactory, VolunteerOfferFactory

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "partner_a", "partner_b", "editor", "approver", "team")
PRIVATE = ("Zofia Tajna", "zofia@example.org", "600 111 222", "Mam wolne soboty", "segregacja")


@pytest.fixture
def actors(partner, other_partner, editor_user, approver_user):
    return {
        "anonymous": None,
        "partner_a": partner,
        "partner_b": other_partner,
        "editor": editor_user,
        "approver": approver_user,
        "team": UserFactory(username="obsluga", groups=[roles.SUBMISSIONS_TEAM]),
    }


@pytest.fixture
def answer(index, own_ngo):
    offer = VolunteerOfferFactory(ngo=own_ngo, title="Oferta organizacji A")
    item = VolunteerAnswerFactory(
        offer=offer,
        name="Zofia Tajna",
        email="zofia@example.org",
        phone="600 111 222",
        message="Mam wolne soboty.",
        status=VolunteerAnswer.Status.ACCEPTED,
    )
    VolunteerHours.objects.create(
        answer=item, worked_on=date(2026, 11, 7), hours=3, task="segregacja"
    )
    return item


def expected(*, a, b, anonymous=302, editor=403, approver=403, team=403):
    return {
        "anonymous": anonymous,
        "partner_a": a,
        "partner_b": b,
        "editor": editor,
        "approver": approver,
        "team": team,
    }


def reads(index, answer):
    """(url, expected status per actor) of every GET of volunteering."""
    zone = expected(a=200, b=404)
    doc = lambda kind, ext: reverse("volunteering_ngo:document", args=[answer.pk, kind, ext])  # noqa: E731
    admin = "/admin/wolontariat/zgloszenia/"
    # Wagtail answers a signed-in user without the permission with a redirect to the
    # dashboard (with a message), not 403: a 302 that never shows the list.
    team_only = expected(a=302, b=302, editor=302, approver=302, team=200)
    public = dict.fromkeys(ACTORS, 200)
    return [
        ("/strefa-ngo/wolontariat/", expected(a=200, b=200)),
        (reverse("volunteering_ngo:answers", args=[answer.offer_id]), zone),
        (reverse("volunteering_ngo:answer", args=[answer.pk]), zone),
        *(
            (doc(kind, ext), zone)
            for kind in ("porozumienie", "zaswiadczenie")
            for ext in ("pdf", "docx")
        ),
        (admin, team_only),
        (f"{admin}inspect/{answer.pk}/", team_only),
        (f"{admin}?export=csv", team_only),
        (index.url, public),
        (f"{index.url}{answer.offer_id}/", public),
        (f"{index.url}statystyki/", public),
        ("/api/v2/volunteer-offers/", public),
        (f"/api/v2/volunteer-offers/{answer.offer_id}/", public),
    ]


def login(client, actors, who):
    client.logout()
    if actors[who] is not None:
        client.force_login(actors[who])


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


@pytest.mark.parametrize("who", ACTORS)
def test_every_read_answers_each_actor_exactly(client, index, answer, actors, who):
    login(client, actors, who)
    for url, codes in reads(index, answer):
        response = client.get(url)
        assert response.status_code == codes[who], (who, url, response.status_code)
        text = body(response)
        if response.status_code == 302:
            # To the login (anonymous; partners have no access to the admin at all), or
            # staff without the permission to the admin's dashboard.
            target = response["Location"]
            to_login = target.startswith(("/logowanie/?next=", "/admin/login/?next="))
            staff = who in ("editor", "approver")
            assert target == "/admin/" if staff else to_login, (who, url, target)
        zone = "/strefa-ngo/wolontariat/"
        mine = who == "partner_a" and url.startswith(zone) and url != zone
        team = who == "team" and url.startswith("/admin/")
        if not (mine or team) or response.status_code != 200:
            for secret in PRIVATE:
                assert secret not in text, (who, url, secret)
        if url.startswith("/strefa-ngo/") and response.status_code != 302:
            assert "no-cache" in response["Cache-Control"], (who, url)
    if who == "partner_b":
        # Its own zone lists its own offers only.
        assert "Oferta organizacji A" not in client.get("/strefa-ngo/wolontariat/").content.decode()


def test_partner_a_reads_its_volunteer_everywhere(client, index, answer, actors):
    """The 200s above are the real screens with the data, not empty pages."""
    login(client, actors, "partner_a")
    detail = client.get(reverse("volunteering_ngo:answer", args=[answer.pk])).content.decode()
    assert "Zofia Tajna" in detail and "zofia@example.org" in detail and "segregacja" in detail
    listing = client.get(reverse("volunteering_ngo:answers", args=[answer.offer_id]))
    assert "Zofia Tajna" in listing.content.decode()
    login(client, actors, "team")
    assert "Zofia Tajna" in client.get("/admin/wolontariat/zgloszenia/").content.decode()


ACTIONS = [
    {"action": "decline"},
    {"action": "accept"},
    {"action": "hours", "worked_on": "2026-11-08", "hours": "2", "task": "inwentaryzacja"},
]


@pytest.mark.parametrize("who", [w for w in ACTORS if w != "partner_a"])
@pytest.mark.parametrize("data", ACTIONS, ids=lambda d: d["action"])
def test_nobody_but_partner_a_changes_an_answer(client, answer, actors, who, data):
    for item in (answer, VolunteerAnswerFactory(offer=answer.offer, name="Nowy Zgłaszający")):
        login(client, actors, who)
        status_before = item.status
        url = reverse("volunteering_ngo:answer", args=[item.pk])
        response = client.post(url, data)
        codes = expected(a=0, b=404)
        assert response.status_code == codes[who], (who, data, response.status_code)
        item.refresh_from_db()
        assert item.status == status_before and item.decided_at is None
    assert list(VolunteerHours.objects.values_list("task", flat=True)) == ["segregacja"]


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_a_cao_certificate_download_answers_each_actor_exactly(
    client, home_page, actors, extension
):
    """The CAO training certificate (the one with a checkable code) leaves the portal only
    through the submissions team; its public trace is the check page (test_path.py)."""
    training = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        kind=EventKind.TRAINING,
        starts_at=in_days(-1),
    )
    registration = EventRegistrationFactory(event=training, name="Zofia Tajna", attended=True)
    TrainingCertificate.issue(registration)
    url = f"/admin/cao/zapisy-na-wydarzenia/{registration.pk}/zaswiadczenie.{extension}"
    # As the team's volunteering list: staff without the permission to the dashboard.
    codes = expected(a=302, b=302, editor=302, approver=302, team=200)
    for who in ACTORS:
        login(client, actors, who)
        response = client.get(url)
        assert response.status_code == codes[who], (who, response.status_code)
        if who in ("editor", "approver"):
            assert response["Location"] == "/admin/"
        elif who != "team":
            assert response["Location"].startswith("/admin/login/?next=")
        if who != "team":
            assert "Zofia Tajna" not in body(response), who
