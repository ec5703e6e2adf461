"""One row of a consultation report's table of comments (edited before publication)."""

from wagtail import blocks

from pages.consultations.choices import Position


class ReportRowValue(blocks.StructValue):
    def position_label(self) -> str:
        value = self.get("position")
        return Position(value).label if value in Position.values else ""


class ReportRowBlock(blocks.StructBlock):
    number = blocks.CharBlock(label="Lp.", max_length=20)
    submitter = blocks.CharBlock(
        label="Zgłaszający",
        max_length=200,
        help_text="Nazwa organizacji albo „Osoba prywatna” – nigdy imię i nazwisko osoby.",
    )
    channel = blocks.CharBlock(label="Forma zgłoszenia", max_length=60)
    document_part = blocks.CharBlock(label="Część dokumentu", max_length=200, required=False)
    comment = blocks.TextBlock(label="Treść uwagi")
    position = blocks.ChoiceBlock(label="Stanowisko", choices=Position.choices)
    reason = blocks.TextBlock(label="Uzasadnienie", required=False)

    class Meta:
        label = "Uwaga"
        icon = "comment"
        value_class = ReportRowValue
