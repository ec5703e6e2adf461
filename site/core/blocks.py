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


class BuildingBlock(blocks.StructBlock):
    """One place where people come (an office, a room), described as the accessibility
    statement's template asks: how to get in, move around, and be served."""

    name = blocks.CharBlock(label="Nazwa miejsca", help_text="np. Siedziba wydziału, Sale CAO")
    address = blocks.CharBlock(label="Adres", help_text="np. ul. Sienkiewicza 6a, 41-300 …")
    entrance = blocks.TextBlock(label="Wejście do budynku", required=False)
    steps_and_ramps = blocks.TextBlock(label="Schody, progi i pochylnie", required=False)
    lift = blocks.TextBlock(label="Winda", required=False)
    toilets = blocks.TextBlock(label="Toalety dostosowane", required=False)
    parking = blocks.TextBlock(
        label="Miejsca parkingowe dla osób z niepełnosprawnościami", required=False
    )
    induction_loop = blocks.TextBlock(label="Pętla indukcyjna", required=False)
    assistance_dog = blocks.TextBlock(
        label="Pies asystujący",
        required=False,
        default="Do budynku i wszystkich jego pomieszczeń można wejść z psem asystującym "
        "i psem przewodnikiem.",
    )
    sign_language = blocks.TextBlock(label="Tłumacz języka migowego na miejscu", required=False)
    other = blocks.TextBlock(label="Inne informacje", required=False)

    # The order and the headings in which the statement lists the details.
    DETAILS = (
        ("entrance", "Wejście do budynku"),
        ("steps_and_ramps", "Schody, progi i pochylnie"),
        ("lift", "Winda"),
        ("toilets", "Toalety"),
        ("parking", "Parking"),
        ("induction_loop", "Pętla indukcyjna"),
        ("assistance_dog", "Pies asystujący"),
        ("sign_language", "Tłumacz języka migowego na miejscu"),
        ("other", "Inne informacje"),
    )

    class Meta:
        icon = "home"
        label = "Miejsce obsługi"
