import pytest

from tests.factories import initiatives


@pytest.fixture
def initiative_index(home_page):
    return initiatives.index_page(home_page)


@pytest.fixture
def rules(initiative_index):
    return initiatives.rules_page(initiative_index)
