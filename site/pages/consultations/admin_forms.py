"""The staff's forms of the consultations' inbox: a letter, an e-mail or a statement made at
a meeting typed in (checked like the public form's comment), a paper questionnaire typed in
(the questionnaire's questions, checked like the online form's), and the link of a
duplicate."""

from django import forms
from django.utils import timezone

from wagtail.admin.widgets import AdminDateInput
from wagtail.documents.widgets import AdminDocumentChooser

from core.collection_privacy import restriction_ids
from core.forms import OneTimeForm
from pages.consultations.choices import STAFF_CHANNELS
from pages.consultations.forms import QuestionnaireMixin, clean_comment_text, plain_null_check
from pages.consultations.models import ConsultationPage, ConsultationResponse
from snippets.models import NGO

PUBLIC_SCAN = (
    "Skan zawiera dane osobowe autora: wybierz dokument z kolekcji prywatnej (z ograniczonym "
    "dostępem), nie z publicznej."
)


EMAIL_ERRORS = {"invalid": "Wpisz poprawny adres e-mail, np. jan.kowalski@example.pl."}
COMMENT_ERRORS = {
    "max_length": "Uwaga może mieć najwyżej %(limit_value)d znaków (teraz ma %(show_value)d)."
}


NO_ORGANISATION = (
    "Wpisz nazwę organizacji albo wybierz ją z rejestru – inaczej nie ma czego potwierdzić."
)


class OrganisationFields:
    """The organisation a response was sent for, as staff confirm it: chosen from the
    registry or confirmed by hand; unconfirmed, the report says "Osoba prywatna"."""

    def setup_organisation(self):
        self.fields["ngo"].queryset = NGO.objects.published().order_by("name")
        self.fields["ngo"].empty_label = "(nie wybrano z rejestru)"

    def clean_organisation_fields(self, cleaned: dict) -> None:
        ngo = cleaned.get("ngo")
        if ngo is not None:
            # The registry says who the organisation is: choosing it confirms it.
            cleaned["organisation_confirmed"] = True
            if not (cleaned.get("organisation") or "").strip():
                cleaned["organisation"] = ngo.name
        elif (
            cleaned.get("organisation_confirmed")
            and not (cleaned.get("organisation") or "").strip()
        ):
            self.add_error("organisation", NO_ORGANISATION)


class StaffEntryForm(OrganisationFields, OneTimeForm):
    """What every staff entry has: the date it came in, the organisation as confirmed, and
    a scan kept privately."""

    received_on = forms.DateField(
        label="Data wpływu",
        widget=AdminDateInput,
        error_messages={
            "required": "Podaj datę wpływu.",
            "invalid": "Podaj datę wpływu, np. 2026-12-02.",
        },
    )

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

    def clean(self):
        cleaned = super().clean()
        self.clean_organisation_fields(cleaned)
        return cleaned


class StaffResponseForm(StaffEntryForm):
    channel = forms.ChoiceField(label="Forma zgłoszenia", choices=STAFF_CHANNELS)

    class Meta:
        model = ConsultationResponse
        fields = [
            "consultation",
            "channel",
            "received_on",
            "author_name",
            "organisation",
            "ngo",
            "organisation_confirmed",
            "email",
            "document_part",
            "comment",
            "scan",
        ]
        labels = {"author_name": "Imię i nazwisko autora (nie trafi do raportu)"}
        widgets = {"scan": AdminDocumentChooser, "comment": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "consultation": {"required": "Wybierz konsultację."},
            "email": EMAIL_ERRORS,
            "comment": COMMENT_ERRORS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = ConsultationPage.objects.order_by("-closes_at")
        self.fields["comment"].required = True
        self.fields["comment"].error_messages["required"] = "Wpisz treść uwagi."
        plain_null_check(self.fields["comment"])
        self.setup_organisation()

    def clean_comment(self):
        return clean_comment_text(self.cleaned_data.get("comment"), required=True)


class PaperQuestionnaireForm(QuestionnaireMixin, StaffEntryForm):
    """A questionnaire filled in on paper, typed in by staff: the consultation's questions
    as the online form asks them, with the same required answers, limits and refusals."""

    class Meta:
        model = ConsultationResponse
        fields = [
            "received_on",
            "author_name",
            "organisation",
            "ngo",
            "organisation_confirmed",
            "email",
            "comment",
            "scan",
        ]
        labels = {"author_name": "Imię i nazwisko autora (nie trafi do raportu)"}
        widgets = {"scan": AdminDocumentChooser, "comment": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"email": EMAIL_ERRORS, "comment": COMMENT_ERRORS}

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_questions(consultation)
        plain_null_check(self.fields["comment"])
        self.setup_organisation()

    # The fields around the questions, for the template.
    ABOUT = ("received_on", "author_name", "organisation", "ngo", "organisation_confirmed", "email")
    AFTER = ("comment", "scan")

    def about_fields(self):
        return [self[name] for name in self.ABOUT]

    def after_fields(self):
        return [self[name] for name in self.AFTER]

    def clean_comment(self):
        return clean_comment_text(self.cleaned_data.get("comment"), required=False)

    def clean(self):
        cleaned = super().clean()
        self.clean_answers(cleaned)
        return cleaned


class OrganisationForm(OrganisationFields, forms.ModelForm):
    """Staff confirm (or withdraw) the organisation a response was sent for."""

    class Meta:
        model = ConsultationResponse
        fields = ["organisation", "ngo", "organisation_confirmed"]
        labels = {"organisation": "Nazwa organizacji (tak podamy ją w raporcie)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_organisation()
        plain_null_check(self.fields["organisation"])

    def clean_organisation(self):
        organisation = (self.cleaned_data.get("organisation") or "").strip()
        if "\x00" in organisation:
            raise forms.ValidationError("Nazwa zawiera niedozwolone znaki.")
        return organisation

    def clean(self):
        cleaned = super().clean()
        self.clean_organisation_fields(cleaned)
        return cleaned


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
