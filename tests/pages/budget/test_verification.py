"""Staff verification with public justifications, calls for corrections with a deadline
e-mailed to the author, the author's correction and appeal through the private link."""

import re
from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

import pytest

from accounts import roles
from pages.budget import verification
from pages.budget.models import Appeal, Status
from pages.budget.phases import EDITION
from tests.factories import budget
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _link(project):
    key = project.new_private_key()
    project.save(update_fields=["private_key_hash"])
    return f"/budzet/moj-projekt/{key}/"


def _post(client, link, **data):
    """POST as the page's form would; a page that shows no form gives no CSRF token, so
    a refusal is tested with a client that does not enforce it."""
    page = client.get(link).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return client.post(link, {"csrfmiddlewaretoken": token.group(1) if token else "", **data})


def test_call_for_corrections_sets_deadline_emails_and_author_corrects(
    edition, pool, django_capture_on_commit_callbacks
):
    project = budget.project(edition, pool)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        verification.decide(project, Status.TO_CORRECT, "Brak zgody zarządcy terenu.", now=now)
    project.refresh_from_db()
    assert project.correction_due_at > now
    assert (project.correction_due_at - now) <= timedelta(days=edition.correction_days + 1)
    (message,) = mail.outbox
    assert message.to == ["jan.autorski@example.pl"]
    assert "Brak zgody zarządcy terenu." in message.body and "Uzupełnij braki do" in message.body

    client = Client(enforce_csrf_checks=True)
    link = _link(project)
    data = {
        "action": "edit",
        "title": "Ławki w parku (poprawione)",
        "category": "zielen",
        "description": "Opis",
        "justification": "Uzasadnienie",
        "beneficiaries": "Wszyscy",
        "cost_1_description": "Ławki",
        "cost_1_amount": "999999",
    }
    over = _post(client, link, **data)
    assert over.status_code == 400 and "przekracza najwyższy koszt" in over.content.decode()
    response = _post(client, link, **{**data, "cost_1_amount": "1000"})
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.title == "Ławki w parku (poprawione)"
    assert project.status == Status.SUBMITTED
    assert project.cost_total == 1000

    # After the deadline the correction is refused and nothing changes.
    verification.decide(project, Status.TO_CORRECT, "Nadal brak zgody.", now=now)
    project.refresh_from_db()
    project.correction_due_at = timezone.now() - timedelta(seconds=1)
    project.save()
    refused = _post(Client(), link, **{**data, "title": "Za późno"})
    assert refused.status_code == 409
    project.refresh_from_db()
    assert project.title != "Za późno"


def test_transitions_and_justifications_are_enforced(edition, pool):
    project = budget.project(edition, pool)
    with pytest.raises(ValidationError, match="nie można przejść"):
        verification.decide(project, Status.ON_BALLOT, "x")
    with pytest.raises(ValidationError, match="uzasadnienia"):
        verification.decide(project, Status.FORMALLY_REJECTED, "  ")
    verification.decide(project, Status.FORMALLY_CORRECT, "")
    verification.decide(project, Status.POSITIVE, "Wykonalny.")
    verification.decide(project, Status.ON_BALLOT, "")
    assert [e.status for e in project.history.all()] == [
        Status.SUBMITTED,
        Status.FORMALLY_CORRECT,
        Status.POSITIVE,
        Status.ON_BALLOT,
    ]


def test_negative_author_appeals_in_the_appeals_phase_and_gets_a_public_decision(
    budget_index, django_capture_on_commit_callbacks
):
    # Appeals began a moment ago.
    step = budget.STEP
    start = timezone.now() - step * 4 - timedelta(minutes=1)
    edition = budget.edition_page(budget_index, submission_from=start)
    assert edition.get_phase() == EDITION.APPEALS
    pool = budget.city_pool(edition)
    project = budget.project(edition, pool, status=Status.FORMALLY_CORRECT)
    verification.decide(project, Status.NEGATIVE, "Koszt utrzymania za wysoki.")
    client = Client(enforce_csrf_checks=True)
    link = _link(project)
    empty = _post(client, link, action="appeal", text="")
    assert empty.status_code == 400 and "Wpisz treść odwołania." in empty.content.decode()
    assert _post(client, link, action="appeal", text="Koszt jest zawyżony.").status_code == 200
    appeal = Appeal.objects.get()
    assert not verification.can_appeal(project, timezone.now())  # once per decision

    with django_capture_on_commit_callbacks(execute=True):
        verification.decide_appeal(appeal, True, "Wydział przeliczył koszty ponownie.")
    project.refresh_from_db()
    assert project.status == Status.POSITIVE
    assert "Wydział przeliczył koszty ponownie." in mail.outbox[-1].body
    public = Client().get(f"{budget_index.url}projekty/{project.pk}/").content.decode()
    assert "Koszt utrzymania za wysoki." in public
    assert "Wydział przeliczył koszty ponownie." in public
    assert "Koszt jest zawyżony." not in public  # the appeal's text is the author's


def test_appeal_outside_the_appeals_phase_is_refused(edition, pool):
    project = budget.project(edition, pool, status=Status.FORMALLY_CORRECT)
    verification.decide(project, Status.NEGATIVE, "Nie.")
    response = _post(Client(), _link(project), action="appeal", text="A")
    assert response.status_code == 409
    assert not Appeal.objects.exists()


def test_admin_decision_screen(edition, pool, client):
    project = budget.project(edition, pool)
    editor = UserFactory(username="budget-team", groups=[roles.SUBMISSIONS_TEAM])
    client.force_login(editor)
    url = f"/admin/budzet/decyzja/{project.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    bad = client.post(url, {"status": Status.FORMALLY_REJECTED, "justification": ""})
    assert "wymaga jawnego uzasadnienia" in bad.content.decode()
    ok = client.post(url, {"status": Status.FORMALLY_CORRECT, "justification": "Kompletny."})
    assert ok.status_code == 302
    project.refresh_from_db()
    assert project.status == Status.FORMALLY_CORRECT
    assert project.history.last().decided_by == editor
    # Editors without the submissions team's rights do not decide.
    client.force_login(UserFactory(username="budget-editor", groups=[roles.EDITORS]))
    assert client.get(url).status_code in (302, 403)


def test_admin_screens_render_for_the_submissions_team(edition, pool, client):
    project = budget.project(edition, pool)
    verification.decide(project, Status.FORMALLY_CORRECT, "")
    verification.decide(project, Status.NEGATIVE, "Nie.")
    appeal = verification.file_appeal(project, "Proszę o ponowną ocenę.", timezone.now())
    client.force_login(UserFactory(username="budget-team2", groups=[roles.SUBMISSIONS_TEAM]))
    for url in (
        "/admin/budget_projects/",
        f"/admin/budget_projects/inspect/{project.pk}/",
        f"/admin/budget_projects/edit/{project.pk}/",
        "/admin/budget_appeals/",
        f"/admin/budzet/odwolanie/{appeal.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(
        f"/admin/budzet/odwolanie/{appeal.pk}/", {"upheld": "0", "justification": "Bez zmian."}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.outcome == Appeal.Outcome.DISMISSED
