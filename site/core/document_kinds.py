"""Kinds of generated document, and how an editor's DOCX template for one is filled.

An app declares each document it writes once, as a `TemplateKind`, from its own
`<app>/document_templates.py` (found at start-up, like `search_sources.py`): the fields it
fills, the built-in layout (a `GeneratedDocument` built from those fields) and sample values.
Editors may upload a DOCX with `{{ pole }}` placeholders for a kind (Ustawienia → Szablony
dokumentów); from then on it replaces the built-in layout in both formats
(`core.document_templates.render`).

Templates are filled by docxtpl in Jinja's sandbox with undefined names refused, so a
template can neither reach Python objects nor silently print an empty field; values are
XML-escaped (an "&" in a name cannot break the file).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from zipfile import BadZipFile

from django.core.exceptions import ValidationError

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml.etree import XMLSyntaxError

from core.generated_documents import GeneratedDocument


@dataclass(frozen=True)
class TemplateKind:
    key: str  # "<app_label>.<document>", e.g. "initiatives.agreement"
    label: str  # what editors see, e.g. "Umowa o wykonanie inicjatywy lokalnej"
    fields: dict[str, str]  # placeholder name → what it holds, listed for editors
    default: Callable[[dict], GeneratedDocument]  # the built-in layout
    sample: dict = field(default_factory=dict)  # values a new template is tried with


KINDS: dict[str, TemplateKind] = {}


def register(kind: TemplateKind) -> TemplateKind:
    missing = set(kind.fields) - set(kind.sample)
    if missing:
        raise ValueError(f"{kind.key}: no sample value for {sorted(missing)}")
    KINDS[kind.key] = kind
    return kind


def kind_choices() -> list[tuple[str, str]]:
    """Choices of `DocumentTemplate.key` (a callable, so apps registered later count)."""
    return sorted(((key, kind.label) for key, kind in KINDS.items()), key=lambda c: c[1])


def fill(template: bytes, context: dict) -> bytes:
    """The DOCX `template` with its placeholders filled; `TemplateProblem` if it cannot be."""
    environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    try:
        document = DocxTemplate(io.BytesIO(template))
        document.render(context, jinja_env=environment)
        out = io.BytesIO()
        document.save(out)
    except UndefinedError as error:
        raise TemplateProblem(f"Szablon używa pola, którego nie ma: {error.message}.") from error
    except TemplateError as error:
        raise TemplateProblem(
            f"Szablon ma błąd w polach {{{{ … }}}}: {error.message or error}."
        ) from error
    except (BadZipFile, PackageNotFoundError, XMLSyntaxError, KeyError, ValueError) as error:
        # Not a DOCX: not a zip, no Word document part in it, or broken XML inside.
        raise TemplateProblem("Plik nie jest dokumentem DOCX, który da się wypełnić.") from error
    return out.getvalue()


class TemplateProblem(ValueError):
    """Why a template cannot be filled, in Polish, for the editor who uploaded it."""


def validate_template(key: str, content: bytes) -> None:
    """Fills the template with the kind's sample values: a broken one is refused on upload."""
    kind = KINDS.get(key)
    if kind is None:
        raise ValidationError("Wybierz rodzaj dokumentu z listy.")
    try:
        fill(content, kind.sample)
    except TemplateProblem as problem:
        raise ValidationError(str(problem)) from problem
