"""Volunteering offers in the e-mail alerts (alerts/): a message when an offer is published,
narrowed by area of public benefit and osiedle. Only a live, open offer under a live and
public volunteering page is announced."""

from django.template.defaultfilters import date as format_date
from django.utils import timezone

from alerts.registry import PUBLISHED, AlertItem, AlertSource, register
from pages.volunteering.models import VolunteeringIndexPage
from pages.volunteering.state import OFFER


def index_url() -> str | None:
    page = VolunteeringIndexPage.objects.live().public().order_by("path").first()
    return page.get_url() if page else None


@register
class VolunteerOfferAlerts(AlertSource):
    kind = "volunteer_offer"
    label = "Oferty wolontariatu"
    model = "volunteering.VolunteerOffer"
    order = 55
    dimensions = ("area", "district")
    moments = {PUBLISHED: "Nowa oferta wolontariatu"}

    def describe(self, offer):
        base = index_url()
        if base is None or offer.state_at(timezone.now()) != OFFER.OPEN:
            return None
        where = "zdalnie" if offer.remote else (offer.district.name if offer.district else "")
        due = format_date(timezone.localtime(offer.expires_at), "j E Y, H:i")
        return AlertItem(
            title=offer.title,
            url=f"{base}{offer.pk}/",
            summary=" · ".join(part for part in (offer.ngo.name, where, offer.schedule) if part),
            dates=f"Zgłoszenia do {due}",
            districts=(offer.district.slug,) if offer.district else (),
            areas=(offer.area.number,),
        )
