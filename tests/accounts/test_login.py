"""The portal's login, logout and password reset, and the failed-login limit."""

import re

from django.core import mail
from django.test import override_settings

import pytest

from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/logowanie/"


def _login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_is_polish_and_has_labelled_fields(client, home_page):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Logowanie</h1>" in html
    assert '<label for="id_username">Nazwa użytkownika' in html
    assert '<label for="id_password">Hasło' in html
    assert 'href="/logowanie/nowe-haslo/"' in html


def test_staff_lands_on_the_intranet_and_partner_on_the_ngo_zone(
    client, sections, staff_user, partner_user
):
    response = _login(client, "pracownik", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/intranet/"
    client.logout()
    response = _login(client, "partner", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/strefa-ngo/"


def test_next_is_followed_but_only_within_the_site(client, sections, staff_user):
    response = _login(client, "pracownik", PASSWORD, next="/intranet/")
    assert response["Location"] == "/intranet/"
    client.logout()
    response = _login(client, "pracownik", PASSWORD, next="https://evil.example/")
    assert response["Location"] == "/intranet/"


def test_a_wrong_password_says_so_in_polish_and_keeps_the_login(client, home_page, staff_user):
    response = _login(client, "pracownik", "zle-haslo")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nieprawidłowa nazwa użytkownika lub hasło" in html
    assert 'value="pracownik"' in html
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_after_the_limit_even_the_right_password_is_refused(client, home_page, staff_user):
    for _ in range(3):
        assert _login(client, "pracownik", "zle-haslo").status_code == 400
    response = _login(client, "pracownik", PASSWORD)
    assert response.status_code == 429
    assert "Zbyt wiele nieudanych prób logowania" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_lock_is_per_address_so_a_colleague_elsewhere_is_not_locked_out(
    client, home_page, staff_user
):
    for _ in range(3):
        _login(client, "pracownik", "zle-haslo", REMOTE_ADDR="203.0.113.7")
    assert _login(client, "pracownik", "zle-haslo", REMOTE_ADDR="203.0.113.7").status_code == 429
    response = client.post(
        LOGIN, {"username": "pracownik", "password": PASSWORD}, REMOTE_ADDR="198.51.100.2"
    )
    assert response.status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=10, LOGIN_FAILURE_ADDRESS_LIMIT=4)
def test_many_user_names_from_one_address_are_limited_too(client, home_page, staff_user):
    for n in range(4):
        _login(client, f"ktos{n}", "zle-haslo")
    assert _login(client, "pracownik", PASSWORD).status_code == 429


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_a_successful_login_resets_the_count(client, home_page, staff_user):
    _login(client, "pracownik", "zle-haslo")
    _login(client, "pracownik", "zle-haslo")
    assert _login(client, "pracownik", PASSWORD).status_code == 302
    client.logout()
    _login(client, "pracownik", "zle-haslo")
    _login(client, "pracownik", "zle-haslo")
    assert _login(client, "pracownik", PASSWORD).status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_admin_login_is_limited_the_same_way(client, home_page, editor_user):
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "redaktor", "password": "zle"})
        assert response.status_code == 400
    response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
    assert response.status_code == 429  # the admin re-renders its form with the error
    assert "Zbyt wiele nieudanych prób logowania" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_inactive_account_cannot_log_in(client, home_page):
    UserFactory(username="byly", is_active=False)
    response = _login(client, "byly", PASSWORD)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, home_page, staff_user):
    client.force_login(staff_user)
    assert client.get("/wylogowanie/").status_code == 405
    response = client.post("/wylogowanie/")
    assert response.status_code == 200
    assert "Wylogowano" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_header_offers_login_or_logout(client, home_page, staff_user):
    assert 'href="/logowanie/"' in client.get("/").content.decode()
    client.force_login(staff_user)
    html = client.get("/").content.decode()
    assert 'action="/wylogowanie/"' in html and "Zalogowano: pracownik" in html


def test_password_reset_by_email_end_to_end(client, home_page, staff_user):
    response = client.post("/logowanie/nowe-haslo/", {"email": staff_user.email})
    assert response.status_code == 302
    assert response["Location"] == "/logowanie/nowe-haslo/wyslano/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_user.email]
    assert "nowego hasła" in message.subject
    link = re.search(r"http://testserver(/logowanie/nowe-haslo/\S+/\S+/)", message.body).group(1)

    response = client.get(link, follow=True)
    assert "Ustaw nowe hasło" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "abc", "new_password2": "abd"})
    assert response.status_code == 400
    response = client.post(
        form_url,
        {"new_password1": "Nowe-haslo-do-portalu-7", "new_password2": "Nowe-haslo-do-portalu-7"},
    )
    assert response["Location"] == "/logowanie/nowe-haslo/gotowe/"
    staff_user.refresh_from_db()
    assert staff_user.check_password("Nowe-haslo-do-portalu-7")
    # The link works once.
    assert "nieważny" in client.get(link, follow=True).content.decode()


def test_password_reset_does_not_reveal_unknown_addresses(client, home_page):
    response = client.post("/logowanie/nowe-haslo/", {"email": "nikt@example.org"})
    assert response["Location"] == "/logowanie/nowe-haslo/wyslano/"
    assert mail.outbox == []


def test_password_reset_mails_are_limited_per_address(client, home_page, staff_user):
    for _ in range(8):
        client.post("/logowanie/nowe-haslo/", {"email": staff_user.email})
    assert len(mail.outbox) == 5


def test_password_reset_rejects_a_malformed_address_in_polish(client, home_page):
    response = client.post("/logowanie/nowe-haslo/", {"email": "to-nie-adres"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
