"""Blocks of CAO pages."""

from wagtail import blocks

from core.blocks import DocumentLinkBlock


class DocumentsBlock(blocks.StreamBlock):
    """Attached documents (agendas, minutes, forms), each with an optional description."""

    document = DocumentLinkBlock()

    class Meta:
        template = "cao/includes/documents.html"
