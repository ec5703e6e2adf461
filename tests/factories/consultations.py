"""Factories of consultations, announcements and responses (pages built under a parent)."""

import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import factory
import wagtail_factories

from pages.consultations.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ConsultationIndexPage,
    ConsultationMeeting,
    ConsultationPage,
    ConsultationResponse,
)
from pages.consultations.pdf import simple_pdf


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page with a published revision, as editors leave it (dates of publication set)."""

    class Meta:
        abstract = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()
            obj.refresh_from_db()


class ConsultationIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ConsultationIndexPage
        skip_postgeneration_save = True

    title = "Konsultacje społeczne"
    slug = "konsultacje"
    show_in_menus = True


class ConsultationPageFactory(PublishedPageFactory):
    """An open consultation by default (opened a day ago, closing in ten days)."""

    class Meta:
        model = ConsultationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Konsultacja {n}")
    slug = factory.Sequence(lambda n: f"konsultacja-{n}")
    summary = "Krótko o konsultacji."
    subject = "Projekt uchwały w sprawie testowej."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if extracted:
            obj.districts = list(extracted)
            obj.save_revision().publish()


class ConsultationMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationMeeting

    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda obj: obj.starts_at + timedelta(hours=2))
    place = "Pałac Kultury Zagłębia"
    address = "pl. Wolności 1"


class AnnouncementIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = AnnouncementIndexPage
        skip_postgeneration_save = True

    title = "Ogłoszenia"
    slug = "ogloszenia"
    show_in_menus = True


class AnnouncementPageFactory(PublishedPageFactory):
    class Meta:
        model = AnnouncementPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Ogłoszenie {n}")
    slug = factory.Sequence(lambda n: f"ogloszenie-{n}")
    summary = "Treść wstępu ogłoszenia."
    date = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.add(*extracted)
            obj.save_revision().publish()


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationResponse

    comment = factory.Sequence(lambda n: f"Uwaga numer {n} do projektu.")
    document_part = "§ 1"
    author_name = "Anna Nowak"
    email = "anna.nowak@example.pl"
    form_token = factory.LazyFunction(uuid.uuid4)
    receipt_number = factory.Sequence(lambda n: f"KON-2026-TEST-{n:04d}")


def pdf_document(title="Raport z konsultacji", text="Raport z konsultacji testowej."):
    """A real PDF stored through Wagtail documents."""
    Document = get_document_model()
    document = Document(title=title)
    document.file.save("raport.pdf", ContentFile(simple_pdf(title, [text])), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


# A questionnaire with fixed block ids, as the page editor stores one.
SECTIONS = [
    {"type": "section", "value": "§ 1", "id": "sec-1"},
    {"type": "section", "value": "§ 3 ust. 2", "id": "sec-2"},
]


def _choices(*labels_and_ids):
    return [{"type": "item", "value": label, "id": item_id} for item_id, label in labels_and_ids]


QUESTIONNAIRE = [
    {
        "type": "single_choice",
        "id": "q-variant",
        "value": {
            "question": "Który wariant ścieżki wybierasz?",
            "help_text": "Warianty opisuje mapa nr 2.",
            "required": True,
            "choices": _choices(("v-a", "Wariant A"), ("v-b", "Wariant B")),
        },
    },
    {
        "type": "multiple_choice",
        "id": "q-uses",
        "value": {
            "question": "Do czego użyjesz ścieżki?",
            "help_text": "",
            "required": False,
            "choices": _choices(
                ("u-work", "Do pracy"), ("u-school", "Do szkoły"), ("u-fun", "Rekreacja")
            ),
        },
    },
    {
        "type": "scale",
        "id": "q-need",
        "value": {
            "question": "Jak bardzo potrzebna jest ścieżka?",
            "help_text": "",
            "required": True,
            "minimum": 1,
            "maximum": 5,
            "minimum_label": "wcale",
            "maximum_label": "bardzo",
        },
    },
    {
        "type": "short_text",
        "id": "q-street",
        "value": {"question": "Przy jakiej ulicy mieszkasz?", "help_text": "", "required": False},
    },
    {
        "type": "section_comments",
        "id": "q-sections",
        "value": {"question": "Uwagi do paragrafów uchwały", "help_text": ""},
    },
]


def questionnaire_consultation(parent, **kwargs):
    """An open consultation with the questionnaire above (three kinds of question and
    comments per section of the document)."""
    page = ConsultationPageFactory(parent=parent, publish=False, **kwargs)
    page.document_sections = SECTIONS
    page.questionnaire = QUESTIONNAIRE
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)
