"""The NGO zone's form: a partner proposes changes to its own organisation's record."""

import re

from django import forms
from django.db.models import Exists, OuterRef

from accounts.models import NGOChangeRequest
from accounts.models.ngo_partner import PROPOSABLE_FIELDS
from core import widgets
from core.spreadsheets import refuse_formula_start
from snippets.models import NGO

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")


class NGOChangeRequestForm(forms.ModelForm):
    class Meta:
        model = NGOChangeRequest
        fields = [*PROPOSABLE_FIELDS, "areas", "note"]
        widgets = {
            "areas": widgets.CheckboxSelectMultiple,  # 37 areas: no template render per checkbox
            "description": forms.Textarea(attrs={"rows": 6}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, ngo, **kwargs):
        super().__init__(*args, **kwargs)
        self.ngo = ngo
        areas = self.fields["areas"]
        areas.queryset = areas.queryset.order_by("sort_order")
        if not self.is_bound:
            # One query gives both the choices and which are the organisation's own: the
            # widget is given the list instead of reading the table again as it renders.
            listed = list(
                areas.queryset.annotate(
                    own=Exists(
                        NGO.areas.through.objects.filter(ngo=ngo, publicbenefitarea=OuterRef("pk"))
                    )
                )
            )
            self.initial = {
                **self.initial_from(ngo, own_areas=[area.pk for area in listed if area.own]),
                **self.initial,
            }
            areas.widget.choices = [areas.iterator(areas).choice(area) for area in listed]
        self.fields["areas"].help_text = "Zaznacz wszystkie obszary, w których działacie."
        self.fields["email"].help_text = "Publiczny adres kontaktowy organizacji."

    @staticmethod
    def initial_from(ngo, own_areas=None) -> dict:
        initial = {name: getattr(ngo, name) for name in PROPOSABLE_FIELDS}
        if own_areas is None:
            own_areas = list(ngo.areas.values_list("pk", flat=True))
        initial["areas"] = own_areas
        return initial

    def clean_postal_code(self):
        value = self.cleaned_data["postal_code"].strip()
        if value and not POSTAL_CODE.match(value):
            raise forms.ValidationError("Podaj kod pocztowy w postaci 00-000, np. 41-300.")
        return value

    def clean(self):
        cleaned = super().clean()
        for name in (name for name in NGO.FREE_TEXT_FIELDS if name in self.fields):
            try:
                refuse_formula_start(cleaned.get(name) or "")
            except forms.ValidationError as error:
                self.add_error(name, error)
        current = self.initial_from(self.ngo)
        unchanged = all(
            (cleaned.get(name) or "") == (current[name] or "") for name in PROPOSABLE_FIELDS
        ) and {area.pk for area in cleaned.get("areas", [])} == set(current["areas"])
        if unchanged and not self.errors:
            raise forms.ValidationError(
                "Nie zmieniono żadnych danych – popraw to, co jest nieaktualne, i wyślij ponownie."
            )
        return cleaned
