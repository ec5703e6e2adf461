"""Documents and images leave a private collection only through an approver.

A private collection is one with a view restriction on itself or an ancestor (the
intranet's and the NGO zone's collections). Moving an item, or a whole collection, to a
place that is not closed by every one of those restrictions makes it readable by more
people, often by anyone, at once: that needs the permission
`wagtailcore.release_from_private_collection` (given to approvers by accounts'
migration 0005; superusers always hold it). Every path that can move an item is guarded:
the edit forms of documents and images (also used by the multiple upload, the choosers'
upload and Wagtail's v3 API), the bulk "add to collection" action, the collection
edit form's parent field, and the collection's privacy dialog (removing or widening its
view restriction opens every item in it at once). Moving within the same restrictions,
or into a more closed place, and closing a collection further, need nothing more than the
usual `change` permission.
"""

from django import forms

from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection, CollectionViewRestriction

RELEASE_PERMISSION = "wagtailcore.release_from_private_collection"
REFUSED_RESTRICTION = (
    "Kolekcja „%(collection)s” jest prywatna. Zdjęcie albo poszerzenie ograniczenia dostępu "
    "udostępniłoby jej dokumenty i obrazy szerszemu gronu, dlatego może to zrobić tylko osoba "
    "zatwierdzająca. Możesz jedynie zawęzić grono odbiorców."
)
REFUSED = (
    "„%(item)s” jest w kolekcji prywatnej „%(source)s”. Przeniesienie do kolekcji „%(target)s” "
    "udostępniłoby go szerszemu gronu, dlatego może to zrobić tylko osoba zatwierdzająca. "
    "Poproś o to osobę zatwierdzającą albo wybierz kolekcję z tym samym ograniczeniem dostępu."
)


def restriction_ids(collection: Collection) -> set[int]:
    """The view restrictions that close COLLECTION: its own and its ancestors'."""
    return set(
        CollectionViewRestriction.objects.filter(
            collection__in=collection.get_ancestors(inclusive=True)
        ).values_list("pk", flat=True)
    )


def opens_up(source: Collection, target: Collection) -> bool:
    """True when an item moved from SOURCE to TARGET loses one of its restrictions."""
    if source.pk == target.pk:
        return False
    return not restriction_ids(source) <= restriction_ids(target)


def may_release(user) -> bool:
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or user.has_perm(RELEASE_PERMISSION))
    )


def restriction_widens(old: CollectionViewRestriction | None, new: dict) -> bool:
    """True when replacing OLD (a collection's own restriction) by NEW (the privacy form's
    cleaned data) lets someone read who could not before. Only these keep or narrow it:
    the same restriction, login to some groups, and groups to a subset of them."""
    if old is None:
        return False
    kind = new.get("restriction_type")
    if kind == old.restriction_type == CollectionViewRestriction.GROUPS:
        return not set(new.get("groups") or ()) <= set(old.groups.all())
    if kind == old.restriction_type == CollectionViewRestriction.PASSWORD:
        return new.get("password") != old.password
    if kind == old.restriction_type:
        return False
    return not (
        old.restriction_type == CollectionViewRestriction.LOGIN
        and kind == CollectionViewRestriction.GROUPS
    )


def check_restriction_change(user, collection: Collection, new: dict) -> str | None:
    """A Polish reason why USER may not set COLLECTION's own restriction to NEW, or None."""
    old = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction_widens(old, new) and not may_release(user):
        return REFUSED_RESTRICTION % {"collection": collection}
    return None


def refusal(item, source: Collection, target: Collection) -> str:
    return REFUSED % {"item": item, "source": source, "target": target}


def check_move(user, item, source: Collection, target: Collection) -> str | None:
    """A Polish reason why USER may not move ITEM from SOURCE to TARGET, or None."""
    if opens_up(source, target) and not may_release(user):
        return refusal(item, source, target)
    return None


class PrivateCollectionGuardMixin:
    """For documents' and images' forms: the collection field refuses a move out of a
    private collection to a user without the release permission (and to a form built
    without a user: closed by default)."""

    def __init__(self, *args, **kwargs):
        self.guard_user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        # From the database: the instance in memory may already carry a new collection.
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        self.stored_collection = (
            Collection.objects.filter(pk__in=stored.values("collection_id")).first()
            if self.instance.pk
            else None
        )

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("collection")
        if self.stored_collection is not None and target is not None:
            reason = check_move(
                self.guard_user, self.instance.title, self.stored_collection, target
            )
            if reason:
                if "collection" in self.fields:
                    self.add_error("collection", reason)
                else:
                    raise forms.ValidationError(reason, code="private_collection")
        return cleaned


class GuardedImageForm(PrivateCollectionGuardMixin, BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form with the guard."""
