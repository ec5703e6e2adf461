"""Wagtail's collection edit screen with the private-collection guard on its parent field.

Mounted in config/urls.py at Wagtail's own address (admin/collections/<pk>/), before the
admin's URLs: moving a collection under another is how a whole private folder would
become public at once.
"""

from django import forms

from wagtail.admin.forms.collections import CollectionForm
from wagtail.admin.views.collections import Edit

from core.collection_privacy import check_move


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
