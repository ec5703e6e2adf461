"""The intranet and the NGO zone: who gets in, and their private documents."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

import pytest

from accounts import roles, sample_content
from accounts.models import SectionPage
from accounts.sections import ensure_sections
from pages.department.models import HomePage, StandardPage
from tests.factories.accounts import UserFactory
from tests.factories.pages import ContactPageFactory

pytestmark = pytest.mark.django_db


def _document(collection, title="Poufny wzór"):
    document = get_document_model()(title=title, collection=collection)
    document.file.save("poufny.txt", ContentFile(b"tylko dla pracownikow"), save=False)
    document.save()
    return document


def test_section_lives_under_the_home_page_and_holds_standard_pages():
    assert SectionPage.parent_page_types == ["pages.HomePage"]
    assert "accounts.SectionPage" in HomePage.subpage_types
    assert SectionPage.subpage_types == ["pages.StandardPage"]
    assert "accounts.SectionPage" in StandardPage.parent_page_types


def test_anonymous_readers_are_sent_to_the_portal_login(client, sections):
    for url in ("/intranet/", "/strefa-ngo/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/logowanie/?next={url}"


@pytest.mark.parametrize(
    ("group", "intranet", "extranet"),
    [
        ("Pracownicy", True, True),
        ("Redaktorzy", True, True),
        ("Zatwierdzający", True, True),
        ("Partnerzy NGO", False, True),
        (None, False, False),
    ],
)
def test_who_reads_which_area(client, sections, group, intranet, extranet):
    user = UserFactory(groups=[group] if group else [])
    client.force_login(user)
    for url, allowed in (("/intranet/", intranet), ("/strefa-ngo/", extranet)):
        response = client.get(url)
        assert (response.status_code == 200) is allowed, (group, url)
        if allowed:
            assert "no-store" in response["Cache-Control"]
            assert "noindex" in response.content.decode()


def test_a_signed_in_reader_without_access_is_told_so_not_looped(client, sections, partner_user):
    client.force_login(partner_user)
    response = client.get("/intranet/", follow=True)
    assert response.status_code == 200
    assert "nie jest dostępna dla tego konta" in response.content.decode()


def test_private_documents_follow_their_collection(client, sections, staff_user, partner_user):
    document = _document(sections["intranet"].documents_collection)
    url = document.url
    assert url.startswith("/documents/")
    assert client.get(url)["Location"].startswith("/logowanie/?next=")
    client.force_login(partner_user)
    assert client.get(url).status_code == 302
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"tylko dla pracownikow"


def test_section_lists_its_documents_and_pages(client, sections, staff_user):
    intranet = sections["intranet"]
    _document(intranet.documents_collection, "Wzór delegacji")
    page = intranet.add_child(instance=StandardPage(title="Dyżury", slug="dyzury"))
    page.save_revision().publish()
    client.force_login(staff_user)
    html = client.get("/intranet/").content.decode()
    assert "Wzór delegacji" in html and 'href="/intranet/dyzury/"' in html


def test_a_narrower_subpage_is_not_listed_for_those_it_refuses(client, sections, staff_user):
    intranet = sections["intranet"]
    page = intranet.add_child(instance=StandardPage(title="Tylko redakcja", slug="redakcja"))
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
    restriction.groups.set([])
    client.force_login(staff_user)
    assert "Tylko redakcja" not in client.get("/intranet/").content.decode()


def test_a_sections_children_are_listed_with_their_summaries_whatever_their_type(
    client, sections, staff_user
):
    """The section's own type of child in one query with its summary joined; a child of
    another type (made in code: the admin offers only standard pages) read as its own."""
    intranet = sections["intranet"]
    standard = StandardPage(title="Dyżury", slug="dyzury", summary="Kto dyżuruje w tygodniu.")
    intranet.add_child(instance=standard).save_revision().publish()
    contact = ContactPageFactory(parent=intranet, slug="kontakt-wewn", summary="Telefony.")
    contact.save_revision().publish()
    client.force_login(staff_user)
    html = client.get("/intranet/").content.decode()
    assert "Dyżury</a> – Kto dyżuruje w tygodniu." in html
    assert f'href="/intranet/kontakt-wewn/">{contact.title}</a> – Telefony.' in html


def test_a_section_without_subpages_asks_nothing_for_them(sections):
    intranet = SectionPage.objects.get(pk=sections["intranet"].pk)
    assert intranet.numchild == 0
    with CaptureQueriesContext(connection) as queries:
        assert intranet.listed_children() == []
    assert len(queries) == 0
    page = StandardPage(title="Dyżury", slug="dyzury", summary="Kto dyżuruje.")
    intranet.add_child(instance=page).save_revision().publish()
    intranet = SectionPage.objects.get(pk=intranet.pk)
    assert [child.title for child in intranet.listed_children()] == ["Dyżury"]


def test_a_private_page_lists_the_subpages_its_reader_may_read(client, sections, staff_user):
    """A standard page in the intranet lists its (private) subpages to staff, but not one
    narrower than itself; a page with no subpage asks nothing for the list."""
    parent = sections["intranet"].add_child(instance=StandardPage(title="Kadry", slug="kadry"))
    parent.save_revision().publish()
    for title, slug in (("Urlopy", "urlopy"), ("Płace", "place")):
        parent.add_child(instance=StandardPage(title=title, slug=slug)).save_revision().publish()
    narrower = PageViewRestriction.objects.create(
        page=StandardPage.objects.get(slug="place"), restriction_type="groups"
    )
    narrower.groups.set([])
    client.force_login(staff_user)
    html = client.get("/intranet/kadry/").content.decode()
    assert 'href="/intranet/kadry/urlopy/">Urlopy</a>' in html
    assert "Płace" not in html
    leaf = StandardPage.objects.get(slug="urlopy")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/intranet/kadry/urlopy/").content.decode()
    assert "W tym dziale" not in html
    # No query for its children (treebeard's get_children: a range of paths below it).
    assert not [q for q in queries.captured_queries if f"BETWEEN '{leaf.path}" in q["sql"]]


def test_a_public_pages_shared_list_of_subpages_never_holds_a_restricted_one(
    client, sections, staff_user, home_page, fragments_shared
):
    """The list is part of the page's body, shared by every reader: rendered first for a
    member of staff, it still lists only the public subpages."""
    parent = home_page.add_child(instance=StandardPage(title="Dla mediów", slug="media"))
    parent.save_revision().publish()
    for title, slug in (("Logo miasta", "logo"), ("Embargo prasowe", "embargo")):
        parent.add_child(instance=StandardPage(title=title, slug=slug)).save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=StandardPage.objects.get(slug="embargo"), restriction_type="groups"
    )
    restriction.groups.set(Group.objects.filter(name=roles.STAFF))
    client.force_login(staff_user)
    assert "Logo miasta" in client.get("/media/").content.decode()
    assert client.get("/media/embargo/").status_code == 200  # staff may read it
    client.logout()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/media/").content.decode()
    assert "Logo miasta" in html and "Embargo prasowe" not in html
    # The staff member's render was the one shared (the list not read again).
    assert not [q for q in queries.captured_queries if f"BETWEEN '{parent.path}" in q["sql"]]


def test_an_alias_of_an_intranet_page_in_the_ngo_zone_is_not_listed_for_partners(
    client, sections, partner_user, staff_user
):
    """The alias has the intranet's restriction (core.request_memo), which partners do not
    pass: its title is not listed on the zone's page; staff see it there."""
    page = sections["intranet"].add_child(instance=StandardPage(title="Grafik urlopów", slug="g"))
    page.save_revision().publish()
    page.create_alias(parent=sections["extranet"], update_slug="grafik")
    client.force_login(partner_user)
    assert "Grafik urlopów" not in client.get("/strefa-ngo/").content.decode()
    refused = client.get("/strefa-ngo/grafik/")
    assert refused.status_code == 302 and "Grafik urlopów" not in refused.content.decode()
    client.force_login(staff_user)
    assert "Grafik urlopów" in client.get("/strefa-ngo/").content.decode()


def test_sections_are_idempotent_and_a_removed_restriction_comes_back(home_page):
    first = ensure_sections(home_page)
    PageViewRestriction.objects.filter(page=first[0]).delete()
    second = ensure_sections(home_page)
    assert [s.pk for s in first] == [s.pk for s in second]
    assert PageViewRestriction.objects.filter(page=first[0]).exists()
    assert SectionPage.objects.count() == 2


def test_sample_content_loads_twice_without_duplicates(home_page, monkeypatch):
    monkeypatch.setenv("SAMPLE_ACCOUNTS_PASSWORD", "Przykladowe-haslo-2026")
    sample_content.load()
    summary = sample_content.load()
    assert "nowe strony: 0" in summary and "nowe dokumenty prywatne: 0" in summary
    assert StandardPage.objects.filter(title__startswith="[PRZYKŁAD]").count() == 2
    assert get_document_model().objects.filter(title__startswith="[PRZYKŁAD]").count() == 2


# Exact queries of the signed-in pages (issue 17, goal 7), measured: the session, routing
# (one query and the page), the section's restriction, the reader's groups with the
# restrictions naming them (core.request_memo: every restriction check and the councils'
# panel answered from it), then what the page lists. The user with their second factor's
# state and their permissions come from the snapshot the first request kept
# (accounts.user_snapshot; two queries before it). Before the memo: 17, 12 and 15 (two
# queries per restriction checked, and the councils' panel's own group query); a
# section's children are one query since 4 December 2026 (two before: Wagtail's specific()).
# On PostgreSQL a section's documents and children are read in one round trip with the
# councils' panel's query, or with each other (core.prepared_queries.later): one execute.
@pytest.mark.parametrize(
    ("who", "path", "elsewhere", "on_postgresql"),
    [
        ("staff", "/intranet/", 11, 9),
        ("staff", "/intranet/dyzury/", 8, 8),
        ("partner", "/strefa-ngo/", 10, 9),
    ],
)
def test_signed_in_pages_query_budget(
    client,
    sections,
    staff_user,
    partner_user,
    who,
    path,
    elsewhere,
    on_postgresql,
    django_assert_num_queries,
):
    budget = on_postgresql if connection.vendor == "postgresql" else elsewhere
    for section in sections.values():
        _document(section.documents_collection)
        for slug in ("dyzury", "wzory"):
            section.add_child(
                instance=StandardPage(title=slug, slug=slug)
            ).save_revision().publish()
    client.force_login(staff_user if who == "staff" else partner_user)
    assert client.get(path).status_code == 200
    with django_assert_num_queries(budget):
        assert client.get(path).status_code == 200


# As production serves them (one Redis for the shared fragments, routes and sessions;
# requests in autocommit, on PostgreSQL): a section's front page reads its page, documents,
# subpages and panels in one round trip from the third request of its reader (the first
# stores the route and the plan; the second reads the page by its shared route, preparing
# that query's statement: core.prepared_queries, core.pg_statements), and nothing else
# from the database.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="read ahead on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("who", "path", "statements"),
    [
        ("staff", "/intranet/", 4),  # the page, its documents, subpages, opinion requests
        ("partner", "/strefa-ngo/", 3),
    ],
)
def test_with_redis_a_sections_front_page_is_one_query(
    one_redis, client, sections, staff_user, partner_user, who, path, statements
):
    for section in sections.values():
        _document(section.documents_collection)
        child = section.add_child(instance=StandardPage(title="wzory", slug="wzory"))
        child.save_revision().publish()
    client.force_login(staff_user if who == "staff" else partner_user)
    for _ in range(2):
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200 and "Poufny wzór" in response.content.decode()
    [sql] = [query["sql"] for query in queries.captured_queries]
    sent = sql.split(";\n")
    assert len(sent) == statements and all(one.startswith("EXECUTE ") for one in sent)
