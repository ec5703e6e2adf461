"""Model fields of the registries."""

from django import forms
from django.db import models

from snippets import identifiers

# People paste numbers with separators ("525-224-84-81", "PL 525 224 84 81"): the form
# takes that much and stores the digits only.
TYPED_MAX_LENGTH = 24


class IdentifierFormField(forms.CharField):
    def __init__(self, *, normaliser, **kwargs):
        self.normaliser = normaliser
        kwargs["max_length"] = TYPED_MAX_LENGTH
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return self.empty_value
        return self.normaliser(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})
        return attrs


class IdentifierField(models.CharField):
    """A register number kept as its digits only; empty is NULL, so that UNIQUE allows
    many organisations without one."""

    normalisers = {
        "nip": identifiers.normalise_nip,
        "krs": identifiers.normalise,
        "regon": identifiers.normalise,
    }

    def __init__(self, *args, kind: str = "krs", **kwargs):
        self.kind = kind
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        if value in (None, ""):
            return None
        return self.normalisers[self.kind](value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value or None

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", IdentifierFormField)
        kwargs.setdefault("normaliser", self.normalisers[self.kind])
        return super().formfield(**kwargs)
