import pytest

from tests.factories import councils


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def council_index(home_page):
    return councils.council_index(home_page)


@pytest.fixture
def council(council_index):
    return councils.council(council_index)
