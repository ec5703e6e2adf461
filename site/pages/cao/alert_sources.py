"""CAO events and trainings in the e-mail alerts (alerts/): a message when published."""

from django.template.defaultfilters import date as format_date
from django.utils import timezone

from alerts.registry import PUBLISHED, AlertItem, AlertSource, register
from pages.cao.choices import Audience

# The CAO's finer audiences, in the alerts' two (residents, NGOs); "everyone" is none.
AUDIENCES = {
    Audience.NGOS: ("ngos",),
    Audience.SOCIAL_ECONOMY: ("ngos",),
    Audience.INFORMAL_GROUPS: ("ngos",),
    Audience.RESIDENTS: ("residents",),
    Audience.SENIORS: ("residents",),
    Audience.YOUTH: ("residents",),
}


@register
class EventAlerts(AlertSource):
    kind = "event"
    label = "Wydarzenia i szkolenia CAO"
    model = "cao.EventPage"
    order = 50
    dimensions = ("audience",)
    moments = {PUBLISHED: "Nowe wydarzenie"}

    def describe(self, page):
        url = page.get_url()
        if not url or page.is_cancelled:
            return None
        when = format_date(timezone.localtime(page.starts_at), "j E Y, H:i")
        return AlertItem(
            title=page.title,
            url=url,
            summary=page.summary,
            dates=f"{when}, {page.place}",
            audiences=AUDIENCES.get(page.audience, ()),
        )
