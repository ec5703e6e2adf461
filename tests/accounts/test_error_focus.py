"""The login, the second factor and the password forms land on their error summary after a
failed submit (`#wynik`, tabindex="-1") and their title starts with "Błąd: "."""

import pytest

from accounts import two_factor
from tests.core.test_form_results import Answer, assert_lands_on
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def failed(response, status=None) -> Answer:
    if status is not None:
        assert response.status_code == status
    answer = Answer(response.content.decode())
    assert answer.title.startswith("Błąd: "), answer.title
    assert_lands_on(answer, "error-summary")
    return answer


def clean(response) -> Answer:
    answer = Answer(response.content.decode())
    assert not answer.title.startswith("Błąd")
    assert answer.results == []
    assert [a for a in answer.actions if a.endswith("#wynik")], answer.actions
    return answer


def test_login(client, home_page, editor_user):
    clean(client.get("/logowanie/"))
    failed(client.post("/logowanie/", {"username": "redaktor", "password": "zle-haslo"}))


def test_second_factor_verify_and_enrol(client, home_page, editor_user, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    client.force_login(editor_user)
    clean(client.get("/logowanie/dwuetapowe/"))
    failed(client.post("/logowanie/dwuetapowe/", {"code": "000000"}), 400)

    device = two_factor.new_app_device(editor_user)
    two_factor.confirm_app_device(device)
    client.logout()
    client.post("/logowanie/", {"username": "redaktor", "password": PASSWORD})
    clean(client.get("/logowanie/weryfikacja/"))
    failed(client.post("/logowanie/weryfikacja/", {"code": "123456"}), 400)


def test_password_reset(client, home_page):
    clean(client.get("/logowanie/nowe-haslo/"))
    failed(client.post("/logowanie/nowe-haslo/", {"email": "to nie jest adres"}))
