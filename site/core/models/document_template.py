"""An editor's DOCX template for one kind of generated document (core.document_kinds)."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, HelpPanel

from core.document_kinds import KINDS, kind_choices, validate_template

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class KindFieldsPanel(HelpPanel):
    """Lists every kind with the placeholders its template may use."""

    def __init__(self, template="core/panels/document_kind_fields.html", **kwargs):
        super().__init__(template=template, **kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["kinds"] = sorted(KINDS.values(), key=lambda kind: kind.label)
            return context


class DocumentTemplate(models.Model):
    key = models.CharField(
        "Rodzaj dokumentu",
        max_length=100,
        unique=True,  # one template per kind: the one in use
        choices=kind_choices,
        help_text="Bez szablonu portal pisze ten dokument w swoim wbudowanym układzie.",
    )
    file = models.FileField(
        "Szablon DOCX",
        # Under MEDIA_ROOT but never served: only images are served from media.
        upload_to="szablony/",
        validators=[FileExtensionValidator(["docx"], "Szablon musi być plikiem DOCX.")],
        help_text="Dokument Word z polami w podwójnych nawiasach klamrowych, np. "
        "{{ nazwa_wnioskodawcy }}; pola każdego rodzaju wymienia ten ekran poniżej.",
    )
    updated_at = models.DateTimeField("Zmieniony", auto_now=True)

    panels = [
        FieldPanel("key"),
        FieldPanel("file"),
        KindFieldsPanel(heading="Pola, które można wstawić do szablonu"),
    ]

    class Meta:
        verbose_name = "Szablon dokumentu"
        verbose_name_plural = "Szablony dokumentów"
        ordering = ["key"]

    def __str__(self) -> str:
        return self.get_key_display()

    def clean(self):
        """Refuses a file that is too big, not a DOCX, or whose placeholders cannot be
        filled with the kind's sample values — on upload, not when a resident downloads."""
        super().clean()
        upload = self.file
        if not upload or not self.key:
            return
        if upload.size > MAX_TEMPLATE_BYTES:
            raise ValidationError({"file": "Szablon może mieć najwyżej 5 MB."})
        upload.open("rb")
        try:
            content = upload.read()
        finally:
            upload.seek(0)
        try:
            validate_template(self.key, content)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
