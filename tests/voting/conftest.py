import pytest

from tests.factories import budget, voting


@pytest.fixture
def budget_index(home_page):
    return budget.index_page(home_page)


@pytest.fixture
def edition(budget_index):
    return voting.voting_edition(budget_index)


@pytest.fixture
def city(edition):
    return budget.city_pool(edition)


@pytest.fixture
def projects(edition, city):
    """Three projects on the city pool's ballot (approval up to 2)."""
    voting.pool_method(city, "aprobata", max_choices=2)
    return [
        voting.on_ballot(edition, city, title, cost)
        for title, cost in (("Ławki", 400000), ("Rowery", 300000), ("Skwer", 500000))
    ]


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """client.post with the after-commit callbacks (the e-mails) run at once."""

    def send(url, data=None, using=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (using or client).post(url, data or {})

    return send
