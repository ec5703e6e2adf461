"""The values of a volunteer's agreement and certificate (document_kinds.py), as text."""

from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format

from core.text import pluralize_pl
from pages.volunteering.models import VolunteerAnswer


def _day(value) -> str:
    return date_format(value, "j E Y")


def hours_text(total) -> str:
    total = Decimal(total or 0)
    if total == total.to_integral_value():
        return pluralize_pl(int(total), "godzina", "godziny", "godzin")
    # A fraction takes the genitive singular in Polish: "2,5 godziny".
    return f"{str(total.normalize()).replace('.', ',')} godziny"


def period_text(offer, answer: VolunteerAnswer) -> str:
    worked = list(answer.hours.values_list("worked_on", flat=True))
    start = offer.starts_on or (min(worked) if worked else None)
    end = offer.ends_on or (max(worked) if worked else None)
    if start and end:
        return f"od {_day(start)} do {_day(end)}"
    if start:
        return f"od {_day(start)}"
    return offer.schedule or "według ustaleń stron"


def values_for(answer: VolunteerAnswer, *, with_hours: bool) -> dict:
    offer = answer.offer
    ngo = offer.ngo
    where = (
        "zdalnie"
        if offer.remote
        else ", ".join(
            part for part in (offer.district.name if offer.district else "", offer.address) if part
        )
    )
    address = ", ".join(
        part for part in (ngo.street_address, f"{ngo.postal_code} {ngo.city}".strip()) if part
    )
    values = {
        "organizacja": ngo.name,
        "adres_organizacji": address or "—",
        "wolontariusz": answer.name,
        "oferta": offer.title,
        "opis": offer.description,
        "miejsce": where or "—",
        "okres": period_text(offer, answer),
        "data": _day(timezone.localdate()),
    }
    if with_hours:
        values["godziny"] = hours_text(answer.total_hours())
    return values
