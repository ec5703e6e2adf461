import json

from django.template import Context, Template
from django.test import RequestFactory

import pytest

from core.templatetags.portal import plural_pl
from core.text import tel_href


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("518 270 597", "tel:+48518270597"),
        ("602-502-478", "tel:+48602502478"),
        ("+48 32 295 67 00", "tel:+48322956700"),
        ("", ""),
    ],
)
def test_tel_href(number, href):
    assert tel_href(number) == href


def test_plural_filter():
    assert plural_pl(3, "dzień,dni,dni") == "3 dni"
    assert plural_pl(1, "osoba,osoby,osób") == "1 osoba"
    assert plural_pl(24, "osoba,osoby,osób") == "24 osoby"
    assert plural_pl(25, "osoba,osoby,osób") == "25 osób"


def test_json_ld_cannot_close_the_script_element():
    template = Template("{% load portal %}{% json_ld data %}")
    hostile = {"name": "</script><script>alert(1)</script>", "note": "a & b <!--"}
    html = template.render(Context({"data": hostile, "request": RequestFactory().get("/")}))
    assert html.count("</script>") == 1
    assert "<script>" not in html.replace('<script type="application/ld+json">', "")
    payload = html.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(payload) == hostile


def test_a_group_of_radios_is_a_fieldset_and_the_summary_links_to_its_first_input():
    """Django gives a radio group no label id; the summary must not link to "#"."""
    from django import forms

    class Choice(forms.Form):
        kind = forms.ChoiceField(
            label="Rodzaj",
            choices=[("a", "Pomysł"), ("b", "Priorytet")],
            widget=forms.RadioSelect,
            help_text="Wybierz jedno.",
        )
        name = forms.CharField(label="Nazwa")

    form = Choice(data={})
    assert not form.is_valid()
    summary = Template('{% include "includes/form_errors.html" with form=form %}').render(
        Context({"form": form})
    )
    assert 'href="#id_kind_0"' in summary and 'href="#id_name"' in summary
    assert 'href="#"' not in summary
    field = Template('{% include "includes/form_field.html" with field=form.kind %}').render(
        Context({"form": form})
    )
    assert '<fieldset class="field field--group field--error field--required"' in field
    assert 'aria-describedby="id_kind_helptext id_kind_error"' in field
    assert "<legend>Rodzaj" in field and 'id="id_kind_error"' in field
    assert 'id="id_kind_0"' in field and "<label for=" not in field.split("<legend>")[0]
