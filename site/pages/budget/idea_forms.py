"""A resident's idea or priority vote in an edition's ideas phase, on the shared pipeline
(core.public_forms, kind `budget-idea`): no account, an e-mail only for the receipt and
the answer. Taken at /budzet-obywatelski/pomysly/<edition>/ (the edition's own page
takes projects)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from core.forms import PublicSubmissionForm
from core.public_forms import NO_FORM, NOT_ACCEPTING, PublicForm, Refusal
from pages.budget.models import BudgetEditionPage, BudgetIdea, Category, IdeaKind
from pages.budget.phases import EDITION
from snippets.models import District

NO_IDEAS = "W tej edycji nie zbieramy pomysłów – projekty zgłasza się od razu."


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


def ideas_refusal(edition, now) -> Refusal | None:
    """Why EDITION takes no idea at NOW (None during its ideas phase)."""
    if edition.ideas_from is None:
        return Refusal(NO_FORM, NO_IDEAS)
    phase = edition.get_phase(now)
    if phase == EDITION.IDEAS:
        return None
    if phase == EDITION.ANNOUNCED:
        return Refusal(
            NOT_ACCEPTING, f"Zbieranie pomysłów rozpocznie się {_when(edition.ideas_from)}."
        )
    return Refusal(
        NOT_ACCEPTING, f"Zbieranie pomysłów zakończyło się {_when(edition.submission_from)}."
    )


class IdeaForm(PublicSubmissionForm):
    class Meta:
        model = BudgetIdea
        fields = ["kind", "category", "district", "title", "description", "email"]
        labels = {
            "kind": "Co chcesz zrobić?",
            "category": "Dziedzina (priorytet)",
            "district": "Osiedle, którego dotyczy",
            "title": "Tytuł pomysłu",
            "description": "Opis pomysłu",
            "email": "Twój e-mail (nieobowiązkowy)",
        }
        help_texts = {
            "kind": "Głos na priorytet to wskazanie dziedziny, na którą miasto powinno "
            "przeznaczyć pieniądze w tej edycji.",
            "district": "Nieobowiązkowe. Puste – cała Dąbrowa Górnicza.",
            "title": "Tylko dla pomysłu.",
            "description": "Tylko dla pomysłu. Nie wpisuj danych osobowych: opublikujemy "
            "opis po sprawdzeniu.",
            "email": "Wyślemy na niego potwierdzenie i odpowiedź urzędu. Nie publikujemy go.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = IdeaKind.choices
        self.fields["category"].choices = [("", "– wybierz dziedzinę –"), *Category.choices]
        self.fields["district"].queryset = District.objects.filter(is_osiedle=True).order_by("name")
        self.fields["district"].empty_label = "– cała Dąbrowa Górnicza –"
        for field in self.fields.values():
            field.error_messages["required"] = "To pole jest wymagane."
        self.fields["kind"].error_messages["required"] = "Wybierz: pomysł albo głos na priorytet."
        self.fields["email"].error_messages["invalid"] = (
            "Wpisz poprawny adres e-mail, np. jan@example.pl."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == IdeaKind.IDEA:
            for name in ("title", "description"):
                if not (cleaned.get(name) or "").strip():
                    self.add_error(name, "Opisz pomysł: to pole jest wymagane dla pomysłu.")
        elif cleaned.get("kind") == IdeaKind.PRIORITY:
            # A vote is counted, never shown: no text is kept with it.
            cleaned["title"], cleaned["description"] = "", ""
        return cleaned


class IdeaSubmissions(PublicForm):
    kind = "budget-idea"
    target_model = BudgetEditionPage
    form_class = IdeaForm
    not_stored = "Twój pomysł ani głos nie zostały zapisane."
    notice_what = "pomysł lub głos na priorytet"
    on_page = False  # the edition's page takes projects; a route of the index takes ideas

    def refusal(self, target, now):
        return ideas_refusal(target, now)

    def build(self, form, target):
        return form.build_instance(edition=target)
