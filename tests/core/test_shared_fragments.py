"""Shared fragments (core.shared_fragments): a reader-independent part of a page rendered
once for everyone, never for a preview, a private or unpublished page or a visitor's own
data, stale exactly when the page cache's entry of the page would be."""

import time
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from core import cache_tags, page_cache, shared_fragments
from core.cache_tags import bump, model_tag, page_tag
from core.page_cache import depends_on
from snippets.models import NGO, District
from tests.factories.accounts import UserFactory
from tests.factories.pages import StandardPageFactory
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db

BODY = (
    "{% load shared_fragments %}"
    "[{% shared_fragment 'body' VARY %}{{ counter }}{% endshared_fragment %}]"
)
LOAD = "{% load shared_fragments %}"


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


class Counter:
    """Renders as the number of times it was rendered: a cached part shows an old number."""

    def __init__(self):
        self.renders = 0

    def __str__(self):
        self.renders += 1
        return str(self.renders)


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, slug="o-nas", title="O nas")


def _request(path="/o-nas/", user=None, **extra):
    request = RequestFactory().get(path, **extra)
    request.user = user or AnonymousUser()
    request.session = {}
    return request


def _render(page, counter, request=None, source=BODY, vary="", **context):
    source = source.replace("VARY", f'vary="{vary}"' if vary else "")
    request = request or _request()
    values = {"request": request, "page": page, "counter": counter, **context}
    return Template(source).render(Context(values))


def test_a_part_is_rendered_once_and_shown_to_every_reader(page):
    counter = Counter()
    anonymous = _render(page, counter)
    signed_in = _render(page, counter, _request(user=UserFactory()))
    assert anonymous == signed_in == "[1]"
    assert counter.renders == 1


def test_off_when_fragment_cache_seconds_is_0(page, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    counter = Counter()
    assert (_render(page, counter), _render(page, counter)) == ("[1]", "[2]")


@pytest.mark.parametrize("flag", ["is_preview", "is_dummy"])  # both set by Wagtail's previews
def test_a_preview_is_never_served_a_shared_part_nor_stores_one(page, flag):
    counter = Counter()
    preview = _request()
    setattr(preview, flag, True)
    assert _render(page, counter, preview) == "[1]"
    assert _render(page, counter) == "[2]"  # the preview stored nothing
    preview = _request()
    setattr(preview, flag, True)
    assert _render(page, counter, preview) == "[3]"  # nor is it served the stored part


def test_the_answer_to_a_post_is_never_served_a_shared_part_nor_stores_one(page):
    # A POST's answer shows what the visitor sent (a form with their answers and errors).
    counter = Counter()

    def post():
        request = RequestFactory().post("/o-nas/", {"comment": "moja uwaga"})
        request.user = AnonymousUser()
        request.session = {}
        return request

    assert _render(page, counter, post()) == "[1]"
    assert _render(page, counter) == "[2]"  # the POST stored nothing
    assert _render(page, counter, post()) == "[3]"  # nor is it served the stored part
    assert _render(page, counter) == "[2]"


def test_a_page_that_is_not_live_is_never_shared(page):
    page.live = False
    counter = Counter()
    assert (_render(page, counter), _render(page, counter)) == ("[1]", "[2]")


@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_a_page_with_a_view_restriction_on_it_or_an_ancestor_is_never_shared(page, on):
    child = StandardPageFactory(parent=page, slug="w-srodku")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    shown = page if on == "page" else child
    counter = Counter()
    request = _request(shown.url)
    assert (_render(shown, counter, request), _render(shown, counter, request)) == ("[1]", "[2]")


@pytest.mark.parametrize(
    "source",
    [
        "{{ user.username }}",
        "{% if user.is_authenticated and 1 %}zalogowany{% endif %}",  # `and` hides errors
        "{{ request.user.username }}",
        "{% for m in messages %}{{ m }}{% endfor %}",
        "{% if perms.pages %}redaktor{% endif %}",
    ],
)
def test_a_part_that_reads_the_visitor_is_never_shared(page, source, settings, caplog):
    source = f"{LOAD}{{% shared_fragment 'x' %}}{source}{{% endshared_fragment %}}"
    alice = UserFactory(username="alicja", is_superuser=True)

    def as_each(who):
        user = who or AnonymousUser()
        values = {"user": user, "messages": [f"dla {user}"], "perms": {"pages": who is not None}}
        return _render(page, Counter(), _request(user=user), source, **values)

    shared = [as_each(alice), as_each(None)]
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert shared == [as_each(alice), as_each(None)]
    assert shared[0] != shared[1]
    assert "uses what belongs to the visitor" in caplog.text


def test_a_part_holding_a_form_token_is_never_shared(page):
    source = (
        "{% load shared_fragments %}{% shared_fragment 'x' %}"
        '<input type="hidden" name="csrfmiddlewaretoken" value="{{ token }}">'
        "{% endshared_fragment %}"
    )
    assert "sekret-a" in _render(page, Counter(), source=source, token="sekret-a")
    assert "sekret-b" in _render(page, Counter(), source=source, token="sekret-b")


def test_the_named_parameters_key_the_part_others_do_not(page):
    counter = Counter()

    def get(query):
        return _render(page, counter, _request(f"/o-nas/?{query}"), vary=" q,page,page")

    assert get("page=2&q=park") == "[1]"
    assert get("q=park&page=2&utm_source=x") == "[1]"  # order and unnamed parameters
    assert get("page=3&q=park") == "[2]"
    assert get("page=2") == "[3]"
    assert get("page=2&q=park&q=las") == "[4]"  # every value counts


def test_the_path_keys_the_part(page):
    """A routable page's records share its page object but not their parts."""
    counter = Counter()
    assert _render(page, counter, _request("/o-nas/a/")) == "[1]"
    assert _render(page, counter, _request("/o-nas/b/")) == "[2]"


@pytest.mark.parametrize(
    "tag",
    [
        lambda page: page_tag(page.pk),  # the page published
        lambda page: cache_tags.ALL,
        lambda page: cache_tags.HARD,  # unpublished, made private
        lambda page: model_tag("snippets.person"),  # what its type lists
    ],
)
def test_stale_once_anything_the_page_depends_on_changes(page, tag):
    page.page_cache_lists = ("snippets.person",)
    counter = Counter()
    assert _render(page, counter) == "[1]"
    bump(tag(page))
    assert _render(page, counter) == "[2]"
    assert _render(page, counter) == "[2]"


def test_the_tags_are_the_page_caches_tags(page):
    request = _request()
    depends_on(request, "model:cao.eventpage")
    assert page_cache.page_tags(request, page) == {
        "all",
        "hard",
        page_tag(page.pk),
        "model:cao.eventpage",
    }  # a StandardPage lists nothing (page_cache_lists = ())


def test_what_the_part_declares_for_the_page_cache_is_declared_again_when_reused(page):
    later = timezone.now() + timedelta(seconds=30)

    class Declares:
        def __init__(self, request):
            self.request = request

        def __str__(self):
            depends_on(self.request, "model:snippets.district")
            page_cache.expire_page_cache_by(self.request, later)
            return "x"

    source = (
        "{% load shared_fragments %}{% shared_fragment 'x' %}{{ declares }}{% endshared_fragment %}"
    )
    for _ in range(2):
        request = _request()
        _render(page, Counter(), request, source, declares=Declares(request))
        assert "model:snippets.district" in getattr(request, page_cache._TAGS_ATTR)
        assert getattr(request, page_cache._EXPIRES_ATTR) == later
    # and the tag it declared makes it stale
    bump("model:snippets.district")
    request = _request()
    declares = Declares(request)
    counter = Counter()
    source = source.replace("{{ declares }}", "{{ declares }}{{ counter }}")
    assert _render(page, counter, request, source, declares=declares) == "x1"


def _stored_lifetime(page) -> float:
    request = _request()
    key = shared_fragments.fragment_key("body", "<unknown source>", request, page, ())
    entry = cache_tags.cache().get(key)
    assert entry is not None
    return entry[1] - time.time()


def test_never_kept_past_the_next_change_by_the_clock(page, monkeypatch):
    soon = timezone.now() + timedelta(seconds=20)
    monkeypatch.setattr(page_cache.lifecycle, "next_change", lambda now: soon)
    _render(page, Counter())
    assert 0 < _stored_lifetime(page) <= 20


def test_never_kept_past_the_pages_own_limit(page):
    page.cache_expires_at = lambda request: timezone.now() + timedelta(seconds=10)
    _render(page, Counter())
    assert 0 < _stored_lifetime(page) <= 10


def test_never_kept_past_fragment_cache_seconds(page, settings):
    settings.FRAGMENT_CACHE_SECONDS = 7
    _render(page, Counter())
    assert 0 < _stored_lifetime(page) <= 7


def test_a_failing_cache_renders(page, monkeypatch):
    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("Redis down")

            return fail

    monkeypatch.setattr(cache_tags, "cache", lambda: Broken())
    counter = Counter()
    assert (_render(page, counter), _render(page, counter)) == ("[1]", "[2]")


def test_without_a_page_or_request_it_renders():
    counter = Counter()
    template = Template(BODY.replace("VARY", ""))
    assert template.render(Context({"counter": counter})) == "[1]"
    assert template.render(Context({"counter": counter})) == "[2]"


def test_a_wrong_argument_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        Template(
            "{% load shared_fragments %}{% shared_fragment 'x' page %}{% endshared_fragment %}"
        )


@pytest.mark.parametrize(
    "source",
    [
        "{{ request.GET.dzielnica }}",
        "{% if request.GET %}filtr{% endif %}",
        "{{ request.GET.urlencode }}",
    ],
)
def test_a_part_reading_a_query_parameter_vary_does_not_name_is_never_shared(page, source, caplog):
    """A missing name in `vary` would show one reader's filtered list to every reader."""
    source = (
        f"{LOAD}{{% shared_fragment 'x' vary='stan' %}}{source}{{{{ counter }}}}"
        "{% endshared_fragment %}"
    )
    counter = Counter()
    first = _render(page, counter, _request("/o-nas/?stan=a&dzielnica=zachod"), source)
    second = _render(page, counter, _request("/o-nas/?stan=a&dzielnica=centrum"), source)
    assert first != second  # rendered again, not taken from the cache
    assert "not in vary" in caplog.text


def test_a_part_after_a_list_whose_parameters_vary_does_not_name_is_never_shared(page, caplog):
    from core.listing import ChoiceFilter, Listing

    topic = ChoiceFilter.of("temat", "Temat", [("a", "A"), ("b", "B")])

    def render(query):
        request = _request(f"/o-nas/?{query}")
        listing = Listing(request, [topic])  # read by the view, before the part renders
        source = (
            f"{LOAD}{{% shared_fragment 'x' vary='strona' %}}{{{{ listing.selected.temat }}}}"
            "{% endshared_fragment %}"
        )
        return _render(page, Counter(), request, source, listing=listing)

    assert (render("temat=a"), render("temat=b")) == ("a", "b")
    assert "?temat (not in vary)" in caplog.text


SITE_PART = (
    "{% load shared_fragments %}"
    "[{% shared_fragment 'footer' scope='site' %}{{ counter }}{% endshared_fragment %}]"
)


def test_a_site_part_is_one_entry_for_every_page_and_path(page, home_page):
    counter = Counter()
    first = _render(page, counter, source=SITE_PART)
    other = _render(home_page, counter, _request("/"), source=SITE_PART)
    no_page = _render(None, counter, _request("/szukaj/?q=x"), source=SITE_PART)
    assert first == other == no_page == "[1]"
    assert counter.renders == 1


def test_a_site_part_is_stale_once_anything_every_page_depends_on_changes(page):
    counter = Counter()
    assert _render(page, counter, source=SITE_PART) == "[1]"
    bump(page_tag(page.pk))  # the page's own change: not the site's part
    assert _render(page, counter, source=SITE_PART) == "[1]"
    bump(cache_tags.ALL)  # settings, sites, structure
    assert _render(page, counter, source=SITE_PART) == "[2]"


def test_a_site_part_that_reads_the_page_is_never_shared(page, caplog):
    source = SITE_PART.replace("{{ counter }}", "{{ counter }}{{ page.title }}")
    counter = Counter()
    first = _render(page, counter, source=source)
    assert _render(page, counter, source=source) != first  # rendered again: nothing stored
    assert first.endswith("O nas]")
    assert "uses what belongs to the visitor" in caplog.text


def test_a_site_part_is_not_shared_on_a_preview(page):
    counter = Counter()
    preview = _request()
    preview.is_preview = True
    assert _render(page, counter, preview, source=SITE_PART) == "[1]"
    assert _render(page, counter, preview, source=SITE_PART) == "[2]"
    assert _render(page, counter, source=SITE_PART) == "[3]"  # stored by the live page
    assert _render(page, counter, preview, source=SITE_PART) == "[4]"  # not read either


def test_a_restricted_page_shows_the_stored_site_part_but_never_stores_its_own(page, home_page):
    """The rest of a restricted page's context (an intranet panel) is not checked as the
    page and the visitor are, so nothing rendered there is stored; the copy a public page
    stored reads nothing of the page and is shown."""
    intranet = StandardPageFactory(parent=home_page, slug="intranet", title="Intranet")
    PageViewRestriction.objects.create(page=intranet, restriction_type="login")
    counter = Counter()
    request = _request("/intranet/")
    assert _render(intranet, counter, request, source=SITE_PART) == "[1]"
    assert _render(intranet, counter, _request("/intranet/"), source=SITE_PART) == "[2]"
    assert _render(page, counter, source=SITE_PART) == "[3]"  # the first stored copy
    assert _render(intranet, counter, _request("/intranet/"), source=SITE_PART) == "[3]"
    bump(cache_tags.ALL)
    assert _render(intranet, counter, _request("/intranet/"), source=SITE_PART) == "[4]"
    assert _render(page, counter, source=SITE_PART) == "[5]"


def test_a_site_part_never_keeps_the_pages_own_limit(page):
    """A page's limit (its view's expire_page_cache_by) is not stored with the site's part,
    so another page reusing it is not cut short."""
    request = _request()
    page_cache.expire_page_cache_by(request, timezone.now() + timedelta(seconds=30))
    _render(page, Counter(), request, source=SITE_PART)
    other = _request("/")
    _render(page, Counter(), other, source=SITE_PART)
    assert page_cache.expires_at(other, None) is None


def test_a_site_part_takes_no_vary():
    with pytest.raises(TemplateSyntaxError):
        Template(LOAD + "{% shared_fragment 'x' scope='page,site' %}{% endshared_fragment %}")


def test_a_site_part_after_a_list_is_shared_but_its_own_query_reads_are_not(page, caplog):
    from core.listing import LISTING_PARAMS_ATTR

    request = _request("/o-nas/?strona=2")
    setattr(request, LISTING_PARAMS_ATTR, ("strona",))
    counter = Counter()
    assert _render(page, counter, request, source=SITE_PART) == "[1]"
    assert _render(page, counter, _request("/"), source=SITE_PART) == "[1]"
    reading = SITE_PART.replace("{{ counter }}", "{{ counter }}{{ request.GET.strona }}")
    reading = reading.replace("'footer'", "'reads_the_query'")  # its own entry
    assert _render(page, Counter(), _request("/o-nas/?strona=2"), source=reading) == "[22]"
    assert "not in vary" in caplog.text


# A record's part (record_part): rendered from a published record alone, on any page.


@pytest.fixture
def renders(monkeypatch):
    """The templates record_part rendered: each render's context, in order."""
    rendered = []

    def render_to_string(template_name, context):
        rendered.append(context)
        return f"<p>{context['text']}</p>"

    monkeypatch.setattr(shared_fragments, "render_to_string", render_to_string)
    return rendered


def _record_part(request, record, text="Rekord"):
    return shared_fragments.record_part(
        request, record, "czesc.html", lambda shown: {"text": text}, shows=[District]
    )


def test_a_live_records_part_is_rendered_once_and_stale_when_its_models_change(renders, home_page):
    ngo = NGOFactory()
    assert _record_part(_request(), ngo) == "<p>Rekord</p>"
    assert _record_part(_request(), ngo, "inny") == "<p>Rekord</p>" and len(renders) == 1
    assert _record_part(_request(), NGOFactory(), "inny") == "<p>inny</p>"
    bump(model_tag(District))
    assert _record_part(_request(), ngo, "po zmianie") == "<p>po zmianie</p>"
    ngo.save()
    assert _record_part(_request(), ngo, "zapisany") == "<p>zapisany</p>"


def test_a_records_part_is_never_shared_unpublished_posted_previewed_or_with_fragments_off(
    renders, settings, home_page
):
    draft = NGOFactory(live=False)
    _record_part(_request(), draft)
    _record_part(_request(), draft)
    ngo = NGOFactory()
    post = RequestFactory().post("/", {"email": "x"})
    _record_part(post, ngo)
    _record_part(post, ngo)
    preview = _request()
    preview.is_preview = True
    _record_part(preview, ngo)
    settings.FRAGMENT_CACHE_SECONDS = 0
    _record_part(_request(), ngo)
    _record_part(_request(), ngo)
    assert len(renders) == 7


def test_a_records_part_shows_the_record_as_it_is_when_the_versions_are_read(renders, home_page):
    # The caller read the record before a change that bumped its model's tag: what is
    # stored under the new versions is the record as it is now, not as the caller read it.
    ngo = NGOFactory(name="Nazwa stara")
    read_before = NGO.objects.get(pk=ngo.pk)
    ngo.name = "Nazwa nowa"
    ngo.save()

    def name_shown(record):
        return shared_fragments.record_part(
            _request(), record, "czesc.html", lambda shown: {"text": shown.name}
        )

    assert name_shown(read_before) == "<p>Nazwa nowa</p>"
    assert name_shown(read_before) == "<p>Nazwa nowa</p>" and len(renders) == 1


def test_a_record_unpublished_after_the_callers_read_is_shown_as_read_and_not_stored(
    renders, home_page
):
    ngo = NGOFactory()
    NGO.objects.filter(pk=ngo.pk).update(live=False)  # no signal: no version bumped
    assert _record_part(_request(), ngo) == "<p>Rekord</p>"
    assert _record_part(_request(), ngo) == "<p>Rekord</p>" and len(renders) == 2


def test_a_preview_neither_reads_nor_stores_a_records_part(renders, home_page):
    ngo = NGOFactory()
    assert _record_part(_request(), ngo) == "<p>Rekord</p>"
    preview = _request()
    preview.is_preview = True
    assert _record_part(preview, ngo, "niezapisane") == "<p>niezapisane</p>"
    assert _record_part(_request(), ngo, "inny") == "<p>Rekord</p>" and len(renders) == 2


def test_a_page_is_never_a_records_part(renders, page):
    # A live page may still be restricted: only snippets' live rows are public.
    _record_part(_request(), page)
    _record_part(_request(), page)
    assert len(renders) == 2


def test_a_record_without_drafts_is_never_shared(renders, home_page):
    district = District.objects.create(name="Centrum", slug="centrum")
    _record_part(_request(), district)
    _record_part(_request(), district)
    assert len(renders) == 2


def test_a_records_part_holding_a_form_token_is_never_stored(monkeypatch, home_page, caplog):
    token = '<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
    calls = []

    def render_to_string(template_name, context):
        calls.append(template_name)
        return token

    monkeypatch.setattr(shared_fragments, "render_to_string", render_to_string)
    ngo = NGOFactory()
    assert _record_part(_request(), ngo) == token
    assert _record_part(_request(), ngo) == token
    assert len(calls) == 4  # rendered, refused, rendered for the page: twice
    assert "holds a form token" in caplog.text
