"""The ideas and priorities phase: a resident sends an idea or a priority vote without an
account; ideas are public only after moderation and never with the e-mail; votes only as
counts; the staff answer publicly or turn an idea into a draft project; the phase's
edges follow the clock; the e-mail goes when retention ends."""

import uuid
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from accounts import roles
from core.retention import purge_expired_personal_data
from pages.budget.models import BudgetIdea, BudgetProject, IdeaKind, Moderation, Status
from pages.budget.phases import EDITION
from tests.factories import budget
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "pomyslodawca.tajny@example.pl"


@pytest.fixture
def collecting(budget_index):
    """An edition collecting ideas: ideas began a day ago, submission starts in two."""
    start = timezone.now() + timedelta(days=2)
    return budget.edition_page(
        budget_index, submission_from=start, ideas_from=start - timedelta(days=3)
    )


def form_url(edition):
    return f"{edition.get_parent().url}pomysly/{edition.slug}/"


def idea_data(**overrides):
    return {
        "kind": IdeaKind.IDEA,
        "category": "zielen",
        "title": "Łąka kwietna przy szkole",
        "description": "Zamiast trawnika łąka dla pszczół.",
        "email": SECRET_EMAIL,
        "website": "",
        "form_token": str(uuid.uuid4()),
        **overrides,
    }


def test_an_idea_is_received_without_an_account_and_public_only_after_moderation(
    collecting, budget_index, django_capture_on_commit_callbacks
):
    client = Client()
    page = client.get(form_url(collecting))
    assert page.status_code == 200 and 'name="form_token"' in page.text
    # The edition's own page still takes projects, not ideas.
    assert 'name="kind"' not in client.get(collecting.url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(collecting), idea_data())
    assert response.status_code == 200
    idea = BudgetIdea.objects.get()
    assert idea.receipt_number.startswith("BOP-") and idea.receipt_number in response.text
    assert idea.moderation == Moderation.PENDING
    (receipt,) = mail.outbox
    assert receipt.to == [SECRET_EMAIL] and idea.receipt_number in receipt.body

    ideas_list = budget_index.url + "pomysly/"
    assert "Łąka kwietna" not in client.get(ideas_list).text
    assert "Łąka kwietna" not in client.get(form_url(collecting)).text

    idea.moderation = Moderation.PUBLISHED
    idea.save()
    for url in (ideas_list, form_url(collecting), ideas_list + "?edycja=bo-2027"):
        html = client.get(url).text
        assert "Łąka kwietna" in html, url
        assert SECRET_EMAIL not in html and idea.receipt_number not in html
    assert "Łąka kwietna" not in client.get(ideas_list + "?kategoria=sport").text


def test_priority_votes_are_counted_never_listed(collecting):
    client = Client()
    for category in ("sport", "sport", "zielen"):
        data = idea_data(kind=IdeaKind.PRIORITY, category=category, title="Tekst głosu")
        assert client.post(form_url(collecting), data).status_code == 200
    vote = BudgetIdea.objects.filter(category="zielen").get()
    assert vote.title == "" and vote.description == ""  # a vote keeps no text
    BudgetIdea.objects.filter(pk=vote.pk).update(moderation=Moderation.PUBLISHED)
    spam = BudgetIdea.objects.filter(category="sport").first()
    html = client.get(form_url(collecting)).text
    assert "<td>Sport i rekreacja</td><td>2</td>" in html
    assert "<td>Zieleń i ekologia</td><td>1</td>" in html
    assert "Tekst głosu" not in html and SECRET_EMAIL not in html
    assert "Tekst głosu" not in Client().get(collecting.get_parent().url + "pomysly/").text
    BudgetIdea.objects.filter(pk=spam.pk).update(moderation=Moderation.REJECTED)
    assert "<td>Sport i rekreacja</td><td>1</td>" in client.get(form_url(collecting)).text


def test_an_idea_without_its_text_is_refused_in_polish_keeping_what_was_typed(collecting):
    response = Client().post(form_url(collecting), idea_data(description="", email="zly@"))
    assert response.status_code == 400
    assert "Opisz pomysł: to pole jest wymagane dla pomysłu." in response.text
    assert "Wpisz poprawny adres e-mail" in response.text
    assert "Łąka kwietna przy szkole" in response.text
    assert not BudgetIdea.objects.exists()


def test_the_ideas_phase_edges_follow_the_clock(budget_index):
    now = timezone.now()
    starts_later = budget.edition_page(
        budget_index,
        slug="pozniej",
        ideas_from=now + timedelta(minutes=5),
        submission_from=now + timedelta(days=3),
    )
    ended = budget.edition_page(
        budget_index,
        slug="po",
        ideas_from=now - timedelta(days=3),
        submission_from=now - timedelta(seconds=1),  # submission began: ideas are over
    )
    assert starts_later.get_phase(starts_later.ideas_from - timedelta(microseconds=1)) == (
        EDITION.ANNOUNCED
    )
    assert starts_later.get_phase(starts_later.ideas_from) == EDITION.IDEAS
    for edition, text in ((starts_later, "rozpocznie się"), (ended, "zakończyło się")):
        response = Client().post(form_url(edition), idea_data())
        assert response.status_code == 409, edition.slug
        assert text in response.text
        assert "Twój pomysł ani głos nie zostały zapisane." in response.text
        assert 'name="form_token"' not in response.text
    without_ideas = budget.edition_page(budget_index, slug="bez")
    assert Client().get(form_url(without_ideas)).status_code == 404
    assert not BudgetIdea.objects.exists()


def test_a_replayed_idea_shows_the_first_receipt(collecting):
    data = idea_data()
    first = Client().post(form_url(collecting), data)
    second = Client().post(form_url(collecting), data)
    assert first.status_code == second.status_code == 200
    assert BudgetIdea.objects.get().receipt_number in second.text


def _idea(edition, **fields):
    values = {
        "edition": edition,
        "kind": IdeaKind.IDEA,
        "category": "zielen",
        "title": "Łąka kwietna przy szkole",
        "description": "Zamiast trawnika łąka.",
        "email": SECRET_EMAIL,
        **fields,
    }
    idea, _created = BudgetIdea(**values).save_once()
    return idea


def test_staff_publish_and_answer_an_idea_publicly_and_the_resident_is_told(
    collecting, budget_index, client, django_capture_on_commit_callbacks
):
    idea = _idea(collecting)
    client.force_login(UserFactory(username="idea-team", groups=[roles.SUBMISSIONS_TEAM]))
    assert client.get("/admin/budget_ideas/").status_code == 200
    url = f"/admin/budget_ideas/edit/{idea.pk}/"
    assert client.get(url).status_code == 200
    form = {
        "moderation": Moderation.PUBLISHED,
        "title": idea.title,
        "description": idea.description,
        "category": idea.category,
        "district": "",
        "reply": "Pomysł przekażemy do zarządu zieleni miejskiej.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.replied_at is not None
    (answer,) = mail.outbox
    assert answer.to == [SECRET_EMAIL] and "zarządu zieleni" in answer.body
    html = Client().get(budget_index.url + "pomysly/").text
    assert "Pomysł przekażemy do zarządu zieleni miejskiej." in html
    # Editors do not read residents' ideas (their e-mails).
    client.force_login(UserFactory(username="idea-editor", groups=[roles.EDITORS]))
    assert client.get(url).status_code in (302, 403)


def test_an_idea_becomes_a_hidden_draft_project_the_staff_complete(
    collecting, budget_index, client
):
    pool = budget.city_pool(collecting)
    idea = _idea(collecting, moderation=Moderation.PUBLISHED)
    team = UserFactory(username="idea-team2", groups=[roles.SUBMISSIONS_TEAM])
    client.force_login(team)
    url = f"/admin/budzet/pomysl/{idea.pk}/projekt/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"pool": pool.pk})
    project = BudgetProject.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/admin/budget_projects/edit/{project.pk}/"
    )
    assert project.hidden and project.entered_by_staff and project.confirmed_at
    assert project.title == idea.title and project.status == Status.SUBMITTED
    assert project.author_email == ""  # the resident is not made the author
    assert project.history.get().decided_by == team
    idea.refresh_from_db()
    assert idea.project == project
    client.post(url, {"pool": pool.pk})  # a second click makes no second project
    assert BudgetProject.objects.count() == 1
    listing = Client().get(budget_index.url + "pomysly/").text
    assert "Na podstawie pomysłu powstał projekt" not in listing  # still hidden
    BudgetProject.objects.filter(pk=project.pk).update(hidden=False)
    listing = Client().get(budget_index.url + "pomysly/").text
    assert f"projekty/{project.pk}/" in listing


def test_retention_removes_the_e_mail_and_keeps_the_idea(collecting):
    idea = _idea(collecting, moderation=Moderation.PUBLISHED)
    purge_expired_personal_data(now=timezone.now())
    idea.refresh_from_db()
    assert idea.email == SECRET_EMAIL  # the phase is not over yet
    purge_expired_personal_data(now=collecting.submission_from + timedelta(days=400))
    idea.refresh_from_db()
    assert idea.email == "" and idea.personal_data_removed_at is not None
    assert idea.title == "Łąka kwietna przy szkole"
