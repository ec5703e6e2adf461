"""Admin hooks of the API: the "preview in the front end" button and its URL."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.widgets import Button

from api.preview_admin import enabled, external_preview


@hooks.register("register_admin_urls")
def register_preview_url():
    return [path("podglad-zewnetrzny/<int:page_id>/", external_preview, name="api_preview")]


@hooks.register("register_page_header_buttons")
def external_preview_button(page, user, view_name=None, next_url=None):
    """In the page editor: open the last saved version in the external front end."""
    if not enabled() or not page.permissions_for_user(user).can_edit():
        return
    url = reverse("api_preview", args=[page.pk])
    yield Button("Podgląd w serwisie zewnętrznym", url, icon_name="view", priority=70)
