"""An advisory service of the CAO: what, for whom, when, where, with whom, and how to book."""

from datetime import time

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from rest_framework.fields import IntegerField, ListField

from core.blocks import BodyBlock
from core.models import BasePage
from core.public_forms import PublicFormPage
from pages.cao.blocks import DocumentsBlock
from pages.cao.choices import Audience, Topic
from pages.cao.schedule import WEEKDAY_CHOICES, date_text, slot_text, weekly_lines
from pages.cao.serializers import (
    ChoiceSerializer,
    DateEntrySerializer,
    page_links,
    page_links_field,
    strings,
    text,
)
from snippets.serializers import PersonSerializer

ADVICE_FORMS = (
    ("in_person", "osobiście"),
    ("by_phone", "telefonicznie"),
    ("online", "online"),
)


def _check_time_range(starts_at, ends_at) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError(
            {"ends_at": "Godzina zakończenia musi być późniejsza niż rozpoczęcia."}
        )


class AdvisoryServicePage(PublicFormPage, BasePage):
    """One kind of free advice the CAO gives (duty 15 of the department)."""

    topic = models.CharField("Temat", max_length=40, choices=Topic.choices)
    audience = models.CharField(
        "Dla kogo", max_length=40, choices=Audience.choices, default=Audience.NGOS
    )
    in_person = models.BooleanField("Osobiście", default=True)
    by_phone = models.BooleanField("Telefonicznie", default=False)
    online = models.BooleanField("Online (wideorozmowa)", default=False)
    place = models.CharField(
        "Miejsce",
        max_length=255,
        blank=True,
        help_text="np. Centrum Aktywności Obywatelskiej, ul. Sienkiewicza 6a, sala 12",
    )
    advisor = models.ForeignKey(
        "snippets.Person",
        verbose_name="Doradca",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advisory_services",
    )
    advisor_note = models.CharField(
        "Doradca – opis",
        max_length=255,
        blank=True,
        help_text="Gdy doradca jest spoza wydziału, np. „radca prawny współpracujący z CAO”.",
    )
    how_to_book = RichTextField(
        "Jak się umówić",
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Telefon, e-mail, czy trzeba się zapisać wcześniej. Formularz jest pod spodem.",
    )
    booking_enabled = models.BooleanField(
        "Przyjmuj prośby o konsultację przez formularz", default=True
    )
    notification_email = models.EmailField(
        "E-mail do powiadomień o nowych prośbach",
        blank=True,
        help_text="Powiadomienie nie zawiera danych osobowych, tylko numer i odnośnik do panelu. "
        "Puste – e-mail doradcy.",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Opis")
    documents = StreamField(DocumentsBlock(), blank=True, verbose_name="Dokumenty")

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("topic"), FieldPanel("audience")]),
                FieldRowPanel(
                    [FieldPanel("in_person"), FieldPanel("by_phone"), FieldPanel("online")],
                    heading="Forma porady",
                ),
            ],
            heading="Czego dotyczy i dla kogo",
        ),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("advisor"), FieldPanel("advisor_note")],
            heading="Gdzie i z kim",
        ),
        InlinePanel("duty_hours", heading="Stałe dyżury", label="Dyżur"),
        InlinePanel("dates", heading="Dodatkowe terminy", label="Termin"),
        MultiFieldPanel(
            [
                FieldPanel("how_to_book"),
                FieldPanel("booking_enabled"),
                FieldPanel("notification_email"),
            ],
            heading="Umawianie",
        ),
        FieldPanel("body"),
        FieldPanel("documents"),
        InlinePanel("guide_links", heading="Powiązane poradniki", label="Poradnik"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("topic"),
        index.FilterField("audience"),
        index.RelatedFields("advisor", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("topic", serializer=ChoiceSerializer(Topic)),
        APIField("audience", serializer=ChoiceSerializer(Audience)),
        APIField("advice_forms", serializer=strings()),
        APIField("duty_hours"),
        APIField("schedule", serializer=strings()),
        APIField(
            "upcoming_dates",
            serializer=ListField(child=DateEntrySerializer(), read_only=True),
        ),
        APIField("place"),
        APIField("advisor", serializer=PersonSerializer(allow_null=True)),
        APIField("advisor_note"),
        APIField("how_to_book"),
        APIField("booking_enabled"),
        APIField("body"),
        APIField("documents"),
        APIField("related_guides", serializer=page_links_field()),
    ]

    parent_page_types = ["cao.AdvisoryServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Usługa doradcza CAO"
        verbose_name_plural = "Usługi doradcze CAO"

    @property
    def advice_forms(self) -> list[str]:
        """['osobiście', 'telefonicznie']."""
        return [label for name, label in ADVICE_FORMS if getattr(self, name)]

    @property
    def schedule(self) -> list[str]:
        """Weekly duty hours in words: ['wtorki, 10:00–14:00']."""
        return weekly_lines(self.duty_hours.all())

    def upcoming_date_list(self) -> list["ServiceDate"]:
        today = timezone.localdate()
        days = [day for day in self.dates.all() if day.date >= today]
        return sorted(days, key=lambda day: (day.date, day.starts_at or time.min))

    @property
    def upcoming_dates(self) -> list[dict]:
        return [
            {
                "date": day.date.isoformat(),
                "starts_at": day.starts_at.isoformat(timespec="minutes") if day.starts_at else None,
                "ends_at": day.ends_at.isoformat(timespec="minutes") if day.ends_at else None,
                "note": day.note,
                "text": day.text,
            }
            for day in self.upcoming_date_list()
        ]

    @cached_property
    def related_guide_pages(self) -> list:
        """Live public guides linked from here or linking here, by title."""
        # pages.cao.models.guidance imports this module (a guide lists its services), so this
        # side names the guide models through the app registry, as ForeignKey("cao.…") does.
        GuidancePage = apps.get_model("cao", "GuidancePage")
        GuidanceServiceLink = apps.get_model("cao", "GuidanceServiceLink")
        own = [link.guide_id for link in self.guide_links.all()]
        linking = GuidanceServiceLink.objects.filter(service_id=self.pk).values("page_id")
        return list(
            GuidancePage.objects.live()
            .public()
            .filter(models.Q(pk__in=own) | models.Q(pk__in=linking))
            .order_by("title")
        )

    @property
    def related_guides(self) -> list[dict]:
        return page_links(self.related_guide_pages)


class DutyHours(Orderable):
    """A weekly slot: every Tuesday from 10:00 to 14:00."""

    page = ParentalKey(AdvisoryServicePage, on_delete=models.CASCADE, related_name="duty_hours")
    weekday = models.PositiveSmallIntegerField("Dzień tygodnia", choices=WEEKDAY_CHOICES)
    starts_at = models.TimeField("Od godziny")
    ends_at = models.TimeField("Do godziny")
    note = models.CharField(
        "Uwagi", max_length=120, blank=True, help_text="np. dyżur telefoniczny, co drugi tydzień"
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("note"),
    ]
    api_fields = [
        # 0 = Monday … 6 = Sunday, as a number (a choice field would be described as text).
        APIField("weekday", serializer=IntegerField(read_only=True)),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("note"),
        APIField("text", serializer=text()),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Dyżur"
        verbose_name_plural = "Stałe dyżury"

    def __str__(self) -> str:
        return self.text

    def clean(self):
        _check_time_range(self.starts_at, self.ends_at)

    @property
    def text(self) -> str:
        return slot_text(self)


class ServiceDate(Orderable):
    """A one-off date of the service, e.g. an extra duty before a grant deadline."""

    page = ParentalKey(AdvisoryServicePage, on_delete=models.CASCADE, related_name="dates")
    date = models.DateField("Dzień")
    starts_at = models.TimeField("Od godziny", null=True, blank=True)
    ends_at = models.TimeField("Do godziny", null=True, blank=True)
    note = models.CharField("Uwagi", max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Termin"
        verbose_name_plural = "Dodatkowe terminy"

    def __str__(self) -> str:
        return self.text

    def clean(self):
        if self.ends_at and not self.starts_at:
            raise ValidationError({"starts_at": "Podaj też godzinę rozpoczęcia."})
        _check_time_range(self.starts_at, self.ends_at)

    @property
    def text(self) -> str:
        text = date_text(self.date, self.starts_at, self.ends_at)
        return f"{text} ({self.note})" if self.note else text


class ServiceGuideLink(Orderable):
    page = ParentalKey(AdvisoryServicePage, on_delete=models.CASCADE, related_name="guide_links")
    guide = models.ForeignKey(
        "cao.GuidancePage", on_delete=models.CASCADE, related_name="+", verbose_name="Poradnik"
    )

    panels = [FieldPanel("guide")]

    class Meta(Orderable.Meta):
        verbose_name = "Powiązany poradnik"
        verbose_name_plural = "Powiązane poradniki"
