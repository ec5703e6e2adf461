"""The sign-up form: an address, what to follow and how often."""

from django import forms

from alerts import registry
from alerts.clock import digest_time
from alerts.models import Frequency, SignUp
from alerts.visibility import describe_public
from core.forms import PublicSubmissionForm

# The list's parameter (docs/conventions.md vocabulary) → the form's field, so a
# "follow this" link can carry a list's filters: /powiadomienia/?rodzaj=...&dzielnica=...
PARAMS = {param: name for name, (_label, param, _all) in registry.DIMENSIONS.items()}
PARAMS.update({"rodzaj": "kinds", "obserwuj": "follow"})
KINDS_REQUIRED = "Wybierz co najmniej jeden rodzaj informacji."
NOT_FOLLOWABLE = "Tej pozycji nie można obserwować."


def initial_from(query) -> dict:
    """The form's initial values from a "follow this" link's query string."""
    initial = {}
    for param, name in PARAMS.items():
        if name == "kinds":
            values = query.getlist(param)
            if values:
                initial[name] = values
        elif query.get(param):
            initial[name] = query.get(param)[:120]
    return initial


def followed_item(value: str):
    """(source, item object, AlertItem) for "kind:pk", or None when it cannot be followed."""
    kind, _sep, pk = value.partition(":")
    source = registry.source_for(kind)
    if source is None or not pk:
        return None
    obj = source.get_object(pk) if pk.isdigit() else None
    if obj is None:
        return None
    item = describe_public(source, obj)
    return (source, obj, item) if item is not None else None


class SignUpForm(PublicSubmissionForm):
    kinds = forms.MultipleChoiceField(
        label="O czym chcesz dostawać powiadomienia",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label="Jak często",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    follow = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        max_length=120,
        # Said without a label at the summary's top (a hidden input): our sentence.
        error_messages={"max_length": NOT_FOLLOWABLE},
    )

    class Meta:
        model = SignUp
        fields = ["email", "kinds", "district", "audience", "area", "tag", "frequency", "follow"]
        labels = {"email": "Adres e-mail"}
        help_texts = {
            "email": "Wyślemy na niego link do potwierdzenia; bez potwierdzenia nic nie wyślemy."
        }
        error_messages = {
            "email": {
                "required": "Podaj adres e-mail.",
                "invalid": "Wpisz poprawny adres e-mail, np. jan.kowalski@example.pl.",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(s.kind, s.label) for s in registry.all_sources()]
        for name, (label, _param, _all) in registry.DIMENSIONS.items():
            choices = registry.choices_of(name)
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "wszystkie"), *choices],
                error_messages={"invalid_choice": "Wybierz jedną z podanych możliwości."},
            )
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["frequency"].error_messages["required"] = "Wybierz, jak często."
        self.fields["frequency"].error_messages["invalid_choice"] = "Wybierz, jak często."
        # At least one kind, unless the form follows one item: the group's legend says so
        # (includes/form_field.html reads `required`) and the empty group is refused with
        # our sentence (clean() keeps the rule when the follow link is not valid).
        self.fields["kinds"].required = not self["follow"].value()
        self.fields["kinds"].error_messages["required"] = KINDS_REQUIRED
        at = digest_time()
        self.fields["frequency"].help_text = (
            "Zestawienia wysyłamy codziennie (tygodniowe – raz w tygodniu) "
            f"o {at.hour}:{at.minute:02d}."
        )
        self.followed = None

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_follow(self):
        value = self.cleaned_data.get("follow") or ""
        if value:
            self.followed = followed_item(value)
            if self.followed is None:
                raise forms.ValidationError(NOT_FOLLOWABLE)
        return value

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("kinds") and not cleaned.get("follow") and "kinds" not in self.errors:
            self.add_error("kinds", KINDS_REQUIRED)
        return cleaned
