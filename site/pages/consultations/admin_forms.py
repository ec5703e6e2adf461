"""The staff's forms of the consultations' inbox: a letter, an e-mail or a statement made at
a meeting typed in (checked like the public form's comment), and the link of a duplicate."""

from django import forms
from django.utils import timezone

from wagtail.admin.widgets import AdminDateInput
from wagtail.documents.widgets import AdminDocumentChooser

from core.collection_privacy import restriction_ids
from pages.consultations.choices import STAFF_CHANNELS
from pages.consultations.forms import clean_comment_text, plain_null_check
from pages.consultations.models import ConsultationPage, ConsultationResponse

PUBLIC_SCAN = (
    "Skan zawiera dane osobowe autora: wybierz dokument z kolekcji prywatnej (z ograniczonym "
    "dostępem), nie z publicznej."
)


class StaffResponseForm(forms.ModelForm):
    channel = forms.ChoiceField(label="Forma zgłoszenia", choices=STAFF_CHANNELS)
    received_on = forms.DateField(
        label="Data wpływu",
        widget=AdminDateInput,
        error_messages={
            "required": "Podaj datę wpływu.",
            "invalid": "Podaj datę wpływu, np. 2026-12-02.",
        },
    )

    class Meta:
        model = ConsultationResponse
        fields = [
            "consultation",
            "channel",
            "received_on",
            "author_name",
            "organisation",
            "email",
            "document_part",
            "comment",
            "scan",
        ]
        labels = {"author_name": "Imię i nazwisko autora (nie trafi do raportu)"}
        widgets = {"scan": AdminDocumentChooser, "comment": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "consultation": {"required": "Wybierz konsultację."},
            "email": {"invalid": "Wpisz poprawny adres e-mail, np. jan.kowalski@example.pl."},
            "comment": {
                "max_length": "Uwaga może mieć najwyżej %(limit_value)d znaków "
                "(teraz ma %(show_value)d)."
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = ConsultationPage.objects.order_by("-closes_at")
        self.fields["comment"].required = True
        self.fields["comment"].error_messages["required"] = "Wpisz treść uwagi."
        plain_null_check(self.fields["comment"])

    def clean_comment(self):
        return clean_comment_text(self.cleaned_data.get("comment"), required=True)

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError("Data wpływu nie może być z przyszłości.")
        return received_on

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan is not None and not restriction_ids(scan.collection):
            raise forms.ValidationError(PUBLIC_SCAN)
        return scan


class DuplicateForm(forms.Form):
    original = forms.ModelChoiceField(
        label="To zgłoszenie powtarza zgłoszenie",
        queryset=ConsultationResponse.objects.none(),
        required=False,
        empty_label="(nie jest duplikatem)",
        help_text="Ta sama uwaga tego samego autora, przesłana inną drogą: w raporcie i "
        "liczbach liczy się raz, pod pierwszym zgłoszeniem.",
    )

    def __init__(self, *args, response, **kwargs):
        super().__init__(*args, **kwargs)
        self.response = response
        self.fields["original"].queryset = (
            ConsultationResponse.objects.filter(
                consultation_id=response.consultation_id, duplicate_of__isnull=True
            )
            .exclude(pk=response.pk)
            .order_by("submitted_at")
        )
        self.fields["original"].label_from_instance = _response_label
        self.initial.setdefault("original", response.duplicate_of_id)

    def clean_original(self):
        original = self.cleaned_data.get("original")
        if original is not None and self.response.duplicates.exists():
            raise forms.ValidationError(
                "Inne zgłoszenia są oznaczone jako duplikaty tego: najpierw odłącz je albo "
                "oznacz tamto zgłoszenie jako duplikat tego."
            )
        return original


def _response_label(response) -> str:
    return f"{response.receipt_number} ({response.get_channel_display()}): {response.comment[:80]}"
