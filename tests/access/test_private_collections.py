"""A document or image leaves a private collection only through an approver.

Every path that can move one: the document's edit form, the image form (the class every
image screen and Wagtail's v3 API build), the bulk "add to collection" action, moving a
collection under another, and the public API (read-only: no method moves anything).
"""

import re

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.documents.api.v3.form_data import build_document_update_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission
from wagtail.users.forms import GroupForm

import pytest

from accounts import roles
from accounts.sections import INTRANET, ensure_collection
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private(home_page):
    return ensure_collection(INTRANET)


@pytest.fixture
def root(db):
    return Collection.get_first_root_node()


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor-kolekcji", groups=[roles.EDITORS])


@pytest.fixture
def approver(db):
    return UserFactory(username="zatwierdzajacy-kolekcji", groups=[roles.APPROVERS])


@pytest.fixture
def document(private):
    document = get_document_model()(title="Regulamin wewnętrzny", collection=private)
    document.file.save("regulamin.txt", ContentFile(b"Tylko dla pracownikow\n"), save=False)
    document.save()
    return document


@pytest.fixture
def image(private):
    return get_image_model().objects.create(
        title="Zdjęcie z narady",
        file=get_test_image_file(filename="narada.png"),
        collection=private,
    )


def _edit_document(client, user, document, collection):
    client.force_login(user)
    return client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": document.title, "collection": collection.pk, "tags": ""},
    )


def test_an_editor_cannot_move_a_private_document_out_in_the_edit_form(
    client, editor, document, root
):
    response = _edit_document(client, editor, document, root)
    assert response.status_code == 200  # the form again, with the reason
    assert "może to zrobić tylko osoba zatwierdzająca" in response.content.decode()
    document.refresh_from_db()
    assert document.collection.name == INTRANET.collection_name


def test_the_document_stays_unreadable_to_anonymous_visitors(client, editor, document, root):
    _edit_document(client, editor, document, root)
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302  # sent to the login page, not served


def test_an_approver_may_move_it_out(client, approver, document, root):
    response = _edit_document(client, approver, document, root)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.collection == root


def test_an_editor_may_move_within_the_same_restriction_and_into_private(
    client, editor, document, private, root
):
    inner = private.add_child(name="Intranet – podfolder")
    assert _edit_document(client, editor, document, inner).status_code == 302
    public_doc = get_document_model()(title="Jawny", collection=root)
    public_doc.file.save("jawny.txt", ContentFile(b"jawny\n"), save=False)
    public_doc.save()
    assert _edit_document(client, editor, public_doc, private).status_code == 302


def test_the_image_form_refuses_an_editor_and_allows_an_approver(editor, approver, image, root):
    ImageForm = get_image_form(get_image_model())
    data = {"title": image.title, "collection": root.pk, "tags": ""}
    refused = ImageForm(data=data, instance=image, user=editor)
    assert not refused.is_valid()
    assert "osoba zatwierdzająca" in str(refused.errors["collection"])
    assert ImageForm(data=data, instance=image, user=approver).is_valid()
    # A form built without a user (no one to check) is closed too.
    anonymous = ImageForm(data=data, instance=image)
    assert not anonymous.is_valid()
    assert "osoba zatwierdzająca" in str(anonymous.errors["collection"])


def test_an_image_edit_screen_refuses_an_editor(client, editor, image, root):
    client.force_login(editor)
    response = client.post(
        f"/admin/images/{image.pk}/",
        {"title": image.title, "collection": root.pk, "tags": ""},
    )
    assert response.status_code == 200
    image.refresh_from_db()
    assert image.collection.name == INTRANET.collection_name


@pytest.mark.parametrize("app_model", ["wagtaildocs/document", "wagtailimages/image"])
def test_bulk_move_refuses_an_editor(client, editor, approver, document, image, root, app_model):
    item = document if app_model.endswith("document") else image
    url = f"/admin/bulk/{app_model}/add_to_collection/?id={item.pk}&next=/admin/"
    client.force_login(editor)
    response = client.post(url, {"collection": root.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.collection.name == INTRANET.collection_name
    client.force_login(approver)
    client.post(url, {"collection": root.pk})
    item.refresh_from_db()
    assert item.collection == root


@pytest.fixture
def collection_managers(root):
    """Editors and approvers given collection management by an administrator (they hold
    none by default): the guard must hold even then."""
    manage = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=["add_collection", "change_collection"],
    )
    for name in (roles.EDITORS, roles.APPROVERS):
        for permission in manage:
            GroupCollectionPermission.objects.create(
                group=Group.objects.get(name=name), collection=root, permission=permission
            )


def test_moving_a_collection_out_from_under_a_private_one(
    client, editor, approver, private, root, collection_managers
):
    inner = private.add_child(name="Intranet – archiwum")
    url = f"/admin/collections/{inner.pk}/"
    client.force_login(editor)
    response = client.post(url, {"name": inner.name, "parent": root.pk})
    assert response.status_code == 200
    assert "osoba zatwierdzająca" in response.content.decode()
    inner.refresh_from_db()
    assert inner.get_parent() == private
    client.force_login(approver)
    assert client.post(url, {"name": inner.name, "parent": root.pk}).status_code == 302
    inner.refresh_from_db()
    assert inner.get_parent() == root


def _set_privacy(client, collection, restriction_type, groups=()):
    data = {"restriction_type": restriction_type, "password": ""}
    if groups:
        data["groups"] = [group.pk for group in groups]
    return client.post(f"/admin/collections/{collection.pk}/privacy/", data)


def _readers(collection):
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        return None
    return restriction.restriction_type, set(restriction.groups.values_list("name", flat=True))


@pytest.mark.parametrize("restriction_type", ["none", "login"])
def test_an_editor_cannot_open_a_private_collection_in_its_privacy_dialog(
    client, editor, document, private, collection_managers, restriction_type
):
    before = _readers(private)
    client.force_login(editor)
    response = _set_privacy(client, private, restriction_type)
    assert response.status_code == 200
    assert "może to zrobić tylko osoba zatwierdzająca" in response.json()["html"]
    assert _readers(private) == before
    client.logout()
    assert client.get(document.url).status_code == 302  # still not served to anyone


def test_an_editor_may_narrow_a_private_collection_and_an_approver_may_open_it(
    client, editor, approver, private, collection_managers
):
    client.force_login(editor)
    editors = Group.objects.filter(name=roles.EDITORS)
    response = _set_privacy(client, private, "groups", editors)
    assert response.json()["step"] == "set_privacy_done"
    assert _readers(private) == ("groups", {roles.EDITORS})
    # Back to the staff as well is wider again: refused.
    _set_privacy(client, private, "groups", Group.objects.filter(name__in=roles.INTRANET_GROUPS))
    assert _readers(private) == ("groups", {roles.EDITORS})
    client.force_login(approver)
    response = _set_privacy(client, private, "none")
    assert response.json() == {"step": "set_privacy_done", "is_public": True}
    assert _readers(private) is None


def test_an_editor_without_collection_management_cannot_open_the_dialog(client, editor, private):
    before = _readers(private)
    client.force_login(editor)
    response = _set_privacy(client, private, "none")
    assert response.status_code in (302, 403)
    assert _readers(private) == before


def test_editors_hold_no_collection_management_by_default(client, editor, private):
    inner = private.add_child(name="Intranet – inne")
    client.force_login(editor)
    response = client.post(f"/admin/collections/{inner.pk}/", {"name": "x", "parent": 1})
    assert response.status_code in (302, 403)
    inner.refresh_from_db()
    assert inner.get_parent() == private and inner.name == "Intranet – inne"


@pytest.mark.parametrize("method", ["put", "patch", "post", "delete"])
def test_the_public_api_moves_nothing(client, editor, document, private, root, method):
    """No write method at all, not only none on a private document (whose 404 would say
    nothing): a public document refuses the method too."""
    public_doc = get_document_model()(title="Jawny w API", collection=root)
    public_doc.file.save("jawny-api.txt", ContentFile(b"jawny\n"), save=False)
    public_doc.save()
    client.force_login(editor)
    for item, target in ((public_doc, private), (document, root)):
        response = getattr(client, method)(
            f"/api/v2/documents/{item.pk}/",
            data={"collection": target.pk, "title": "Zmieniony"},
            content_type="application/json",
        )
        assert response.status_code in (404, 405), (item, response.status_code)
        item.refresh_from_db()
        assert item.title != "Zmieniony"
    assert client.get(f"/api/v2/documents/{public_doc.pk}/").status_code == 200
    assert getattr(client, method)(f"/api/v2/documents/{public_doc.pk}/").status_code == 405
    document.refresh_from_db()
    assert document.collection.name == INTRANET.collection_name


def test_wagtails_v3_update_form_is_guarded_too(editor, approver, document, root):
    """Wagtail 8's v3 API (not mounted here) builds the same form: closed as well."""

    class Payload:
        def model_dump(self, exclude_unset=False):
            return {"collection": root.pk}

    form = build_document_update_form(document, Payload(), editor)
    assert not form.is_valid()
    assert "osoba zatwierdzająca" in str(form.errors)
    # The same request from an approver is valid: the editor's refusal is the guard's.
    assert build_document_update_form(document, Payload(), approver).is_valid()


def _release_permission():
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename="release_from_private_collection"
    )


def test_the_release_permission_is_shown_in_the_group_editor(client):
    """Administrators see who holds it, and grant or take it, in Ustawienia → Grupy."""
    permission = _release_permission()
    approvers = Group.objects.get(name=roles.APPROVERS)
    client.force_login(UserFactory(username="admin-grup", is_superuser=True))
    html = client.get(f"/admin/groups/edit/{approvers.pk}/").content.decode()
    checkbox = re.search(rf'<input[^>]*name="permissions"[^>]*value="{permission.pk}"[^>]*>', html)
    assert checkbox is not None and "checked" in checkbox.group(0)
    assert "Może przenosić dokumenty i obrazy z kolekcji prywatnych" in html


def test_an_administrator_grants_it_to_a_group_through_the_group_form(editor):
    permission = _release_permission()
    editors = Group.objects.get(name=roles.EDITORS)
    shown = GroupForm(instance=editors).fields["permissions"].queryset
    granted = list(shown.filter(group=editors).values_list("pk", flat=True))
    form = GroupForm(
        instance=editors, data={"name": roles.EDITORS, "permissions": [*granted, permission.pk]}
    )
    assert form.is_valid(), form.errors
    form.save()
    editor = type(editor).objects.get(pk=editor.pk)  # a fresh permission cache
    assert editor.has_perm("wagtailcore.release_from_private_collection")
