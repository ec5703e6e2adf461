"""The budget's pages render within a fixed number of queries, however many projects."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest

from pages.budget.models import (
    BudgetIdea,
    CityUnit,
    IdeaKind,
    MeritOpinion,
    Moderation,
    ProjectPublicFile,
    StatusChange,
)
from tests.factories import budget

pytestmark = pytest.mark.django_db

BUDGET = 40


def _count(client, path) -> int:
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def _grow(edition, pool, times):
    for n in range(times):
        project = budget.project(edition, pool, title=f"Projekt {n}")
        StatusChange.objects.create(project=project, status="poprawny-formalnie", stage="inne")


def test_budget_pages_stay_within_budget_and_flat(client, budget_index, edition, pool):
    first = budget.project(edition, pool, title="Pierwszy")
    _grow(edition, pool, 2)
    paths = [
        budget_index.url,
        budget_index.url + "projekty/",
        f"{budget_index.url}projekty/{first.pk}/",
        edition.url,
        budget_index.url + "projekty/rss/",
        budget_index.url + "projekty/geojson/",
    ]
    small = [_count(client, path) for path in paths]
    _grow(edition, pool, 12)
    large = [_count(client, path) for path in paths]
    assert small == large
    assert max(large) <= BUDGET, dict(zip(paths, large, strict=True))


def test_ideas_opinions_and_files_stay_within_budget_and_flat(client, budget_index):
    start = timezone.now() + timedelta(days=2)
    edition = budget.edition_page(
        budget_index, submission_from=start, ideas_from=start - timedelta(days=3)
    )
    pool = budget.city_pool(edition)
    project = budget.project(edition, pool, title="Pierwszy")

    def grow(times, offset):
        for n in range(offset, offset + times):
            BudgetIdea(
                edition=edition,
                kind=IdeaKind.IDEA,
                category="zielen",
                title=f"Pomysł {n}",
                description="Opis.",
                moderation=Moderation.PUBLISHED,
                project=project,
            ).save_once()
            BudgetIdea(edition=edition, kind=IdeaKind.PRIORITY, category="sport").save_once()
            opinion = MeritOpinion.objects.create(
                project=project,
                unit=CityUnit.objects.create(name=f"Jednostka {n}"),
                feasibility="wykonalny",
                opinion="Tak.",
                given_at=timezone.now(),
            )
            opinion.conflicts.add(budget.project(edition, pool, title=f"Rywal {n}"))
            document = get_document_model()(title=f"Mapa {n}")
            document.file.save(f"mapa{n}.txt", ContentFile(b"mapa\n"), save=False)
            document.save()
            ProjectPublicFile.objects.create(project=project, document=document, caption="Mapa")

    paths = [
        f"{budget_index.url}projekty/{project.pk}/",
        budget_index.url + "pomysly/",
        f"{budget_index.url}pomysly/{edition.slug}/",
    ]
    grow(1, 0)
    small = [_count(client, path) for path in paths]
    grow(6, 1)
    large = [_count(client, path) for path in paths]
    assert small == large, dict(zip(paths, zip(small, large, strict=True), strict=True))
    assert max(large) <= BUDGET, dict(zip(paths, large, strict=True))
