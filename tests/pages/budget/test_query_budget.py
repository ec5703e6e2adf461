"""The budget's pages render within a fixed number of queries, however many projects."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from pages.budget.models import StatusChange
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
