"""A consultation's questionnaire as form fields, answers and comments.

The fields are named after the blocks' stable ids (`q-<id>`, `q-<id>-<section id>`), and
the answers are stored under the same ids with the question's wording at the time, so
editing the questionnaire later never garbles what was stored.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from pages.consultations.models.response import COMMENT_MAX_LENGTH

SHORT_MAX_LENGTH = 300
FORBIDDEN = "\x00"


class GroupLabelMixin:
    """A group of radios or checkboxes whose id for labels and links is its first input's:
    the error summary links there and the group's help and error are named after it
    (Django gives "" for the group, which would make "#" links)."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class RadioGroup(GroupLabelMixin, forms.RadioSelect):
    pass


class CheckboxGroup(GroupLabelMixin, forms.CheckboxSelectMultiple):
    pass


@dataclass
class Question:
    """One block of the questionnaire as the form shows it: a field, or (section
    comments) a group of fields, one per section."""

    id: str
    kind: str
    text: str
    help_text: str
    required: bool
    names: list[str] = field(default_factory=list)  # its form fields, in order
    sections: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (id, label)
    choices: dict[str, str] = field(default_factory=dict)  # choice id → label

    @property
    def is_group(self) -> bool:
        """Shown as a fieldset with a legend (several inputs answer it)."""
        return self.kind != "short_text" and self.kind != "long_text"


def field_name(block_id: str, section_id: str = "") -> str:
    return f"q-{block_id}-{section_id}" if section_id else f"q-{block_id}"


def sections_of(page) -> list[tuple[str, str]]:
    """(id, label) of each section of the consulted document, in the editors' order."""
    return [(child.id, child.value) for child in page.document_sections]


def questions_of(page) -> list[Question]:
    return [_question(child, sections_of(page)) for child in page.questionnaire]


def _question(child, sections) -> Question:
    value = child.value
    question = Question(
        id=child.id,
        kind=child.block_type,
        text=value["question"],
        help_text=value.get("help_text") or "",
        required=bool(value.get("required")),
    )
    if question.kind == "section_comments":
        for section_id, label in sections:
            question.sections[field_name(child.id, section_id)] = (section_id, label)
        question.names = list(question.sections)
    else:
        question.names = [field_name(child.id)]
    if "choices" in value:
        question.choices = {item.id: item.value for item in value["choices"].bound_blocks}
    return question


def _text_field(required: bool, max_length: int, label: str, help_text: str, rows=None):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    text_field = forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=widget,
        error_messages={
            "required": "Odpowiedz na to pytanie – jest wymagane.",
            "max_length": "Odpowiedź może mieć najwyżej %(limit_value)d znaków "
            "(teraz ma %(show_value)d).",
        },
    )
    # NUL characters are refused by the form's clean() with a plain sentence.
    text_field.validators = [
        validator
        for validator in text_field.validators
        if not isinstance(validator, ProhibitNullCharactersValidator)
    ]
    return text_field


def form_fields(question: Question, page) -> dict[str, forms.Field]:
    """The Django fields that answer QUESTION."""
    choice_error = {
        "required": "Wybierz odpowiedź – to pytanie jest wymagane.",
        "invalid_choice": "Wybierz jedną z podanych odpowiedzi.",
        "invalid_list": "Wybierz odpowiedzi z listy.",
    }
    common = {"label": question.text, "help_text": question.help_text}
    name = question.names[0] if question.names else ""
    if question.kind == "single_choice":
        return {
            name: forms.ChoiceField(
                **common,
                required=question.required,
                choices=list(question.choices.items()),
                widget=RadioGroup,
                error_messages=choice_error,
            )
        }
    if question.kind == "multiple_choice":
        return {
            name: forms.MultipleChoiceField(
                **common,
                required=question.required,
                choices=list(question.choices.items()),
                widget=CheckboxGroup,
                error_messages=choice_error,
            )
        }
    if question.kind == "scale":
        return {
            name: forms.TypedChoiceField(
                **common,
                required=question.required,
                coerce=int,
                choices=scale_choices(page, question),
                widget=RadioGroup,
                error_messages=choice_error,
            )
        }
    if question.kind == "short_text":
        return {name: _text_field(question.required, SHORT_MAX_LENGTH, **common)}
    if question.kind == "long_text":
        return {name: _text_field(question.required, COMMENT_MAX_LENGTH, **common, rows=6)}
    return {
        section_name: _text_field(False, COMMENT_MAX_LENGTH, label, "", rows=3)
        for section_name, (_section_id, label) in question.sections.items()
    }


def scale_choices(page, question: Question) -> list[tuple[int, str]]:
    value = block_value(page, question.id)
    low, high = value["minimum"], value["maximum"]
    labels = {low: value.get("minimum_label") or "", high: value.get("maximum_label") or ""}
    return [(n, f"{n} – {labels[n]}" if labels.get(n) else str(n)) for n in range(low, high + 1)]


def block_value(page, block_id: str):
    return next(child.value for child in page.questionnaire if child.id == block_id)


def refuse_forbidden(cleaned: dict) -> list[str]:
    """The fields whose text holds characters no answer may contain."""
    return [
        name
        for name, value in cleaned.items()
        if name.startswith("q-") and isinstance(value, str) and FORBIDDEN in value
    ]


def answers_from(questions: list[Question], cleaned: dict) -> dict:
    """What the person answered, keyed by block id (unanswered questions left out)."""
    answers = {}
    for question in questions:
        entry = {"kind": question.kind, "question": question.text}
        if question.kind == "section_comments":
            comments = {
                section_id: {"section": label, "text": (cleaned.get(name) or "").strip()}
                for name, (section_id, label) in question.sections.items()
            }
            comments = {key: item for key, item in comments.items() if item["text"]}
            if comments:
                answers[question.id] = {**entry, "value": comments}
            continue
        value = cleaned.get(question.names[0])
        if value in (None, "", []):
            continue
        if isinstance(value, str):
            value = value.strip()
        entry["value"] = value
        if question.kind == "single_choice":
            entry["labels"] = [question.choices[value]]
        elif question.kind == "multiple_choice":
            entry["labels"] = [question.choices[item] for item in value]
        answers[question.id] = entry
    return answers


def comments_from(answers: dict) -> list[tuple[str, str]]:
    """(document part, text) of each comment on a section of the document in ANSWERS."""
    found = []
    for entry in answers.values():
        if entry.get("kind") == "section_comments":
            found.extend((item["section"], item["text"]) for item in entry["value"].values())
    return found
