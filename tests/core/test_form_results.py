"""After a submit, the answer is where the browser lands: every form posts to its page with
the fragment `#wynik`, and the one element answering the POST (the error summary, a
refusal, the receipt) carries that id and tabindex="-1"; with errors the title says so."""

import re
from html.parser import HTMLParser

import pytest

from core.public_forms import RESULT_ID
from tests.core.test_public_forms import FORMS

pytestmark = pytest.mark.django_db


class Answer(HTMLParser):
    """The title, the elements with id RESULT_ID and the POST forms' actions of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.results: list[dict] = []
        self.actions: list[str] = []
        self.feed(html)
        self.title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == RESULT_ID:
            self.results.append({"tag": tag, **attrs})
        if tag == "form" and attrs.get("method") == "post":
            self.actions.append(attrs.get("action") or "")


def assert_lands_on(answer: Answer, css_class: str):
    assert len(answer.results) == 1, answer.results
    [result] = answer.results
    assert css_class in result["class"].split()
    assert result["tabindex"] == "-1"


@pytest.mark.parametrize("kind", FORMS)
def test_the_form_posts_to_the_fragment_of_its_answer(client, home_page, kind):
    make, *_ = FORMS[kind]
    target = make(home_page)
    page = Answer(client.get(target.url).text)
    assert [a for a in page.actions if a.endswith(f"#{RESULT_ID}")], page.actions
    assert not page.title.startswith("Błąd")
    assert page.results == []


@pytest.mark.parametrize("kind", FORMS)
def test_a_failed_submit_lands_on_the_error_summary_and_the_title_says_so(client, home_page, kind):
    make, valid, *_ = FORMS[kind]
    target = make(home_page)
    response = client.post(target.url, {**valid(), "form_token": "zły"})
    assert response.status_code == 400
    answer = Answer(response.text)
    assert answer.title.startswith("Błąd: ")
    assert_lands_on(answer, "error-summary")
    assert answer.results[0]["role"] == "alert"


@pytest.mark.parametrize("kind", FORMS)
def test_a_stored_submission_lands_on_its_receipt(client, home_page, kind):
    make, valid, *_ = FORMS[kind]
    response = client.post(make(home_page).url, valid())
    assert response.status_code == 200
    answer = Answer(response.text)
    assert_lands_on(answer, "receipt")
    assert not answer.title.startswith("Błąd")


@pytest.mark.parametrize("kind", FORMS)
def test_a_refusal_is_where_it_lands_too(client, home_page, kind):
    make, valid, *_, off_status = FORMS[kind]
    if off_status is None:
        pytest.skip(f"{kind} never stops taking submissions")
    response = client.post(make(home_page, open_=False).url, valid())
    assert response.status_code in (405, 409)
    answer = Answer(response.text)
    assert_lands_on(answer, "error-summary")
    assert answer.title.startswith("Błąd: ")


@pytest.mark.parametrize("kind", FORMS)
def test_rate_limited_with_a_bad_form_shows_one_answer(client, home_page, settings, kind):
    make, valid, *_ = FORMS[kind]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, kind: (0, 3600)}
    response = client.post(make(home_page).url, {**valid(), "form_token": "zły"})
    assert response.status_code == 429
    answer = Answer(response.text)
    assert_lands_on(answer, "error-summary")  # the refusal, never two elements with one id
    assert "Wysłano zbyt wiele formularzy" in response.text
