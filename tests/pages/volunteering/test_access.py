"""Partners see and decide only their own organisation's answers; nothing of an answer or a
draft offer leaks through pages, the API, search or the sitemap; bad input is refused in
Polish and nothing is half-stored."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from pages.volunteering.models import VolunteerAnswer, VolunteerHours, VolunteerOffer
from tests.factories.accounts import UserFactory
from tests.factories.volunteering import VolunteerAnswerFactory, VolunteerOfferFactory
from tests.pages.volunteering.test_path import offer_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer(own_ngo):
    offer = VolunteerOfferFactory(ngo=own_ngo, title="Oferta nasza")
    return VolunteerAnswerFactory(
        offer=offer, name="Zofia Tajna", email="zofia@example.org", status="accepted"
    )


def ngo_urls(answer):
    return [
        reverse("volunteering_ngo:answers", args=[answer.offer_id]),
        reverse("volunteering_ngo:answer", args=[answer.pk]),
        reverse("volunteering_ngo:document", args=[answer.pk, "porozumienie", "pdf"]),
        reverse("volunteering_ngo:document", args=[answer.pk, "zaswiadczenie", "docx"]),
    ]


def test_another_organisations_partner_gets_404_everywhere(client, answer, other_partner):
    client.force_login(other_partner)
    for url in ngo_urls(answer):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Zofia" not in response.content.decode()
    # Nor can it decide or record hours.
    url = reverse("volunteering_ngo:answer", args=[answer.pk])
    assert client.post(url, {"action": "decline"}).status_code == 404
    assert (
        client.post(url, {"action": "hours", "worked_on": "2026-11-01", "hours": "2"}).status_code
        == 404
    )
    answer.refresh_from_db()
    assert answer.status == "accepted" and not VolunteerHours.objects.exists()
    # Its own list shows no other organisation's offer.
    assert "Oferta nasza" not in client.get("/strefa-ngo/wolontariat/").content.decode()


def test_the_own_partner_sees_it(client, answer, partner):
    client.force_login(partner)
    for url in ngo_urls(answer)[:2]:
        assert "Zofia Tajna" in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "staff", "editor", "unlinked partner"])
def test_nobody_else_reaches_the_zone(client, answer, editor_user, who):
    from accounts import roles

    users = {
        "staff": lambda: UserFactory(username="pracownik", groups=[roles.STAFF]),
        "editor": lambda: editor_user,
        "unlinked partner": lambda: UserFactory(username="bez-org", groups=[roles.NGO_PARTNERS]),
    }
    if who in users:
        client.force_login(users[who]())
    for url in ["/strefa-ngo/wolontariat/", *ngo_urls(answer)]:
        response = client.get(url)
        assert response.status_code in (302, 403), (who, url)
        assert "Zofia" not in response.content.decode()
        assert "no-cache" in response.get("Cache-Control", "") or response.status_code == 302


def test_answers_and_drafts_do_not_leak_through_public_surfaces(client, index, answer, own_ngo):
    VolunteerOfferFactory(ngo=own_ngo, title="Szkic tajny", live=False)
    surfaces = [
        index.url,
        f"{index.url}{answer.offer_id}/",
        "/api/v2/pages/?type=volunteering.VolunteeringIndexPage&fields=*",
        "/api/v2/volunteer-offers/?fields=*",
        f"/api/v2/volunteer-offers/{answer.offer_id}/",
        "/szukaj/?q=Tajna",
        "/szukaj/?q=tajny",
        "/sitemap.xml",
    ]
    for url in surfaces:
        text = client.get(url).content.decode()
        assert "Zofia" not in text and "zofia@example.org" not in text, url
        assert "Szkic tajny" not in text, url


def test_a_bad_offer_is_refused_in_polish_and_nothing_stored(client, partner):
    client.force_login(partner)
    response = client.post(
        "/strefa-ngo/wolontariat/",
        offer_form(
            title="",
            address="",
            schedule="",
            expires_at="jutro",
            ends_on="2026-01-01",
            starts_on="2026-02-01",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Podaj tytuł oferty." in html
    assert "Podaj datę i godzinę" in html
    assert 'value="Raz w tygodniu' not in html  # (a textarea keeps what was typed:)
    assert "Raz w tygodniu czytamy gazety" in html
    assert not VolunteerOffer.objects.exists()


def test_a_bad_answer_is_refused_in_polish_and_nothing_stored(client, index, own_ngo):
    offer = VolunteerOfferFactory(ngo=own_ngo, min_age=16)
    url = f"{index.url}{offer.pk}/"
    page = client.get(url).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    response = client.post(
        url,
        {
            "form_token": token,
            "website": "",
            "name": "Kuba Młody",
            "email": "nie-adres",
            "age_group": "ponizej-16",
            "message": "=HYPERLINK(1)",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Wpisz adres e-mail w postaci nazwa@domena.pl." in html
    assert "Ta oferta jest dla osób od 16 lat." in html
    assert "Bez tej zgody organizacja nie dostanie zgłoszenia" in html
    assert "arkusze kalkulacyjne" in html
    assert 'value="Kuba Młody"' in html
    assert not VolunteerAnswer.objects.exists()


def test_a_minor_needs_a_parents_consent(client, index, own_ngo):
    offer = VolunteerOfferFactory(ngo=own_ngo)
    url = f"{index.url}{offer.pk}/"
    token = client.get(url).content.decode().split('name="form_token" value="')[1].split('"')[0]
    data = {
        "form_token": token,
        "website": "",
        "name": "Ala",
        "email": "ala@example.org",
        "age_group": "16-17",
        "consent": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "tylko za zgodą rodzica" in response.content.decode()
    assert client.post(url, {**data, "parental_consent": "on"}).status_code == 200
    assert VolunteerAnswer.objects.get().parental_consent


def test_an_expired_offer_refuses_answers(client, index, own_ngo):
    offer = VolunteerOfferFactory(ngo=own_ngo, expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(f"{index.url}{offer.pk}/", {"form_token": "x", "name": "A"})
    assert response.status_code == 409
    assert "Twoje zgłoszenie nie zostało zapisane." in response.content.decode()
    assert not VolunteerAnswer.objects.exists()


def test_a_decision_is_taken_once(client, partner, own_ngo):
    offer = VolunteerOfferFactory(ngo=own_ngo)
    item = VolunteerAnswerFactory(offer=offer, status="declined")
    client.force_login(partner)
    url = reverse("volunteering_ngo:answer", args=[item.pk])
    assert client.post(url, {"action": "accept"}).status_code == 409
    item.refresh_from_db()
    assert item.status == "declined"
    # No documents for an answer not accepted.
    doc = reverse("volunteering_ngo:document", args=[item.pk, "porozumienie", "pdf"])
    assert client.get(doc).status_code == 404


def test_bad_hours_are_refused(client, partner, answer):
    client.force_login(partner)
    url = reverse("volunteering_ngo:answer", args=[answer.pk])
    response = client.post(url, {"action": "hours", "worked_on": "wczoraj", "hours": "30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Podaj dzień w postaci RRRR-MM-DD." in html and "Najwyżej 24 godziny" in html
    assert not VolunteerHours.objects.exists()


def test_retention_removes_declined_and_stale_answers_sooner(own_ngo):
    from core.retention import purge_by_own_rules

    now = timezone.now()
    old_offer = VolunteerOfferFactory(ngo=own_ngo, expires_at=now - timedelta(days=100))
    fresh_offer = VolunteerOfferFactory(ngo=own_ngo)
    stale = VolunteerAnswerFactory(offer=old_offer, status="new")
    accepted = VolunteerAnswerFactory(offer=old_offer, status="accepted")
    declined = VolunteerAnswerFactory(
        offer=fresh_offer, status="declined", decided_at=now - timedelta(days=91)
    )
    recent = VolunteerAnswerFactory(
        offer=fresh_offer, status="declined", decided_at=now - timedelta(days=10)
    )
    purge_by_own_rules(now)
    for item in (stale, accepted, declined, recent):
        item.refresh_from_db()
    assert stale.name == "" and stale.email == "" and stale.personal_data_removed_at
    assert declined.name == "" and declined.personal_data_removed_at
    assert accepted.name and accepted.personal_data_removed_at is None
    assert recent.name and recent.personal_data_removed_at is None


def test_the_api_lists_published_offers_by_state(client, index, own_ngo):
    VolunteerOfferFactory(ngo=own_ngo, title="Otwarta")
    VolunteerOfferFactory(
        ngo=own_ngo, title="Wygasła", expires_at=timezone.now() - timedelta(days=1)
    )
    VolunteerOfferFactory(ngo=own_ngo, title="Szkic", live=False)
    items = client.get("/api/v2/volunteer-offers/").json()["items"]
    assert {item["title"] for item in items} == {"Otwarta", "Wygasła"}
    open_items = client.get("/api/v2/volunteer-offers/?state=open").json()["items"]
    assert [item["title"] for item in open_items] == ["Otwarta"]
    assert open_items[0]["state_label"] == "przyjmuje zgłoszenia"
    assert client.get("/api/v2/volunteer-offers/?state=nie").status_code == 400
    assert "/api/v2/volunteer-offers/" in client.get("/api/schema/").content.decode()


def test_a_draft_offer_has_no_page_no_api_detail_and_takes_no_answer(client, index, own_ngo):
    draft = VolunteerOfferFactory(ngo=own_ngo, title="Szkic", live=False)
    assert client.get(f"{index.url}{draft.pk}/").status_code == 404
    assert client.post(f"{index.url}{draft.pk}/", {"name": "A"}).status_code == 404
    assert client.get(f"/api/v2/volunteer-offers/{draft.pk}/").status_code == 404
    assert f"{index.url}{draft.pk}/" not in client.get("/sitemap.xml").content.decode()
    assert not VolunteerAnswer.objects.exists()


def test_the_public_surfaces_checked_for_leaks_do_answer(client, index, answer):
    """The leak test above reads real pages, not error pages that would pass it trivially."""
    for url in (index.url, f"{index.url}{answer.offer_id}/", "/api/v2/volunteer-offers/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Oferta nasza" in response.content.decode(), url


def test_a_decision_already_taken_meanwhile_sends_no_second_email(
    client, partner, own_ngo, django_capture_on_commit_callbacks, mailoutbox
):
    from django.test import RequestFactory

    from pages.volunteering import decisions

    item = VolunteerAnswerFactory(offer=VolunteerOfferFactory(ngo=own_ngo), status="new")
    stale = VolunteerAnswer.objects.get(pk=item.pk)  # read before the other click lands
    request = RequestFactory().get("/")
    assert decisions.decide(request, item, accepted=True) is not None
    assert decisions.decide(request, stale, accepted=False) is None
    stale.refresh_from_db()
    assert stale.status == "accepted"
    client.force_login(partner)
    url = reverse("volunteering_ngo:answer", args=[item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "decline"})
    assert response.status_code == 409
    assert mailoutbox == []


def test_an_offer_proposed_already_expired_is_refused(client, partner):
    client.force_login(partner)
    response = client.post("/strefa-ngo/wolontariat/", offer_form(expires_at="2020-01-01T10:00"))
    assert response.status_code == 400
    assert "Termin zgłoszeń musi być w przyszłości." in response.content.decode()
    assert not VolunteerOffer.objects.exists()


def test_the_ngo_zone_links_to_its_volunteering_screens(client, home_page):
    from accounts import roles
    from accounts.sections import ensure_sections

    _intranet, extranet = ensure_sections(home_page)
    client.force_login(UserFactory(username="partner-strefy", groups=[roles.NGO_PARTNERS]))
    html = client.get(extranet.url).content.decode()
    assert 'href="/strefa-ngo/wolontariat/"' in html


def test_the_general_retention_counts_from_the_end_of_the_volunteering(own_ngo):
    now = timezone.now()
    long_running = VolunteerOfferFactory(
        ngo=own_ngo,
        expires_at=now - timedelta(days=400),
        ends_on=(now + timedelta(days=30)).date(),
    )
    finished = VolunteerOfferFactory(ngo=own_ngo, expires_at=now - timedelta(days=400))
    still = VolunteerAnswerFactory(offer=long_running, status="accepted")
    gone = VolunteerAnswerFactory(offer=finished, status="accepted")
    expired = set(VolunteerAnswer.retention_expired(now - timedelta(days=365)))
    assert gone in expired and still not in expired


@pytest.mark.parametrize(
    ("min_age", "group", "refused"),
    [
        (13, "ponizej-16", False),
        (16, "ponizej-16", True),
        (17, "16-17", False),
        (18, "16-17", True),
        (18, "18-plus", False),
    ],
)
def test_the_age_groups_an_offer_refuses(own_ngo, min_age, group, refused):
    from pages.volunteering.forms import VolunteerAnswerForm

    offer = VolunteerOfferFactory(ngo=own_ngo, min_age=min_age)
    data = {"name": "A B", "email": "a@example.org", "age_group": group, "consent": "on"}
    form = VolunteerAnswerForm({**data, "parental_consent": "on"}, offer=offer)
    form.is_valid()
    assert ("age_group" in form.errors) is refused


def test_hours_for_a_day_to_come_are_refused(client, partner, answer):
    client.force_login(partner)
    url = reverse("volunteering_ngo:answer", args=[answer.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url, {"action": "hours", "worked_on": tomorrow, "hours": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Godziny można zapisać tylko za dzień, który już był." in html
    assert f'value="{tomorrow}"' in html  # what was typed is kept
    assert not VolunteerHours.objects.exists()
    today = timezone.localdate().isoformat()
    assert (
        client.post(url, {"action": "hours", "worked_on": today, "hours": "2"}).status_code == 302
    )


@pytest.mark.parametrize("status", ["new", "declined"])
def test_hours_only_for_an_accepted_volunteer(client, partner, own_ngo, status):
    item = VolunteerAnswerFactory(offer=VolunteerOfferFactory(ngo=own_ngo), status=status)
    client.force_login(partner)
    url = reverse("volunteering_ngo:answer", args=[item.pk])
    response = client.post(url, {"action": "hours", "worked_on": "2026-11-02", "hours": "2"})
    assert response.status_code == 409
    assert "nic nie zapisano" in response.content.decode()
    assert not VolunteerHours.objects.exists()


@pytest.mark.parametrize("data", [{}, {"action": "przyjmij"}, {"action": ""}])
def test_an_unknown_action_is_refused_and_changes_nothing(client, partner, own_ngo, data):
    item = VolunteerAnswerFactory(offer=VolunteerOfferFactory(ngo=own_ngo), status="new")
    client.force_login(partner)
    response = client.post(reverse("volunteering_ngo:answer", args=[item.pk]), data)
    assert response.status_code == 400
    assert "nic nie zapisano" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "new" and item.decided_at is None


def test_purge_personal_data_clears_what_ended_no_volunteering_at_90_days(own_ngo):
    """Through the shared command, with the boundary on both sides: a day short of the
    period keeps the data, a day past it clears them; accepted volunteers keep theirs, and
    hours stay (with the answer's counts) for the statistics."""
    from io import StringIO

    from django.core.management import call_command

    from pages.volunteering.models.answer import SHORT_RETENTION

    now = timezone.now()
    day = timedelta(days=1)
    past_offer = VolunteerOfferFactory(ngo=own_ngo, expires_at=now - SHORT_RETENTION - day)
    recent_offer = VolunteerOfferFactory(ngo=own_ngo, expires_at=now - SHORT_RETENTION + day)
    cleared = [
        VolunteerAnswerFactory(offer=past_offer, status="new"),
        VolunteerAnswerFactory(
            offer=recent_offer, status="declined", decided_at=now - SHORT_RETENTION - day
        ),
    ]
    kept = [
        VolunteerAnswerFactory(offer=recent_offer, status="new"),
        VolunteerAnswerFactory(
            offer=recent_offer, status="declined", decided_at=now - SHORT_RETENTION + day
        ),
        VolunteerAnswerFactory(offer=past_offer, status="accepted"),
    ]
    VolunteerHours.objects.create(answer=kept[-1], worked_on=timezone.localdate(), hours=2)
    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "volunteering.VolunteerAnswer: do usunięcia 2 wpisów" in out.getvalue()
    assert VolunteerAnswer.objects.filter(personal_data_removed_at__isnull=False).count() == 0
    call_command("purge_personal_data", stdout=StringIO())
    for item in cleared:
        item.refresh_from_db()
        assert item.personal_data_removed_at and not (item.name or item.email or item.message)
    for item in kept:
        item.refresh_from_db()
        assert item.personal_data_removed_at is None and item.name and item.email
    assert VolunteerAnswer.objects.count() == 5 and VolunteerHours.objects.count() == 1
