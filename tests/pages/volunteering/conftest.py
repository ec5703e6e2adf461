import pytest

from accounts import roles
from accounts.models import NGOPartnerProfile
from tests.factories.accounts import UserFactory
from tests.factories.registry import NGOFactory
from tests.factories.volunteering import VolunteeringIndexPageFactory


@pytest.fixture
def index(home_page):
    return VolunteeringIndexPageFactory(parent=home_page)


@pytest.fixture
def own_ngo(db):
    return NGOFactory(name="Stowarzyszenie Nasze", email="nasze@example.org")


@pytest.fixture
def other_ngo(db):
    return NGOFactory(name="Fundacja Cudza", email="cudza@example.org")


@pytest.fixture
def partner(own_ngo):
    user = UserFactory(username="ngo-nasze")
    NGOPartnerProfile.objects.create(user=user, ngo=own_ngo)
    return user


@pytest.fixture
def other_partner(other_ngo):
    user = UserFactory(username="ngo-cudza")
    NGOPartnerProfile.objects.create(user=user, ngo=other_ngo)
    return user


@pytest.fixture
def approver_user(db):
    return UserFactory(username="naczelnik", groups=[roles.APPROVERS])


@pytest.fixture
def editor_user(db):
    return UserFactory(username="redaktor", groups=[roles.EDITORS])
