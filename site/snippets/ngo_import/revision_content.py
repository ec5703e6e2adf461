"""A revision's content as Wagtail writes it (`save_revision` → modelcluster's
`serializable_data()`), for thousands of records at once.

`serializable_data()` asks each field how to serialise itself and builds a queryset per
many-to-many field per record; for an import that is a large share of the write. The
rules are the same for every record, so they are worked out once per field here, and the
areas come from the import's own list of keys instead of a queryset. The result is equal
to `serializable_data()` (tests/snippets/test_ngo_import_publishing.py compares them with
what Wagtail's own `save_revision` stores); a field whose serialisation is not one of the
plain cases below is serialised by modelcluster's own function.
"""

import datetime

from django.conf import settings
from django.db.models import DateField, Field
from django.utils import timezone
from django.utils.encoding import is_protected_type

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations, get_field_value

PLAIN_PRE_SAVE = {Field.pre_save}


def _plain(field) -> bool:
    """Whether FIELD's saved value is the attribute itself (no auto_now, no file)."""
    if isinstance(field, DateField) and (field.auto_now or field.auto_now_add):
        return False
    return type(field).pre_save in PLAIN_PRE_SAVE or isinstance(field, DateField)


class RevisionContent:
    """`serializable_data()` of MODEL's instances, with their many-to-many keys given."""

    def __init__(self, model):
        if get_all_child_relations(model):
            raise ValueError(f"{model.__name__} has child relations: use serializable_data()")
        pk_field = model._meta.pk
        while pk_field.remote_field and pk_field.remote_field.parent_link:
            pk_field = pk_field.remote_field.model._meta.pk
        self.pk_field = pk_field
        self.fields = [
            (field.name, field.get_attname(), field, field.remote_field is not None, _plain(field))
            for field in model._meta.fields
            if field.serialize
        ]
        self.m2m = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, ParentalManyToManyField) and field.serialize
        ]

    def __call__(self, obj, m2m_keys: dict[str, list]) -> dict:
        """OBJ's content; M2M_KEYS: each many-to-many field's keys, in the order its
        `.all()` gives them (the related model's ordering, or the order they were set)."""
        data = {"pk": get_field_value(self.pk_field, obj)}
        for name, attname, field, related, plain in self.fields:
            if related:
                data[name] = getattr(obj, attname)
            elif not plain:
                data[name] = get_field_value(field, obj)
            else:
                data[name] = self._value(field, getattr(obj, attname), obj)
        for name in self.m2m:
            data[name] = list(m2m_keys[name])
        return data

    @staticmethod
    def _value(field, value, obj):
        # As modelcluster's get_field_value, for a field whose pre_save is the attribute.
        if type(value) is str and type(field).value_to_string is Field.value_to_string:
            return value  # str(value_from_object()): the string itself
        if isinstance(value, datetime.datetime) and settings.USE_TZ:
            if timezone.is_naive(value):
                value = timezone.make_aware(value, timezone.get_default_timezone())
            return timezone.localtime(value, datetime.UTC)
        if is_protected_type(value):
            return value
        return field.value_to_string(obj)
