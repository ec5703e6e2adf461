"""A signed-in reader's user and permissions kept between requests (accounts.user_snapshot):
read once, then no query, and stale at the very next request after any change that could
change what they may do."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import roles, user_snapshot

pytestmark = pytest.mark.django_db


def user_queries(client, path) -> tuple[int, list[str]]:
    """(status, the queries reading a user, their devices or permissions) of one request."""
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    names = ("auth_user", "auth_permission", "otp_")
    return status, [q["sql"] for q in queries if any(name in q["sql"] for name in names)]


def test_the_next_request_reads_no_user_and_no_permission(client, sections, staff_user):
    client.force_login(staff_user)
    status, first = user_queries(client, "/intranet/")
    assert status == 200
    # The user with their device state, their permissions (one UNION), their groups.
    assert len(first) == 3
    status, next_ = user_queries(client, "/intranet/")
    assert status == 200
    # Only the reader's groups with the restrictions naming them (core.request_memo).
    assert len(next_) == 1 and "auth_user_groups" in next_[0]


def test_a_deactivated_user_is_signed_out_at_the_next_request(client, sections, staff_user):
    client.force_login(staff_user)
    assert client.get("/intranet/").status_code == 200
    staff_user.is_active = False
    staff_user.save()
    response = client.get("/intranet/")
    assert response.status_code == 302 and response["Location"].startswith("/logowanie/")


def test_a_changed_password_ends_the_other_sessions_at_the_next_request(
    client, sections, staff_user
):
    client.force_login(staff_user)
    assert client.get("/intranet/").status_code == 200
    staff_user.set_password("Zupelnie-nowe-haslo-2026")
    staff_user.save()
    assert client.get("/intranet/").status_code == 302


def test_groups_added_and_removed_either_way_count_at_the_next_request(
    client, sections, partner_user
):
    def opens_intranet() -> bool:
        response = client.get("/intranet/")
        # Turned away: to the login page, as Wagtail sends a reader outside the groups.
        assert response.status_code == 200 or response["Location"].startswith("/logowanie/")
        return response.status_code == 200

    client.force_login(partner_user)
    assert not opens_intranet()
    staff = Group.objects.get(name=roles.STAFF)
    partner_user.groups.add(staff)
    assert opens_intranet()
    staff.user_set.remove(partner_user)  # from the group's side
    assert not opens_intranet()
    staff.user_set.add(partner_user)
    assert opens_intranet()
    staff.user_set.clear()
    assert not opens_intranet()


def test_a_groups_new_permission_counts_at_the_next_request(client, home_page, staff_user):
    """Access to the admin comes with a permission of a group the user is already in."""
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 302  # to the admin's login: no access
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    Group.objects.get(name=roles.STAFF).permissions.add(access)
    assert client.get("/admin/").status_code == 200
    Group.objects.get(name=roles.STAFF).permissions.remove(access)
    assert client.get("/admin/").status_code == 302


def test_a_new_device_asks_for_its_code_at_the_next_request(client, sections, partner_user):
    client.force_login(partner_user)
    assert client.get("/strefa-ngo/").status_code == 200
    StaticDevice.objects.create(user=partner_user, name="Kody zapasowe", confirmed=True)
    assert client.get("/strefa-ngo/")["Location"].startswith("/logowanie/weryfikacja/")


def test_what_a_request_stored_before_a_change_committed_is_stale_after_the_commit(
    staff_user, django_capture_on_commit_callbacks
):
    """A request served between a change and its commit reads the database as it was and
    may store that: the second bump, on commit, makes it stale."""
    with django_capture_on_commit_callbacks(execute=True):
        staff_user.is_active = False
        staff_user.save()
        # Another request, reading before the commit, keeps what it saw then.
        assert user_snapshot.load(staff_user.pk, lambda: "as before the change") == (
            "as before the change"
        )
        assert user_snapshot.load(staff_user.pk, lambda: "read again") == "as before the change"
    assert user_snapshot.load(staff_user.pk, lambda: "as committed") == "as committed"


def test_nothing_is_kept_where_sessions_have_no_shared_cache(settings, staff_user):
    settings.SESSION_CACHE_ALIAS = "default"
    reads = []
    for _ in range(2):
        user_snapshot.load(staff_user.pk, lambda: reads.append(1) or "user")
    assert reads == [1, 1]


def test_a_failing_cache_reads_the_database(monkeypatch, staff_user):
    class Failing:
        def get_many(self, keys):
            raise ConnectionError("Redis nie odpowiada")

    monkeypatch.setattr(user_snapshot, "_cache", Failing)
    assert user_snapshot.load(staff_user.pk, lambda: "from the database") == "from the database"
