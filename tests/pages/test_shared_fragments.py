"""Pages with shared fragments (core.shared_fragments) are the pages without them, byte for
byte apart from each visitor's own tokens, for an anonymous and a signed-in reader, from a
cold and a warm cache; and a warm fragment saves the queries of what it shows."""

import io
import re

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

import pytest

from core.models import SiteContactSettings
from pages.cao.models import (
    AdvisoryServiceIndexPage,
    AdvisoryServicePage,
    EventIndexPage,
    EventPage,
    GuidanceIndexPage,
    GuidancePage,
)
from pages.consultations.models import ConsultationIndexPage, ConsultationPage
from pages.department.models import (
    AccessibilityStatementPage,
    ContactPage,
    DepartmentPage,
    PrivacyPolicyPage,
    TeamPage,
)
from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from snippets.models import NGO, GrantCall, Person
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
    calls = GrantCallIndexPage.objects.live().first().url
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
        calls,
        AdvisoryServiceIndexPage.objects.live().first().url,
        EventIndexPage.objects.live().first().url,
        f"{EventIndexPage.objects.live().first().url}minione/?rodzaj=szkolenie",
        DepartmentPage.objects.live().first().url,
        TeamPage.objects.live().first().url,
        ContactPage.objects.live().first().url,
        AccessibilityStatementPage.objects.live().first().url,
        PrivacyPolicyPage.objects.live().first().url,
        AdvisoryServicePage.objects.live().first().url,  # with its booking form
        GuidanceIndexPage.objects.live().first().url,
        GuidancePage.objects.live().first().url,
        _event_with_registration().url,  # with its registration form
        f"{calls}{GrantCall.objects.published().order_by('pk').first().slug}/",
        "/szukaj/?q=organizacje",  # no page: only the footer is shared
    ]


def _event_with_registration():
    events = EventPage.objects.live().exclude(registration="brak").order_by("path")
    return events.first() or EventPage.objects.live().order_by("path").first()


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
        GuidanceIndexPage,
        EventIndexPage,
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


def _queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_a_second_reader_is_spared_the_queries_of_each_pages_shared_body(
    sample_site, fragments_shared
):
    """With everything else warm, the body rendered afresh (its page changed) costs more
    queries than the body taken from the cache by the next reader, signed in or not: what
    only the body shows is deferred."""
    from core.cache_tags import bump, page_tag

    editor = UserFactory(username="czytelniczka")
    signed_in = Client()
    signed_in.force_login(editor)
    for model in (DepartmentPage, ContactPage, GuidanceIndexPage, EventIndexPage):
        page = model.objects.live().first()
        for client in (signed_in, Client()):
            _queries(client, page.url)  # everything warm
            bump(page_tag(page.pk))  # the page's own parts stale, nothing else
            rendered = _queries(client, page.url)
            reused = _queries(client, page.url)
            assert reused < rendered, f"{model.__name__}: {reused} queries, rendered {rendered}"


def test_a_change_to_what_a_shared_body_shows_makes_it_stale(sample_site, fragments_shared):
    department = DepartmentPage.objects.live().first()
    team = TeamPage.objects.live().first()
    person = team.members.select_related("person").first().person
    client = Client()
    assert person.name in client.get(department.url).content.decode()
    assert person.name in client.get(team.url).content.decode()
    person.name = "Zofia Nowa-Osoba"
    person.save()  # a snippet saved: the pages listing people are stale
    assert "Zofia Nowa-Osoba" in client.get(department.url).content.decode()
    assert "Zofia Nowa-Osoba" in client.get(team.url).content.decode()
    Person.objects.filter(pk=person.pk).update(name="Bez sygnału")  # no signal: stays cached
    assert "Bez sygnału" not in client.get(team.url).content.decode()


def test_the_footer_is_one_entry_for_the_whole_site_and_a_setting_makes_it_stale(
    sample_site, fragments_shared
):
    client = Client()
    paths = [DepartmentPage.objects.live().first().url, TeamPage.objects.live().first().url]
    for path in paths:
        client.get(path)
    footers = [key for key, value in cache._cache.items() if b"site-footer" in value]
    assert len(footers) == 1, "the footer should be shared once for the site, not per page"
    contact = SiteContactSettings.for_site(sample_site.get_site())
    contact.postal_code = "41-399"
    contact.save()
    for path in paths:
        assert "41-399" in client.get(path).content.decode()


def test_no_visitor_value_enters_a_new_shared_part(sample_site, fragments_shared, caplog):
    """A signed-in reader renders the parts first; the anonymous reader after them sees no
    trace of that reader (name, CSRF token), and the event's registration form keeps its
    own token."""
    editor = UserFactory(username="widoczna_nazwa", first_name="Widoczna", last_name="Osoba")
    signed_in = Client()
    signed_in.force_login(editor)
    event = _event_with_registration()
    service = AdvisoryServicePage.objects.live().first()
    for path in (event.url, service.url, DepartmentPage.objects.live().first().url):
        mine = signed_in.get(path).content.decode()
        theirs = Client().get(path).content.decode()
        assert "widoczna_nazwa" not in theirs and "Widoczna Osoba" not in theirs
        for token in re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', mine):
            assert token not in theirs
    for key, value in cache._cache.items():
        if ":shared:" in key:
            assert b"csrfmiddlewaretoken" not in value and b"widoczna_nazwa" not in value
    assert "uses what belongs to the visitor" not in caplog.text
