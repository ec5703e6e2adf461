import pytest

from tests.factories.registry import GrantCallIndexPageFactory, NGODirectoryPageFactory


@pytest.fixture
def directory(home_page):
    return NGODirectoryPageFactory(parent=home_page)


@pytest.fixture
def calls_page(home_page):
    return GrantCallIndexPageFactory(parent=home_page)
