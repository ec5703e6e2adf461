import datetime

from django.utils import timezone

import factory
import wagtail_factories

from pages.cao.choices import Audience, EventKind, Registration, Topic
from pages.cao.models import (
    AdvisoryServiceIndexPage,
    AdvisoryServicePage,
    BookingRequest,
    DutyHours,
    EventIndexPage,
    EventPage,
    EventRegistration,
    GuidanceIndexPage,
    GuidancePage,
)


class AdvisoryServiceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AdvisoryServiceIndexPage

    title = "Centrum Aktywności Obywatelskiej"
    slug = "cao"
    show_in_menus = True


class AdvisoryServicePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AdvisoryServicePage

    title = factory.Sequence(lambda n: f"Usługa {n}")
    topic = Topic.LEGAL
    audience = Audience.NGOS
    place = "CAO, ul. Sienkiewicza 6a"


class DutyHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyHours

    weekday = 1
    starts_at = datetime.time(10)
    ends_at = datetime.time(14)


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidanceIndexPage

    title = "Poradniki"
    slug = "poradniki"
    show_in_menus = True


class GuidancePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidancePage

    title = factory.Sequence(lambda n: f"Poradnik {n}")
    topic = Topic.FOUNDING
    audience = Audience.NGOS
    reviewed_on = datetime.date(2026, 3, 5)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Wydarzenia"
    slug = "wydarzenia"
    show_in_menus = True


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Wydarzenie {n}")
    kind = EventKind.TRAINING
    starts_at = factory.LazyFunction(lambda: in_days(7, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Centrum Aktywności Obywatelskiej"
    address = "ul. Sienkiewicza 6a"
    audience = Audience.NGOS
    registration = Registration.NONE


class BookingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingRequest

    receipt_number = factory.Sequence(lambda n: f"CAO-2026-TEST-{n:04d}")
    service_title = "Porady prawne"
    name = "Jan Kowalski"
    email = "jan@example.pl"
    phone = "600 100 200"
    topic = "Zmiana statutu"
    preferred_dates = "wtorek rano"


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    receipt_number = factory.Sequence(lambda n: f"WYD-2026-TEST-{n:04d}")
    event_title = factory.LazyAttribute(lambda o: o.event.title if o.event else "Wydarzenie")
    name = factory.Sequence(lambda n: f"Uczestnik {n}")
    email = factory.Sequence(lambda n: f"uczestnik{n}@example.pl")
    needs = "pętla indukcyjna"
    needs_consent_at = factory.LazyFunction(timezone.now)
