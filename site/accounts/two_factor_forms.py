"""Forms of the second factor: a code at login, a code confirming a new app."""

import re

from django import forms


def normalise_code(value: str) -> str:
    """Codes are typed from a phone or a sheet of paper: spaces and dashes do not count."""
    return re.sub(r"[\s-]", "", value or "").lower()


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Kod z aplikacji lub kod zapasowy",
        help_text=(
            "Wpisz 6 cyfr, które pokazuje teraz aplikacja uwierzytelniająca, albo jeden "
            "z 10-znakowych kodów zapasowych (każdy działa tylko raz)."
        ),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
        error_messages={"required": "Wpisz kod."},
    )

    def clean_code(self) -> str:
        return normalise_code(self.cleaned_data["code"])

    @property
    def is_app_code(self) -> bool:
        return bool(re.fullmatch(r"\d{6}", self.cleaned_data.get("code", "")))


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label="Kod z aplikacji",
        help_text="6 cyfr, które aplikacja pokazuje po dodaniu konta.",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Wpisz kod z aplikacji."},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Kod z aplikacji to 6 cyfr.", code="format")
        return code
