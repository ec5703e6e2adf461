"""The public form of an open consultation: a free comment and, when the editors built
one, the questionnaire's questions (pages/consultations/questionnaire.py)."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from core.forms import PublicSubmissionForm
from pages.consultations import questionnaire
from pages.consultations.models import ConsultationResponse
from pages.consultations.models.response import COMMENT_MAX_LENGTH

FIXED_FIELDS = ["comment", "document_part", "author_name", "organisation", "email"]
NOTHING_ANSWERED = "Odpowiedz na co najmniej jedno pytanie albo wpisz uwagę."
FORBIDDEN_TEXT = "Odpowiedź zawiera niedozwolone znaki."


def plain_null_check(field: forms.Field) -> forms.Field:
    """FIELD without Django's own check of NUL characters ("Znaki null…", jargon): our
    cleaning refuses them with a sentence people understand."""
    field.validators = [
        validator
        for validator in field.validators
        if not isinstance(validator, ProhibitNullCharactersValidator)
    ]
    return field


def clean_comment_text(value, required: bool) -> str:
    """A comment's text, trimmed; the rule of the public form and the staff's entry alike."""
    comment = (value or "").strip()
    if not comment and required:
        raise forms.ValidationError("Wpisz treść uwagi.")
    if "\x00" in comment:
        raise forms.ValidationError("Uwaga zawiera niedozwolone znaki.")
    return comment


class QuestionnaireMixin:
    """A consultation's questions as fields (before the free comment, which becomes "Inne
    uwagi", optional) and their answers: the online form and the staff's entry of a
    paper questionnaire ask and check them alike."""

    def add_questions(self, consultation) -> None:
        self.questions = questionnaire.questions_of(consultation) if consultation else []
        self.answers = {}
        if not self.questions:
            self.fields["comment"].required = True
            return
        question_fields = {}
        for question in self.questions:
            question_fields.update(questionnaire.form_fields(question, consultation))
        fields, self.fields = self.fields, {}
        for name, field in fields.items():
            if name == "comment":
                self.fields.update(question_fields)
            self.fields[name] = field
        self.fields["comment"].required = False
        self.fields["comment"].label = "Inne uwagi"

    @property
    def question_items(self) -> list[tuple]:
        """(question, its bound fields) for the template."""
        return [(q, [self[name] for name in q.names]) for q in self.questions]

    def clean_answers(self, cleaned: dict) -> None:
        """The answers of the valid CLEANED data into `self.answers`; a form with nothing
        answered is refused."""
        if not self.questions:
            return
        for name in questionnaire.refuse_forbidden(cleaned):
            self.add_error(name, FORBIDDEN_TEXT)
        if self.errors:
            return
        self.answers = questionnaire.answers_from(self.questions, cleaned)
        if not self.answers and not cleaned.get("comment"):
            raise forms.ValidationError(NOTHING_ANSWERED, code="empty")


class ConsultationResponseForm(QuestionnaireMixin, PublicSubmissionForm):
    class Meta:
        model = ConsultationResponse
        fields = FIXED_FIELDS
        labels = {
            "comment": "Twoja uwaga",
            "document_part": "Której części dokumentu dotyczy",
            "author_name": "Imię i nazwisko lub nazwa organizacji",
            "organisation": "Organizacja, w której imieniu zgłaszasz uwagę",
            "email": "E-mail, jeśli chcesz dostać odpowiedź",
        }
        help_texts = {
            "comment": f"Do {COMMENT_MAX_LENGTH} znaków.",
            "document_part": "np. § 3 ust. 2, rozdział 4, mapa nr 2.",
            "author_name": "Możesz zgłosić uwagę anonimowo.",
            "organisation": "Tylko gdy piszesz w imieniu organizacji. Jej nazwę podamy w "
            "raporcie, gdy urząd potwierdzi, że ją reprezentujesz; do tego czasu – i zawsze "
            "przy uwagach osób prywatnych – piszemy „Osoba prywatna”. Imion i nazwisk osób "
            "w raporcie nie podajemy.",
            "email": "Nie jest wymagany. Użyjemy go tylko do odpowiedzi na tę uwagę.",
        }
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 8}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "comment": {
                "required": "Wpisz treść uwagi.",
                "max_length": "Uwaga może mieć najwyżej %(limit_value)d znaków "
                "(teraz ma %(show_value)d).",
            },
            "email": {"invalid": "Wpisz poprawny adres e-mail, np. jan.kowalski@example.pl."},
        }

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_questions(consultation)
        plain_null_check(self.fields["comment"])
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].id_for_label}_helptext"

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its field for screen readers (WCAG 3.3.1).
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            # id_for_label: a group of radios is named after its first input.
            described = [f"{bound.id_for_label}_helptext"] if bound.help_text else []
            described.append(f"{bound.id_for_label}_error")
            widget.attrs["aria-describedby"] = " ".join(described)
            widget.attrs["aria-invalid"] = "true"

    def clean_comment(self):
        return clean_comment_text(self.cleaned_data.get("comment"), self.fields["comment"].required)

    def clean(self):
        cleaned = super().clean()
        self.clean_answers(cleaned)
        return cleaned

    def build_instance(self, **extra):
        return super().build_instance(answers=self.answers, **extra)
