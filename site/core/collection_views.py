"""Wagtail's collection screens with the private-collection guard (core.collection_privacy).

Mounted in config/urls.py at Wagtail's own addresses, before the admin's URLs: the edit
screen's parent field (moving a collection under another is how a whole private folder
would become public at once) and the privacy dialog (removing or widening a collection's
view restriction does the same without moving anything).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from wagtail.admin.forms.collections import CollectionForm, CollectionViewRestrictionForm
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views.collection_privacy import set_privacy
from wagtail.admin.views.collections import Edit
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from core.collection_privacy import check_move, check_restriction_change


class GuardedCollectionForm(CollectionForm):
    guard_user = None

    def clean_parent(self):
        parent = super().clean_parent()
        if not self.instance._state.adding and parent.pk != self.initial.get("parent"):
            # Its own restrictions move with it; what it can lose is what its current
            # parent gives it.
            reason = check_move(
                self.guard_user, self.instance.name, self.instance.get_parent(), parent
            )
            if reason:
                raise forms.ValidationError(reason, code="private_collection")
        return parent


class GuardedCollectionEdit(Edit):
    form_class = GuardedCollectionForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.guard_user = self.request.user
        return form


def guarded_set_privacy(request, collection_id):
    """Wagtail's privacy dialog, refusing to open a private collection to a user without
    the release permission (the form comes back with the reason)."""
    collection = get_object_or_404(Collection, id=collection_id)
    policy = policy_registry.get_by_type(Collection)
    if not policy.user_has_permission_for_instance(request.user, "change", collection):
        raise PermissionDenied
    if request.method == "POST":
        form = CollectionViewRestrictionForm(request.POST)
        if form.is_valid():
            reason = check_restriction_change(request.user, collection, form.cleaned_data)
            if reason:
                form.add_error("restriction_type", reason)
                return render_modal_workflow(
                    request,
                    "wagtailadmin/shared/set_privacy.html",
                    None,
                    {
                        "action_url": reverse(
                            "wagtailadmin_collections:set_privacy", args=(collection.pk,)
                        ),
                        "object": collection,
                        "form": form,
                    },
                    json_data={"step": "set_privacy"},
                )
    return set_privacy(request, collection_id)
