"""Every moment a resident's right begins or ends, tested at the instant before and at
the instant itself: editing during submission, a correction's deadline, an appeal in
the appeals phase, a draft's confirmation (the submission and ideas phases' own edges
are in test_submission and test_ideas). And the staff's paper submission."""

from datetime import timedelta

import pytest

from accounts import roles
from pages.budget import verification
from pages.budget.drafts import confirmation_deadline, is_expired
from pages.budget.models import BudgetProject, Status
from tests.factories import budget
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

INSTANT = timedelta(microseconds=1)


def test_the_author_edits_until_submission_ends(edition, pool):
    project = budget.project(edition, pool)
    assert verification.can_edit(project, edition.formal_from - INSTANT)
    assert not verification.can_edit(project, edition.formal_from)
    assert not verification.can_edit(project, edition.submission_from - INSTANT)


def test_a_correction_is_taken_until_its_deadline(edition, pool):
    project = budget.project(edition, pool)
    verification.decide(project, Status.TO_CORRECT, "Brak zgody właściciela terenu.")
    due = project.correction_due_at
    assert verification.can_edit(project, due - INSTANT)
    assert not verification.can_edit(project, due)


def test_an_appeal_is_taken_from_the_appeals_start_until_voting(edition, pool):
    project = budget.project(edition, pool, status=Status.FORMALLY_CORRECT)
    verification.decide(project, Status.NEGATIVE, "Koszt utrzymania za wysoki.")
    assert not verification.can_appeal(project, edition.appeals_from - INSTANT)
    assert verification.can_appeal(project, edition.appeals_from)
    assert verification.can_appeal(project, edition.voting_from - INSTANT)
    assert not verification.can_appeal(project, edition.voting_from)


def test_a_draft_expires_at_its_confirmation_deadline(edition, pool):
    project = budget.project(edition, pool, confirmed=False)
    deadline = confirmation_deadline(project)
    assert deadline == project.submitted_at + timedelta(hours=edition.draft_confirmation_hours)
    assert not is_expired(project, deadline - INSTANT)
    assert is_expired(project, deadline)


def test_the_submissions_team_types_in_a_paper_submission(edition, pool, client):
    team = UserFactory(username="paper-team", groups=[roles.SUBMISSIONS_TEAM])
    client.force_login(team)
    assert client.get("/admin/budget_projects/new/").status_code == 200
    response = client.post(
        "/admin/budget_projects/new/",
        {
            "edition": edition.pk,
            "pool": pool.pk,
            "title": "Ławki z papierowego formularza",
            "category": "zielen",
            "description": "Opis z formularza papierowego.",
            "justification": "Uzasadnienie.",
            "beneficiaries": "Mieszkańcy.",
            "supporters_count": "17",
            "author_name": "Autor Papierowy",
            "author_email": "",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    project = BudgetProject.objects.get()
    assert project.entered_by_staff and project.confirmed_at is not None
    assert project.receipt_number.startswith("BO-")
    assert project.history.get().decided_by == team
    assert BudgetProject.objects.public().filter(pk=project.pk).exists()
