"""Forms of the registry: a comment on a small-grant offer, the NGO import upload."""

from django import forms

from core.forms import PublicSubmissionForm
from pages.registry.models import OfferComment

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class OfferCommentForm(PublicSubmissionForm):
    class Meta:
        model = OfferComment
        fields = ["author_name", "email", "comment"]
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "comment": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "author_name": {"required": "Podaj imię i nazwisko albo nazwę organizacji."},
            "comment": {
                "required": "Wpisz treść uwag.",
                "max_length": "Uwagi mogą mieć najwyżej %(limit_value)d znaków "
                "(teraz: %(show_value)d).",
            },
            "email": {"invalid": "Wpisz adres e-mail w postaci nazwa@domena.pl."},
        }

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("Wpisz treść uwag.")
        return comment

    def clean_author_name(self):
        name = " ".join(self.cleaned_data["author_name"].split())
        if not name:
            raise forms.ValidationError("Podaj imię i nazwisko albo nazwę organizacji.")
        return name


class NGOImportForm(forms.Form):
    file = forms.FileField(
        label="Plik CSV",
        help_text="Kolumny jak w eksporcie rejestru (pierwszy wiersz – nazwy kolumn). "
        "Kodowanie UTF-8 albo Windows-1250, separator przecinek lub średnik.",
        error_messages={"required": "Wybierz plik CSV do wczytania."},
    )
    dry_run = forms.BooleanField(
        label="Tylko sprawdź plik, niczego nie zapisuj",
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("To nie jest plik CSV (oczekiwane rozszerzenie .csv).")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"Plik jest za duży (najwyżej {MAX_IMPORT_BYTES // (1024 * 1024)} MB)."
            )
        return upload
