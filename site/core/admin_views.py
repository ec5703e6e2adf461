"""Admin pieces shared by every app that shows what the public sent: read-only listings
whose CSV/XLSX exports are safe to open in a spreadsheet (core.spreadsheets)."""

from django import forms
from django.utils import timezone

from wagtail.permission_policies import ModelPermissionPolicy


def local_datetime_text(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def local_naive_datetime(value):
    """For XLSX, which has no time zones: the time as editors in Warsaw read it."""
    return timezone.make_naive(value) if value else None


def export_preprocess(datetime_columns) -> dict:
    """An IndexView's `custom_field_preprocess` for exports of what the public sent:
    moments in local time (text is made safe by SafeSpreadsheetExportMixin)."""
    return {
        column: {"csv": local_datetime_text, "xlsx": local_naive_datetime}
        for column in datetime_columns
    }


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """What residents wrote: nobody, not even a superuser, edits, adds or deletes it in
    the admin; the `view` permission opens the list."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"])


class ReadOnlyViewSetMixin:
    """A ModelViewSet with only the list, its exports and the detail screen: what the
    public sent is read, never added, edited, copied or deleted in the admin."""

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept]

    def get_form_class(self, for_update=False):
        # Never rendered (no add or edit screens), but the viewset builds one eagerly.
        return forms.modelform_factory(self.model, fields=[])
