"""Pages with shared fragments (core.shared_fragments) are the pages without them, byte for
byte apart from each visitor's own tokens, for an anonymous and a signed-in reader, from a
cold and a warm cache; and a warm fragment saves the queries of what it shows."""

import io
import re

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

import pytest

from pages.cao.models import AdvisoryServiceIndexPage, EventIndexPage
from pages.consultations.models import ConsultationIndexPage, ConsultationPage
from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from snippets.models import NGO
from tests.factories.accounts import UserFactory
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory

pytestmark = pytest.mark.django_db

_TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|form_token)" value=")[^"]*"')


def _normalised(response) -> str:
    assert response.status_code == 200
    return _TOKENS.sub(r'\1…"', response.content.decode())


def _paths() -> list[str]:
    consultations = ConsultationIndexPage.objects.live().first().url
    directory = NGODirectoryPage.objects.live().first().url
    open_consultation = next(
        page for page in ConsultationPage.objects.live().order_by("path") if page.time_left_text()
    )
    return [
        "/",
        consultations,
        f"{consultations}?stan=otwarta&strona=1",
        open_consultation.url,  # with its comment form (CSRF and form tokens)
        ConsultationPage.objects.live().order_by("-path").first().url,
        directory,
        f"{directory}?q=fundacja",
        f"{directory}{NGO.objects.published().order_by('pk').first().slug}/",
        GrantCallIndexPage.objects.live().first().url,
        AdvisoryServiceIndexPage.objects.live().first().url,
        EventIndexPage.objects.live().first().url,
    ]


@pytest.fixture
def sample_site(home_page):
    call_command("load_seed", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())
    return home_page


def test_pages_with_shared_fragments_are_the_pages_without_them(sample_site, settings, caplog):
    editor = UserFactory(username="redaktorka", is_superuser=True, is_staff=True)
    readers = {"anonim": Client(), "zalogowana": Client()}
    readers["zalogowana"].force_login(editor)
    paths = _paths()
    for path in paths:
        for who, client in readers.items():
            settings.FRAGMENT_CACHE_SECONDS = 0
            without = _normalised(client.get(path))
            settings.FRAGMENT_CACHE_SECONDS = 300
            cold = _normalised(client.get(path))
            warm = _normalised(client.get(path))
            assert cold == without, f"{path} ({who}), cold"
            assert warm == without, f"{path} ({who}), warm"
    stored = [key for key in cache._cache if ":shared:" in key]
    assert len(stored) >= len(paths), "the pages' parts were not shared"
    assert "uses what belongs to the visitor" not in caplog.text


def test_a_preview_of_a_draft_neither_gets_nor_leaves_a_shared_part(home_page, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    page = ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=home_page))
    published = Client().get(page.url).content.decode()  # the shared parts stored
    draft = ConsultationPage.objects.get(pk=page.pk)
    draft.subject = "Szkic, którego nikt nie opublikował"
    preview = draft.make_preview_request().content.decode()
    assert "Szkic, którego nikt nie opublikował" in preview
    after = Client().get(page.url).content.decode()
    assert "Szkic" not in after
    assert _TOKENS.sub("", after) == _TOKENS.sub("", published)


def _answer(response) -> str:
    """The page, or where a redirect leads (calls' old local-initiative filter)."""
    if response.status_code in (301, 302):
        return f"{response.status_code} {response['Location']}"
    return _normalised(response)


def test_no_two_filters_or_pages_of_a_list_share_a_fragment(sample_site, settings, caplog):
    """Every filter link and the next page of each list with a shared part, read after the
    unfiltered list, is what the list shows without shared parts: no `vary` misses a
    parameter the list reads (core.shared_fragments also refuses to store such a part)."""
    client = Client()
    for model in (
        ConsultationIndexPage,
        NGODirectoryPage,
        GrantCallIndexPage,
        AdvisoryServiceIndexPage,
    ):
        base = model.objects.live().first().url
        settings.FRAGMENT_CACHE_SECONDS = 0
        response = client.get(base)
        urls = [base]
        for group in response.context["filter_groups"]:
            urls += [option.url for option in group.options if option.url not in urls]
        pagination = response.context.get("pagination")
        if pagination is not None and pagination.next_url:
            urls.append(pagination.next_url)
        assert len(urls) > 2, f"{model.__name__}: no filters to compare"
        expected = {url: _answer(client.get(url)) for url in urls}
        settings.FRAGMENT_CACHE_SECONDS = 300
        for _round in range(2):
            for url in urls:
                assert _answer(client.get(url)) == expected[url], url
    assert "not in vary" not in caplog.text
    assert "uses what belongs to the visitor" not in caplog.text
