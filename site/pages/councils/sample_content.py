"""Sample councils and osiedla, clearly marked: the four bodies the seed names (duties 13
and 18) with a current and a past term, fictional members, a recruitment, a sitting with
minutes, resolutions and an open opinion request; and a handful of osiedla with a
council for one of them. Idempotent: what exists (by address) is kept as it is.

The bodies are real; everything about them here is not: members' names are obviously
invented ("Przykładowa", "Fikcyjny") and every title carries the sample mark.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model

from anyascii import anyascii

from pages.cao.models import EventIndexPage, EventPage
from pages.cao.models.sitting import MinutesStatus
from pages.councils.choices import BodyKind, RecruitmentKind, Represents, ResolutionKind, Role
from pages.councils.models import (
    CouncilIndexPage,
    CouncilPage,
    CouncilTerm,
    Membership,
    OpinionRequest,
    OsiedleIndexPage,
    OsiedlePage,
    Recruitment,
    Resolution,
)
from pages.department.seed import ensure_home_page
from snippets.models import District

MARK = "[PRZYKŁAD]"
BODIES = [
    (
        "rada-dzialalnosci-pozytku-publicznego",
        "Rada Działalności Pożytku Publicznego",
        BodyKind.PUBLIC_BENEFIT,
        "art. 41a–41i ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego "
        "i o wolontariacie",
        "Opiniuje projekty aktów prawa miejscowego dotyczących działalności pożytku "
        "publicznego, w tym roczny program współpracy z organizacjami pozarządowymi.",
    ),
    (
        "dabrowskie-forum-organizacji-pozarzadowych",
        "Dąbrowskie Forum Organizacji Pozarządowych",
        BodyKind.NGO_FORUM,
        "porozumienie organizacji pozarządowych działających w mieście (przykład)",
        "Reprezentuje organizacje pozarządowe miasta i wskazuje ich przedstawicieli.",
    ),
    (
        "rada-seniorow",
        "Rada Seniorów Miasta Dąbrowa Górnicza",
        BodyKind.SENIORS,
        "art. 5c ustawy z dnia 8 marca 1990 r. o samorządzie gminnym",
        "Ciało konsultacyjne, doradcze i inicjatywne w sprawach osób starszych.",
    ),
    (
        "mlodziezowa-rada-miasta",
        "Młodzieżowa Rada Miasta Dąbrowa Górnicza",
        BodyKind.YOUTH,
        "art. 5b ustawy z dnia 8 marca 1990 r. o samorządzie gminnym",
        "Reprezentuje młodych mieszkańców miasta i opiniuje sprawy, które ich dotyczą.",
    ),
]
# (common name, official name). No population: an invented figure would be shown on a real
# osiedle's page as if it were the city's statistics.
OSIEDLA = [
    ("Centrum", "Osiedle Centrum"),
    ("Reden", "Osiedle Reden"),
    ("Ząbkowice", "Osiedle Ząbkowice"),
    ("Gołonóg", "Osiedle Gołonóg"),
]
MEMBERS = [
    ("Anna Przykładowa", Role.CHAIR, Represents.NGO, "Stowarzyszenie Przykładowe"),
    ("Bartłomiej Fikcyjny", Role.DEPUTY, Represents.PRESIDENT, ""),
    ("Celina Zmyślona", Role.SECRETARY, Represents.CITY_COUNCIL, ""),
    ("Dariusz Testowy", Role.MEMBER, Represents.NGO, "Fundacja Przykładowa"),
]


# The osiedle whose sample page gets a boundary file: a regular hexagon, plainly not its
# real boundary (the page's text says so), for the outline drawn from an upload.
HEXAGON_OSIEDLE = "Reden"
HEXAGON_CENTRE = (19.20, 50.33)  # lon, lat: roughly the city, nothing more precise


def _hexagon_geojson() -> bytes:
    lon, lat = HEXAGON_CENTRE
    ring = [
        [
            round(lon + 0.012 * math.cos(math.radians(60 * k)), 6),
            round(lat + 0.008 * math.sin(math.radians(60 * k)), 6),
        ]
        for k in range(6)
    ]
    geometry = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    feature = {
        "type": "Feature",
        "properties": {"name": f"{MARK} sześciokąt"},
        "geometry": geometry,
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def _hexagon_document():
    Document = get_document_model()
    title = f"{MARK} Granice osiedla – sześciokąt demonstracyjny"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save("przyklad-granice.geojson", ContentFile(_hexagon_geojson()), save=False)
        document.save()
    return document


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"utworzono {len(self.created)}"


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug, report, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        _publish(page)
        report.created.append(fields["title"])
    return page


def _terms(council, summary):
    if CouncilTerm.objects.filter(council=council).exists():
        return
    today = timezone.localdate()
    past = CouncilTerm.objects.create(
        council=council,
        name=f"{MARK} Kadencja poprzednia",
        starts_on=date(today.year - 4, 1, 1),
        ends_on=date(today.year - 1, 12, 31),
    )
    Membership.objects.create(term=past, name="Ewelina Dawniejsza", role=Role.CHAIR)
    current = CouncilTerm.objects.create(
        council=council,
        name=f"{MARK} Kadencja obecna",
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year + 2, 12, 31),
    )
    for order, (name, role, represents, note) in enumerate(MEMBERS):
        Membership.objects.create(
            term=current,
            name=name,
            role=role,
            represents=represents,
            represents_note=note,
            sort_order=order,
            email=f"{name.split()[0].lower()}@example.org",
            contact_public=order == 0,
        )
    summary.created.append(f"kadencje: {council.title}")


def _osiedla(home, summary, osiedle_council):
    index = _child(
        home,
        OsiedleIndexPage,
        "osiedla",
        summary,
        title="Osiedla",
        summary="Osiedla – jednostki pomocnicze miasta: ich rady, granice i sprawy.",
    )
    for name, official in OSIEDLA:
        district = District.objects.filter(name=name).first()
        if district is None:
            district = District.objects.create(name=name, slug=slugify(anyascii(name)))
        if not district.is_osiedle:
            district.is_osiedle = True
            district.official_name = district.official_name or official
            district.save()
        if OsiedlePage.objects.filter(district=district).exists():
            continue
        hexagon = name == HEXAGON_OSIEDLE
        boundaries = f"<p>Przykładowy opis granic osiedla {name} – treść demonstracyjna.</p>"
        if hexagon:
            boundaries += "<p>Plik granic to zmyślony sześciokąt, nie rzeczywisty obszar.</p>"
        _child(
            index,
            OsiedlePage,
            district.slug,
            summary,
            title=f"{MARK} {official}",
            district=district,
            council=osiedle_council if name == "Reden" else None,
            boundaries=boundaries,
            # Drawn into the outline when the page is saved (OsiedlePage.clean).
            boundaries_geojson=_hexagon_document() if hexagon else None,
            email=f"osiedle.{district.slug}@example.org",
        )


def _sitting(council, district, summary):
    events = EventIndexPage.objects.live().first()
    if events is None or EventPage.objects.filter(council=council).exists():
        return None
    starts = timezone.now() - timedelta(days=20)
    sitting = events.add_child(
        instance=EventPage(
            title=f"{MARK} Posiedzenie: {council.title.removeprefix(MARK).strip()}",
            kind="rada-pozytku",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Sala sesyjna (przykład)",
            council=council,
            agenda="<p>1. Opinia o projekcie programu współpracy. 2. Sprawy bieżące.</p>",
            attendance="Obecni: 9 z 11 członków (kworum).",
            minutes_status=MinutesStatus.APPROVED,
            minutes_summary="Rada pozytywnie zaopiniowała projekt programu współpracy.",
        )
    )
    sitting.districts = [district] if district else []
    _publish(sitting)
    summary.created.append(sitting.title)
    return sitting


def load() -> Summary:
    summary = Summary()
    home = ensure_home_page()
    index = _child(
        home,
        CouncilIndexPage,
        "rady",
        summary,
        title="Rady i ciała doradcze",
        summary="Rady, które opiniują sprawy miasta: ich skład, posiedzenia i uchwały.",
    )
    councils = {}
    for slug, title, kind, basis, purpose in BODIES:
        councils[kind] = _child(
            index,
            CouncilPage,
            slug,
            summary,
            title=f"{MARK} {title}",
            body_kind=kind,
            legal_basis=basis,
            purpose=f"<p>{purpose}</p>",
            summary=f"{MARK} Treść demonstracyjna: skład i uchwały są przykładowe.",
        )
    osiedle_council = _child(
        index,
        CouncilPage,
        "rada-osiedla-reden",
        summary,
        title=f"{MARK} Rada Osiedla Reden",
        body_kind=BodyKind.OSIEDLE,
        legal_basis="art. 35 ustawy o samorządzie gminnym; statut osiedla",
        summary=f"{MARK} Treść demonstracyjna.",
    )
    for council in [*councils.values(), osiedle_council]:
        _terms(council, summary)
    _osiedla(home, summary, osiedle_council)
    rdpp = councils[BodyKind.PUBLIC_BENEFIT]
    reden = District.objects.filter(name="Reden").first()
    sitting = _sitting(rdpp, reden, summary)
    today = timezone.localdate()
    year = today.year
    for number, kind, title in [
        (f"12/{year}", ResolutionKind.OPINION, "w sprawie projektu programu współpracy"),
        (f"13/{year}", ResolutionKind.RESOLUTION, "w sprawie regulaminu Rady (przykład)"),
    ]:
        resolution, created = Resolution.objects.get_or_create(
            council=rdpp,
            kind=kind,
            number=number,
            defaults={"title": title, "adopted_on": today - timedelta(days=20), "sitting": sitting},
        )
        if created:
            if reden:
                resolution.districts = [reden]
                resolution.save()  # a ParentalManyToManyField is written on save
            summary.created.append(resolution.heading)
    if not OpinionRequest.objects.filter(council=rdpp).exists():
        OpinionRequest.objects.create(
            council=rdpp,
            subject=f"{MARK} Projekt programu współpracy na {year + 1} r.",
            requested_by="Prezydent Miasta (przykład)",
            received_on=today - timedelta(days=3),
        )
    youth = councils[BodyKind.YOUTH]
    if not Recruitment.objects.filter(council=youth).exists():
        now = timezone.now()
        Recruitment.objects.create(
            council=youth,
            kind=RecruitmentKind.ELECTION,
            title=f"{MARK} Wybory do Młodzieżowej Rady Miasta",
            description="<p>Kandydować mogą uczniowie szkół z terenu miasta (przykład).</p>",
            opens_at=now - timedelta(days=2),
            closes_at=now + timedelta(days=12),
            # Candidates apply on the portal's own form (a route of the council's page).
            takes_applications=True,
            seats="Szkoły podstawowe (przykład)\nSzkoły ponadpodstawowe (przykład)",
        )
    return summary
