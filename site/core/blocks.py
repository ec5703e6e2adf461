"""StreamField blocks shared by every page type's body."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tekst nagłówka")
    level = blocks.ChoiceBlock(
        label="Poziom",
        choices=[("h2", "Nagłówek 2"), ("h3", "Nagłówek 3"), ("h4", "Nagłówek 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Nagłówek"
        template = "blocks/heading.html"
        preview_value = {"text": "Jak wziąć udział", "level": "h2"}


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokument")
    title = blocks.CharBlock(label="Opis", required=False, help_text="Domyślnie tytuł dokumentu.")

    class Meta:
        icon = "doc-full"
        label = "Dokument"

    def get_api_representation(self, value, context=None):
        document = value["document"]
        if document is None:
            return None
        return {
            "id": document.id,
            "title": value["title"] or document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Nagłówek", required=False, default="Dokumenty")
    documents = blocks.ListBlock(DocumentLinkBlock(), label="Dokumenty")

    class Meta:
        icon = "doc-full-inverse"
        label = "Lista dokumentów"
        template = "blocks/document_list.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Tytuł", required=False)
    text = blocks.RichTextBlock(label="Treść", features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = "Wyróżniona informacja"
        template = "blocks/callout.html"


class ChannelBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Opis", required=False, help_text="np. Sekretariat, CAO")
    kind = blocks.ChoiceBlock(
        label="Rodzaj",
        choices=[("phone", "Telefon"), ("email", "E-mail"), ("social", "Serwis społecznościowy")],
    )
    value = blocks.CharBlock(label="Numer, adres lub nazwa")
    url = blocks.URLBlock(label="Adres strony (dla serwisów)", required=False)

    class Meta:
        icon = "mail"
        label = "Kanał kontaktu"


class BodyBlock(blocks.StreamBlock):
    """The body of standard content: text, headings, documents, tables."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Tekst",
        features=["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph.html",
    )
    documents = DocumentListBlock()
    callout = CalloutBlock()
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label="Tekst")),
            ("rich_text", blocks.RichTextBlock(label="Tekst sformatowany", features=["link"])),
            ("number", blocks.DecimalBlock(label="Liczba")),
        ],
        label="Tabela",
        template="blocks/table.html",
    )
