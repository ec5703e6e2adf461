"""The public forms of the CAO: asking for an appointment, registering for an event."""

import re

from django import forms
from django.utils import timezone

from core.forms import PublicSubmissionForm
from pages.cao.models import BookingRequest, EventRegistration
from pages.cao.models.event_registration import NEEDS_CONSENT_HELP, NEEDS_CONSENT_LABEL

PHONE_RE = re.compile(r"^\+?[\d\s\-()/.]{9,20}$")
CONTACT_MISSING = (
    "Podaj adres e-mail lub numer telefonu – wystarczy jedno z nich, "
    "ale bez żadnego nie będziemy mogli się z Tobą skontaktować."
)


def clean_phone(value: str) -> str:
    value = " ".join(value.split())
    if value and (not PHONE_RE.match(value) or len(re.sub(r"\D", "", value)) < 9):
        raise forms.ValidationError(
            "Wpisz numer telefonu z co najmniej 9 cyframi, np. 600 123 456 lub 32 295 67 00."
        )
    return value


class ContactMixin:
    """E-mail or phone: at least one, each valid when given."""

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def check_contact(self, cleaned_data: dict) -> None:
        has_email = cleaned_data.get("email") or "email" in self.errors
        has_phone = cleaned_data.get("phone") or "phone" in self.errors
        if not has_email and not has_phone:
            self.add_error("email", CONTACT_MISSING)


class BookingForm(ContactMixin, PublicSubmissionForm):
    class Meta:
        model = BookingRequest
        fields = [
            "name",
            "for_organisation",
            "organisation_name",
            "email",
            "phone",
            "topic",
            "preferred_dates",
        ]
        labels = {
            "for_organisation": "Pytam w imieniu organizacji lub grupy",
            "organisation_name": "Nazwa organizacji lub grupy",
            "topic": "W jakiej sprawie chcesz się skonsultować?",
        }
        help_texts = {
            "organisation_name": "Wypełnij, jeśli zaznaczono pole powyżej.",
            "email": "Podaj e-mail lub telefon – przynajmniej jedno.",
            "phone": "Podaj e-mail lub telefon – przynajmniej jedno.",
            "topic": "Opisz krótko sprawę, by doradca mógł się przygotować.",
            "preferred_dates": "np. „wtorek 12 maja po 11:00” albo „dowolny wtorek”.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "topic": forms.Textarea(attrs={"rows": 5}),
            "preferred_dates": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Podaj imię i nazwisko."},
            "topic": {"required": "Napisz, w jakiej sprawie chcesz się skonsultować."},
            "email": {"invalid": "Wpisz poprawny adres e-mail, np. jan.kowalski@example.pl."},
        }

    def clean(self):
        cleaned_data = super().clean()
        self.check_contact(cleaned_data)
        organisation = (cleaned_data.get("organisation_name") or "").strip()
        if cleaned_data.get("for_organisation") and not organisation:
            self.add_error(
                "organisation_name",
                "Podaj nazwę organizacji albo odznacz pole "
                "„Pytam w imieniu organizacji lub grupy”.",
            )
        elif organisation:
            cleaned_data["for_organisation"] = True
        return cleaned_data


NEEDS_WITHOUT_CONSENT = (
    "Zaznacz zgodę na przetwarzanie informacji o potrzebach albo usuń ich opis – bez zgody "
    "nie możemy zapisać informacji, które mogą dotyczyć zdrowia. Zapiszemy Cię też bez opisu."
)


class EventRegistrationForm(ContactMixin, PublicSubmissionForm):
    # Separate, unticked, asked for only when needs are described (clean()).
    needs_consent = forms.BooleanField(
        label=NEEDS_CONSENT_LABEL, help_text=NEEDS_CONSENT_HELP, required=False
    )

    class Meta:
        model = EventRegistration
        fields = ["name", "organisation_name", "email", "phone", "needs"]
        labels = {"organisation_name": "Organizacja lub instytucja"}
        help_texts = {
            "email": "Podaj e-mail lub telefon – przynajmniej jedno.",
            "phone": "Podaj e-mail lub telefon – przynajmniej jedno.",
            "needs": "np. tłumacz PJM, pętla indukcyjna, dostęp dla wózka, dieta. "
            "Nie musisz podawać powodu. Jeśli wypełnisz to pole, zaznacz też zgodę pod nim.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Podaj imię i nazwisko."},
            "email": {"invalid": "Wpisz poprawny adres e-mail, np. jan.kowalski@example.pl."},
        }

    def clean(self):
        cleaned_data = super().clean()
        self.check_contact(cleaned_data)
        cleaned_data["needs"] = (cleaned_data.get("needs") or "").strip()
        if cleaned_data["needs"] and not cleaned_data.get("needs_consent"):
            self.add_error("needs_consent", NEEDS_WITHOUT_CONSENT)
        return cleaned_data

    def build_instance(self, **extra):
        """The registration, with the consent recorded only where there are needs to
        cover (a tick under an empty field consents to nothing)."""
        instance = super().build_instance(**extra)
        if instance.needs:
            instance.needs_consent_at = timezone.now()
            instance.needs_consent_text = f"{NEEDS_CONSENT_LABEL}. {NEEDS_CONSENT_HELP}"
        return instance
