from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from registry.admin_views import can_import, ngo_import
from registry.models import OfferComment


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("rejestr-ngo/import/", ngo_import, name="registry_ngo_import")]


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


class OfferCommentViewSet(ModelViewSet):
    """Comments sent on art. 19a offers: read and exported by editors, not written."""

    model = OfferComment
    icon = "comment"
    menu_label = "Uwagi do ofert (art. 19a)"
    menu_order = 316
    add_to_admin_menu = True
    list_display = ["receipt_number", "offer", "author_name", "submitted_at"]
    list_filter = ["offer"]
    search_fields = ["receipt_number", "author_name", "comment"]
    list_export = ["receipt_number", "offer", "author_name", "email", "comment", "submitted_at"]
    export_headings = {
        "receipt_number": "numer_potwierdzenia",
        "offer": "oferta",
        "author_name": "autor",
        "email": "email",
        "comment": "uwagi",
        "submitted_at": "data_wyslania",
    }
    export_filename = "uwagi-do-ofert-19a"
    form_fields = ["comment"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return OfferComment.objects.select_related("offer")


@hooks.register("register_admin_viewset")
def register_offer_comments():
    return OfferCommentViewSet("uwagi_do_ofert")
