import pytest

from tests.factories import budget


@pytest.fixture
def budget_index(home_page):
    return budget.index_page(home_page)


@pytest.fixture
def edition(budget_index):
    return budget.edition_page(budget_index)


@pytest.fixture
def pool(edition):
    return budget.city_pool(edition)
