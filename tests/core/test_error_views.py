"""Uncaught errors: a database that cannot be reached answers 503 with Retry-After."""

from django.db import OperationalError
from django.test import RequestFactory
from django.urls import get_resolver

from core.views import server_error


def _answer_while_handling(error):
    try:
        raise error
    except Exception:
        return server_error(RequestFactory().get("/konsultacje/"))


def test_the_site_uses_the_portal_error_view():
    assert get_resolver().resolve_error_handler(500) is server_error


def test_a_database_outage_is_a_503_that_says_to_try_again_shortly():
    response = _answer_while_handling(OperationalError("server closed the connection"))
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    html = response.content.decode()
    assert "Serwis jest chwilowo niedostępny" in html
    assert "numer potwierdzenia" in html


def test_any_other_error_is_the_plain_500():
    response = _answer_while_handling(ValueError("bug"))
    assert response.status_code == 500
    assert "Przepraszamy, wystąpił błąd" in response.content.decode()
    assert "Retry-After" not in response
