import pytest

from tests.factories.cao import (
    AdvisoryServiceIndexPageFactory,
    EventIndexPageFactory,
    GuidanceIndexPageFactory,
)


@pytest.fixture
def service_index(home_page):
    return AdvisoryServiceIndexPageFactory(parent=home_page)


@pytest.fixture
def guidance_index(home_page):
    return GuidanceIndexPageFactory(parent=home_page)


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)
