"""The no-leak matrix: roles × channels.

Roles: anonymous, NGO partner, staff, editor, the submissions team (an administrator for
the access record). Channels: page URLs, the API (list, detail,
find, search, the consultations endpoint, documents, images), the site search, RSS and
iCalendar feeds, sitemap.xml, document URLs, image files, and the admin. Each secret
carries a word found nowhere else, so a leak is a plain substring in a response.

The world is built once for the module inside a transaction that is rolled back at the
end (every app's sample content plus the secrets), since building it per test would
multiply the suite's time by the number of tests.
"""

import html
import io

from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, PageViewRestriction

import pytest

from accounts import roles
from accounts.models import SectionPage
from alerts import tasks as alert_tasks
from alerts.models import Subscriber, Subscription
from alerts.registry import all_sources
from api.preview import make_token
from core.models import PersonalDataAccess
from pages.budget.models import (
    BudgetEditionPage,
    BudgetIdea,
    BudgetIndexPage,
    CityUnit,
    IdeaKind,
    MeritOpinion,
    Moderation,
    ProjectPublicFile,
    Supporter,
)
from pages.cao.models import EventIndexPage
from pages.consultations.models import (
    AnnouncementIndexPage,
    ConsultationIndexPage,
    ConsultationResponse,
)
from pages.department.models import StandardPage
from pages.department.seed import ensure_home_page
from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from search.indexing import update_all
from tests.factories import budget
from tests.factories.accounts import UserFactory
from tests.factories.consultations import (
    AnnouncementPageFactory,
    ConsultationPageFactory,
    ConsultationResponseFactory,
)
from tests.factories.registry import GrantCallFactory, NGOFactory
from tests.webhooks.helpers import SECRET, Receiver, verify
from webhooks import signal_handlers as webhook_handlers
from webhooks.bulk import announce_bulk
from webhooks.models import WebhookEndpoint
from webhooks.objects import announced_models

ANONYMOUS, PARTNER, STAFF, EDITOR = "anonim", "partner NGO", "pracownik", "redaktor"
SUBMISSIONS = "obsługa zgłoszeń"
ROLES = (ANONYMOUS, PARTNER, STAFF, EDITOR, SUBMISSIONS)

# secret word -> roles that may read it on the site (never in the API, feeds or sitemap)
INTRANET_WORD = "wewnetrznyzakamarek"
EXTRANET_WORD = "partnerskizakamarek"
DRAFT_WORD = "niedopisanyszkic"
UNPUBLISHED_WORD = "wycofanatresc"
DRAFT_CHANGE_WORD = "poprawkawtoku"
RESTRICTED_CONSULTATION_WORD = "zamknietakonsultacja"
DRAFT_CONSULTATION_WORD = "szkickonsultacji"
DRAFT_ANNOUNCEMENT_WORD = "szkicogloszenia"
DRAFT_CALL_WORD = "szkickonkursu"
DRAFT_NGO_WORD = "szkicorganizacji"
PERSONAL_NAME = "Apolonia Tajemnicka"
PERSONAL_EMAIL = "apolonia.tajemnicka@example.pl"
PUBLIC_WORD = "jawnezakamarki"
# A budget project's author (not agreeing to be named), a supporter, an unconfirmed draft.
BUDGET_AUTHOR = "Bonifacy Projektodawca"
BUDGET_EMAIL = "bonifacy.projektodawca@example.pl"
BUDGET_SUPPORTER = "Hieronim Popierajacy"
BUDGET_SUPPORTER_ADDRESS = "ul. Sekretnapopierajacych 7"
UNCONFIRMED_PROJECT_WORD = "niepotwierdzonyprojekt"
# A resident's idea: its e-mail, an idea awaiting moderation; a unit's private question;
# a public file whose document is in the intranet's collection.
BUDGET_IDEA_EMAIL = "pomyslodawca.ukryty@example.pl"
PENDING_IDEA_WORD = "niezmoderowanypomysl"
MERIT_QUESTION_WORD = "pytaniedojednostki"

SITE_READERS = {
    INTRANET_WORD: {STAFF, EDITOR},
    EXTRANET_WORD: {PARTNER, STAFF, EDITOR},
    RESTRICTED_CONSULTATION_WORD: {STAFF, EDITOR},
}
NEVER_PUBLIC = [
    INTRANET_WORD,
    EXTRANET_WORD,
    DRAFT_WORD,
    UNPUBLISHED_WORD,
    DRAFT_CHANGE_WORD,
    RESTRICTED_CONSULTATION_WORD,
    DRAFT_CONSULTATION_WORD,
    DRAFT_ANNOUNCEMENT_WORD,
    DRAFT_CALL_WORD,
    DRAFT_NGO_WORD,
    PERSONAL_NAME,
    PERSONAL_EMAIL,
    BUDGET_AUTHOR,
    BUDGET_EMAIL,
    BUDGET_SUPPORTER,
    BUDGET_SUPPORTER_ADDRESS,
    UNCONFIRMED_PROJECT_WORD,
    BUDGET_IDEA_EMAIL,
    PENDING_IDEA_WORD,
    MERIT_QUESTION_WORD,
]


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, title, slug, summary=""):
    return _publish(
        parent.add_child(instance=StandardPage(title=title, slug=slug, summary=summary))
    )


def _document(collection, title, filename):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(filename, ContentFile(f"{title}\n".encode()), save=False)
    document.save()
    return document


def _build_world():
    call_command("load_sample_content", stdout=io.StringIO())
    home = ensure_home_page()
    intranet = SectionPage.objects.get(slug="intranet")
    extranet = SectionPage.objects.get(slug="strefa-ngo")
    w = {"home": home, "intranet": intranet, "extranet": extranet}

    w["intranet_page"] = _child(intranet, f"Plan {INTRANET_WORD}", "plan-wewnetrzny", INTRANET_WORD)
    w["extranet_page"] = _child(extranet, f"Plan {EXTRANET_WORD}", "plan-partnerski", EXTRANET_WORD)
    w["public_page"] = _child(home, f"Strona {PUBLIC_WORD}", "jawna-strona", PUBLIC_WORD)
    draft = home.add_child(
        instance=StandardPage(title=f"Szkic {DRAFT_WORD}", slug="szkic-strony", live=False)
    )
    draft.save_revision()
    w["draft_page"] = draft
    unpublished = _child(home, f"Wycofana {UNPUBLISHED_WORD}", "wycofana", UNPUBLISHED_WORD)
    unpublished.unpublish()
    w["unpublished_page"] = unpublished
    changed = _child(home, "Wersja opublikowana", "z-poprawka", "Treść opublikowana.")
    changed.title = f"Poprawka {DRAFT_CHANGE_WORD}"
    changed.save_revision()
    w["changed_page"] = changed

    consultations = ConsultationIndexPage.objects.first()
    w["consultations"] = consultations
    w["public_consultation"] = ConsultationPageFactory(
        parent=consultations, title=f"Konsultacja {PUBLIC_WORD}", slug="konsultacja-jawna"
    )
    restricted = ConsultationPageFactory(
        parent=consultations,
        title=f"Konsultacja {RESTRICTED_CONSULTATION_WORD}",
        slug="konsultacja-zamknieta",
    )
    restriction = PageViewRestriction.objects.create(page=restricted, restriction_type="groups")
    restriction.groups.set(roles_groups(roles.INTRANET_GROUPS))
    w["restricted_consultation"] = restricted
    w["draft_consultation"] = ConsultationPageFactory(
        parent=consultations,
        title=f"Konsultacja {DRAFT_CONSULTATION_WORD}",
        slug="konsultacja-szkic",
        live=False,
        publish=False,
    )
    w["response"] = ConsultationResponseFactory(
        consultation=w["public_consultation"], author_name=PERSONAL_NAME, email=PERSONAL_EMAIL
    )
    announcements = AnnouncementIndexPage.objects.first()
    w["announcements"] = announcements
    w["draft_announcement"] = AnnouncementPageFactory(
        parent=announcements,
        title=f"Ogłoszenie {DRAFT_ANNOUNCEMENT_WORD}",
        live=False,
        publish=False,
    )
    w["public_call"] = GrantCallFactory(title=f"Konkurs {PUBLIC_WORD}")
    w["draft_call"] = GrantCallFactory(title=f"Konkurs {DRAFT_CALL_WORD}", live=False)
    w["draft_ngo"] = NGOFactory(name=f"Fundacja {DRAFT_NGO_WORD}", live=False)

    w["budget"] = BudgetIndexPage.objects.get()
    edition = BudgetEditionPage.objects.get(slug="przyklad-edycja-biezaca")
    pool = edition.pools.first()
    w["budget_project"] = budget.project(
        edition,
        pool,
        title=f"Projekt {PUBLIC_WORD}",
        author_name=BUDGET_AUTHOR,
        author_email=BUDGET_EMAIL,
        author_phone="600100200",
        latitude="50.3",
        longitude="19.2",
    )
    Supporter.objects.create(
        project=w["budget_project"],
        full_name=BUDGET_SUPPORTER,
        address=BUDGET_SUPPORTER_ADDRESS,
        signed_on="2026-01-02",
    )
    w["budget_draft"] = budget.project(
        edition, pool, title=f"Projekt {UNCONFIRMED_PROJECT_WORD}", confirmed=False
    )

    w["intranet_doc"] = _document(
        intranet.documents_collection, f"Dokument {INTRANET_WORD}", "wewnetrzny.txt"
    )
    past = BudgetEditionPage.objects.get(slug="przyklad-edycja-zakonczona")
    w["budget_idea"], _ = BudgetIdea(
        edition=past,
        kind=IdeaKind.IDEA,
        category="zielen",
        title=f"Pomysł {PUBLIC_WORD}",
        description="Opis jawny.",
        email=BUDGET_IDEA_EMAIL,
        moderation=Moderation.PUBLISHED,
    ).save_once()
    BudgetIdea(
        edition=past,
        kind=IdeaKind.IDEA,
        category="sport",
        title=f"Pomysł {PENDING_IDEA_WORD}",
        description=PENDING_IDEA_WORD,
    ).save_once()
    MeritOpinion.objects.create(
        project=w["budget_project"],
        unit=CityUnit.objects.create(name="Jednostka testowa"),
        question=MERIT_QUESTION_WORD,
        feasibility="wykonalny",
        opinion="Opinia jawna.",
        given_at=timezone.now(),
    )
    # Attached while public, then its collection closed: the page must drop it.
    ProjectPublicFile.objects.create(
        project=w["budget_project"], document=w["intranet_doc"], caption=INTRANET_WORD
    )
    w["extranet_doc"] = _document(
        extranet.documents_collection, f"Dokument {EXTRANET_WORD}", "partnerski.txt"
    )
    w["public_doc"] = _document(
        Collection.get_first_root_node(), f"Dokument {PUBLIC_WORD}", "jawny.txt"
    )
    Image = get_image_model()
    w["private_image"] = Image.objects.create(
        title=f"Zdjęcie {INTRANET_WORD}",
        file=get_test_image_file(filename="wewnetrzne.png"),
        collection=intranet.documents_collection,
    )
    w["public_image"] = Image.objects.create(
        title=f"Zdjęcie {PUBLIC_WORD}", file=get_test_image_file(filename="jawne.png")
    )

    w["users"] = {
        PARTNER: UserFactory(username="leak-partner", groups=[roles.NGO_PARTNERS]),
        STAFF: UserFactory(username="leak-staff", groups=[roles.STAFF]),
        EDITOR: UserFactory(username="leak-editor", groups=[roles.EDITORS]),
        SUBMISSIONS: UserFactory(username="leak-submissions", groups=[roles.SUBMISSIONS_TEAM]),
    }
    return w


def roles_groups(names):
    from django.contrib.auth.models import Group

    return list(Group.objects.filter(name__in=names))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        data = _build_world()
        # The search index follows commits, which this transaction never makes: built
        # here, so that the site search and the API's ?search= are asked of a full index.
        update_all()
        yield data
        transaction.set_rollback(True)


@pytest.fixture
def clients(world, db):
    result = {ANONYMOUS: Client()}
    for role, user in world["users"].items():
        client = Client()
        client.force_login(user)
        result[role] = client
    return result


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _assert_no_secret(body: str, where: str, allowed: set[str] = frozenset()):
    for word in NEVER_PUBLIC:
        if word in allowed:
            continue
        assert word not in body, f"{word!r} leaked through {where}"


# -- page URLs --------------------------------------------------------------------------


def test_page_urls(world, clients):
    section_pages = {
        INTRANET_WORD: world["intranet_page"].url,
        EXTRANET_WORD: world["extranet_page"].url,
        RESTRICTED_CONSULTATION_WORD: world["restricted_consultation"].url,
    }
    for role, client in clients.items():
        for word, url in section_pages.items():
            response = client.get(url)
            if role in SITE_READERS[word]:
                assert response.status_code == 200, (role, url)
                assert word in _text(response)
            else:
                assert response.status_code == 302, (role, url)
                assert response["Location"].startswith("/logowanie/")
                assert word not in _text(response)
        for page in ("draft_page", "unpublished_page", "draft_consultation"):
            response = client.get(f"/{world[page].url_path.split('/', 2)[2]}")
            assert response.status_code == 404, (role, page)
        changed = client.get(world["changed_page"].url)
        assert changed.status_code == 200
        assert DRAFT_CHANGE_WORD not in _text(changed)
        public = client.get(world["public_page"].url)
        assert public.status_code == 200 and PUBLIC_WORD in _text(public)


def test_listings_and_home_show_no_secret(world, clients):
    urls = [
        "/",
        world["consultations"].url,
        world["announcements"].url,
        world["public_consultation"].url,
        GrantCallIndexPage.objects.get().url,
        NGODirectoryPage.objects.get().url,
        world["budget"].url,
        world["budget"].url + "projekty/",
        world["budget"].url + f"projekty/{world['budget_project'].pk}/",
        BudgetEditionPage.objects.get(slug="przyklad-edycja-biezaca").url,
        world["budget"].url + "pomysly/",
        world["budget"].url + "pomysly/przyklad-edycja-zakonczona/",
    ]
    for role, client in clients.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            _assert_no_secret(_text(response), f"{url} as {role}")
    for role in ROLES:
        body = _text(clients[role].get(GrantCallIndexPage.objects.get().url))
        assert PUBLIC_WORD in body  # the public call is there, so absence means something
    ideas = _text(clients[ANONYMOUS].get(world["budget"].url + "pomysly/"))
    assert PUBLIC_WORD in ideas  # the published idea is there, without its e-mail
    project_page = world["budget"].url + f"projekty/{world['budget_project'].pk}/"
    assert "Opinia jawna." in _text(clients[ANONYMOUS].get(project_page))


# -- the API ------------------------------------------------------------------------------


def _api_bodies(client, world):
    hidden = [
        "intranet",
        "extranet",
        "intranet_page",
        "extranet_page",
        "draft_page",
        "unpublished_page",
        "restricted_consultation",
        "draft_consultation",
        "draft_announcement",
    ]
    for key in hidden:
        yield key, client.get(f"/api/v2/pages/{world[key].pk}/"), 404
        yield key, client.get(f"/api/v2/pages/find/?html_path={world[key].url_path[5:]}"), 404
    listing = client.get("/api/v2/pages/?limit=100&fields=*")
    yield "listing", listing, 200
    total = listing.json()["meta"]["total_count"]
    for offset in range(100, total, 100):
        yield "listing", client.get(f"/api/v2/pages/?limit=100&offset={offset}&fields=*"), 200
    for page_type in ("pages.StandardPage", "consultations.ConsultationPage"):
        yield page_type, client.get(f"/api/v2/pages/?type={page_type}&fields=*&limit=100"), 200
    yield "consultations", client.get("/api/v2/consultations/?fields=*&limit=100"), 200
    for word in NEVER_PUBLIC:
        yield f"search {word}", client.get(f"/api/v2/pages/?search={word}"), 200
    for endpoint in ("documents", "images"):
        yield endpoint, client.get(f"/api/v2/{endpoint}/?limit=100&fields=*"), 200
        yield endpoint, client.get(f"/api/v2/{endpoint}/?search={INTRANET_WORD}"), 200
    for key in ("intranet_doc", "extranet_doc"):
        yield key, client.get(f"/api/v2/documents/{world[key].pk}/"), 404
        yield key, client.get(f"/api/v2/documents/find/?id={world[key].pk}"), 404
    yield "private image", client.get(f"/api/v2/images/{world['private_image'].pk}/"), 404
    for endpoint in ("budget-projects", "budget-pools", "budget-editions"):
        yield endpoint, client.get(f"/api/v2/{endpoint}/?fields=*&limit=100"), 200
    draft = world["budget_draft"].pk
    yield "budget draft", client.get(f"/api/v2/budget-projects/{draft}/"), 404
    for path in ("/api/v2/ngos/", "/api/v2/grant-calls/", "/api/v2/search/?q=" + INTRANET_WORD):
        response = client.get(path)
        if response.status_code != 404:  # endpoints other issues add as they land
            yield path, response, 200


def test_api_serves_the_same_public_content_to_every_role(world, clients):
    seen = {}
    for role, client in clients.items():
        bodies = []
        for what, response, status in _api_bodies(client, world):
            assert response.status_code == status, (role, what, response.status_code)
            body = _text(response)
            _assert_no_secret(body, f"API {what} as {role}")
            assert "/media/documents/" not in body
            bodies.append(body)
        seen[role] = bodies
    assert len({tuple(bodies) for bodies in seen.values()}) == 1  # identical for everyone
    listing = clients[ANONYMOUS].get("/api/v2/pages/?search=" + PUBLIC_WORD).json()
    assert listing["items"], "the public page must be found, or the search checks nothing"


# -- site search --------------------------------------------------------------------------


def _route_exists(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name not in (None, "wagtail_serve")


def _without_echo(body: str, query: str) -> str:
    """BODY minus the places where the search page repeats what was typed (the search
    boxes, the title, the summary line): showing someone their own query is no leak."""
    typed = html.escape(query)
    for echo in (f'value="{typed}"', f"„{typed}”", f"Wyniki wyszukiwania: {typed}"):
        body = body.replace(echo, "")
    return body


def test_site_search(world, clients):
    if not _route_exists("/szukaj/"):
        pytest.skip("/szukaj/ not in this build yet")
    for role, client in clients.items():
        for word in NEVER_PUBLIC:
            response = client.get("/szukaj/", {"q": word})
            assert response.status_code == 200
            body = _without_echo(_text(response), word)
            allowed = {w for w, readers in SITE_READERS.items() if role in readers}
            _assert_no_secret(body, f"/szukaj/?q={word} as {role}", allowed)
            if role in (ANONYMOUS, PARTNER):
                assert INTRANET_WORD not in body


# -- feeds and sitemap --------------------------------------------------------------------


def test_feeds_and_sitemap(world, clients):
    feeds = [
        world["consultations"].url + "rss/",
        world["consultations"].url + "kalendarz/",
        world["announcements"].url + "rss/",
        GrantCallIndexPage.objects.get().url + "kalendarz.ics",
        EventIndexPage.objects.first().url + "kalendarz/",
        world["budget"].url + "projekty/rss/",
        world["budget"].url + "projekty/geojson/",
        "/sitemap.xml",
    ]
    for role, client in clients.items():
        for url in feeds:
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            _assert_no_secret(_text(response), f"{url} as {role}")
        sitemap = _text(client.get("/sitemap.xml"))
        for key in ("intranet", "extranet", "intranet_page", "restricted_consultation"):
            assert world[key].url not in sitemap
        assert world["public_page"].url in sitemap
        rss = _text(client.get(world["consultations"].url + "rss/"))
        assert PUBLIC_WORD in rss  # the public consultation is in the feed
        ics = _text(client.get(GrantCallIndexPage.objects.get().url + "kalendarz.ics"))
        assert PUBLIC_WORD in ics


# -- documents and images -----------------------------------------------------------------


def test_document_urls(world, clients):
    readers = {
        "intranet_doc": {STAFF, EDITOR},
        "extranet_doc": {PARTNER, STAFF, EDITOR},
        "public_doc": set(ROLES),
    }
    for role, client in clients.items():
        for key, allowed in readers.items():
            document = world[key]
            response = client.get(document.url)
            if role in allowed:
                assert response.status_code == 200, (role, key)
                assert document.title in _text(response)
            else:
                assert response.status_code == 302, (role, key)
                assert response["Location"].startswith("/logowanie/")
            # The file itself is never served as plain media by the app.
            assert client.get(f"/media/{document.file.name}").status_code == 404


def test_image_files_and_renditions(world, clients):
    private = world["private_image"]
    rendition = private.get_rendition("fill-100x100")
    for client in clients.values():
        assert client.get(rendition.url).status_code == 404  # not served by the app
        assert client.get(f"/media/{private.file.name}").status_code == 404
        for url in ("/", world["public_page"].url, "/api/v2/images/?fields=*"):
            body = _text(client.get(url))
            assert rendition.url not in body and private.file.name not in body


def test_private_image_renditions_through_the_api(world, clients):
    """An image of a private collection has no API detail (where renditions are named);
    a public one has (the control)."""
    private, public = world["private_image"], world["public_image"]
    for client in clients.values():
        for url in (f"/api/v2/images/{private.pk}/", f"/api/v2/images/find/?id={private.pk}"):
            response = client.get(url)
            assert response.status_code == 404, url
            _assert_no_secret(_text(response), url)
        renditions = client.get(f"/api/v2/images/{public.pk}/").json()["meta"]["renditions"]
        assert renditions and all(r["url"] for r in renditions.values())
        assert not any(private.file.name.rsplit(".", 1)[0] in r["url"] for r in renditions.values())
    assert not private.renditions.exists()  # the API never made one either


# -- previews in an external front end (api.preview) -------------------------------------


def _preview(client, token=None):
    return client.get("/api/v2/preview/", {"token": token} if token is not None else {})


def test_preview_tokens(world, clients, settings):
    """A preview is opened by its signed token only: no session (an editor's included)
    opens one without it; a page under a view restriction is never previewed, token or
    not; a token altered or out of date is refused; a token shows its one revision."""
    restricted = ("intranet_page", "extranet_page", "restricted_consultation")
    tokens = {key: make_token(world[key].get_latest_revision()) for key in restricted}
    draft_revision = world["changed_page"].get_latest_revision()
    good = make_token(draft_revision)
    for role, client in clients.items():
        response = _preview(client)
        assert response.status_code in (400, 403), role
        for key, token in tokens.items():
            response = _preview(client, token)
            assert response.status_code == 403, (role, key)
            _assert_no_secret(_text(response), f"preview of {key} as {role}")
        tampered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
        assert _preview(client, tampered).status_code == 403, role
        # The control: the token opens the draft revision it was made for, for anyone.
        answer = _preview(client, good)
        assert answer.status_code == 200 and DRAFT_CHANGE_WORD in _text(answer)
        assert answer.json()["id"] == world["changed_page"].pk
        assert "no-store" in answer["Cache-Control"]
    settings.HEADLESS_PREVIEW_SECONDS = 0  # every token is out of date
    for client in clients.values():
        assert _preview(client, good).status_code == 403


# -- webhook payloads ------------------------------------------------------------------------


def test_webhook_payloads(world, db, settings, django_capture_on_commit_callbacks):
    """Every page and every record the API serves, announced for every event, to a real
    receiver: a publication names public pages only, a withdrawal only a page that was
    public (its title was), and no secret word is ever sent."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    receiver = Receiver()
    try:
        WebhookEndpoint.objects.create(name="Odbiorca", url=receiver.url, secret=SECRET)
        with django_capture_on_commit_callbacks(execute=True):
            for page in Page.objects.exclude(depth=1).specific():
                for event in ("publish", "unpublish", "delete"):
                    webhook_handlers.record(page, event)
            for model in announced_models():
                pks = list(model._default_manager.values_list("pk", flat=True))
                # As if every record had been public and had just changed: each one now
                # public is announced, every other only by type and id.
                announce_bulk(model, pks, was_public=set(pks))
    finally:
        receiver.close()
    payloads = [(verify(message), message["body"].decode()) for message in receiver.received]
    published = "\n".join(body for payload, body in payloads if payload["event"] == "publish")
    withdrawn = "\n".join(body for payload, body in payloads if payload["event"] != "publish")
    _assert_no_secret(published, "webhook payloads (publish)")
    # A page unpublished was public until then: its withdrawal may name it, nothing else.
    _assert_no_secret(withdrawn, "webhook payloads (unpublish, delete)", {UNPUBLISHED_WORD})
    assert PUBLIC_WORD in published  # the control: public pages are announced
    public_pages = set(Page.objects.live().public().values_list("pk", flat=True))
    once_public = set(
        Page.objects.public().filter(first_published_at__isnull=False).values_list("pk", flat=True)
    )
    for payload, _body in payloads:
        if "page" in payload:
            allowed = public_pages if payload["event"] == "publish" else once_public
            assert payload["page"]["id"] in allowed, payload
        else:
            assert set(payload["object"]) == {"type", "endpoint", "id", "api_url"}
            if payload["event"] != "publish":
                assert payload["object"]["api_url"] is None


# -- the admin and form personal data -----------------------------------------------------


def test_admin_and_personal_data(world, clients):
    admin_urls = [
        "/admin/",
        f"/admin/pages/{world['intranet'].pk}/",
        f"/admin/pages/{world['draft_page'].pk}/edit/",
    ]
    response_pk = world["response"].pk
    personal_urls = [
        "/admin/consultation_responses/",
        f"/admin/consultation_responses/inspect/{response_pk}/",
        "/admin/consultation_responses/?export=csv",
        "/admin/consultation_responses/?export=xlsx",
        f"/admin/budget_projects/inspect/{world['budget_project'].pk}/",
        f"/admin/budget_projects/edit/{world['budget_project'].pk}/",
        f"/admin/budzet/decyzja/{world['budget_project'].pk}/",
        f"/admin/budget_ideas/inspect/{world['budget_idea'].pk}/",
    ]
    for role, client in clients.items():
        for url in admin_urls:
            response = client.get(url)
            if role == EDITOR or (role == SUBMISSIONS and url == "/admin/"):
                assert response.status_code == 200, (role, url)
            else:
                assert response.status_code in (302, 403), (role, url)
                _assert_no_secret(_text(response), f"{url} as {role}")
        for url in personal_urls:
            response = client.get(url)
            body = _text(response)
            if role == SUBMISSIONS:
                assert response.status_code == 200, (role, url)
            else:  # editors included: they see no submission at all
                assert response.status_code in (302, 403), (role, url)
                assert PERSONAL_NAME not in body and PERSONAL_EMAIL not in body, (role, url)
                assert BUDGET_AUTHOR not in body and BUDGET_EMAIL not in body, (role, url)
                assert BUDGET_IDEA_EMAIL not in body, (role, url)
        # Personal data of a consultation response: never on the public page or the API.
        for url in (
            world["public_consultation"].url,
            f"/api/v2/pages/{world['public_consultation'].pk}/?fields=*",
        ):
            body = _text(client.get(url))
            assert PERSONAL_NAME not in body and PERSONAL_EMAIL not in body
    team_view = _text(clients[SUBMISSIONS].get(personal_urls[1]))
    assert PERSONAL_NAME in team_view and PERSONAL_EMAIL in team_view
    assert PERSONAL_EMAIL in _text(clients[SUBMISSIONS].get(personal_urls[2]))


def test_every_look_at_personal_data_is_recorded_and_only_administrators_read_it(world, clients):
    team = world["users"][SUBMISSIONS]
    before = PersonalDataAccess.objects.filter(user=team).count()
    clients[SUBMISSIONS].get(f"/admin/consultation_responses/inspect/{world['response'].pk}/")
    _text(clients[SUBMISSIONS].get("/admin/consultation_responses/?export=csv"))
    records = list(PersonalDataAccess.objects.filter(user=team).order_by("-pk")[:2])
    assert PersonalDataAccess.objects.filter(user=team).count() == before + 2
    export, view = records
    assert (view.action, view.object_id, view.rows) == ("view", str(world["response"].pk), 1)
    assert view.model_label == "consultations.ConsultationResponse"
    assert (export.action, export.export_format) == ("export", "csv")
    assert export.rows == ConsultationResponse.objects.count()
    # Refused attempts (an editor's) leave the record alone: nothing was shown.
    clients[EDITOR].get("/admin/consultation_responses/?export=csv")
    assert not PersonalDataAccess.objects.filter(user=world["users"][EDITOR]).exists()

    log_url = "/admin/rejestr-dostepu-do-danych/"
    for role, client in clients.items():
        response = client.get(log_url)
        assert response.status_code in (302, 403), role
        assert "leak-submissions" not in _text(response)
    administrator = Client()
    administrator.force_login(UserFactory(username="leak-admin", is_superuser=True))
    response = administrator.get(log_url)
    assert response.status_code == 200 and "leak-submissions" in _text(response)


def test_the_matrix_covers_published_content_as_a_control(world, clients):
    """A control: what is public is reachable everywhere, so the absences above mean something."""
    for client in clients.values():
        assert client.get(world["public_doc"].url).status_code == 200
        ids = {i["id"] for i in client.get("/api/v2/pages/?limit=100").json()["items"]}
        assert world["public_page"].pk in ids
        assert world["public_consultation"].pk in ids
        assert world["public_image"].pk in {
            i["id"] for i in client.get("/api/v2/images/").json()["items"]
        }


# -- e-mail alerts --------------------------------------------------------------------------


def test_e_mail_alerts(world, clients, settings):
    """An address following every kind is told of every moment of every item, asked for
    each item directly: only what anybody may read comes through."""
    settings.ALERTS_DAILY_CAP = 100_000  # every message now, none left for a digest
    subscriber = Subscriber.objects.create(email="czytelnik@example.pl")
    for source in all_sources():
        Subscription.objects.create(subscriber=subscriber, kind=source.kind, frequency="immediate")
    mail.outbox = []
    for source in all_sources():
        for pk in source.model_class()._default_manager.values_list("pk", flat=True):
            alert_tasks.announce.enqueue(source.kind, str(pk), list(source.moments))
    bodies = "\n".join(f"{m.subject}\n{m.body}\n{m.alternatives[0][0]}" for m in mail.outbox)
    _assert_no_secret(bodies, "e-mail alerts")
    assert PUBLIC_WORD in bodies  # the control: public items do come through
