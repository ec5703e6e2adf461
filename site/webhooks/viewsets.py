"""Administrators' screens: the endpoints (add, edit, delete) and the delivery log (read)."""

from django import forms

from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from core.admin_views import ReadOnlyViewSetMixin
from webhooks.models import WebhookDelivery, WebhookEndpoint


class SecretKeepingForm(forms.ModelForm):
    """The secret is written, never shown back (not even in the edit form's HTML); left
    empty when editing, the stored one stays."""

    secret = forms.CharField(
        label="Sekret",
        max_length=200,
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=WebhookEndpoint._meta.get_field("secret").help_text
        + " Przy edycji pozostaw puste, aby zachować obecny sekret.",
    )

    def clean_secret(self):
        secret = self.cleaned_data["secret"]
        if secret:
            return secret
        if self.instance.pk and self.instance.secret:
            return self.instance.secret
        raise forms.ValidationError("Podaj sekret.")


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

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(
            WebhookEndpoint, form=SecretKeepingForm, fields=self.form_fields
        )


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
