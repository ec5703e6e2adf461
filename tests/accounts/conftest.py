import pytest

from accounts import roles
from accounts.sections import ensure_sections
from tests.factories.accounts import UserFactory


@pytest.fixture
def sections(home_page):
    intranet, extranet = ensure_sections(home_page)
    return {"intranet": intranet, "extranet": extranet}


@pytest.fixture
def staff_user(db):
    return UserFactory(username="pracownik", groups=[roles.STAFF])


@pytest.fixture
def partner_user(db):
    return UserFactory(username="partner", groups=[roles.NGO_PARTNERS])


@pytest.fixture
def editor_user(db):
    return UserFactory(username="redaktor", groups=[roles.EDITORS])


@pytest.fixture
def approver_user(db):
    return UserFactory(username="naczelnik", groups=[roles.APPROVERS])
