"""An online vote through the shared pipeline: stored pending, confirmed by a POST on the
e-mailed link, the PESEL kept only as a keyed hash; hostile input refused in Polish with
nothing stored."""

import hashlib
import re
import uuid
from datetime import date, timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from tests.factories import budget, voting
from voting.models import Ballot, BallotChoice, EligibleVoter, Verification
from voting.voter_id import voter_hash

pytestmark = pytest.mark.django_db

PESEL = voting.pesel(date(1980, 5, 17))


def ballot_url(edition, pool=None):
    url = reverse("voting_ballot", args=[edition.pk])
    return f"{url}?pula={pool.slug}" if pool else url


def vote_data(city, chosen, **overrides):
    data = {
        "first_name": "Anna",
        "last_name": "Głosująca",
        "pesel": PESEL,
        "email": "anna@example.pl",
        "residence": "on",
        "consent_rules": "on",
        f"pula_{city.pk}": [str(p.pk) for p in chosen],
        "form_token": str(uuid.uuid4()),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def confirmation_key():
    link = re.search(r"/budzet/glosowanie/potwierdz/([^/\s]+)/", mail.outbox[-1].body)
    return link.group(1)


def test_vote_is_pending_until_confirmed_by_post(client, post, edition, city, projects):
    response = post(ballot_url(edition), vote_data(city, projects[:2]))
    assert response.status_code == 200
    ballot = Ballot.objects.get()
    assert ballot.receipt_number.startswith("GL-")
    assert ballot.confirmed_at is None
    assert response.context["receipt"] == ballot
    assert sorted(BallotChoice.objects.values_list("project", flat=True)) == sorted(
        p.pk for p in projects[:2]
    )
    key = confirmation_key()
    url = reverse("voting_confirm", args=[key])

    # A mail scanner opening the link confirms nothing.
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    ballot.refresh_from_db()
    assert ballot.confirmed_at is None

    response = client.post(url)
    assert response.status_code == 200
    assert "głos jest potwierdzony" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.confirmed_at is not None
    assert ballot.verification == Verification.QUEUED  # no register imported

    # Replayed: refused, nothing changes.
    response = client.post(url)
    assert response.status_code == 409
    assert "link działa raz" in response.content.decode()
    assert Ballot.objects.confirmed().count() == 1


def test_pesel_never_stored_in_clear(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    ballot = Ballot.objects.get()
    assert ballot.voter_hash == voter_hash(PESEL)
    assert ballot.voter_hash != hashlib.sha256(PESEL.encode()).hexdigest()  # keyed
    row = Ballot.objects.filter(pk=ballot.pk).values().get()
    assert not any(PESEL in str(value) for value in row.values())
    assert PESEL not in mail.outbox[-1].body


def test_matched_in_register_on_confirmation(client, post, edition, city, projects):
    EligibleVoter.objects.create(edition=edition, voter_hash=voter_hash(PESEL))
    post(ballot_url(edition), vote_data(city, projects[:1]))
    client.post(reverse("voting_confirm", args=[confirmation_key()]))
    assert Ballot.objects.get().verification == Verification.MATCHED


def assert_refused(response, status, text):
    assert response.status_code == status, response.status_code
    assert text in response.content.decode()
    assert not Ballot.objects.exists()
    assert not BallotChoice.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "text"),
    [
        ({"pesel": PESEL[:10] + str((int(PESEL[10]) + 1) % 10)}, "cyfra kontrolna"),
        ({"pesel": voting.pesel(date.today() - timedelta(days=365 * 15))}, "ukończyły 16 lat"),
        ({"pesel": "123"}, "11 cyfr"),
        ({"residence": None}, "Głosować mogą tylko mieszkańcy"),
        ({"consent_rules": None}, "głosujesz tylko raz"),
        ({"email": ""}, "To pole jest wymagane"),
    ],
)
def test_hostile_identity_refused(client, post, edition, city, projects, overrides, text):
    data = vote_data(city, projects[:1], **overrides)
    response = post(ballot_url(edition), data)
    assert_refused(response, 400, text)
    # What was typed is kept.
    assert 'value="Głosująca"' in response.content.decode()


def test_minimum_age_is_the_editions(client, post, edition, city, projects):
    voting.rules(edition, min_age=18)
    seventeen = voting.pesel(date.today() - timedelta(days=365 * 17 + 10))
    response = post(ballot_url(edition), vote_data(city, projects[:1], pesel=seventeen))
    assert_refused(response, 400, "ukończyły 18 lat")


@pytest.mark.parametrize(
    "choice",
    [
        "999999",  # no such project
        "tampered",
    ],
)
def test_tampered_choice_refused(client, post, edition, city, projects, choice):
    data = vote_data(city, [], **{f"pula_{city.pk}": [choice]})
    assert_refused(post(ballot_url(edition), data), 400, "Wybierz poprawną wartość")


def test_project_not_on_ballot_refused(client, post, edition, city, projects):
    other = budget.project(edition, city, title="Nie na karcie")  # status: submitted
    data = vote_data(city, [other])
    assert_refused(post(ballot_url(edition), data), 400, "Wybierz poprawną wartość")


def test_too_many_and_empty_ballot_refused(client, post, edition, city, projects):
    assert_refused(post(ballot_url(edition), vote_data(city, projects)), 400, "najwyżej 2 projekty")
    assert_refused(post(ballot_url(edition), vote_data(city, [])), 400, "Karta jest pusta")


def test_a_pools_choices_are_a_described_group_and_its_error_is_linked(
    client, post, edition, city, projects
):
    """A pool's checkboxes come from includes/form_field.html: a fieldset whose legend
    names them, described by the group's error, which the summary links to through the
    first checkbox (Django gives a group no label id: it was written as id="")."""
    html = post(ballot_url(edition), vote_data(city, projects)).content.decode()
    name = f"id_pula_{city.pk}"
    group = html.split('<fieldset class="field field--group field--error')[1]
    group = group.split("</fieldset>")[0]
    assert f'aria-describedby="{name}_error"' in group
    assert f'<p class="field__error" id="{name}_error">' in group and "najwyżej 2" in group
    assert f'id="{name}_0"' in group and f'href="#{name}_0"' in html
    assert 'id=""' not in html and 'id="_error"' not in html
    assert html.count('name="form_token"') == 1  # once, from includes/honeypot.html
    assert not Ballot.objects.exists()


def test_honeypot_refused(client, post, edition, city, projects):
    data = vote_data(city, projects[:1], website="http://spam.example")
    assert_refused(post(ballot_url(edition), data), 400, "automatycznie")


def test_reused_pesel_not_revealed_on_the_page_and_never_counted(
    client, post, edition, city, projects
):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    client.post(reverse("voting_confirm", args=[confirmation_key()]))
    # The page answers a PESEL that has voted exactly as one that has not: anybody who
    # knows a PESEL must not learn from it whether its owner voted.
    fresh = post(
        ballot_url(edition),
        vote_data(
            city, projects[1:2], pesel=voting.pesel(date(1975, 3, 2)), email="jan@example.pl"
        ),
    )
    reused = post(ballot_url(edition), vote_data(city, projects[1:2]))
    assert fresh.status_code == reused.status_code == 200
    assert "oddano już głos" not in reused.content.decode()
    assert reused.context["receipt"].confirmed_at is None
    # Its link, in the voter's own mailbox, says why it does not count: 409, nothing confirmed.
    response = client.post(reverse("voting_confirm", args=[confirmation_key()]))
    assert response.status_code == 409
    assert "oddano już głos" in response.content.decode()
    assert Ballot.objects.confirmed().filter(voter_hash=voter_hash(PESEL)).count() == 1
    assert not Ballot.objects.get(pk=reused.context["receipt"].pk).confirmed_at


def test_second_pending_ballot_cannot_be_confirmed_after_first(
    client, post, edition, city, projects
):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    first = confirmation_key()
    post(ballot_url(edition), vote_data(city, projects[1:2]))
    second = confirmation_key()
    assert client.post(reverse("voting_confirm", args=[first])).status_code == 200
    response = client.post(reverse("voting_confirm", args=[second]))
    assert response.status_code == 409
    assert "oddano już głos" in response.content.decode()
    assert Ballot.objects.confirmed().count() == 1


def test_expired_confirmation_refused(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    Ballot.objects.update(confirmation_expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("voting_confirm", args=[confirmation_key()])
    assert client.get(url).status_code == 410
    response = client.post(url)
    assert response.status_code == 410
    assert "Link wygasł" in response.content.decode()
    assert not Ballot.objects.confirmed().exists()


def test_unknown_key_is_404(client, post, edition):
    assert client.post(reverse("voting_confirm", args=["nie-ma-takiego"])).status_code == 404


def test_vote_after_closing_refused(client, post, budget_index):
    closed = voting.voting_edition(budget_index, days_into_voting=11, slug="bo-zamkniete")
    pool = budget.city_pool(closed)
    project = voting.on_ballot(closed, pool, "Ławki", 1000)
    response = post(ballot_url(closed), vote_data(pool, [project]))
    assert_refused(response, 409, "Głosowanie zakończyło się")
    assert "Twój głos nie został zapisany." in response.content.decode()
    assert client.get(ballot_url(closed)).context["form"] is None


def test_confirmation_after_closing_refused(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    key = confirmation_key()
    edition.results_from = timezone.now() - timedelta(minutes=1)
    edition.implementation_from = timezone.now() + timedelta(days=30)
    edition.save()
    response = Client().post(reverse("voting_confirm", args=[key]))
    assert response.status_code == 409
    assert "Głosowanie zakończyło się" in response.content.decode()
    assert not Ballot.objects.confirmed().exists()


def test_replayed_form_shows_first_receipt(client, post, edition, city, projects):
    data = vote_data(city, projects[:1])
    first = post(ballot_url(edition), data)
    again = post(ballot_url(edition), data)
    assert again.status_code == 200
    assert again.context["receipt"] == first.context["receipt"]
    assert Ballot.objects.count() == 1
    assert len(mail.outbox) == 1


def test_pages_are_never_cached(client, post, edition, city, projects):
    response = client.get(ballot_url(edition))
    assert "no-store" in response["Cache-Control"]
    # Not no-referrer: a browser would send `Origin: null` and the CSRF check refuse the POST.
    assert response["Referrer-Policy"] == "strict-origin"
    assert response.context["form"] is not None


def test_receipt_check_tells_standing_not_choices(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    ballot = Ballot.objects.get()
    check = reverse("voting_check")
    body = client.post(check, {"kod": ballot.receipt_number}).content.decode()
    assert "nie został potwierdzony" in body
    client.post(reverse("voting_confirm", args=[confirmation_key()]))
    body = client.post(check, {"kod": ballot.receipt_number.lower()}).content.decode()
    assert "czeka na sprawdzenie" in body
    assert projects[0].title not in body
    assert client.post(check, {"kod": "GL-2027-XXXX-YYYY"}).status_code == 404


SENT_SMS = []


def record_sms(phone, text):
    """A stand-in SMS gateway (VOTING_SMS_SENDER names any callable(phone, text))."""
    SENT_SMS.append((phone, text))


def test_no_phone_asked_without_an_sms_gateway(client, edition, city, projects):
    assert "phone" not in client.get(ballot_url(edition)).context["form"].fields


def test_sms_link_when_a_gateway_is_set(client, post, settings, edition, city, projects):
    settings.VOTING_SMS_SENDER = "tests.voting.test_ballot.record_sms"
    SENT_SMS.clear()
    post(ballot_url(edition), vote_data(city, projects[:1], phone="600 100 200"))
    ((phone, text),) = SENT_SMS
    assert phone == "600 100 200"
    assert f"/budzet/glosowanie/potwierdz/{confirmation_key()}/" in text


def confirmation_code():
    return re.search(r"ten kod: ([A-Z0-9-]+)", mail.outbox[-1].body).group(1)


CODE_URL = "/budzet/glosowanie/potwierdz-kodem/"


def test_typed_code_confirms_once(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    ballot = Ballot.objects.get()
    body = mail.outbox[-1].body
    code = confirmation_code()
    assert CODE_URL in body and re.search(r"/budzet/glosowanie/potwierdz/[^/\s]+/", body)
    assert code not in str(Ballot.objects.filter(pk=ballot.pk).values().get())  # hash only
    page = client.get(CODE_URL)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    # Typed as a person types it: lower case, without the dash.
    typed = code.replace("-", "").lower()
    response = client.post(CODE_URL, {"receipt": ballot.receipt_number.lower(), "code": typed})
    assert response.status_code == 200
    assert "głos jest potwierdzony" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.confirmed_at is not None
    replay = client.post(CODE_URL, {"receipt": ballot.receipt_number, "code": code})
    assert replay.status_code == 409
    assert "kod działa raz" in replay.content.decode()
    # The link of a ballot confirmed by its code is spent too.
    assert client.post(reverse("voting_confirm", args=[confirmation_key()])).status_code == 409


def test_typed_code_limited_attempts(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    ballot = Ballot.objects.get()
    code = confirmation_code()
    for left in (4, 3, 2, 1, 0):
        response = client.post(CODE_URL, {"receipt": ballot.receipt_number, "code": "AAAA-AAAA"})
        assert response.status_code == 400
        assert f"Pozostało prób: {left}" in response.content.decode()
    # The right code no longer confirms: only the link does.
    response = client.post(CODE_URL, {"receipt": ballot.receipt_number, "code": code})
    assert response.status_code == 403
    assert "Wyczerpano próby" in response.content.decode()
    assert not Ballot.objects.confirmed().exists()
    assert client.post(reverse("voting_confirm", args=[confirmation_key()])).status_code == 200


def test_typed_code_expired_unknown_and_empty(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    ballot = Ballot.objects.get()
    code = confirmation_code()
    unknown = client.post(CODE_URL, {"receipt": "GL-2027-XXXX-YYYY", "code": code})
    assert unknown.status_code == 400
    assert "nieprawidłowy" in unknown.content.decode()
    empty = client.post(CODE_URL, {"receipt": ballot.receipt_number, "code": ""})
    assert empty.status_code == 400
    assert "To pole jest wymagane" in empty.content.decode()
    assert ballot.receipt_number in empty.content.decode()  # what was typed is kept
    Ballot.objects.update(confirmation_expires_at=timezone.now() - timedelta(minutes=1))
    expired = client.post(CODE_URL, {"receipt": ballot.receipt_number, "code": code})
    assert expired.status_code == 410
    assert "Kod wygasł" in expired.content.decode()
    assert not Ballot.objects.confirmed().exists()


def test_another_ballots_code_does_not_confirm(client, post, edition, city, projects):
    post(ballot_url(edition), vote_data(city, projects[:1]))
    first = Ballot.objects.get()
    post(
        ballot_url(edition),
        vote_data(city, projects[:1], pesel=voting.pesel(date(1975, 3, 2)), email="b@example.pl"),
    )
    other_code = confirmation_code()
    response = client.post(CODE_URL, {"receipt": first.receipt_number, "code": other_code})
    assert response.status_code == 400
    assert not Ballot.objects.confirmed().exists()


def test_ballot_reads_its_rules_pools_and_projects_once(client, edition, city, projects):
    """The ballot page and the vote's POST read the edition's rules, each table of pool
    methods, projects and cost lines once, however many pools the ballot has (a rush of
    votes pays every query in every request; voting.booth.Booth)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    osiedle = voting.osiedle_pool(edition, budget.osiedle("Centrum", "centrum"))
    voting.pool_method(osiedle, "punkty", points="2,1")
    local = [voting.on_ballot(edition, osiedle, f"Osiedlowy {n}", 5000) for n in range(3)]
    url = ballot_url(edition, osiedle)
    tables = (
        "voting_editionvoting",
        "voting_poolvoting",
        "budget_budgetproject",
        "budget_costline",
    )

    def reads(response_of):
        with CaptureQueriesContext(connection) as captured:
            response = response_of()
        return response, {
            table: sum(f'from "{table}' in q["sql"].lower() for q in captured.captured_queries)
            for table in tables
        }

    page, found = reads(lambda: client.get(url))
    assert page.status_code == 200 and "Osiedlowy 2" in page.content.decode()
    assert found == dict.fromkeys(tables, 1)
    data = vote_data(city, projects[:1], **{f"pula_{osiedle.pk}_0": str(local[0].pk)})
    answer, found = reads(lambda: client.post(url, data))
    assert answer.status_code == 200 and Ballot.objects.count() == 1
    assert found == dict.fromkeys(tables, 1)


def test_no_page_type_extends_the_edition():
    """The ballot page (voting.views.ballot_page) and the paper ballot's admin read
    BudgetEditionPage.objects without .specific(): a page type extending the edition would
    reach the ballot as a plain edition, its own fields and methods lost. Add .specific()
    there before adding one."""
    from django.apps import apps

    from pages.budget.models import BudgetEditionPage

    extending = [
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, BudgetEditionPage) and model is not BudgetEditionPage
    ]
    assert extending == []
