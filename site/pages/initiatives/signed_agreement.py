"""The signed agreement's scan: a Wagtail document in the private collection of signed
agreements, restricted to the submissions team (who conclude agreements), so Wagtail's
document view refuses it to anyone else and no public list or API links it
(api.visibility.private_collection_ids). A coordinator uploads it on the assessment
screen; a new scan replaces the old one, whose file is deleted."""

from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from accounts import roles
from pages.initiatives.choices import Status

COLLECTION_NAME = "Inicjatywa lokalna – podpisane umowy (prywatne)"
READERS = (roles.SUBMISSIONS_TEAM,)
SIGNED_STATUSES = (Status.ACCEPTED, Status.REALISED)


def ensure_collection() -> Collection:
    """The private collection of signed agreements; closed again when someone removed
    its restriction (only approvers may, core.collection_privacy)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get_or_create(name=name)[0] for name in READERS])
    return collection


def attach(initiative, uploaded, signed_on, user=None):
    """Store UPLOADED (already checked by content) as INITIATIVE's signed agreement."""
    Document = get_document_model()
    old = initiative.signed_agreement
    with transaction.atomic():
        scan = Document(
            title=f"Umowa {initiative.receipt_number} (podpisana)",
            collection=ensure_collection(),
            uploaded_by_user=user,
        )
        scan.file.save(uploaded.name, uploaded, save=False)
        scan.save()
        initiative.signed_agreement = scan
        initiative.agreement_signed_on = signed_on
        initiative.save(update_fields=["signed_agreement", "agreement_signed_on"])
        if old is not None:
            transaction.on_commit(lambda: _delete(old))
    return scan


def _delete(document) -> None:
    document.file.delete(save=False)
    document.delete()
