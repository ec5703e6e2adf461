"""Form widgets that render without Django's template per option.

Django's CheckboxSelectMultiple renders every option through three nested template
includes (option, input, attrs): a list of 37 public-benefit areas cost about as much
as the rest of its page's form together. These widgets write the same markup, byte for
byte, in Python (tests/core/test_widgets.py compares them with Django's)."""

import html

from django import forms
from django.utils.safestring import mark_safe


def _escape(value) -> str:
    # Django's conditional_escape without its lazy-string wrapper (hundreds of calls a list).
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    # Django's attrs.html: True as a bare name, False left out, the rest through
    # stringformat:'s'.
    return "".join(
        f" {name}" if value is True else f' {name}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option_html(option: dict) -> str:
    # input.html, input_option.html and checkbox_option.html, each with its final newline.
    value = "" if option["value"] is None else f' value="{_escape(option["value"])}"'
    kind, name = _escape(option["type"]), _escape(option["name"])
    field = f'<input type="{kind}" name="{name}"{value}{_attrs(option["attrs"])}>\n'
    if not option["wrap_label"]:
        return f"{field}\n\n"
    option_id = option["attrs"].get("id")
    label_for = f' for="{_escape(option_id)}"' if option_id else ""
    return f"<label{label_for}>{field} {_escape(option['label'])}</label>\n\n"


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Django's CheckboxSelectMultiple markup (multiple_input.html) without a template
    render per option: for long lists of choices. The same class name keeps the same
    `field.widget_type` ("checkboxselectmultiple"), which includes/form_field.html reads
    to render the list as a fieldset with a legend."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group, options, _index in widget["optgroups"]:
            options_html = "".join(f"<div>\n    {_option_html(option)}</div>" for option in options)
            if group:
                parts.append(f"\n  <div><label>{_escape(group)}</label>{options_html}\n  </div>")
            else:
                parts.append(options_html)
        widget_id = widget["attrs"].get("id")
        css_class = widget["attrs"].get("class")
        id_html = f' id="{_escape(widget_id)}"' if widget_id else ""
        class_html = f' class="{_escape(css_class)}"' if css_class else ""
        return mark_safe(f"<div{id_html}{class_html}>{''.join(parts)}\n</div>")  # noqa: S308 - every value above escaped
