"""The questionnaire of a consultation, built by editors from blocks.

Every block (and every choice of a choice question, and every section of the consulted
document) has a stable id kept by the StreamField: answers are stored under those ids, so
an editor may reword, reorder or add questions after answers came in without garbling
what was stored (pages/consultations/questionnaire.py builds the form from the blocks).
"""

from wagtail import blocks

QUESTION_HELP = "np. Który wariant przebiegu ścieżki rowerowej wybierasz?"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Pytanie", max_length=300, help_text=QUESTION_HELP)
    help_text = blocks.CharBlock(
        label="Podpowiedź", required=False, max_length=300, help_text="Pokazywana pod pytaniem."
    )
    required = blocks.BooleanBlock(label="Odpowiedź wymagana", required=False)

    class Meta:
        icon = "help"


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label="Odpowiedź", max_length=200),
        label="Odpowiedzi do wyboru",
        min_num=2,
    )


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = "Pytanie jednokrotnego wyboru"
        icon = "radio-full"


class MultipleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = "Pytanie wielokrotnego wyboru"
        icon = "tick-inverse"


class ScaleBlock(QuestionBlock):
    minimum = blocks.IntegerBlock(label="Od", default=1, min_value=0, max_value=1)
    maximum = blocks.IntegerBlock(label="Do", default=5, min_value=2, max_value=10)
    minimum_label = blocks.CharBlock(
        label="Opis najniższej wartości",
        required=False,
        max_length=60,
        help_text="np. zdecydowanie nie",
    )
    maximum_label = blocks.CharBlock(
        label="Opis najwyższej wartości",
        required=False,
        max_length=60,
        help_text="np. zdecydowanie tak",
    )

    class Meta:
        label = "Skala"
        icon = "order"


class ShortTextBlock(QuestionBlock):
    class Meta:
        label = "Krótka odpowiedź"
        icon = "pilcrow"


class LongTextBlock(QuestionBlock):
    class Meta:
        label = "Długa odpowiedź"
        icon = "doc-full"


class SectionCommentsBlock(blocks.StructBlock):
    """One comment field for each section of the consulted document (defined once on the
    page, in "Części dokumentu")."""

    question = blocks.CharBlock(
        label="Wstęp", max_length=300, default="Uwagi do poszczególnych części dokumentu"
    )
    help_text = blocks.CharBlock(label="Podpowiedź", required=False, max_length=300)

    class Meta:
        label = "Uwagi do części dokumentu"
        icon = "list-ol"


class QuestionnaireBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    scale = ScaleBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    section_comments = SectionCommentsBlock()


class DocumentSectionBlock(blocks.StreamBlock):
    section = blocks.CharBlock(
        label="Część dokumentu", max_length=120, help_text="np. § 3 ust. 2, rozdział 4, mapa nr 2"
    )


CLOSED_KINDS = ("single_choice", "multiple_choice", "scale")
