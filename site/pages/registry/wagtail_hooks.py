from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from core import public_forms
from core.admin_views import ReadOnlyPermissionPolicy
from pages.registry.admin_views import can_import, ngo_import, ngo_import_job
from pages.registry.models import OfferComment
from pages.registry.public_forms import OfferComments
from pages.registry.viewsets import OfferCommentViewSet

register_permission_policy(OfferComment, ReadOnlyPermissionPolicy(OfferComment))


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("rejestr-ngo/import/", ngo_import, name="registry_ngo_import"),
        path("rejestr-ngo/import/<uuid:pk>/", ngo_import_job, name="registry_ngo_import_job"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import rejestru NGO (CSV)",
        reverse("registry_ngo_import"),
        icon_name="upload",
        order=315,
    )


@hooks.register("register_admin_viewset")
def register_offer_comments():
    return OfferCommentViewSet()


@hooks.register(public_forms.HOOK)
def offer_comments():
    return OfferComments()
