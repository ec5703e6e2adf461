"""core.widgets writes the same markup as the Django widgets it stands in for."""

from django import forms
from django.utils.safestring import mark_safe

import pytest

from core import widgets

CHOICES = [
    (1, "Pomoc społeczna"),
    (2, 'Kultura & "sztuka" <dla wszystkich>'),
    ("3", mark_safe("<em>Sport</em>")),
    (4, "Ekologia"),
]
GROUPED = [("Obszary <A>", [(1, "Jeden"), (2, "Dwa")]), (3, "Trzy")]


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        (CHOICES, [], {"id": "id_areas"}),
        (CHOICES, [2, "3"], {"id": "id_areas", "class": "list <x>"}),
        (CHOICES, ["1"], None),
        (CHOICES, None, {"id": "id_areas", "required": True, "disabled": False}),
        (GROUPED, [2], {"id": "id_areas"}),
        ([], [], {"id": "id_areas"}),
    ],
)
def test_checkbox_list_matches_djangos_checkbox_select_multiple(choices, value, attrs):
    ours = widgets.CheckboxSelectMultiple(choices=choices).render("areas", value, attrs=attrs)
    django = forms.CheckboxSelectMultiple(choices=choices).render("areas", value, attrs=attrs)
    assert ours == django
    assert "checked" in ours or not value


def test_a_model_form_field_renders_alike():
    class Form(forms.Form):
        ours = forms.MultipleChoiceField(choices=CHOICES, widget=widgets.CheckboxSelectMultiple)
        django = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)

    form = Form(initial={"ours": ["2"], "django": ["2"]})
    assert str(form["ours"]).replace("ours", "x") == str(form["django"]).replace("django", "x")
    # Templates tell a list of checkboxes by its widget type (includes/form_field.html).
    assert form["ours"].widget_type == form["django"].widget_type
