"""The one-query permissions backend answers exactly as Django's ModelBackend, in one query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from accounts import roles
from accounts.backends import OneQueryModelBackend
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def permission(label: str) -> Permission:
    app, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app, codename=codename)


DIRECT = ("auth.view_user", "wagtailadmin.access_admin")


@pytest.fixture
def users():
    direct = UserFactory(username="bezposrednio")
    direct.user_permissions.add(*(permission(label) for label in DIRECT))
    grouped = UserFactory(username="z-grupy", groups=[roles.EDITORS])
    both = UserFactory(username="oba", groups=[roles.STAFF, roles.EDITORS])
    # One permission held both directly and through a group: in both sets, as Django has it.
    both.user_permissions.add(permission("auth.view_user"), permission("wagtailadmin.access_admin"))
    none = UserFactory(username="bez-uprawnien")
    inactive = UserFactory(username="nieaktywny", groups=[roles.EDITORS], is_active=False)
    inactive.user_permissions.add(permission("auth.view_user"))
    superuser = UserFactory(username="admin", is_superuser=True)
    return [direct, grouped, both, none, inactive, superuser]


def answers(backend, user) -> dict:
    user = get_user_model().objects.get(pk=user.pk)  # no cache carried between backends
    return {
        "all": backend.get_all_permissions(user),
        "user": backend.get_user_permissions(user),
        "group": backend.get_group_permissions(user),
        "has": {
            label: backend.has_perm(user, label)
            for label in (*DIRECT, "wagtailadmin.access_admin", "auth.delete_group", "x.y")
        },
        "module": backend.has_module_perms(user, "auth"),
    }


def test_the_same_answers_as_model_backend(users):
    for user in users:
        expected = answers(ModelBackend(), user)
        assert answers(OneQueryModelBackend(), user) == expected, user.username
    # The fixture means something: each kind of user holds what its name says.
    direct, grouped, both, none, inactive, superuser = (answers(ModelBackend(), u) for u in users)
    assert direct["user"] == set(DIRECT) and direct["group"] == set()
    assert grouped["user"] == set() and grouped["group"]
    assert both["user"] == set(DIRECT) and set(DIRECT) & both["group"] and both["group"]
    assert none["all"] == set() and inactive["all"] == set()
    assert superuser["all"] == {f"{p.content_type.app_label}.{p.codename}" for p in
                                Permission.objects.select_related("content_type")}  # fmt: skip


def test_one_query_for_both_sets_and_none_after(users):
    _direct, _grouped, both, _none, inactive, superuser = users
    backend = OneQueryModelBackend()
    for user in (both, superuser):
        user = get_user_model().objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as queries:
            backend.get_all_permissions(user)
            backend.get_user_permissions(user)
            backend.get_group_permissions(user)
            backend.has_perm(user, "wagtailadmin.access_admin")
        assert len(queries) == 1, [q["sql"] for q in queries]
    inactive = get_user_model().objects.get(pk=inactive.pk)
    with CaptureQueriesContext(connection) as queries:
        assert not backend.has_perm(inactive, "auth.view_user")
        assert backend.get_all_permissions(AnonymousUser()) == set()
    assert len(queries) == 0


def test_the_project_checks_permissions_through_it(users):
    _direct, _grouped, both, *_rest = users
    user = get_user_model().objects.get(pk=both.pk)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("auth.view_user")
        assert not user.has_perm("auth.delete_group")
    assert len(queries) == 1
