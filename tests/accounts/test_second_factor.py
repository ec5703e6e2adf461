"""Two-factor login: enrolment, verification at both logins, backup codes, reset, 429."""

import re
from base64 import b32decode

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry, PageViewRestriction

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles, two_factor
from pages.department.models import StandardPage
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_required")]


@pytest.fixture
def second_factor_required(settings):
    settings.SECOND_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def secret_on_page(html: str) -> bytes:
    secret = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


def enrolled(user) -> TOTPDevice:
    device = two_factor.new_app_device(user)
    two_factor.confirm_app_device(device)
    return device


def test_an_editor_without_a_device_is_sent_to_enrolment(client, home_page, editor_user):
    response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/logowanie/dwuetapowe/?next=%2Fadmin%2F"
    # No other admin screen either, nor the intranet.
    assert client.get("/admin/pages/").status_code == 302
    assert client.get("/intranet/").status_code == 302


def test_enrolment_shows_a_server_side_qr_code_and_the_secret_and_confirms_with_a_code(
    client, home_page, editor_user
):
    client.force_login(editor_user)
    response = client.get("/logowanie/dwuetapowe/?next=/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img" aria-label="Kod QR' in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    key = secret_on_page(html)
    device = TOTPDevice.objects.get(user=editor_user, confirmed=False)
    assert device.bin_key == key

    wrong = client.post("/logowanie/dwuetapowe/", {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 400
    assert "nieprawidłowy" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp waits a second after a wrong code; no sleep here

    response = client.post("/logowanie/dwuetapowe/", {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]{10})</code></li>", response.content.decode())
    assert len(codes) == two_factor.BACKUP_CODE_COUNT
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_stolen_password_cannot_replace_a_confirmed_app(client, home_page, editor_user):
    device = enrolled(editor_user)
    client.force_login(editor_user)
    assert client.get("/logowanie/dwuetapowe/")["Location"].startswith("/admin/")
    assert client.get("/admin/")["Location"].startswith("/logowanie/weryfikacja/")
    assert TOTPDevice.objects.filter(user=editor_user).get() == device


@pytest.mark.parametrize("login_url", ["/admin/login/", "/logowanie/"])
def test_both_logins_ask_for_the_code(client, home_page, editor_user, login_url):
    device = enrolled(editor_user)
    client.post(login_url, {"username": "redaktor", "password": PASSWORD})
    response = client.get("/admin/")
    assert response["Location"] == "/logowanie/weryfikacja/?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert "Potwierdź logowanie kodem" in page.content.decode()
    bad = client.post("/logowanie/weryfikacja/", {"code": "123456", "next": "/admin/"})
    assert bad.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    good = client.post("/logowanie/weryfikacja/", {"code": code_for(device), "next": "/admin/"})
    assert good.status_code == 302 and good["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_works_once(client, home_page, editor_user):
    device = two_factor.new_app_device(editor_user)
    codes = two_factor.confirm_app_device(device)
    client.force_login(editor_user)
    spaced = f"{codes[0][:5]} {codes[0][5:].upper()}"
    response = client.post("/logowanie/weryfikacja/", {"code": spaced, "next": "/admin/"})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=editor_user).count() == len(codes) - 1
    client.logout()
    client.force_login(editor_user)
    again = client.post("/logowanie/weryfikacja/", {"code": codes[0], "next": "/admin/"})
    assert again.status_code == 400
    assert "został już użyty" in again.content.decode()


def _wrong_code(client, **extra):
    response = client.post("/logowanie/weryfikacja/", {"code": "999999"}, **extra)
    assert response.status_code == 400
    return response


@override_settings(SECOND_FACTOR_FAILURE_LIMIT=3)
def test_wrong_codes_lock_with_429_in_polish(client, home_page, editor_user):
    device = enrolled(editor_user)
    client.force_login(editor_user)
    for _ in range(3):
        _wrong_code(client)
    response = client.post("/logowanie/weryfikacja/", {"code": code_for(device)})
    assert response.status_code == 429
    assert "Zbyt wiele błędnych kodów" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith("/logowanie/weryfikacja/")


@override_settings(SECOND_FACTOR_FAILURE_LIMIT=3, LOGIN_FAILURE_LIMIT=3)
def test_the_right_password_does_not_reset_the_code_counter(client, home_page, editor_user):
    """Someone holding the password logs in again and again: the code guesses add up."""
    device = enrolled(editor_user)
    for wrong_codes in (2, 1):
        response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
        assert response.status_code == 302
        for _ in range(wrong_codes):
            _wrong_code(client)
            device.refresh_from_db()
            device.throttle_reset()  # django-otp's own delay aside: our counter is tested
        client.logout()
    client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
    response = client.post("/logowanie/weryfikacja/", {"code": code_for(device)})
    assert response.status_code == 429
    assert "_auth_user_id" in client.session and client.get("/admin/").status_code == 302


@override_settings(SECOND_FACTOR_FAILURE_LIMIT=3)
def test_the_code_counter_is_per_user_not_per_address(client, home_page, editor_user):
    device = enrolled(editor_user)
    client.force_login(editor_user)
    for n in range(3):
        _wrong_code(client, REMOTE_ADDR=f"203.0.113.{n + 1}")
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        "/logowanie/weryfikacja/", {"code": code_for(device)}, REMOTE_ADDR="198.51.100.9"
    )
    assert response.status_code == 429


@override_settings(SECOND_FACTOR_FAILURE_LIMIT=3, LOGIN_FAILURE_LIMIT=3)
def test_wrong_codes_do_not_lock_the_password_and_a_right_code_resets_them(
    client, home_page, editor_user
):
    device = enrolled(editor_user)
    for _ in range(3):
        client.post("/logowanie/", {"username": "redaktor", "password": PASSWORD})
        for _ in range(2):
            _wrong_code(client)
            device.refresh_from_db()
            device.throttle_reset()
        response = client.post("/logowanie/weryfikacja/", {"code": code_for(device)})
        assert response.status_code == 302  # two wrong, one right: the count starts again
        device.refresh_from_db()
        device.last_t = -1  # the same code may be typed again in the next round
        device.save()
        client.logout()


def test_partners_may_enrol_but_need_not(client, sections, partner_user):
    client.force_login(partner_user)
    assert client.get("/strefa-ngo/").status_code == 200
    page = client.get("/logowanie/dwuetapowe/")
    assert "nieobowiązkowe" in page.content.decode()
    device = TOTPDevice.objects.get(user=partner_user)
    client.post("/logowanie/dwuetapowe/", {"code": code_for(device)})
    client.logout()
    client.post("/logowanie/", {"username": "partner", "password": PASSWORD})
    assert client.get("/strefa-ngo/")["Location"].startswith("/logowanie/weryfikacja/")


def test_an_administrator_resets_a_users_devices(client, home_page, editor_user):
    enrolled(editor_user)
    admin = UserFactory(username="admin", is_superuser=True)
    admin_device = enrolled(admin)
    client.force_login(admin)
    client.post("/logowanie/weryfikacja/", {"code": code_for(admin_device)})
    listing = client.get("/admin/logowanie-dwuetapowe/")
    assert listing.status_code == 200 and "redaktor" in listing.content.decode()
    assert client.get(f"/admin/logowanie-dwuetapowe/{editor_user.pk}/wyzeruj/").status_code == 405
    response = client.post(f"/admin/logowanie-dwuetapowe/{editor_user.pk}/wyzeruj/")
    assert response.status_code == 302
    assert not two_factor.has_second_factor(editor_user)
    assert not StaticToken.objects.filter(device__user=editor_user).exists()


def test_a_reset_ends_the_users_sessions_and_is_recorded(client, home_page, editor_user):
    """A session that has passed only the password must not enrol a new phone after the
    reset: every session of the person ends; Wagtail's log says who reset whose devices."""
    device = enrolled(editor_user)
    verified, password_only = Client(), Client()
    for other in (verified, password_only):
        other.post("/logowanie/", {"username": "redaktor", "password": PASSWORD})
    verified.post("/logowanie/weryfikacja/", {"code": code_for(device)})
    assert verified.get("/admin/").status_code == 200
    admin = UserFactory(username="admin", is_superuser=True)
    admin_device = enrolled(admin)
    client.force_login(admin)
    client.post("/logowanie/weryfikacja/", {"code": code_for(admin_device)})

    client.post(f"/admin/logowanie-dwuetapowe/{editor_user.pk}/wyzeruj/")

    for other in (verified, password_only):
        assert "_auth_user_id" not in other.session
        response = other.get("/logowanie/dwuetapowe/")
        assert response.status_code == 302 and response["Location"].startswith("/logowanie/?")
    assert not TOTPDevice.objects.filter(user=editor_user).exists()
    assert client.get("/admin/").status_code == 200  # the administrator's own session stays
    entry = ModelLogEntry.objects.get(action="accounts.second_factor_reset")
    assert entry.user == admin and entry.object_id == str(editor_user.pk)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Wyzerowano logowanie dwuetapowe" in history and "redaktor" in history


def test_an_editor_cannot_reset_anyone(client, home_page, editor_user, approver_user):
    device = enrolled(editor_user)
    enrolled(approver_user)
    client.force_login(editor_user)
    client.post("/logowanie/weryfikacja/", {"code": code_for(device)})
    # Wagtail answers a refused admin screen with a redirect to the dashboard.
    assert client.get("/admin/logowanie-dwuetapowe/")["Location"] == "/admin/"
    response = client.post(f"/admin/logowanie-dwuetapowe/{approver_user.pk}/wyzeruj/")
    assert response["Location"] == "/admin/"
    assert two_factor.has_second_factor(approver_user)


def test_the_zones_offer_the_optional_second_factor_until_it_is_on(client, sections, partner_user):
    client.force_login(partner_user)
    assert 'href="/logowanie/dwuetapowe/"' in client.get("/strefa-ngo/").content.decode()
    client.get("/logowanie/dwuetapowe/")
    device = TOTPDevice.objects.get(user=partner_user, confirmed=False)
    client.post("/logowanie/dwuetapowe/", {"code": code_for(device)})
    assert 'href="/logowanie/dwuetapowe/"' not in client.get("/strefa-ngo/").content.decode()


def test_a_secret_shown_to_one_session_is_never_the_one_another_confirms(home_page, editor_user):
    """Someone holding only the password opens enrolment and notes the secret; when the
    real user enrols later, in another session, that secret is worthless."""
    intruder, owner = Client(), Client()
    intruder.force_login(editor_user)
    stolen = secret_on_page(intruder.get("/logowanie/dwuetapowe/").content.decode())
    owner.force_login(editor_user)
    shown = secret_on_page(owner.get("/logowanie/dwuetapowe/").content.decode())
    assert shown != stolen
    device = TOTPDevice.objects.get(user=editor_user, confirmed=False)
    assert device.bin_key == shown


def _restricted_page(home_page, slug):
    """A page only editors may read, at /<slug>/tajne/."""
    parent = home_page.add_child(instance=StandardPage(title=slug, slug=slug))
    parent.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=parent, restriction_type="groups")
    restriction.groups.set(Group.objects.filter(name=roles.EDITORS))
    child = parent.add_child(instance=StandardPage(title="Tajne", slug="tajne", summary=SECRET))
    child.save_revision().publish()
    return child


SECRET = "slowokontrolnetajnejstrony"


@pytest.mark.parametrize("slug", ["logowanie", "static", "wylogowanie", "logowanie-cokolwiek"])
def test_a_page_whose_address_begins_like_the_login_is_not_open(
    client, home_page, editor_user, slug
):
    """Only the login's own addresses are open before the code, not whatever starts alike."""
    _restricted_page(home_page, slug)
    enrolled(editor_user)
    client.post("/logowanie/", {"username": "redaktor", "password": PASSWORD})
    response = client.get(f"/{slug}/tajne/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logowanie/weryfikacja/")
    assert SECRET not in response.content.decode()


def test_the_logins_own_pages_stay_open_before_the_code(client, home_page, editor_user):
    enrolled(editor_user)
    client.post("/logowanie/", {"username": "redaktor", "password": PASSWORD})
    for url in (
        "/logowanie/",
        "/logowanie/weryfikacja/",
        "/logowanie/nowe-haslo/",
        "/logowanie/nowe-haslo/wyslano/",
        "/logowanie/nowe-haslo/MQ/zly-token/",
        "/logowanie/nowe-haslo/gotowe/",
        "/admin/login/",
    ):
        response = client.get(url)
        assert not response.get("Location", "").startswith("/logowanie/weryfikacja/"), url
        assert response.status_code in (200, 302), url
    assert client.get("/admin/")["Location"].startswith("/logowanie/weryfikacja/")
    response = client.post("/wylogowanie/")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_a_verified_editor_whose_device_is_removed_must_enrol_at_the_next_request(
    client, home_page, editor_user
):
    device = enrolled(editor_user)
    client.force_login(editor_user)
    client.post("/logowanie/weryfikacja/", {"code": code_for(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200
    two_factor.reset_devices(editor_user)  # not through the admin: the session stays
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logowanie/dwuetapowe/")


def test_a_device_added_or_removed_counts_at_the_very_next_request(client, sections, partner_user):
    """A partner's second factor is optional: with a device, a session must prove it; with
    none, the zone opens. The state is read with the user's row, and a device saved or
    deleted makes the kept copy of both stale (accounts.user_snapshot)."""
    client.force_login(partner_user)
    assert client.get("/strefa-ngo/").status_code == 200
    enrolled(partner_user)  # in another session
    assert client.get("/strefa-ngo/")["Location"].startswith("/logowanie/weryfikacja/")
    StaticDevice.objects.filter(user=partner_user).delete()  # the backup codes alone still count
    assert client.get("/strefa-ngo/")["Location"].startswith("/logowanie/weryfikacja/")
    device = TOTPDevice.objects.get(user=partner_user)
    device.confirmed = False  # unconfirmed: none
    device.save()
    assert client.get("/strefa-ngo/").status_code == 200
    enrolled(partner_user)
    assert client.get("/strefa-ngo/")["Location"].startswith("/logowanie/weryfikacja/")
    TOTPDevice.objects.filter(user=partner_user).delete()
    StaticDevice.objects.filter(user=partner_user).delete()
    assert client.get("/strefa-ngo/").status_code == 200


def test_the_second_factor_check_reads_devices_once_with_the_user(client, sections, partner_user):
    """Devices are read in the user's own query, and then kept with the user: the next
    request reads neither (accounts.user_snapshot)."""
    client.force_login(partner_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/strefa-ngo/").status_code == 200
    device_queries = [q["sql"] for q in queries if "otp_" in q["sql"]]
    assert len(device_queries) == 1
    assert "auth_user" in device_queries[0] and "otp_static" in device_queries[0]
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/strefa-ngo/").status_code == 200
    assert not [q["sql"] for q in queries if "otp_" in q["sql"] or 'FROM "auth_user" ' in q["sql"]]


@pytest.mark.parametrize("kind", ["app", "backup codes", "unconfirmed app", "none"])
def test_has_second_factor_in_one_query(editor_user, kind):
    if kind in ("app", "unconfirmed app"):
        device = two_factor.new_app_device(editor_user)
        if kind == "app":
            device.confirmed = True
            device.save()
    elif kind == "backup codes":
        two_factor.new_backup_codes(editor_user)
    with CaptureQueriesContext(connection) as queries:
        found = two_factor.has_second_factor(editor_user)
    assert found is (kind in ("app", "backup codes"))
    assert len(queries) == 1
