import pytest

from tests.factories.consultations import (
    AnnouncementIndexPageFactory,
    ConsultationIndexPageFactory,
)


@pytest.fixture
def consultation_index(home_page):
    return ConsultationIndexPageFactory(parent=home_page)


@pytest.fixture
def announcement_index(home_page):
    return AnnouncementIndexPageFactory(parent=home_page)
