"""The public comment form of an open consultation."""

from django import forms

from core.forms import PublicSubmissionForm
from pages.consultations.models import ConsultationResponse
from pages.consultations.models.response import COMMENT_MAX_LENGTH


class ConsultationResponseForm(PublicSubmissionForm):
    class Meta:
        model = ConsultationResponse
        fields = ["comment", "document_part", "author_name", "email"]
        labels = {
            "comment": "Twoja uwaga",
            "document_part": "Której części dokumentu dotyczy",
            "author_name": "Imię i nazwisko lub nazwa organizacji",
            "email": "E-mail, jeśli chcesz dostać odpowiedź",
        }
        help_texts = {
            "comment": f"Do {COMMENT_MAX_LENGTH} znaków.",
            "document_part": "np. § 3 ust. 2, rozdział 4, mapa nr 2.",
            "author_name": "Możesz zgłosić uwagę anonimowo.",
            "email": "Nie jest wymagany. Użyjemy go tylko do odpowiedzi na tę uwagę.",
        }
        widgets = {
            "comment": forms.Textarea(attrs={"rows": 8}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("comment", "document_part", "author_name", "email"):
            widget = self.fields[name].widget
            if self[name].help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its field for screen readers (WCAG 3.3.1).
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            described = [f"{bound.auto_id}_helptext"] if bound.help_text else []
            described.append(f"{bound.auto_id}_error")
            widget.attrs["aria-describedby"] = " ".join(described)
            widget.attrs["aria-invalid"] = "true"

    def clean_comment(self):
        comment = (self.cleaned_data.get("comment") or "").strip()
        if not comment:
            raise forms.ValidationError("Wpisz treść uwagi.")
        if "\x00" in comment:
            raise forms.ValidationError("Uwaga zawiera niedozwolone znaki.")
        return comment
