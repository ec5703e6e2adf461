"""Drafts, private pages and documents in private collections never reach the public."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from search import indexing
from search.models import SearchEntry
from tests.factories.search import make_document, make_pdf
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db


def api_titles(client, query):
    response = client.get("/api/v2/search/", {"q": query})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def page_titles(client, query):
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_drafts_are_never_indexed(client, fresh_corpus):
    assert not SearchEntry.objects.filter(title__startswith="Projekt ogłoszenia").exists()
    assert "Projekt ogłoszenia o konsultacjach" not in api_titles(client, "ogłoszenie")


def test_a_draft_of_a_live_page_does_not_replace_its_public_text(client, fresh_corpus, index_now):
    page = fresh_corpus["cao"]
    page.title = "Tajny roboczy tytuł"
    with index_now():
        page.save_revision()
    assert api_titles(client, "tajny") == []
    assert "Centrum Aktywności Obywatelskiej" in api_titles(client, "centrum")


def test_password_and_group_restricted_pages_are_not_indexed_at_all(fresh_corpus):
    assert not SearchEntry.objects.filter(title__startswith="Zespół roboczy").exists()


def test_login_restricted_pages_only_for_logged_in_users(client, fresh_corpus, django_user_model):
    assert "Procedury wewnętrzne wydziału" not in api_titles(client, "procedury")
    assert "wewnętrzne wydziału" not in page_titles(client, "procedury")
    user = django_user_model.objects.create_user("pracownik", password="haslo-testowe-123")
    client.force_login(user)
    assert "<mark>Procedury</mark> wewnętrzne wydziału" in page_titles(client, "procedury")
    # The API is always anonymous: what a harvester gets does not depend on a cookie.
    assert "Procedury wewnętrzne wydziału" not in api_titles(client, "procedury")


def test_restricting_a_section_removes_it_and_its_subpages(client, home_page, index_now):
    with index_now():
        parent = add_page(home_page, "Strefa partnerów", "Materiały dla partnerów wydziału.")
        child = add_page(parent, "Harmonogram spotkań partnerów", "Spotkania co miesiąc.")
    assert "Harmonogram spotkań partnerów" in api_titles(client, "harmonogram")
    with index_now():
        restriction = PageViewRestriction.objects.create(page=parent, restriction_type="groups")
    assert api_titles(client, "harmonogram") == []
    assert api_titles(client, "partner") == []
    with index_now():
        restriction.delete()
    assert api_titles(client, "harmonogram") == [child.title]


def test_documents_in_private_collections_never_reach_the_public(client, home_page, index_now):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Dokumenty wewnętrzne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="password")
    with index_now():
        make_document(
            "Plan kontroli", "plan.pdf", make_pdf(["Plan kontroli stowarzyszeń"]), private
        )
        make_document("Plan wydarzeń", "wydarzenia.pdf", make_pdf(["Plan wydarzeń w CAO"]))
    assert api_titles(client, "plan") == ["Plan wydarzeń"]
    assert not SearchEntry.objects.filter(title="Plan kontroli").exists()


def test_making_a_collection_private_removes_its_documents(client, home_page, index_now):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Archiwum")
    with index_now():
        make_document(
            "Archiwalny regulamin", "regulamin.pdf", make_pdf(["Regulamin konkursu"]), collection
        )
    assert api_titles(client, "regulamin") == ["Archiwalny regulamin"]
    with index_now():
        CollectionViewRestriction.objects.create(collection=root, restriction_type="groups")
    assert api_titles(client, "regulamin") == []


def test_a_promoted_draft_or_private_page_is_not_shown(client, fresh_corpus):
    query = Query.get("konsultacje")
    SearchPromotion.objects.create(query=query, page=fresh_corpus["draft"], sort_order=0)
    SearchPromotion.objects.create(query=query, page=fresh_corpus["secret"], sort_order=1)
    SearchPromotion.objects.create(query=query, page=fresh_corpus["budget"], sort_order=2)
    promoted = client.get("/api/v2/search/", {"q": "konsultacje"}).json()["promoted"]
    assert [p["title"] for p in promoted] == [fresh_corpus["budget"].title]


def test_suggestions_never_reveal_words_of_restricted_content(client, fresh_corpus):
    # "notatki" exists only on the password-protected page.
    response = client.get("/api/v2/search/", {"q": "notatka"}).json()
    assert response["count"] == 0
    assert response["suggestion"] == ""
    indexing.update_all()
    assert client.get("/api/v2/search/suggest/", {"q": "proced"}).json()["results"] == []
