"""Administrators' screen of the personal-data access record: read, filter, export."""

from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_views import ReadOnlyViewSetMixin
from core.models import PersonalDataAccess


class PersonalDataAccessViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = PersonalDataAccess
    name = "personal_data_access"
    url_prefix = "rejestr-dostepu-do-danych"
    icon = "history"
    menu_label = "Rejestr dostępu do danych osobowych"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 100
    ordering = ["-at"]
    list_display = [
        DateColumn("at", label="Kiedy", sort_key="at"),
        "username",
        "action",
        "model_label",
        "object_id",
        "rows",
        "export_format",
    ]
    list_filter = ["action", "model_label", "username", "at"]
    search_fields = ["username", "model_label", "object_id"]
    search_backend_name = None
    list_export = [
        "at",
        "username",
        "action",
        "model_label",
        "object_id",
        "rows",
        "export_format",
        "query",
    ]
    export_filename = "rejestr-dostepu-do-danych-osobowych"
