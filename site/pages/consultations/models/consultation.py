"""A public consultation: what is consulted, with whom, until when, and what came of it."""

from datetime import datetime

from django.db import models
from django.db.models import Case, F, Q, When
from django.http import Http404
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core import deadlines
from core.blocks import BodyBlock, DocumentLinkBlock
from core.generated_documents import document_response
from core.lifecycle import State
from core.lifecycle_serializers import state_label_field, state_value_field
from core.models import BasePage
from core.page_panels import panels_for
from core.public_forms import PublicFormPage
from core.shared_fragments import deferred
from pages.consultations.blocks import DocumentSectionBlock, QuestionnaireBlock
from pages.consultations.report_blocks import ReportRowBlock
from pages.consultations.report_output import charts_of, report_document, table_csv
from pages.consultations.serializers import boolean_field, report_field, text_field
from pages.consultations.state import CONSULTATION
from snippets.serializers import DistrictSerializer, PersonSerializer

REPORT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class Audience(models.TextChoices):
    RESIDENTS = "residents", "Mieszkańcy"
    NGOS = "ngos", "Organizacje pozarządowe"
    ALL = "all", "Mieszkańcy i organizacje pozarządowe"


class ConsultationPageQuerySet(PageQuerySet):
    def in_state(self, state: str, now: datetime | None = None):
        return CONSULTATION.filter(self, state, now or timezone.now())

    def open(self, now: datetime | None = None):
        return self.in_state(CONSULTATION.OPEN, now)

    def in_listing_order(self, now: datetime | None = None):
        """Open (closing soonest first), planned (opening soonest), closed and concluded
        (most recently closed first), cancelled last."""
        now = now or timezone.now()
        open_key = Case(When(CONSULTATION.q(CONSULTATION.OPEN, now), then=F("closes_at")))
        planned_key = Case(When(CONSULTATION.q(CONSULTATION.PLANNED, now), then=F("opens_at")))
        return self.annotate(
            listing_rank=CONSULTATION.rank(now), open_key=open_key, planned_key=planned_key
        ).order_by(
            "listing_rank",
            F("open_key").asc(nulls_last=True),
            F("planned_key").asc(nulls_last=True),
            "-closes_at",
            "-pk",
        )

    def for_district(self, district):
        """Consultations in DISTRICT and those of the whole city (they concern it too)."""
        return self.filter(Q(districts=district) | Q(districts__isnull=True)).distinct()

    def for_audience(self, audience: str):
        """Consultations addressed to AUDIENCE, including those addressed to everyone."""
        if audience == Audience.ALL:
            return self.filter(audience=Audience.ALL)
        return self.filter(audience__in=[audience, Audience.ALL])


ConsultationPageManager = PageManager.from_queryset(ConsultationPageQuerySet)


class ConsultationPageForm(WagtailAdminPageForm):
    """Rules that involve several fields, told to editors beside the fields concerned."""

    def clean(self):
        cleaned = super().clean()
        # Closing at 23:59 means the whole of that day: to 24:00 (core.deadlines).
        if cleaned.get("closes_at"):
            cleaned["closes_at"] = deadlines.end_of_day_if_2359(cleaned["closes_at"])
            self.instance.closes_at = cleaned["closes_at"]
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", "Zakończenie musi być późniejsze niż rozpoczęcie.")
        if cleaned.get("is_cancelled") and not (cleaned.get("cancellation_reason") or "").strip():
            self.add_error("cancellation_reason", "Podaj powód odwołania konsultacji.")
        has_report = bool(cleaned.get("report_document")) or _has_text(
            cleaned.get("report_summary")
        )
        if cleaned.get("report_table") and not has_report:
            self.add_error(
                "report_summary", "Raport z tabelą uwag potrzebuje podsumowania (wstępu)."
            )
        if has_report and not cleaned.get("report_date"):
            self.add_error("report_date", "Podaj datę raportu.")
        if cleaned.get("report_date") and not has_report:
            self.add_error(
                "report_summary", "Raport ma datę, ale nie ma ani podsumowania, ani dokumentu."
            )
        return cleaned


def _has_text(html: str | None) -> bool:
    from django.utils.html import strip_tags

    return bool(strip_tags(html or "").strip())


class ConsultationPage(PublicFormPage, RoutablePageMixin, BasePage):
    """One consultation; its state follows from its dates and content at each request."""

    page_cache_lists = ("snippets.district", "snippets.person")

    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")
    subject = models.TextField(
        "Przedmiot konsultacji", help_text="Czego dotyczy konsultowany dokument lub decyzja."
    )
    legal_basis = models.TextField(
        "Podstawa prawna",
        blank=True,
        help_text="np. Uchwała nr … Rady Miejskiej w Dąbrowie Górniczej z dnia … "
        "w sprawie przeprowadzenia konsultacji.",
    )
    audience = models.CharField(
        "Kogo konsultujemy", max_length=16, choices=Audience.choices, default=Audience.ALL
    )
    districts = ParentalManyToManyField(
        "snippets.District",
        blank=True,
        related_name="consultations",
        verbose_name="Dzielnice",
        help_text="Zostaw puste, jeśli konsultacja dotyczy całego miasta.",
    )
    opens_at = models.DateTimeField("Rozpoczęcie", db_index=True)
    closes_at = models.DateTimeField(
        "Zakończenie",
        db_index=True,
        help_text="Uwagi przyjmujemy do tej chwili. Godzina 23:59 oznacza cały dzień: "
        "zapiszemy 24:00, a strona pokaże „do … włącznie”.",
    )
    accepts_online_comments = models.BooleanField("Uwagi przez formularz na stronie", default=True)
    written_comments_email = models.EmailField("Adres e-mail na uwagi pisemne", blank=True)
    written_comments_address = models.TextField(
        "Adres pocztowy na uwagi pisemne",
        blank=True,
        help_text="Adres, na który można wysłać lub przynieść uwagi na piśmie.",
    )
    documents = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name="Dokumenty",
        help_text="Projekt aktu, mapy, formularze.",
    )
    contact_person = models.ForeignKey(
        "snippets.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        verbose_name="Osoba do kontaktu",
    )
    report_summary = RichTextField("Podsumowanie raportu", blank=True, features=REPORT_FEATURES)
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Dokument raportu",
    )
    report_date = models.DateField(
        "Data raportu",
        null=True,
        blank=True,
        help_text="Od tego dnia konsultacja jest pokazywana jako zakończona raportem.",
    )
    comments_usage = RichTextField("Jak wykorzystano uwagi", blank=True, features=REPORT_FEATURES)
    is_cancelled = models.BooleanField("Konsultacja odwołana", default=False)
    cancellation_reason = models.TextField("Powód odwołania", blank=True)
    document_sections = StreamField(
        DocumentSectionBlock(),
        blank=True,
        verbose_name="Części dokumentu",
        help_text="Części konsultowanego dokumentu, do których można zgłaszać uwagi "
        "(np. § 3 ust. 2). Wpisz je raz: użyje ich kwestionariusz i raport.",
    )
    questionnaire = StreamField(
        QuestionnaireBlock(),
        blank=True,
        verbose_name="Kwestionariusz",
        help_text="Pytania formularza na stronie. Bez pytań formularz przyjmuje jedną uwagę "
        "w dowolnej formie.",
    )
    # The report's table and figures: generated from the analysis (admin → Analiza uwag),
    # then edited like any field and published with the page through the workflow.
    report_table = StreamField(
        [("row", ReportRowBlock())], blank=True, verbose_name="Tabela uwag raportu"
    )
    report_statistics = models.JSONField("Liczby raportu", default=dict, blank=True, editable=False)

    objects = ConsultationPageManager()
    base_form_class = ConsultationPageForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subject"),
        FieldPanel("legal_basis"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("audience"),
                FieldPanel("districts"),
            ],
            heading="Termin i zasięg",
        ),
        MultiFieldPanel(
            [
                FieldPanel("accepts_online_comments"),
                FieldPanel("written_comments_email"),
                FieldPanel("written_comments_address"),
            ],
            heading="Jak wziąć udział",
        ),
        InlinePanel("meetings", label="Spotkanie", heading="Spotkania konsultacyjne"),
        FieldPanel("documents"),
        FieldPanel("contact_person"),
    ]
    questionnaire_panels = [FieldPanel("document_sections"), FieldPanel("questionnaire")]
    outcome_panels = [
        MultiFieldPanel(
            [
                FieldPanel("report_date"),
                FieldPanel("report_summary"),
                FieldPanel("report_table"),
                FieldPanel("report_document"),
                FieldPanel("comments_usage"),
            ],
            heading="Raport z konsultacji",
        ),
        MultiFieldPanel(
            [FieldPanel("is_cancelled"), FieldPanel("cancellation_reason")],
            heading="Odwołanie",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Treść"),
            ObjectList(questionnaire_panels, heading="Kwestionariusz"),
            ObjectList(outcome_panels, heading="Wynik"),
            ObjectList(BasePage.promote_panels, heading="Promocja"),
            ObjectList(BasePage.settings_panels, heading="Ustawienia"),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subject"),
        index.SearchField("legal_basis"),
        index.SearchField("body"),
        index.SearchField("report_summary"),
        index.SearchField("comments_usage"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
        index.FilterField("audience"),
        index.FilterField("is_cancelled"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("state", serializer=state_value_field(CONSULTATION)),
        APIField("state_label", serializer=state_label_field()),
        APIField("subject"),
        APIField("legal_basis"),
        APIField("body"),
        APIField("audience"),
        APIField("audience_label", serializer=text_field()),
        APIField("is_city_wide", serializer=boolean_field()),
        APIField("districts", serializer=DistrictSerializer(many=True)),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("accepts_online_comments"),
        APIField("written_comments_email"),
        APIField("written_comments_address"),
        APIField("meetings"),
        APIField("documents"),
        APIField("contact_person", serializer=PersonSerializer(allow_null=True)),
        APIField("report", serializer=report_field()),
        APIField("is_cancelled"),
        APIField("cancellation_reason"),
    ]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Konsultacja"
        verbose_name_plural = "Konsultacje"

    # --- state -----------------------------------------------------------------

    def get_state(self, now: datetime | None = None) -> State:
        return CONSULTATION.state_of(self, now or timezone.now())

    @property
    def state(self) -> str:
        """The state now, as its identifier (`open`, `closed`…); used by the API."""
        return self.get_state().value

    @property
    def state_label(self) -> str:
        return self.get_state().label

    @property
    def audience_label(self) -> str:
        return self.get_audience_display()

    @property
    def is_city_wide(self) -> bool:
        return not self.districts.all()

    def time_left_text(self, now: datetime | None = None) -> str:
        """'zostały 3 dni' (calendar days) while the consultation is open, else ''."""
        now = now or timezone.now()
        if self.get_state(now) != CONSULTATION.OPEN:
            return ""
        return deadlines.remaining_text(self.closes_at, now)

    # --- rendering -----------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["now"] = now
        context["state"] = self.get_state(now)
        context["time_left"] = self.time_left_text(now)
        # Shown only in the page's shared part (core.shared_fragments): read when it renders.
        context["meetings"] = deferred(lambda: list(self.meetings.all()))
        context["district_list"] = deferred(lambda: list(self.districts.all()))
        if context["state"] == CONSULTATION.CONCLUDED:
            context["report_charts"] = charts_of(self.report_statistics)
        context.update(kwargs)
        # In the head's shared part: reading the parent's own type is a query.
        context["feeds"] = deferred(lambda: self.feed_links(request))
        # What other apps show on a consultation (e.g. councils' opinions on it).
        context["page_panels"] = deferred(lambda: panels_for(request, self))
        return context

    # Wagtail serves only paths of slugs ending in "/", so the file has no ".csv".
    @path("zestawienie-uwag/", name="report_csv")
    def report_csv(self, request):
        """The published report's table as open data; nothing before it is published."""
        if self.get_state() != CONSULTATION.CONCLUDED or not self.report_table:
            raise Http404
        return table_csv(self.report_table, f"raport-{self.slug}")

    @path("raport/<str:extension>/", name="report_file")
    def report_file(self, request, extension):
        """The published report as DOCX or PDF; nothing before it is published."""
        if extension not in ("pdf", "docx") or self.get_state() != CONSULTATION.CONCLUDED:
            raise Http404
        if not self.report_table:
            raise Http404
        return document_response(report_document(self), extension)

    def feed_links(self, request) -> list[dict]:
        """The feeds of the list this consultation is on (its parent, by page_types)."""
        parent = self.get_parent().specific
        return parent.feed_links(request) if hasattr(parent, "feed_links") else []

    def get_json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary or self.subject,
            "startDate": self.opens_at.isoformat(),
            "endDate": self.closes_at.isoformat(),
            "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
            "eventStatus": "https://schema.org/EventCancelled"
            if self.is_cancelled
            else "https://schema.org/EventScheduled",
            "url": request.build_absolute_uri(self.get_url(request)),
            "inLanguage": "pl",
        }
        return data
