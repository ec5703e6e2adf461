"""A base for endpoints of records (not pages) whose public fields the endpoint lists,
not the model: the budget's pools, projects and results, the local initiatives' applications.
The endpoint is then the one place that says what of a record is public; a field not
listed never leaves the database through the API, whatever the model gains later.
"""

from wagtail.api import APIField
from wagtail.api.v2.views import BaseAPIViewSet

from api.views import CheckedFindMixin


class ListedFieldsAPIViewSet(CheckedFindMixin, BaseAPIViewSet):
    # The record's public fields (and the serializers of those that are not columns).
    api_fields: tuple[APIField, ...] = ()
    # Parameters filtered by this endpoint's own filters rather than by field equality
    # (Wagtail would otherwise filter `?status=` on the column's stored value too).
    custom_filters: tuple[str, ...] = ()

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields([*cls.body_fields, *cls.api_fields])

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [field for field in fields if field not in cls.custom_filters]
        return fields
