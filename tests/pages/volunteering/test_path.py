"""The whole path: a partner proposes, an approver publishes, a resident finds the offer in
the list and in the site search and answers, the organisation accepts, records hours and
generates the agreement and the certificate (real DOCX and PDF files, read back); and a
CAO training's certificate, from the team's tick of presence to the public check of its
code. Answering by keyboard in a browser: tests/browser/test_volunteering_keyboard.py."""

import io
import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState

import pytest
from pypdf import PdfReader

from accounts import roles
from core.generated_documents import docx_text
from pages.cao.choices import EventKind
from pages.volunteering.models import VolunteerAnswer, VolunteerHours, VolunteerOffer
from snippets.models import District
from tests.factories.accounts import UserFactory
from tests.factories.cao import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    in_days,
)
from tests.factories.registry import area

pytestmark = pytest.mark.django_db

OFFERS = "/strefa-ngo/wolontariat/"


def offer_form(**overrides):
    data = {
        "title": "Czytanie seniorom",
        "description": "Raz w tygodniu czytamy gazety w klubie seniora.",
        "area": area("16").pk,
        "district": "",
        "address": "ul. Klubowa 3",
        "starts_on": "",
        "ends_on": "",
        "schedule": "w każdy wtorek 16:00–18:00",
        "volunteers_needed": "2",
        "min_age": "16",
        "skills": "",
        "training": "on",
        "benefits": "",
        "expires_at": (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def answer_form(page_html: str, **overrides):
    token = page_html.split('name="form_token" value="')[1].split('"')[0]
    data = {
        "form_token": token,
        "name": "Anna Przykładowa",
        "email": "anna@example.org",
        "phone": "",
        "age_group": "18-plus",
        "message": "Chętnie pomogę.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def pdf_text(content: bytes) -> str:
    """The words of a PDF, single-spaced (justified lines come out with wider gaps)."""
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def approve(client, approver, offer):
    task_state = offer.current_workflow_state.current_task_state
    client.force_login(approver)
    url = reverse(
        "wagtailsnippets_volunteering_volunteeroffer:workflow_action",
        args=[offer.pk, "approve", task_state.pk],
    )
    return client.post(url, {"comment": ""})


def test_the_whole_path(
    client, index, partner, own_ngo, approver_user, django_capture_on_commit_callbacks
):
    # 1. The partner proposes an offer for its own organisation: a draft in the workflow.
    client.force_login(partner)
    response = client.post(OFFERS, offer_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = VolunteerOffer.objects.get()
    assert offer.ngo == own_ngo and not offer.live
    state = offer.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.WORKFLOW_NAME
    assert client.get(index.url).content.decode().count("Czytanie seniorom") == 0
    assert client.get(f"{index.url}{offer.pk}/").status_code == 404

    # 2. An approver approves: it goes live.
    assert f"{index.url}{offer.pk}/" not in client.get("/szukaj/?q=seniorom").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows
        approve(client, approver_user, offer)
    offer.refresh_from_db()
    assert offer.live

    # 3. A resident finds it in the site search and with a filter, and answers without an
    # account.
    client.logout()
    found = client.get("/szukaj/", {"q": "seniorom"}).content.decode()
    assert f'href="{index.url}{offer.pk}/"' in found
    api_found = client.get("/api/v2/search/", {"q": "czytanie seniorom"}).json()
    hits = [r for r in api_found["results"] if r["title"] == "Czytanie seniorom"]
    assert len(hits) == 1 and hits[0]["type"] == "volunteer_offer", api_found["results"]
    listing = client.get(index.url, {"dla": "niepelnoletnich"}).content.decode()
    assert "Czytanie seniorom" in listing
    page = client.get(f"{index.url}{offer.pk}/")
    assert page.status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{index.url}{offer.pk}/", answer_form(page.content.decode()))
    assert response.status_code == 200
    answer = VolunteerAnswer.objects.get()
    assert answer.receipt_number in response.content.decode()
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"anna@example.org", "nasze@example.org"} <= recipients
    notice = next(m for m in mail.outbox if m.to == ["nasze@example.org"])
    assert f"/strefa-ngo/wolontariat/zgloszenia/{answer.pk}/" in notice.body
    assert "Anna" not in notice.body  # the notice names no one

    # 4. The partner sees the answer and accepts it; the resident is told.
    client.force_login(partner)
    answers = client.get(reverse("volunteering_ngo:answers", args=[offer.pk])).content.decode()
    assert "Anna Przykładowa" in answers
    mail.outbox.clear()
    url = reverse("volunteering_ngo:answer", args=[answer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "accept"}).status_code == 302
    answer.refresh_from_db()
    assert answer.status == VolunteerAnswer.Status.ACCEPTED
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    assert "przyjęła" in mail.outbox[0].body

    # 5. Hours, the agreement and the certificate.
    response = client.post(
        url,
        {
            "action": "hours",
            "worked_on": str(timezone.localdate() - timedelta(days=1)),
            "hours": "2.5",
            "task": "czytanie",
        },
    )
    assert response.status_code == 302
    assert VolunteerHours.objects.get().answer == answer

    def download(kind, extension):
        response = client.get(
            reverse("volunteering_ngo:document", args=[answer.pk, kind, extension])
        )
        assert response.status_code == 200, (kind, extension)
        assert "attachment" in response["Content-Disposition"]
        return docx_text(response.content) if extension == "docx" else pdf_text(response.content)

    for extension in ("docx", "pdf"):
        agreement = download("porozumienie", extension)
        assert "Anna Przykładowa" in agreement and "Stowarzyszenie Nasze" in agreement
        assert "art. 44" in agreement
        certificate = download("zaswiadczenie", extension)
        assert "Anna Przykładowa" in certificate and "Czytanie seniorom" in certificate
        assert "2,5 godziny" in certificate


def test_an_approver_may_publish_directly(client, approver_user, own_ngo):
    client.force_login(approver_user)
    data = {**offer_form(), "ngo": own_ngo.pk, "go_live_at": "", "expire_at": ""}
    data.pop("training")
    data["action-publish"] = "1"
    response = client.post(reverse("wagtailsnippets_volunteering_volunteeroffer:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert VolunteerOffer.objects.get().live


def test_an_editor_cannot_publish(client, editor_user, own_ngo):
    assert editor_user.has_perm("volunteering.change_volunteeroffer")
    assert not editor_user.has_perm("volunteering.publish_volunteeroffer")
    assert not editor_user.has_perm("volunteering.view_volunteeranswer")


def test_the_filters(client, index, own_ngo):
    from tests.factories.volunteering import VolunteerOfferFactory

    osiedle = District.objects.create(name="Gołonóg", slug="golonog", is_osiedle=True)
    VolunteerOfferFactory(title="Na Gołonogu", district=osiedle, ngo=own_ngo, min_age=18)
    VolunteerOfferFactory(title="Zdalna korekta", remote=True, address="", ngo=own_ngo)
    VolunteerOfferFactory(
        title="Dawno temu", ngo=own_ngo, expires_at=timezone.now() - timedelta(days=1)
    )
    VolunteerOfferFactory(title="Szkic", ngo=own_ngo, live=False)

    def titles(**params):
        html = client.get(index.url, params).content.decode()
        names = ("Na Gołonogu", "Zdalna korekta", "Dawno temu", "Szkic")
        return {name for name in names if name in html}

    # An expired offer is out of the list (its page stays, see test_expired_offers).
    assert titles() == {"Na Gołonogu", "Zdalna korekta"}
    assert titles(dzielnica="golonog") == {"Na Gołonogu"}
    assert titles(tryb="zdalnie") == {"Zdalna korekta"}
    assert titles(dla="niepelnoletnich") == {"Zdalna korekta"}
    # The old state filter is gone: its values are ignored, never an error.
    assert titles(stan="zakonczone") == {"Na Gołonogu", "Zdalna korekta"}


def test_a_cao_training_certificate_from_presence_to_the_public_check(client, home_page):
    """The team ticks a participant present after the training, downloads the certificate
    (the code read from the PDF itself, as a recipient would) and anyone checks it."""
    training = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        title="Szkolenie dla koordynatorów wolontariatu",
        kind=EventKind.TRAINING,
        starts_at=in_days(-1, 10),
    )
    registration = EventRegistrationFactory(
        event=training, name="Jan Obecny", email="jan@example.org", phone="600 700 800"
    )
    client.force_login(UserFactory(username="obsluga-cao", groups=[roles.SUBMISSIONS_TEAM]))
    edit = f"/admin/cao/zapisy-na-wydarzenia/edit/{registration.pk}/"
    data = {"is_cancelled": "", "needs_consent_withdrawn": "", "attended": "on"}
    assert client.post(edit, data).status_code == 302
    pdf = client.get(f"/admin/cao/zapisy-na-wydarzenia/{registration.pk}/zaswiadczenie.pdf")
    assert pdf.status_code == 200
    content = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    text = pdf_text(content)
    assert "Jan Obecny" in text and "/zaswiadczenia/sprawdz/" in text
    code = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b", text).group(0)

    client.logout()
    check = client.post("/zaswiadczenia/sprawdz/", {"kod": code})
    assert check.status_code == 200
    html = check.content.decode()
    assert "Jan Obecny" in html and "Szkolenie dla koordynatorów wolontariatu" in html
    assert "jan@example.org" not in html and "600 700 800" not in html
