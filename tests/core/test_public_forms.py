"""The one pipeline of public forms (core.public_forms): the same answers from every form."""

import logging
import uuid
from datetime import timedelta
from smtplib import SMTPException
from types import SimpleNamespace

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from wagtail import hooks

import pytest

from alerts.models import SignUp
from core.forms import PublicSubmissionForm
from core.public_forms import HOOK, rate_limited_reason
from pages.budget.models import BudgetIdea, BudgetPool, BudgetProject
from pages.cao.choices import Registration
from pages.cao.models import BookingRequest, EventRegistration
from pages.consultations.models import ConsultationResponse
from pages.councils.models import CouncilApplication
from pages.initiatives.models import Initiative, InitiativeRulesPage
from pages.registry.models import OfferComment
from pages.volunteering.models import VolunteerAnswer
from tests.factories import budget, councils, initiatives, voting
from tests.factories.cao import (
    AdvisoryServiceIndexPageFactory,
    AdvisoryServicePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
)
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories.pages import PersonFactory
from tests.factories.registry import GrantCallIndexPageFactory, SmallGrantOfferFactory
from tests.factories.volunteering import VolunteeringIndexPageFactory, VolunteerOfferFactory
from voting.models import Ballot

pytestmark = pytest.mark.django_db


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("451 Service unavailable")


def consultation(home_page, open_=True):
    index = ConsultationIndexPageFactory(parent=home_page)
    if open_:
        return ConsultationPageFactory(parent=index)
    return ConsultationPageFactory(parent=index, closes_at=timezone.now() - timedelta(hours=1))


def service(home_page, open_=True):
    index = AdvisoryServiceIndexPageFactory(parent=home_page)
    advisor = PersonFactory(email="doradca@dg.pl")
    return AdvisoryServicePageFactory(parent=index, advisor=advisor, booking_enabled=open_)


def event(home_page, open_=True):
    index = EventIndexPageFactory(parent=home_page)
    mode = Registration.OPEN if open_ else Registration.CLOSED
    return EventPageFactory(parent=index, registration=mode, places=5)


def offer(home_page, open_=True):
    page = GrantCallIndexPageFactory(parent=home_page)
    days = 2 if open_ else 9
    item = SmallGrantOfferFactory(published_on=timezone.localdate() - timedelta(days=days))
    item.url = f"{page.url}oferty/{item.pk}/"
    return item


def budget_edition(home_page, open_=True):
    start = timezone.now() - timedelta(days=1 if open_ else 15)  # 10 days of submission
    edition = budget.edition_page(budget.index_page(home_page), submission_from=start)
    budget.city_pool(edition)
    return edition


def budget_project_data():
    lines = "\n".join(f"Osoba Testowa{n}; ul. Długa {n}; 2026-01-05" for n in range(3))
    return data(
        title="Ławki przy szkole",
        category="zielen",
        pool=str(BudgetPool.objects.get().pk),
        description="Opis",
        justification="Uzasadnienie",
        beneficiaries="Uczniowie",
        cost_1_description="Ławki",
        cost_1_amount="1000",
        supporters=lines,
        author_name="Jan Kowalski",
        author_email="jan@example.pl",
        consent_rules="on",
        consent_supporters="on",
    )


def budget_ballot(home_page, open_=True):
    edition = voting.voting_edition(
        budget.index_page(home_page), days_into_voting=1 if open_ else 11
    )
    pool = budget.city_pool(edition)
    voting.on_ballot(edition, pool, "Ławki", 1000)
    return SimpleNamespace(url=f"/budzet/glosowanie/{edition.pk}/")


def budget_ballot_data():
    pool, project = BudgetPool.objects.get(), BudgetProject.objects.get()
    return data(
        first_name="Anna",
        last_name="Wyborcza",
        pesel="44051401359",
        email="anna@example.pl",
        residence="on",
        consent_rules="on",
        **{f"pula_{pool.pk}": [str(project.pk)]},
    )


def budget_ideas(home_page, open_=True):
    # Ideas are taken by a route of the budget's index (the edition's page takes projects).
    start = timezone.now() + timedelta(days=1 if open_ else -1)  # submission starts
    index = budget.index_page(home_page)
    edition = budget.edition_page(
        index, submission_from=start, ideas_from=start - timedelta(days=5)
    )
    return SimpleNamespace(url=f"{index.url}pomysly/{edition.slug}/")


def initiative_rules(home_page, open_=True):
    now = timezone.now()
    opens = now - timedelta(days=1) if open_ else now - timedelta(days=20)
    closes = now + timedelta(days=10) if open_ else now - timedelta(days=1)
    index = initiatives.index_page(home_page)
    return initiatives.rules_page(index, opens_at=opens, closes_at=closes)


def initiative_data():
    rules = InitiativeRulesPage.objects.get()
    return data(
        title="Łąka kwietna przy szkole",
        area=str(rules.areas.first().pk),
        place="Skwer przy szkole",
        description="Opis",
        schedule="Maj",
        effects="Łąka",
        beneficiaries="Uczniowie",
        cost_description="Nasiona",
        applicant_kind="grupa",
        group_name="Rodzice uczniów",
        leader_name="Jan Kowalski",
        leader_email="jan@example.pl",
        leader_address="ul. Długa 1",
        members="Anna Nowak; ul. Długa 2",
        city_amount_text="1000",
        work_hours_text="10",
        in_kind_value_text="0",
        cash_contribution_text="0",
        declared_own="300",
        declared_total="1300",
        consent_rules="on",
        consent_members="on",
    )


def volunteer_offer(home_page, open_=True):
    page = VolunteeringIndexPageFactory(parent=home_page)
    expires = timezone.now() + timedelta(days=5 if open_ else -1)
    item = VolunteerOfferFactory(expires_at=expires)
    item.url = f"{page.url}{item.pk}/"
    return item


def council_recruitment(home_page, open_=True):
    council = councils.council(councils.council_index(home_page), email="rada@example.pl")
    item = councils.recruitment(council, open_=open_, seats="Szkoła nr 1\nSzkoła nr 2")
    item.url = item.form_url()
    return item


def alert_signup(home_page, open_=True):
    # The alerts' sign-up has no state that closes it (tests/alerts/ test the rest).
    return SimpleNamespace(url="/powiadomienia/")


def data(**fields):
    return {"form_token": str(uuid.uuid4()), "website": "", **fields}


# kind: (make target, valid data, a typed value to find again, model, status when off)
FORMS = {
    "consultation-comment": (
        consultation,
        lambda: data(comment="Uwaga testowa o parku.", document_part="", author_name=""),
        "Uwaga testowa o parku.",
        ConsultationResponse,
        409,
    ),
    "cao-booking": (
        service,
        lambda: data(name="Jan Kowalski", email="jan@example.pl", topic="Statut stowarzyszenia"),
        "Statut stowarzyszenia",
        BookingRequest,
        405,
    ),
    "event-registration": (
        event,
        lambda: data(name="Ewa Lis", email=f"{uuid.uuid4().hex[:8]}@example.pl"),
        "Ewa Lis",
        EventRegistration,
        409,
    ),
    "budget-project": (
        budget_edition,
        budget_project_data,
        "Ławki przy szkole",
        BudgetProject,
        409,
    ),
    "budget-ballot": (budget_ballot, budget_ballot_data, "Wyborcza", Ballot, 409),
    "budget-idea": (
        budget_ideas,
        lambda: data(kind="pomysl", category="zielen", title="Łąka kwietna", description="Opis"),
        "Łąka kwietna",
        BudgetIdea,
        409,
    ),
    "initiative-application": (
        initiative_rules,
        initiative_data,
        "Łąka kwietna przy szkole",
        Initiative,
        409,
    ),
    "offer-comment": (
        offer,
        lambda: data(author_name="Jan Nowak", email="", comment="Kosztorys jest zawyżony."),
        "Kosztorys jest zawyżony.",
        OfferComment,
        409,
    ),
    "volunteer-answer": (
        volunteer_offer,
        lambda: data(
            name="Ola Wolna",
            email="ola@example.pl",
            age_group="18-plus",
            message="Mam wolne soboty.",
            consent="on",
        ),
        "Mam wolne soboty.",
        VolunteerAnswer,
        409,
    ),
    "council-application": (
        council_recruitment,
        lambda: data(
            name="Kasia Młoda",
            email="kasia@example.pl",
            seat="Szkoła nr 2",
            statement="Chcę działać dla młodzieży z mojej szkoły.",
            eligibility="on",
            consent="on",
        ),
        "Chcę działać dla młodzieży z mojej szkoły.",
        CouncilApplication,
        409,
    ),
    "alert-signup": (
        alert_signup,
        lambda: data(email="czytelnik@example.pl", kinds=["consultation"], frequency="daily"),
        "czytelnik@example.pl",
        SignUp,
        None,  # never closed
    ),
}


def registered_forms():
    return {form.kind: form for form in (hook() for hook in hooks.get_hooks(HOOK))}


def test_every_public_form_is_registered_with_its_rate_limit(settings):
    forms = registered_forms()
    assert set(forms) == set(FORMS)
    for kind, form in forms.items():
        assert kind in settings.RATE_LIMITS
        assert issubclass(form.form_class, PublicSubmissionForm)
        # Every refusal ends by saying that nothing was stored.
        assert form.not_stored.endswith(("zapisana.", "zapisane.", "zapisany."))


@pytest.mark.parametrize("kind", FORMS)
def test_a_valid_form_is_stored_once_and_its_repeat_shows_the_receipt(client, home_page, kind):
    make, valid, _typed, model, _off = FORMS[kind]
    target = make(home_page)
    sent = valid()
    first = client.post(target.url, sent)
    assert first.status_code == 200
    stored = model.objects.get()
    assert stored.receipt_number in first.text
    repeat = client.post(target.url, sent)
    assert repeat.status_code == 200
    assert stored.receipt_number in repeat.text
    assert model.objects.count() == 1


@pytest.mark.parametrize("kind", FORMS)
def test_a_target_not_taking_submissions_refuses_the_same_way(client, home_page, kind):
    make, valid, _typed, model, off_status = FORMS[kind]
    if off_status is None:
        pytest.skip(f"{kind} takes submissions at all times")
    target = make(home_page, open_=False)
    response = client.post(target.url, valid())
    assert response.status_code == off_status
    assert registered_forms()[kind].not_stored in response.text
    assert 'name="form_token"' not in response.text
    assert not model.objects.exists()
    if off_status == 405:
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("kind", FORMS)
def test_over_the_rate_limit_the_typed_text_is_kept(client, home_page, settings, kind):
    make, valid, typed, model, _off = FORMS[kind]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, kind: (1, 3600)}
    target = make(home_page)
    assert client.post(target.url, valid()).status_code == 200
    response = client.post(target.url, valid())
    assert response.status_code == 429
    assert "Wysłano zbyt wiele formularzy" in response.text
    assert registered_forms()[kind].not_stored in response.text
    assert typed in response.text
    assert model.objects.count() == 1


@pytest.mark.parametrize("kind", FORMS)
def test_an_invalid_form_is_shown_again_with_what_was_typed(client, home_page, kind):
    make, valid, typed, model, _off = FORMS[kind]
    target = make(home_page)
    response = client.post(target.url, {**valid(), "website": "http://spam.example"})
    assert response.status_code == 400
    assert typed in response.text
    assert not model.objects.exists()


def test_the_wait_in_the_rate_limit_message_follows_the_setting(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "cao-booking": (3, 600)}
    assert "za 10 minut " in rate_limited_reason("cao-booking")
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "cao-booking": (3, 3600)}
    assert "za godzinę " in rate_limited_reason("cao-booking")


def test_a_failed_notice_is_logged_and_the_person_keeps_the_receipt(
    client, home_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    target = service(home_page)
    with (
        caplog.at_level(logging.ERROR, logger="core.public_forms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(target.url, FORMS["cao-booking"][1]())
    booking = BookingRequest.objects.get()
    assert response.status_code == 200
    assert booking.receipt_number in response.text
    # The advisor's notice and the person's receipt: each failure logged on its own.
    records = [r for r in caplog.records if r.name == "core.public_forms"]
    assert len(records) == 2
    for record in records:
        assert record.levelno == logging.ERROR
        assert booking.receipt_number in record.getMessage()
        assert record.exc_info is not None
