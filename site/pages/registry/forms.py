"""Forms of the registry: a comment on a small-grant offer, the NGO import upload."""

from django import forms

from core.forms import PublicSubmissionForm
from pages.registry.models import OfferComment
from snippets.ngo_import import DEFAULT_ENCODING, ENCODINGS, MAX_FILE_BYTES


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
    """The upload: always checked first (a dry run); writing follows from its report."""

    file = forms.FileField(
        label="Plik CSV",
        help_text="Kolumny jak w eksporcie rejestru (pierwszy wiersz – nazwy kolumn), "
        "separator przecinek lub średnik. Najpierw zobaczysz, co import zmieni; nic nie "
        "zostanie zapisane przed Twoim potwierdzeniem.",
        error_messages={"required": "Wybierz plik CSV do wczytania."},
    )
    encoding = forms.ChoiceField(
        label="Kodowanie znaków",
        choices=list(ENCODINGS.items()),
        initial=DEFAULT_ENCODING,
        help_text="Plik, który nie jest poprawnym tekstem w wybranym kodowaniu, zostanie "
        "odrzucony ze wskazaniem wiersza – nic nie jest zgadywane.",
    )
    exported_at = forms.DateTimeField(
        label="Dane w pliku są aktualne na (data i godzina eksportu)",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Organizacje zmienione w rejestrze później (przez redakcję albo z "
        "propozycji partnera) zostaną wstrzymane, dopóki nie zdecydujesz o każdej z nich.",
        error_messages={"invalid": "Wpisz datę i godzinę, np. 2026-12-02 14:30."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("To nie jest plik CSV (oczekiwane rozszerzenie .csv).")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"Plik jest za duży (najwyżej {MAX_FILE_BYTES // (1024 * 1024)} MB)."
            )
        return upload
