"""Administrators' screens: the endpoints (add, edit, delete) and the delivery log (read)."""

from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from core.admin_views import ReadOnlyViewSetMixin
from webhooks.models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = "webhook_endpoints"
    url_prefix = "webhooki/odbiorcy"
    icon = "link-external"
    menu_label = "Odbiorcy"
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = [
        "name",
        "url",
        "secret",
        "on_publish",
        "on_unpublish",
        "on_delete",
        "page_types",
        "active",
    ]
    list_display = ["name", "url", "active"]


class WebhookDeliveryViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = WebhookDelivery
    name = "webhook_deliveries"
    url_prefix = "webhooki/dostawy"
    icon = "list-ul"
    menu_label = "Dziennik dostaw"
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 100
    ordering = ["-created_at"]
    list_display = [
        DateColumn("created_at", label="Utworzono", sort_key="created_at"),
        "endpoint",
        "event",
        "status",
        "attempts",
        "response_status",
        "error",
    ]
    list_filter = ["status", "event", "endpoint"]


class WebhooksGroup(ModelViewSetGroup):
    menu_label = "Webhooki"
    menu_icon = "link-external"
    add_to_settings_menu = True
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)
