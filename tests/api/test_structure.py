"""The site's shape for a front end: navigation tree, breadcrumbs, redirects; public only."""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

import pytest

from accounts.sections import ensure_sections
from pages.department.models import StandardPage
from tests.api.test_openapi import check, spec  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _page(parent, title, slug, *, menu=True, live=True):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, show_in_menus=menu))
    if live:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page.specific


@pytest.fixture
def tree(home_page):
    intranet, extranet = ensure_sections(home_page)
    about = _page(home_page, "O wydziale", "o-wydziale")
    team = _page(about, "Zespół", "zespol")
    _page(about, "Poza menu", "poza-menu", menu=False)
    draft = _page(about, "Szkic", "szkic", live=False)
    secret = _page(intranet, "Tajna notatka", "tajna")
    locked = _page(home_page, "Z hasłem", "z-haslem")
    PageViewRestriction.objects.create(page=locked, restriction_type="password", password="x")
    hidden_child = _page(locked, "Pod hasłem", "pod-haslem")
    return locals()


def test_navigation_is_the_menu_tree_of_public_pages(client, tree, check, settings):  # noqa: F811
    settings.WAGTAILAPI_BASE_URL = "https://portal.example.pl"
    response = client.get("/api/v2/navigation/")
    assert response.status_code == 200
    check("/api/v2/navigation/", 200, response.json())
    items = response.json()["items"]
    by_title = {item["title"]: item for item in items}
    about = by_title["O wydziale"]
    assert about["url"] == "/o-wydziale/"
    assert about["api_url"] == f"https://portal.example.pl/api/v2/pages/{tree['about'].pk}/"
    assert [child["title"] for child in about["children"]] == ["Zespół"]
    assert about["children"][0]["url"] == "/o-wydziale/zespol/"
    text = response.content.decode()
    for hidden in ("Szkic", "Tajna notatka", "Z hasłem", "Pod hasłem", "Poza menu"):
        assert hidden not in text, hidden


def test_breadcrumbs_lead_from_home_to_the_page(client, tree):
    response = client.get(f"/api/v2/breadcrumbs/?id={tree['team'].pk}")
    assert response.status_code == 200
    assert [(i["title"], i["url"]) for i in response.json()["items"]] == [
        (tree["home_page"].title, "/"),
        ("O wydziale", "/o-wydziale/"),
        ("Zespół", "/o-wydziale/zespol/"),
    ]


@pytest.mark.parametrize("hidden", ["draft", "secret", "locked", "hidden_child", "intranet"])
def test_breadcrumbs_of_a_page_that_is_not_public_are_a_404(client, tree, hidden):
    response = client.get(f"/api/v2/breadcrumbs/?id={tree[hidden].pk}")
    assert response.status_code == 404
    assert tree[hidden].title not in response.content.decode()


@pytest.mark.parametrize("query", ["", "?id=abc", "?id=1&x=2"])
def test_breadcrumbs_refuse_a_missing_or_bad_id(client, tree, query):
    response = client.get(f"/api/v2/breadcrumbs/{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_redirects_list_only_public_targets(client, tree):
    site = tree["home_page"].get_site()
    Redirect.objects.create(old_path="/stary-zespol", redirect_page=tree["team"], site=site)
    Redirect.objects.create(
        old_path="/bip", redirect_link="https://bip.example.pl/", is_permanent=False
    )
    Redirect.objects.create(old_path="/notatka", redirect_page=tree["secret"])
    Redirect.objects.create(old_path="/szkic-stary", redirect_page=tree["draft"])
    response = client.get("/api/v2/redirects/")
    assert response.status_code == 200
    assert response.json()["items"] == [
        {
            "old_path": "/bip",
            "target": "https://bip.example.pl/",
            "is_permanent": False,
            "page_id": None,
        },
        {
            "old_path": "/stary-zespol",
            "target": "/o-wydziale/zespol/",
            "is_permanent": True,
            "page_id": tree["team"].pk,
        },
    ]
    assert "notatka" not in response.content.decode()
