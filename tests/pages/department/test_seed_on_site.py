"""Every contact and duty of the department's own description can be read on the site,
reached by links from the home page."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from django.core.management import call_command

import pytest

from tests.pages.department.seed_text import normalise, read_seed

pytestmark = pytest.mark.django_db


class _PageText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def crawl(client, start="/", limit=200) -> dict[str, str]:
    """Visible text of every internal HTML page reachable from START."""
    seen, queue, texts = {start}, [start], {}
    while queue and len(texts) < limit:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _PageText()
        parser.feed(response.content.decode())
        texts[path] = " ".join(parser.text)
        for href in parser.links:
            url = urlparse(urljoin(path, href))
            if url.scheme not in ("", "http") or url.netloc not in ("", "testserver"):
                continue
            if url.path.startswith(("/admin", "/documents", "/static", "/media")):
                continue
            if url.path not in seen:
                seen.add(url.path)
                queue.append(url.path)
    return texts


@pytest.fixture
def site_text(client):
    call_command("load_seed", verbosity=0)
    pages = crawl(client)
    return pages, normalise(" ".join(pages.values()))


def test_seed_facts_are_complete():
    facts = read_seed()
    assert len(facts.duties) == 24
    assert sorted(facts.duties) == list(range(1, 25))
    assert len({name for _role, name in facts.people}) == 9
    assert set(facts.emails) == {"twojadabrowa@dg.pl", "cao@dg.pl"}
    assert len(set(facts.phones)) == 3


def test_home_page_answers_and_links_the_department(client, site_text):
    pages, _text = site_text
    assert "/" in pages
    assert "/wydzial/" in pages and "/kontakt/" in pages


def test_every_person_and_role_is_on_the_site(site_text):
    _pages, text = site_text
    for role, name in read_seed().people:
        assert normalise(name) in text, name
        assert normalise(role) in text, role


def test_every_phone_email_and_channel_is_on_the_site(site_text):
    _pages, text = site_text
    facts = read_seed()
    for phone in facts.phones:
        assert phone in text, phone
    for email in facts.emails:
        assert email in text, email
    for channel in facts.facebook:
        assert channel in text, channel
    for team in facts.teams:
        assert normalise(team) in text, team
    assert "Sienkiewicza 6a" in text and "41-300 Dąbrowa Górnicza" in text


def test_every_duty_is_on_the_site_with_its_number(client, site_text):
    _pages, text = site_text
    department_html = client.get("/wydzial/").content.decode()
    for number, duty in read_seed().duties.items():
        assert normalise(duty) in text, number
        assert f'value="{number}"' in department_html


def test_phones_and_emails_are_links(client, site_text):
    html = client.get("/kontakt/").content.decode()
    assert 'href="tel:+48602502478"' in html
    assert 'href="tel:+48518270597"' in html
    assert 'href="mailto:cao@dg.pl"' in html
    assert 'href="mailto:twojadabrowa@dg.pl"' in html
