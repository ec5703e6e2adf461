"""An event of the department: a training, a conference, a council meeting."""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core import deadlines
from core.blocks import BodyBlock
from core.lifecycle import State
from core.lifecycle_serializers import state_label_field, state_value_field
from core.models import BasePage
from core.public_forms import PublicFormPage
from pages.cao.blocks import DocumentsBlock
from pages.cao.choices import Audience, EventKind, Registration
from pages.cao.event_state import EVENT
from pages.cao.feeds import calendar_response
from pages.cao.models.event_registration import EventRegistration
from pages.cao.models.sitting import SittingMixin
from pages.cao.schedule import period_text
from pages.cao.serializers import ChoiceSerializer, RegistrationInfoSerializer, text
from snippets.serializers import PersonSerializer


@dataclass(frozen=True)
class RegistrationStatus:
    """The registration's state now (pages.cao.event_state) and what to tell people about it."""

    state: State
    message: str
    places: int | None = None
    places_left: int | None = None

    @property
    def accepts(self) -> bool:
        return self.state == EVENT.OPEN

    @property
    def code(self) -> str:
        return self.state.value

    @property
    def label(self) -> str:
        return self.state.label


# What to say when registration is closed, by pages.cao.event_state's reason.
CLOSED_MESSAGES = {
    "cancelled": "Wydarzenie zostało odwołane – zapisy są zamknięte.",
    "closed": "Zapisy na to wydarzenie są zamknięte.",
    "deadline": "Termin zapisów na to wydarzenie minął ({deadline}).",
    "started": "Wydarzenie już się rozpoczęło – zapisy są zamknięte.",
}


def local_day_start(moment: datetime | None = None) -> datetime:
    today = timezone.localdate(moment) if moment else timezone.localdate()
    return timezone.make_aware(datetime.combine(today, time.min))


class EventPage(SittingMixin, PublicFormPage, RoutablePageMixin, BasePage):
    page_cache_lists = ()  # its registrations bump it (EventRegistration.page_cache_page_id)
    kind = models.CharField("Rodzaj", max_length=40, choices=EventKind.choices)
    starts_at = models.DateTimeField("Początek", db_index=True)
    ends_at = models.DateTimeField("Koniec", null=True, blank=True)
    place = models.CharField("Miejsce", max_length=255, help_text="np. Sala sesyjna, online")
    address = models.CharField(
        "Adres", max_length=255, blank=True, help_text="np. ul. Graniczna 27, Dąbrowa Górnicza"
    )
    audience = models.CharField(
        "Dla kogo", max_length=40, choices=Audience.choices, default=Audience.EVERYONE
    )
    is_cancelled = models.BooleanField("Wydarzenie odwołane", default=False)
    registration = models.CharField(
        "Zapisy", max_length=20, choices=Registration.choices, default=Registration.NONE
    )
    places = models.PositiveIntegerField(
        "Liczba miejsc", null=True, blank=True, help_text="Puste – bez limitu."
    )
    registration_deadline = models.DateTimeField(
        "Zapisy do", null=True, blank=True, help_text="Puste – do rozpoczęcia wydarzenia."
    )
    contact_person = models.ForeignKey(
        "snippets.Person",
        verbose_name="Osoba do kontaktu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Opis i program")
    documents = StreamField(
        DocumentsBlock(), blank=True, verbose_name="Dokumenty (porządek obrad, protokół…)"
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
                FieldPanel("is_cancelled"),
            ],
            heading="Co, kiedy i gdzie",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldRowPanel([FieldPanel("places"), FieldPanel("registration_deadline")]),
                FieldPanel("contact_person"),
            ],
            heading="Zapisy",
        ),
        FieldPanel("body"),
        FieldPanel("documents"),
        *SittingMixin.sitting_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("place"),
        index.SearchField("agenda"),
        index.SearchField("public_minutes_text"),
        index.FilterField("kind"),
        index.FilterField("starts_at"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("kind", serializer=ChoiceSerializer(EventKind)),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("when", serializer=text()),
        APIField("place"),
        APIField("address"),
        APIField("audience", serializer=ChoiceSerializer(Audience)),
        APIField("is_cancelled"),
        APIField("state", serializer=state_value_field(EVENT)),
        APIField("state_label", serializer=state_label_field()),
        APIField("registration_info", serializer=RegistrationInfoSerializer()),
        APIField("contact_person", serializer=PersonSerializer(allow_null=True)),
        APIField("body"),
        APIField("documents"),
        *SittingMixin.sitting_api_fields,
    ]

    parent_page_types = ["cao.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Wydarzenie"
        verbose_name_plural = "Wydarzenia"

    def clean(self):
        super().clean()
        errors = self.clean_sitting()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "Koniec musi być później niż początek."
        deadline = self.registration_deadline
        if self.starts_at and deadline and deadline > self.starts_at:
            errors["registration_deadline"] = (
                "Zapisy muszą się kończyć najpóźniej w chwili rozpoczęcia wydarzenia."
            )
        if errors:
            raise ValidationError(errors)

    # Listings -----------------------------------------------------------------------

    @classmethod
    def upcoming_q(cls, now: datetime | None = None) -> models.Q:
        """Not over yet: ends later, or, without an end, takes place today or later."""
        now = now or timezone.now()
        return models.Q(ends_at__gte=now) | models.Q(
            ends_at__isnull=True, starts_at__gte=local_day_start(now)
        )

    @classmethod
    def with_taken_places(cls, queryset):
        """QUERYSET with `taken` (registrations not cancelled) counted in the same query.

        A correlated subquery, not a join with GROUP BY: the database counts only the
        events it returns (a page of a list, the CAO page's three), and the paginator's COUNT
        leaves it out, where grouping would first join and group every event of the list."""
        taken = (
            EventRegistration.objects.filter(event=models.OuterRef("pk"), is_cancelled=False)
            .order_by()
            .values("event")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return queryset.annotate(
            taken=Coalesce(models.Subquery(taken, output_field=models.IntegerField()), 0)
        )

    @classmethod
    def upcoming(cls, now: datetime | None = None):
        """Live public events not over yet, soonest first, with their taken places."""
        queryset = cls.objects.live().public().filter(cls.upcoming_q(now))
        return cls.with_taken_places(queryset).order_by("starts_at", "pk")

    # Registration -------------------------------------------------------------------

    def taken_places(self) -> int:
        """Registrations not cancelled (an annotation when the listing counted them)."""
        taken = getattr(self, "taken", None)
        if taken is None:
            taken = self.registrations.filter(is_cancelled=False).count()
        return taken

    def registration_status(
        self, taken: int | None = None, now: datetime | None = None
    ) -> RegistrationStatus:
        now = now or timezone.now()
        counts = self.registration != Registration.NONE and self.places is not None
        if counts and taken is None and EVENT.closed_reason(self, now) is None:
            taken = self.taken_places()  # only when places decide, and only once
        state = EVENT.state_of(self, now, taken=taken)
        if state == EVENT.NONE:
            return RegistrationStatus(state, "")
        if state == EVENT.CLOSED:
            deadline = self.registration_deadline
            shown = deadlines.term_text(deadline, now) if deadline else ""
            message = CLOSED_MESSAGES[EVENT.closed_reason(self, now)].format(deadline=shown)
            return RegistrationStatus(state, message)
        if self.places is None:
            return RegistrationStatus(state, "Zapisy są otwarte.")
        left = max(self.places - taken, 0)
        if state == EVENT.FULL:
            message = "Brak wolnych miejsc – wszystkie miejsca zostały już zajęte."
            return RegistrationStatus(state, message, self.places, 0)
        return RegistrationStatus(
            state, f"Wolne miejsca: {left} z {self.places}.", self.places, left
        )

    @cached_property
    def status(self) -> RegistrationStatus:
        return self.registration_status()

    @property
    def state(self) -> str:
        """The registration's state now, as its English value; used by the API."""
        return self.status.state.value

    @property
    def state_label(self) -> str:
        return self.status.state.label

    @property
    def registration_info(self) -> dict:
        status = self.status
        return {
            "mode": self.registration,
            "accepts": status.accepts,
            "status": status.code,
            "message": status.message,
            "places": self.places,
            "places_left": status.places_left,
            "deadline": self.registration_deadline,
        }

    @property
    def when(self) -> str:
        return period_text(self.starts_at, self.ends_at)

    def is_over(self, now: datetime | None = None) -> bool:
        """The Python twin of `upcoming_q`, negated."""
        now = now or timezone.now()
        if self.ends_at:
            return self.ends_at < now
        return self.starts_at < local_day_start(now)

    # Pages --------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("registration_status", self.status)
        return context

    @path("kalendarz/", name="ical")
    def ical(self, request):
        return calendar_response(request, [self], name=self.title, filename=f"{self.slug}.ics")

    def get_json_ld(self, request) -> dict:
        status = "EventCancelled" if self.is_cancelled else "EventScheduled"
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": timezone.localtime(self.starts_at).isoformat(),
            "eventStatus": f"https://schema.org/{status}",
            "location": {"@type": "Place", "name": self.place, "address": self.address},
            "isAccessibleForFree": True,
            "url": self.get_full_url(request),
        }
        if self.ends_at:
            data["endDate"] = timezone.localtime(self.ends_at).isoformat()
        if self.summary:
            data["description"] = self.summary
        return data
