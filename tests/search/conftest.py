"""Fixtures of the search tests: a small Polish corpus of real pages, indexed."""

from django.db import transaction

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest

from pages.department.models import StandardPage
from pages.department.seed import ensure_home_page
from search import indexing


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    """`with index_now(): ...` runs the index updates that the block enqueues on commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def add_page(parent, title, body="", summary="", publish=True, slug=None):
    page = StandardPage(
        title=title,
        slug=slug or None,
        summary=summary,
        body=[("paragraph", RichText(f"<p>{body}</p>"))] if body else [],
    )
    if slug is None:
        from django.utils.text import slugify

        page.slug = slugify(title)[:50] or "strona"
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    return page


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, built once per module inside a transaction rolled back at its end
    (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        pages = build_corpus(ensure_home_page())
        yield pages
        transaction.set_rollback(True)


@pytest.fixture
def fresh_corpus(home_page):
    """The corpus for a test that changes it."""
    return build_corpus(home_page)


def build_corpus(home_page):
    """Pages covering inflection, identifiers, ranking and privacy; then a full update."""
    pages = {
        "budget": add_page(
            home_page,
            "Konsultacje społeczne budżetu obywatelskiego 2027",
            "Zapraszamy mieszkańców do udziału w konsultacjach. "
            "Propozycje zadań przyjmujemy do 30 marca.",
            summary="Mieszkańcy decydują o części wydatków miasta.",
        ),
        "report": add_page(
            home_page,
            "Sprawozdanie z działalności wydziału",
            "W roku 2026 przeprowadziliśmy trzy konsultacje dotyczące budżetu miasta "
            "i przyjęliśmy wkład organizacji w program współpracy.",
        ),
        "ngos": add_page(
            home_page,
            "Organizacje pozarządowe w Dąbrowie Górniczej",
            "Rejestr organizacji pozarządowych działających w mieście. Stowarzyszenie "
            "Przyjaciół Zagłębia, KRS 0000743219, NIP 629-245-67-89.",
        ),
        "resolution": add_page(
            home_page,
            "Uchwała nr XII/234/2026 Rady Miejskiej",
            "W sprawie programu współpracy miasta z organizacjami na rok 2027.",
        ),
        "cao": add_page(
            home_page,
            "Centrum Aktywności Obywatelskiej",
            "Doradztwo dla organizacji. Zadzwoń: tel. 12 446 83 19 lub przyjdź osobiście.",
        ),
        "intranet": add_page(
            home_page,
            "Procedury wewnętrzne wydziału",
            "Obieg dokumentów przy konsultacjach – tylko dla pracowników.",
        ),
        "secret": add_page(
            home_page,
            "Zespół roboczy ds. konsultacji",
            "Notatki ze spotkań zespołu roboczego w sprawie konsultacji.",
        ),
        "draft": add_page(
            home_page,
            "Projekt ogłoszenia o konsultacjach",
            "Szkic – konsultacje jeszcze nie ogłoszone.",
            publish=False,
        ),
    }
    PageViewRestriction.objects.create(page=pages["intranet"], restriction_type="login")
    PageViewRestriction.objects.create(
        page=pages["secret"], restriction_type="password", password="tajne-haslo"
    )
    indexing.update_all()
    return pages


@pytest.fixture(autouse=True)
def _elasticsearch_not_marked_down():
    # A test that found Elasticsearch down must not make the next one skip it.
    from search.backends import elasticsearch

    elasticsearch._down_until = 0.0
    yield
    elasticsearch._down_until = 0.0
