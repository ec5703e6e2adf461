"""Open volunteering offers with dates as calendar events (written by `core.ical`): an
all-day event from the offer's first to its last day (its first day alone when it has no
end). Offers with a schedule in words only ("w każdą sobotę") have no day to put there."""

from core.ical import CalendarEvent, calendar_response, uid

FEED_NAME = "Oferty wolontariatu – Dąbrowa Górnicza"


def offer_item(offer, url: str) -> CalendarEvent:
    where = (
        "zdalnie"
        if offer.remote
        else ", ".join(
            part for part in (offer.district.name if offer.district else "", offer.address) if part
        )
    )
    return CalendarEvent(
        uid=uid("oferta-wolontariatu", offer.pk),
        summary=f"Wolontariat: {offer.title}",
        start=offer.starts_on,
        end=offer.ends_on or offer.starts_on,
        updated_at=offer.last_published_at,
        url=url,
        description="\n\n".join(
            part for part in (offer.ngo.name, offer.schedule, offer.description, url) if part
        ),
        location=where,
        categories=(offer.area.label,),
    )


def offers_calendar(offers, base_url: str):
    """OFFERS (with `starts_on`), each at BASE_URL<id>/, as one iCalendar file."""
    items = (offer_item(offer, f"{base_url}{offer.pk}/") for offer in offers)
    return calendar_response(FEED_NAME, items, "wolontariat.ics")
