"""A candidate's application to a council's recruitment (public, no account)."""

from django import forms

from core.forms import PublicSubmissionForm
from core.spreadsheets import refuse_formula_start
from pages.councils.models import CouncilApplication, Recruitment


class CouncilApplicationForm(PublicSubmissionForm):
    consent = forms.BooleanField(
        label="Zgadzam się na przetwarzanie moich danych w celu przeprowadzenia naboru",
        error_messages={"required": "Bez tej zgody nie możemy rozpatrzyć zgłoszenia – zaznacz ją."},
    )
    eligibility = forms.BooleanField(
        label="Spełniam warunki udziału w naborze opisane w ogłoszeniu",
        error_messages={"required": "Potwierdź, że spełniasz warunki udziału w naborze."},
    )

    class Meta:
        model = CouncilApplication
        fields = ["name", "email", "phone", "seat", "represents", "statement"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "seat": forms.RadioSelect,
            "statement": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": {"required": "Podaj imię i nazwisko."},
            "email": {
                "required": "Podaj adres e-mail – na niego przyjdzie potwierdzenie i odpowiedź.",
                "invalid": "Wpisz adres e-mail w postaci nazwa@domena.pl.",
            },
            "statement": {
                "required": "Napisz kilka zdań, dlaczego chcesz zostać członkiem.",
                "max_length": "Uzasadnienie może mieć najwyżej %(limit_value)d znaków "
                "(teraz: %(show_value)d).",
            },
        }

    def __init__(self, *args, recruitment: Recruitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.recruitment = recruitment
        seats = recruitment.seat_list
        if seats:
            # The seat is one of the recruitment's own; typed values are refused.
            self.fields["seat"] = forms.ChoiceField(
                label="Miejsce, o które kandydujesz",
                choices=[(seat, seat) for seat in seats],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Wybierz miejsce, o które kandydujesz.",
                    "invalid_choice": "Wybierz jedno z miejsc wymienionych w ogłoszeniu.",
                },
            )
        else:
            del self.fields["seat"]

    def _one_line(self, name):
        value = " ".join(self.cleaned_data[name].split())
        refuse_formula_start(value)
        return value

    def clean_name(self):
        name = self._one_line("name")
        if not name:
            raise forms.ValidationError("Podaj imię i nazwisko.")
        return name

    def clean_phone(self):
        return self._one_line("phone")

    def clean_represents(self):
        return self._one_line("represents")

    def clean_statement(self):
        statement = self.cleaned_data["statement"].strip()
        if not statement:
            raise forms.ValidationError("Napisz kilka zdań, dlaczego chcesz zostać członkiem.")
        refuse_formula_start(statement)
        return statement
