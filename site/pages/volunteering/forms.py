"""The resident's answer to an offer (public, no account) and the NGO zone's forms."""

from django import forms
from django.utils import timezone

from core.forms import PublicSubmissionForm
from core.spreadsheets import refuse_formula_start
from pages.volunteering.models import AgeGroup, VolunteerAnswer, VolunteerHours, VolunteerOffer
from pages.volunteering.models.offer import ADULT_AGE

# The highest age anyone in each group can be: only an offer's minimum age above it refuses
# the whole group (an offer "od 13 lat" must take a 14-year-old, "od 17 lat" a 17-year-old;
# the organisation checks the exact age when it decides).
HIGHEST_AGE = {AgeGroup.UNDER_16: 15, AgeGroup.FROM_16: ADULT_AGE - 1, AgeGroup.ADULT: 200}


class VolunteerAnswerForm(PublicSubmissionForm):
    consent = forms.BooleanField(
        label="Zgadzam się na przekazanie moich danych organizacji, która ogłosiła ofertę",
        error_messages={
            "required": "Bez tej zgody organizacja nie dostanie zgłoszenia – zaznacz ją."
        },
    )

    class Meta:
        model = VolunteerAnswer
        fields = ["name", "email", "phone", "age_group", "parental_consent", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "age_group": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "name": {"required": "Podaj imię i nazwisko."},
            "email": {
                "required": "Podaj adres e-mail – na niego organizacja odpowie.",
                "invalid": "Wpisz adres e-mail w postaci nazwa@domena.pl.",
            },
            "age_group": {"required": "Zaznacz swój wiek."},
            "message": {
                "max_length": "Wiadomość może mieć najwyżej %(limit_value)d znaków "
                "(teraz: %(show_value)d)."
            },
        }

    def __init__(self, *args, offer: VolunteerOffer, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["age_group"].choices = AgeGroup.choices

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Podaj imię i nazwisko.")
        refuse_formula_start(name)
        return name

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        refuse_formula_start(message)
        return message

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("age_group")
        if group:
            if self.offer.min_age and HIGHEST_AGE[group] < self.offer.min_age:
                self.add_error(
                    "age_group",
                    f"Ta oferta jest dla osób od {self.offer.min_age} lat.",
                )
            elif group != AgeGroup.ADULT and not cleaned.get("parental_consent"):
                self.add_error(
                    "parental_consent",
                    "Osoba poniżej 18 lat może zostać wolontariuszem tylko za zgodą rodzica "
                    "lub opiekuna prawnego – zaznacz, że ją masz.",
                )
        return cleaned


class VolunteerOfferForm(forms.ModelForm):
    """An NGO partner's proposal of an offer for its own organisation (never chosen here)."""

    class Meta:
        model = VolunteerOffer
        fields = [
            "title",
            "description",
            "area",
            "district",
            "address",
            "remote",
            "starts_on",
            "ends_on",
            "schedule",
            "volunteers_needed",
            "min_age",
            "skills",
            "training",
            "reimbursement",
            "insurance",
            "benefits",
            "expires_at",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        error_messages = {
            "title": {"required": "Podaj tytuł oferty."},
            "description": {"required": "Opisz, na czym polega wolontariat."},
            "area": {"required": "Wybierz obszar pożytku publicznego."},
            "expires_at": {
                "required": "Podaj, do kiedy przyjmujecie zgłoszenia.",
                "invalid": "Podaj datę i godzinę, np. 2027-06-30 23:59.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = self.fields["district"].queryset.filter(is_osiedle=True)
        self.fields["area"].queryset = self.fields["area"].queryset.order_by("sort_order")

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        # An offer proposed already expired would be approved straight into "wygasła".
        if expires_at <= timezone.now():
            raise forms.ValidationError("Termin zgłoszeń musi być w przyszłości.")
        return expires_at

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "description", "skills", "benefits", "schedule", "address"):
            try:
                refuse_formula_start(cleaned.get(name) or "")
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned


class VolunteerHoursForm(forms.ModelForm):
    class Meta:
        model = VolunteerHours
        fields = ["worked_on", "hours", "task"]
        widgets = {"worked_on": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "worked_on": {
                "required": "Podaj dzień.",
                "invalid": "Podaj dzień w postaci RRRR-MM-DD.",
            },
            "hours": {
                "required": "Podaj liczbę godzin.",
                "invalid": "Podaj liczbę godzin, np. 2,5.",
                "min_value": "Najmniej pół godziny.",
                "max_value": "Najwyżej 24 godziny w jednym dniu.",
            },
        }

    def clean_worked_on(self):
        worked_on = self.cleaned_data["worked_on"]
        # Hours are a record of work done; a day to come would count in the certificate
        # and the statistics before anyone worked it.
        if worked_on > timezone.localdate():
            raise forms.ValidationError("Godziny można zapisać tylko za dzień, który już był.")
        return worked_on
