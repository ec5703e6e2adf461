"""What public forms that take money or files share: Polish decimals, and files checked
by extension, size and content (core.documents). Apart from core.forms because that
module is imported while models load, and the document checks import Wagtail's forms."""

import os
from decimal import Decimal

from django import forms
from django.conf import settings

from core.documents import validate_document_content

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def polish_decimal_text(value: str) -> str:
    """Polish decimals use a comma and spaces: "1 250,50" is read as "1250.50"."""
    return value.replace("\xa0", "").replace(" ", "").replace(",", ".")


class PolishDecimalField(forms.DecimalField):
    """An amount typed the Polish way ("1 250,50") as well as "1250.50", in a text box
    (a number box refuses the comma in some browsers) and shown back with a comma. For
    model forms, the admin's too: `Meta.field_classes = {"amount": PolishDecimalField}`."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    default_error_messages = {"invalid": "Wpisz kwotę, np. 1250,50."}

    def to_python(self, value):
        if isinstance(value, str):
            value = polish_decimal_text(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return str(value).replace(".", ",")
        return value


def check_uploaded_document(uploaded, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Raise a Polish ValidationError unless UPLOADED has an accepted extension, fits
    MAX_BYTES and its content is what its extension says."""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    extension = os.path.splitext(uploaded.name or "")[1].lstrip(".").lower()
    if extension not in allowed:
        raise forms.ValidationError(
            f"Ten rodzaj pliku nie jest przyjmowany. Dozwolone: {', '.join(allowed)}."
        )
    if uploaded.size > max_bytes:
        raise forms.ValidationError(f"Plik jest za duży: najwyżej {max_bytes // 2**20} MB.")
    validate_document_content(uploaded)
