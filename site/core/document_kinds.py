"""Kinds of generated document, and how an editor's DOCX template for one is filled.

An app declares each document it writes once, as a `TemplateKind`, from its own
`<app>/document_kinds.py` (found at start-up by `core.apps`, like `search_sources.py`): the
fields it fills, the built-in layout (a `GeneratedDocument` built from those fields) and
sample values.
Editors may upload a DOCX with `{{ pole }}` placeholders for a kind (Ustawienia → Szablony
dokumentów); from then on it replaces the built-in layout in both formats
(`core.document_templates.render`).

Templates are filled by docxtpl in Jinja's sandbox with undefined names refused, so a
template can neither reach Python objects nor silently print an empty field. Every printed
value is XML-escaped by the environment's `finalize`, which a template cannot switch off
(`|safe` and `{% autoescape false %}` only affect autoescaping): a resident's "&" or
"</w:t>" in a name can neither break the file nor add Word markup (fields, links) to it.
"""

import html
import io
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from zipfile import BadZipFile

from django.core.exceptions import ValidationError

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml.etree import XMLSyntaxError
from markupsafe import escape

from core.generated_documents import (
    GeneratedDocument,
    Heading,
    Paragraph,
    document_from_docx,
    docx_text,
    xml_text,
)


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


# The core properties docxtpl fills with the same environment (`render_properties`).
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
# Longest text a template may build with "*" (a line repeated, a rule of dashes).
MAX_REPEATED_CHARACTERS = 10_000


class _TemplateSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with values escaped whatever the template says and the two
    operators that can take a worker's memory or time on one line ("x" * 10**9) checked."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self):
        super().__init__(undefined=StrictUndefined, finalize=_escaped)
        self.globals.pop("lipsum", None)  # lorem ipsum of any length: nothing a form needs

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**":
            raise SecurityError("potęgowanie jest w szablonach niedostępne")
        product = operator.mul(left, right) if _small_product(left, right) else None
        if product is None:
            raise SecurityError(f"powtórzenie dłuższe niż {MAX_REPEATED_CHARACTERS} znaków")
        return product


def _small_product(left, right) -> bool:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(times, int):
            return len(sequence) * times <= MAX_REPEATED_CHARACTERS
    return True


def _undefined(error: UndefinedError) -> str:
    """The name Jinja's "'x' is undefined" names, as the editor wrote it; else its message."""
    match = re.fullmatch(r"'(\w+)' is undefined", error.message or "")
    return f"{{{{ {match[1]} }}}}" if match else f"(komunikat Jinja: {error.message})"


def _escaped(value) -> str:
    # str() first: a Markup (from |safe) is escaped like any other text.
    return escape(xml_text(str(value)))


def fill(template: bytes, context: dict) -> bytes:
    """The DOCX `template` with its placeholders filled; `TemplateProblem` if it cannot be."""
    try:
        document = DocxTemplate(io.BytesIO(template))
        document.init_docx()
        properties = document.docx.core_properties
        templated = [
            name for name in _RENDERED_PROPERTIES if "{" in (getattr(properties, name) or "")
        ]
    except (BadZipFile, PackageNotFoundError, XMLSyntaxError, KeyError, ValueError) as error:
        # Not a DOCX: not a zip, no Word document part in it, or broken XML inside.
        raise TemplateProblem("Plik nie jest dokumentem DOCX, który da się wypełnić.") from error
    try:
        document.render(context, jinja_env=_TemplateSandbox())
    except UndefinedError as error:
        raise TemplateProblem(
            f"Szablon używa pola, którego nie ma: {_undefined(error)}."
        ) from error
    except TemplateError as error:
        # Jinja's own words (English) stay in brackets: they name the place of the mistake.
        raise TemplateProblem(
            f"Szablon ma błąd w polach {{{{ … }}}} (komunikat Jinja: {error.message or error})."
        ) from error
    except XMLSyntaxError as error:
        raise TemplateProblem(
            "Po wypełnieniu pól dokument nie jest poprawnym plikiem DOCX (znacznik "
            "{% … %} przecina akapit albo tabelę)."
        ) from error
    except Exception as error:  # the editor's expression failed at run time ({{ 1/0 }})
        raise TemplateProblem(
            "Szablon ma błąd w polach {{ … }}: wyrażenia nie da się obliczyć (np. dzielenie "
            "przez zero albo liczba dodana do tekstu)."
        ) from error
    for name in templated:
        # Properties are plain text, not XML: the escaping done for the body is undone.
        setattr(properties, name, html.unescape(getattr(properties, name) or ""))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class TemplateProblem(ValueError):
    """Why a template cannot be filled, in Polish, for the editor who uploaded it."""


def validate_template(key: str, content: bytes) -> None:
    """Fills the template with the kind's sample values: a broken one is refused on upload,
    and so is one with a field where the PDF (read back from the DOCX) would not show it."""
    kind = KINDS.get(key)
    if kind is None:
        raise ValidationError("Wybierz rodzaj dokumentu z listy.")
    try:
        filled = fill(content, kind.sample)
    except TemplateProblem as problem:
        raise ValidationError(str(problem)) from problem
    hidden = fields_missing_from_pdf(kind, filled)
    if hidden:
        names = ", ".join(f"{{{{ {name} }}}}" for name in hidden)
        raise ValidationError(
            f"Pola {names} stoją w miejscu, którego wersja PDF nie pokazuje (nagłówek lub "
            "stopka strony, pole tekstowe, przypis). Przenieś je do zwykłego akapitu albo "
            "tabeli."
        )


def fields_missing_from_pdf(kind: TemplateKind, filled: bytes) -> list[str]:
    """Fields whose sample value the filled DOCX shows only where its read-back (the PDF)
    does not look: a header or footer, a text box, a note. A value also shown in the body
    (the number in the header and in the first line) is not missing."""
    read = document_from_docx(filled)
    shown = [read.title]
    for block in read.blocks:
        if isinstance(block, Heading | Paragraph):
            shown.append(block.text)
        else:
            shown.extend(
                (block.caption, *block.header, *(cell for row in block.rows for cell in row))
            )
    shown_text = "\n".join(shown)
    everything = docx_text(filled)
    missing = []
    for name in kind.fields:
        value = str(kind.sample[name])
        if value and value in everything and value not in shown_text:
            missing.append(name)
    return missing
