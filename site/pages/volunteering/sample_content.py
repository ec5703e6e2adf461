"""Sample volunteering content, marked "[PRZYKŁAD]": the volunteering page and two offers
of sample organisations (pages.registry.sample_content runs first), one open, one
expired. Idempotent; the sample offers' expiry moves relative to today on every run."""

from datetime import timedelta

from django.utils import timezone

from pages.department.seed import ensure_home_page
from pages.volunteering.models import VolunteeringIndexPage, VolunteerOffer
from snippets.models import NGO, District, PublicBenefitArea

MARK = "[PRZYKŁAD]"

# (title, organisation name fragment, area, osiedle slug or "" for remote, days to expiry)
OFFERS = [
    ("Pomoc w odrabianiu lekcji", "Zagłębiowskie Dzieciaki", "15", "golonog", 30),
    ("Korekta tekstów na stronę (zdalnie)", "Wolontariat Działa", "33", "", -3),
]


def load() -> str:
    home = ensure_home_page()
    index = VolunteeringIndexPage.objects.first()
    if index is None:
        index = VolunteeringIndexPage(title="Wolontariat", slug="wolontariat")
        home.add_child(instance=index)
        index.save_revision().publish()
    made = 0
    now = timezone.now()
    for title, ngo_name, area, district, days in OFFERS:
        ngo = NGO.objects.filter(name__contains=ngo_name).first()
        if ngo is None:
            continue
        values = {
            "ngo": ngo,
            "description": f"{MARK} Przykładowa oferta wolontariatu – nie zgłaszaj się.",
            "area": PublicBenefitArea.objects.get(number=area),
            "district": District.objects.filter(slug=district).first() if district else None,
            "remote": not district,
            "schedule": "w każdą sobotę 10:00–13:00",
            "volunteers_needed": 3,
            "min_age": 16,
            "training": True,
            "insurance": True,
            "expires_at": now + timedelta(days=days),
            "live": True,
        }
        _offer, created = VolunteerOffer.objects.update_or_create(
            title=f"{MARK} {title}", defaults=values
        )
        made += created
    return f"oferty wolontariatu: {made} nowych"
