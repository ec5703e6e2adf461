from django.contrib.auth.models import Group

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from accounts.roles import EDITORS, SUBMISSIONS_TEAM
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


@pytest.fixture
def submissions_staff(django_user_model):
    """A member of the submissions team: reads responses and types in letters."""
    user = django_user_model.objects.create_user("kancelaria", password="haslo-testowe-123")
    user.groups.add(Group.objects.get(name=SUBMISSIONS_TEAM))
    return user


@pytest.fixture
def department_editor(django_user_model):
    user = django_user_model.objects.create_user("redakcja", password="haslo-testowe-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def private_collection():
    """A collection closed to the public, where scans of letters belong."""
    collection = Collection.get_first_root_node().add_child(name="Skany pism")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection
