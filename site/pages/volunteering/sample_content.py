"""Sample volunteering content, marked "[PRZYKŁAD]": the volunteering page and two offers
of sample organisations (pages.registry.sample_content runs first), one open, one
expired; on the open one, answers of fictional volunteers (names marked as samples,
addresses at example.org, which takes no mail): one accepted with hours recorded, so the
NGO zone's documents and the statistics show something, one waiting for a decision.
Idempotent; the sample offers' expiry moves relative to today on every run."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from core.models.submissions import new_receipt_number
from pages.department.seed import ensure_home_page
from pages.volunteering.models import (
    VolunteerAnswer,
    VolunteerHours,
    VolunteeringIndexPage,
    VolunteerOffer,
)
from snippets.models import NGO, District, PublicBenefitArea

MARK = "[PRZYKŁAD]"

# (title, organisation name fragment, area, osiedle slug or "" for remote, days to expiry)
OFFERS = [
    ("Pomoc w odrabianiu lekcji", "Zagłębiowskie Dzieciaki", "15", "golonog", 30),
    ("Korekta tekstów na stronę (zdalnie)", "Wolontariat Działa", "33", "", -3),
]

# Answers to the first (open) offer: (name, e-mail, status, [(days ago, hours, task)]).
ANSWERS = [
    (
        f"{MARK} Anna Wolontariuszka",
        "anna.wolontariuszka@example.org",
        VolunteerAnswer.Status.ACCEPTED,
        [(14, "3", "odrabianie lekcji z matematyki"), (7, "2.5", "czytanie z dziećmi")],
    ),
    (f"{MARK} Piotr Chętny", "piotr.chetny@example.org", VolunteerAnswer.Status.NEW, []),
]


def load() -> str:
    home = ensure_home_page()
    index = VolunteeringIndexPage.objects.first()
    if index is None:
        index = VolunteeringIndexPage(title="Wolontariat", slug="wolontariat")
        home.add_child(instance=index)
        index.save_revision().publish()
    made = answers = 0
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
        offer, created = VolunteerOffer.objects.update_or_create(
            title=f"{MARK} {title}", defaults=values
        )
        made += created
        if days > 0:
            answers += _answers(offer, now)
    return f"oferty wolontariatu: {made} nowych, zgłoszenia: {answers} nowych"


def _answers(offer: VolunteerOffer, now) -> int:
    """The sample answers of OFFER (an answer found by its name is left as it is)."""
    made = 0
    today = timezone.localdate(now)
    for name, email, status, hours in ANSWERS:
        if VolunteerAnswer.objects.filter(offer=offer, name=name).exists():
            continue
        answer = VolunteerAnswer.objects.create(
            offer=offer,
            name=name,
            email=email,
            age_group="18-plus",
            message=f"{MARK} Przykładowe zgłoszenie.",
            status=status,
            decided_at=now if status != VolunteerAnswer.Status.NEW else None,
            receipt_number=new_receipt_number(VolunteerAnswer.receipt_prefix),
            form_token=uuid.uuid4(),
        )
        VolunteerHours.objects.bulk_create(
            VolunteerHours(
                answer=answer,
                worked_on=today - timedelta(days=ago),
                hours=Decimal(amount),
                task=task,
            )
            for ago, amount, task in hours
        )
        made += 1
    return made
