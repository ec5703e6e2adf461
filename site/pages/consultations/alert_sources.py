"""Consultations and announcements in the e-mail alerts (alerts/, found at start-up).

A consultation sets off a message when it is published, when it opens, three days
before it closes and when its report is out; an announcement when it is published.
"""

from datetime import timedelta

from django.db.models import F
from django.template.defaultfilters import date as format_date
from django.utils import timezone

from alerts.registry import (
    CLOSING,
    OPENED,
    OUTCOME,
    PUBLISHED,
    AlertItem,
    AlertSource,
    register,
    register_choices,
)
from pages.consultations.models import AnnouncementPage, AnnouncementPageTag, ConsultationPage
from pages.consultations.models.consultation import Audience

CLOSING_DAYS = 3
AUDIENCES = {Audience.RESIDENTS: ("residents",), Audience.NGOS: ("ngos",), Audience.ALL: ()}


def local(moment, pattern: str = "j E Y, H:i") -> str:
    return format_date(timezone.localtime(moment), pattern)


def has_report(page, today) -> bool:
    return bool(page.report_date and page.report_date <= today) and bool(
        page.report_document_id or page.report_summary
    )


@register
class ConsultationAlerts(AlertSource):
    kind = "consultation"
    label = "Konsultacje społeczne"
    model = "consultations.ConsultationPage"
    order = 10
    dimensions = ("district", "audience")
    moments = {
        PUBLISHED: "Nowa konsultacja społeczna",
        OPENED: "Rozpoczęła się konsultacja",
        CLOSING: "Ostatnie dni konsultacji",
        OUTCOME: "Raport z konsultacji",
    }

    def describe(self, page):
        url = page.get_url()
        if not url:
            return None
        state = "odwołana" if page.is_cancelled else f"uwagi do {local(page.closes_at)}"
        return AlertItem(
            title=page.title,
            url=url,
            summary=page.summary or page.subject,
            dates=f"Od {local(page.opens_at)}, {state}",
            districts=tuple(page.districts.values_list("slug", flat=True)),
            audiences=AUDIENCES.get(page.audience, ()),
        )

    def moments_on_publish(self, page, now):
        return [PUBLISHED, OUTCOME] if has_report(page, timezone.localdate(now)) else [PUBLISHED]

    def due(self, since, now):
        live = ConsultationPage.objects.live().filter(is_cancelled=False)
        # Published after it opened: its publication's message already said it is open.
        opened = live.filter(
            opens_at__gt=since, opens_at__lte=now, first_published_at__lt=F("opens_at")
        )
        for page in opened:
            yield page, OPENED
        closing = live.filter(
            closes_at__gt=max(since + timedelta(days=CLOSING_DAYS), now),
            closes_at__lte=now + timedelta(days=CLOSING_DAYS),
        )
        for page in closing:
            yield page, CLOSING
        today = timezone.localdate(now)
        reported = ConsultationPage.objects.live().filter(
            report_date__gt=timezone.localdate(since), report_date__lte=today
        )
        for page in reported:
            if has_report(page, today):
                yield page, OUTCOME


@register
class AnnouncementAlerts(AlertSource):
    kind = "announcement"
    label = "Ogłoszenia wydziału"
    model = "consultations.AnnouncementPage"
    order = 20
    dimensions = ("tag",)
    moments = {PUBLISHED: "Nowe ogłoszenie"}

    def describe(self, page):
        url = page.get_url()
        if not url:
            return None
        return AlertItem(
            title=page.title,
            url=url,
            summary=page.summary,
            dates=f"Ogłoszenie z {format_date(page.date, 'j E Y')}",
            tags=tuple(page.tags.values_list("slug", flat=True)),
        )


def announcement_tags():
    used = AnnouncementPageTag.objects.filter(
        content_object__in=AnnouncementPage.objects.live().public()
    )
    return sorted(set(used.values_list("tag__slug", "tag__name")), key=lambda pair: pair[1])


register_choices("tag", announcement_tags)
