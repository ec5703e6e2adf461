"""The API serves public content only, whoever calls it (a session unlocks nothing)."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, PageViewRestriction

import pytest

from accounts import roles
from accounts.sections import ensure_sections
from pages.department.models import StandardPage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    intranet, extranet = ensure_sections(home_page)
    secret = intranet.add_child(
        instance=StandardPage(title="Tajna notatka", slug="tajna", summary="sekretnyslowo")
    )
    secret.save_revision().publish()
    public = home_page.add_child(instance=StandardPage(title="Jawna", slug="jawna"))
    public.save_revision().publish()
    draft = home_page.add_child(instance=StandardPage(title="Szkic", slug="szkic", live=False))
    draft.save_revision()
    password_page = home_page.add_child(instance=StandardPage(title="Z hasłem", slug="haslo"))
    password_page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=password_page, restriction_type="password", password="tajne"
    )
    Document = get_document_model()
    private_doc = Document(title="Prywatny", collection=intranet.documents_collection)
    private_doc.file.save("prywatny.txt", ContentFile(b"x"), save=False)
    private_doc.save()
    public_doc = Document(title="Publiczny", collection=Collection.get_first_root_node())
    public_doc.file.save("publiczny.txt", ContentFile(b"y"), save=False)
    public_doc.save()
    Image = get_image_model()
    private_img = Image.objects.create(
        title="Prywatne zdjęcie",
        file=get_test_image_file(),
        collection=intranet.documents_collection,
    )
    public_img = Image.objects.create(title="Publiczne zdjęcie", file=get_test_image_file())
    return {
        "intranet": intranet,
        "extranet": extranet,
        "secret": secret,
        "public": public,
        "draft": draft,
        "password_page": password_page,
        "private_doc": private_doc,
        "public_doc": public_doc,
        "private_img": private_img,
        "public_img": public_img,
    }


def _signed_in(client, group):
    if group == "superuser":
        user = UserFactory(username="su", is_superuser=True, is_staff=True)
    elif group:
        user = UserFactory(groups=[group])
    else:
        return client
    client.force_login(user)
    return client


ROLES = [None, roles.NGO_PARTNERS, roles.STAFF, roles.EDITORS, "superuser"]


@pytest.mark.parametrize("role", ROLES)
def test_pages_listing_and_detail_are_the_same_for_everyone(client, content, role):
    client = _signed_in(client, role)
    # A session that has passed the password restriction unlocks nothing either.
    session = client.session
    restriction = PageViewRestriction.objects.get(page=content["password_page"])
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()

    listing = client.get("/api/v2/pages/?limit=100")
    assert listing.status_code == 200
    ids = {item["id"] for item in listing.json()["items"]}
    assert content["public"].pk in ids
    for hidden in ("secret", "intranet", "extranet", "draft", "password_page"):
        assert content[hidden].pk not in ids, hidden
        assert client.get(f"/api/v2/pages/{content[hidden].pk}/").status_code == 404
    for path in ("/intranet/", "/intranet/tajna/", "/strefa-ngo/", "/haslo/", "/szkic/"):
        assert client.get(f"/api/v2/pages/find/?html_path={path}").status_code == 404
    assert client.get("/api/v2/pages/find/?html_path=/jawna/").status_code == 302
    found = client.get("/api/v2/pages/?search=sekretnyslowo").json()
    assert found["items"] == []
    children = client.get(f"/api/v2/pages/?child_of={content['intranet'].pk}")
    assert children.status_code == 400  # the parent is not found among public pages


@pytest.mark.parametrize("role", ROLES)
def test_documents_and_images_of_private_collections_are_left_out(client, content, role):
    client = _signed_in(client, role)
    docs = {d["id"] for d in client.get("/api/v2/documents/").json()["items"]}
    assert docs == {content["public_doc"].pk}
    assert client.get(f"/api/v2/documents/{content['private_doc'].pk}/").status_code == 404
    images = {i["id"] for i in client.get("/api/v2/images/").json()["items"]}
    assert images == {content["public_img"].pk}
    assert client.get(f"/api/v2/images/{content['private_img'].pk}/").status_code == 404


def test_a_bad_site_filter_is_a_400_not_a_500(client, content):
    assert client.get("/api/v2/pages/?site=localhost:abc").status_code in (400, 404)
