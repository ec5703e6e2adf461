"""Grant calls and small-grant offers (art. 19a) in the e-mail alerts (alerts/).

A call sets off a message when it is published, three days before its offers are due
and when its results are out; an offer when it is published for comments and when its
outcome is known. A record is announced only while it is live and the calls page it is
shown under is live and public. Also the choices of districts and public-benefit areas
the sign-up form offers.
"""

from datetime import timedelta

from django.template.defaultfilters import date as format_date
from django.utils import timezone

from alerts.registry import (
    DEADLINE,
    OUTCOME,
    PUBLISHED,
    AlertItem,
    AlertSource,
    register,
    register_choices,
)
from pages.registry.links import offer_path
from pages.registry.models import GrantCallIndexPage
from snippets.models import District, GrantCall, PublicBenefitArea, SmallGrantOffer

DEADLINE_DAYS = 3


def calls_page_url() -> str | None:
    page = GrantCallIndexPage.objects.live().public().order_by("path").first()
    return page.get_url() if page else None


def local(moment) -> str:
    return format_date(timezone.localtime(moment), "j E Y, H:i")


@register
class GrantCallAlerts(AlertSource):
    kind = "grant_call"
    label = "Konkursy i nabory dla organizacji"
    model = "snippets.GrantCall"
    order = 30
    dimensions = ("area",)
    moments = {
        PUBLISHED: "Nowy konkurs lub nabór",
        DEADLINE: "Zbliża się termin składania ofert",
        OUTCOME: "Wyniki konkursu",
    }

    def describe(self, call):
        base = calls_page_url()
        if base is None or not call.live:
            return None
        return AlertItem(
            title=call.title,
            url=f"{base}{call.slug}/",
            summary=call.summary or call.task,
            dates=f"Oferty do {local(call.offers_due_at)}",
            audiences=("ngos",),
            areas=(call.area.number,),
        )

    def moments_on_publish(self, call, now):
        resulted = call.results_published_at is not None and call.results_published_at <= now
        return [PUBLISHED, OUTCOME] if resulted else [PUBLISHED]

    def due(self, since, now):
        live = GrantCall.objects.filter(live=True)
        near = live.filter(
            cancelled_at__isnull=True,
            offers_due_at__gt=max(since + timedelta(days=DEADLINE_DAYS), now),
            offers_due_at__lte=now + timedelta(days=DEADLINE_DAYS),
        )
        for call in near:
            yield call, DEADLINE
        for call in live.filter(results_published_at__gt=since, results_published_at__lte=now):
            yield call, OUTCOME


@register
class SmallGrantOfferAlerts(AlertSource):
    kind = "small_grant_offer"
    label = "Oferty w trybie art. 19a (małe granty) do zaopiniowania"
    model = "snippets.SmallGrantOffer"
    order = 40
    dimensions = ("area",)
    moments = {PUBLISHED: "Nowa oferta do zaopiniowania", OUTCOME: "Rozstrzygnięcie oferty"}

    def describe(self, offer):
        base = calls_page_url()
        today = timezone.localdate()
        if base is None or not offer.live or not offer.published_on or offer.published_on > today:
            return None
        return AlertItem(
            title=offer.title,
            url=f"{base}{offer_path(offer.pk)}",
            summary=f"{offer.ngo.name}: {offer.summary}".strip(": "),
            dates=f"Uwagi do {local(offer.comments_close_at)}" if offer.comments_close_at else "",
            audiences=("ngos",),
            areas=(offer.area.number,),
        )

    def moments_on_publish(self, offer, now):
        moments = [PUBLISHED]
        if offer.outcome != SmallGrantOffer.Outcome.PENDING:
            moments.append(OUTCOME)
        return moments

    def due(self, since, now):
        # An offer published with a later day appears on that day.
        appearing = SmallGrantOffer.objects.filter(
            live=True,
            published_on__gt=timezone.localdate(since),
            published_on__lte=timezone.localdate(now),
        )
        for offer in appearing:
            yield offer, PUBLISHED


register_choices(
    "district", lambda: list(District.objects.order_by("name").values_list("slug", "name"))
)
register_choices(
    "area",
    lambda: [
        (area.number, f"{area.number}. {area.short_name or area.name}"[:90])
        for area in PublicBenefitArea.objects.order_by("sort_order", "pk")
    ],
)
