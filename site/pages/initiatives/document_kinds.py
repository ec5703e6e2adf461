"""The documents this app writes (core.document_kinds, found at start-up): the agreement."""

from core.document_kinds import TemplateKind, register
from pages.initiatives import agreement

register(
    TemplateKind(
        key=agreement.KEY,
        label=agreement.LABEL,
        fields=agreement.FIELDS,
        default=agreement.default_layout,
        sample=agreement.SAMPLE,
    )
)
