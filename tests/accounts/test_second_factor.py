"""Two-factor login: enrolment, verification at both logins, backup codes, reset, 429."""

import re
from base64 import b32decode

from django.test import Client, override_settings

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
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


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_wrong_codes_lock_with_429(client, home_page, editor_user):
    device = enrolled(editor_user)
    client.force_login(editor_user)
    for _ in range(3):
        client.post("/logowanie/weryfikacja/", {"code": "999999"})
    response = client.post("/logowanie/weryfikacja/", {"code": code_for(device)})
    assert response.status_code == 429
    assert "Zbyt wiele nieudanych prób" in response.content.decode()


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
