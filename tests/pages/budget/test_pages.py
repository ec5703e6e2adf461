"""The landing page, the list with filters, the project page, feeds and GeoJSON; sample
content in every status; the retention of authors' and supporters' data."""

import io
import json
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from core.retention import purge_expired_personal_data
from pages.budget.models import (
    BudgetEditionPage,
    BudgetIndexPage,
    BudgetProject,
    Stage,
    Status,
    StatusChange,
    Supporter,
)
from pages.budget.phases import EDITION
from tests.factories import budget

pytestmark = pytest.mark.django_db


def test_sample_content_has_every_status_and_a_current_edition_in_submission(home_page):
    call_command("load_sample_content", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())  # idempotent
    index = BudgetIndexPage.objects.get()
    past, current = (
        BudgetEditionPage.objects.get(slug="przyklad-edycja-zakonczona"),
        BudgetEditionPage.objects.get(slug="przyklad-edycja-biezaca"),
    )
    assert current.get_phase() == EDITION.SUBMISSION
    assert past.get_phase() == EDITION.IMPLEMENTATION
    statuses = set(BudgetProject.objects.filter(edition=past).values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert all(p.title.startswith("[PRZYKŁAD]") for p in BudgetProject.objects.all())
    # The two budget editions' own projects (the voting's sample edition adds its own).
    own = BudgetProject.objects.filter(edition__in=[past, current])
    assert own.count() == len(Status.values) + 2

    client = Client()
    landing = client.get(index.url)
    assert landing.status_code == 200
    html = landing.content.decode()
    assert current.title in html and "Zgłaszanie projektów" in html and "Pula" in html
    listing = client.get(index.url + "projekty/")
    assert listing.status_code == 200
    assert "Wybrany do realizacji" in listing.content.decode()
    filtered = client.get(index.url + "projekty/", {"status": Status.NEGATIVE}).content.decode()
    assert "Kryty basen osiedlowy" in filtered and "Łąka kwietna" not in filtered
    by_place = client.get(index.url + "projekty/", {"osiedle": "reden"}).content.decode()
    assert "Pula: Osiedle Reden" in by_place
    searched = client.get(index.url + "projekty/", {"q": "basen"}).content.decode()
    assert "Kryty basen osiedlowy" in searched and "Łąka kwietna" not in searched
    assert client.get(index.url + "projekty/", {"status": "nonsense"}).status_code == 200
    negative = BudgetProject.objects.get(status=Status.NEGATIVE)
    page = client.get(f"{index.url}projekty/{negative.pk}/").content.decode()
    assert "Koszt utrzymania przekracza" in page and "Odwołanie nieuwzględnione" in page
    assert "autor.przykladowy@example.invalid" not in page
    assert "Niewykonalny" in page and "Siłownia plenerowa w parku</a>" in page  # a unit's opinion
    ideas = client.get(index.url + "pomysly/").content.decode()
    assert "Więcej kwiatów przy rondach" in ideas and "nie trzeba projektu" in ideas
    assert "Zajęcia z programowania" not in ideas  # awaiting moderation
    votes = client.get(f"{index.url}pomysly/{past.slug}/").content.decode()
    assert "<td>Zieleń i ekologia</td><td>5</td>" in votes
    edition_page = client.get(current.url).content.decode()
    assert 'id="zglos-projekt"' in edition_page and "Zgłoś projekt" in edition_page


def test_author_name_shown_only_with_consent(edition, pool, budget_index):
    hidden = budget.project(edition, pool, author_name="Ukryta Autorka")
    named = budget.project(
        edition, pool, title="Drugi", author_name="Jawny Autor", author_named=True
    )
    client = Client()
    assert (
        "Ukryta Autorka"
        not in client.get(f"{budget_index.url}projekty/{hidden.pk}/").content.decode()
    )
    assert "Jawny Autor" in client.get(f"{budget_index.url}projekty/{named.pk}/").content.decode()


def test_hidden_unconfirmed_and_draft_edition_projects_are_not_public(budget_index, edition, pool):
    hidden = budget.project(edition, pool, title="Ukrytyprojekt", hidden=True)
    unconfirmed = budget.project(edition, pool, title="Niepotwierdzony", confirmed=False)
    client = Client()
    for project in (hidden, unconfirmed):
        assert client.get(f"{budget_index.url}projekty/{project.pk}/").status_code == 404
    listing = client.get(budget_index.url + "projekty/").content.decode()
    assert "Ukrytyprojekt" not in listing and "Niepotwierdzony" not in listing
    feed = client.get(budget_index.url + "projekty/rss/").content.decode()
    assert "Ukrytyprojekt" not in feed and "Niepotwierdzony" not in feed


def test_feed_and_geojson(budget_index, edition, pool):
    located = budget.project(
        edition, pool, title="Z punktem", latitude="50.321800", longitude="19.187200"
    )
    budget.project(edition, pool, title="Bez punktu")
    client = Client()
    feed = client.get(budget_index.url + "projekty/rss/")
    assert feed.status_code == 200 and "Z punktem" in feed.content.decode()
    response = client.get(budget_index.url + "projekty/geojson/")
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert [f["properties"]["title"] for f in data["features"]] == ["Z punktem"]
    assert data["features"][0]["geometry"]["coordinates"] == [19.1872, 50.3218]
    assert located.author_email not in response.content.decode()


def test_retention_removes_authors_and_supporters_keeping_project_and_history(
    budget_index, edition, pool
):
    project = budget.project(edition, pool, author_named=True)
    Supporter.objects.create(
        project=project, full_name="Pan Popierający", address="ul. X 1", signed_on="2026-01-01"
    )
    project.new_private_key()
    project.save()
    after_results = edition.results_from + timedelta(days=400)
    purge_expired_personal_data(now=after_results)
    project.refresh_from_db()
    assert project.author_name == "" and project.author_email == "" and not project.private_key_hash
    assert project.personal_data_removed_at is not None
    assert not Supporter.objects.exists()
    assert project.history.exists() and project.title == "Ławki w parku"


def test_retention_waits_for_the_results(edition, pool):
    project = budget.project(edition, pool)
    purge_expired_personal_data(now=timezone.now())
    project.refresh_from_db()
    assert project.author_name == "Jan Autorski"


def test_a_staff_decision_shows_at_once_on_cached_budget_pages(
    client, settings, budget_index, edition, pool
):
    """The budget's pages are cached like any page; a status change (a staff decision)
    makes the project's page and the list stale at once (core.page_cache)."""
    settings.PAGE_CACHE_SECONDS = 60
    item = budget.project(edition, pool, title="Skwer przy szkole")
    address = f"{budget_index.url}projekty/{item.pk}/"
    assert client.get(address).headers["X-Page-Cache"] == "miss"
    assert client.get(address).headers["X-Page-Cache"] == "hit"
    StatusChange.objects.create(
        project=item, status=item.status, stage=Stage.FORMAL, justification="Kompletny."
    )
    assert client.get(address).headers["X-Page-Cache"] == "miss"
