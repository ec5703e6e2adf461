"""Sample CAO content for `make run`: services, guides and events, all marked [PRZYKŁAD].

The three index pages (/cao/, /poradniki/, /wydarzenia/) are real structure and are made
once if missing. Advisors are the department's seeded people, looked up by name; nobody
is invented. Idempotent: items are found by slug and left as editors made them.

One past training has a fictional participant (name marked as a sample) marked present,
so its certificate exists and its code can be checked at /zaswiadczenia/sprawdz/ on a
fresh `make run` (the code is printed in the summary).
"""

import uuid
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from core.models.submissions import new_receipt_number
from pages.cao.choices import Audience, EventKind, Registration, Topic
from pages.cao.models import (
    AdvisoryServiceIndexPage,
    AdvisoryServicePage,
    DutyHours,
    EventIndexPage,
    EventPage,
    EventRegistration,
    GuidanceIndexPage,
    GuidancePage,
    GuidanceServiceLink,
    ServiceDate,
    ServiceGuideLink,
    TrainingCertificate,
)
from pages.department.seed import ensure_home_page
from snippets.models import Person

CAO_PLACE = "Centrum Aktywności Obywatelskiej, ul. Sienkiewicza 6a, Dąbrowa Górnicza"

INDEXES = [
    (
        AdvisoryServiceIndexPage,
        "cao",
        "Centrum Aktywności Obywatelskiej",
        "Bezpłatne doradztwo i szkolenia dla organizacji pozarządowych, podmiotów ekonomii "
        "społecznej i mieszkańców, którzy chcą działać społecznie.",
    ),
    (
        GuidanceIndexPage,
        "poradniki",
        "Poradniki",
        "Jak założyć organizację, złożyć ofertę na dotację i ją rozliczyć – krok po kroku.",
    ),
    (
        EventIndexPage,
        "wydarzenia",
        "Wydarzenia",
        "Szkolenia, konferencje i posiedzenia rad: Rady Działalności Pożytku Publicznego, "
        "Rady Seniorów i Młodzieżowej Rady Miasta.",
    ),
]

SERVICE_BODY = (
    "Porada jest bezpłatna. Przynieś dokumenty, których dotyczy sprawa (statut, umowę, "
    "pismo), a jeśli możesz – opisz ją krótko w formularzu, by doradca mógł się przygotować."
)

SERVICES = [
    {
        "slug": "przyklad-porady-prawne",
        "title": "[PRZYKŁAD] Porady prawne dla organizacji",
        "summary": "Statut, zmiany we władzach, KRS, umowy i odpowiedzialność zarządu – "
        "bezpłatna porada radcy prawnego.",
        "topic": Topic.LEGAL,
        "audience": Audience.NGOS,
        "forms": {"in_person": True, "by_phone": True},
        "hours": [(1, time(10), time(14), "")],
        # An extra Tuesday about ten days ahead (weekday 1), before a reporting deadline.
        "dates": [(10, time(15), time(18), "dodatkowy dyżur przed terminem sprawozdań")],
        "advisor_note": "[PRZYKŁAD] Radca prawny współpracujący z CAO.",
    },
    {
        "slug": "przyklad-doradztwo-ksiegowe",
        "title": "[PRZYKŁAD] Doradztwo księgowe",
        "summary": "Uproszczona ewidencja, sprawozdanie finansowe, rozliczenie dotacji od "
        "strony księgowej.",
        "topic": Topic.ACCOUNTING,
        "audience": Audience.NGOS,
        "forms": {"in_person": True, "online": True},
        "hours": [(3, time(12), time(16), "")],
        "advisor_note": "[PRZYKŁAD] Księgowa współpracująca z CAO.",
    },
    {
        "slug": "przyklad-pozyskiwanie-srodkow",
        "title": "[PRZYKŁAD] Pozyskiwanie środków spoza budżetu miasta",
        "summary": "Fundusze krajowe i europejskie, fundacje, zbiórki: gdzie szukać pieniędzy "
        "i jak przygotować wniosek.",
        "topic": Topic.FUNDRAISING,
        "audience": Audience.NGOS,
        "forms": {"in_person": True, "by_phone": True, "online": True},
        "hours": [(0, time(9), time(12), ""), (2, time(9), time(12), "")],
        "advisor": "Magdalena Mike",
    },
    {
        "slug": "przyklad-zakladanie-organizacji",
        "title": "[PRZYKŁAD] Zakładanie stowarzyszenia lub fundacji",
        "summary": "Która forma pasuje do Twojego pomysłu, jak napisać statut i zarejestrować "
        "organizację.",
        "topic": Topic.FOUNDING,
        "audience": Audience.RESIDENTS,
        "forms": {"in_person": True},
        "hours": [(2, time(13), time(16), "")],
        "advisor": "Aleksandra Nadolna",
    },
    {
        "slug": "przyklad-wolontariat",
        "title": "[PRZYKŁAD] Wolontariat – dla organizacji i wolontariuszy",
        "summary": "Porozumienie z wolontariuszem, ubezpieczenie, zaświadczenia; gdzie "
        "zostać wolontariuszem w Dąbrowie Górniczej.",
        "topic": Topic.VOLUNTEERING,
        "audience": Audience.EVERYONE,
        "forms": {"in_person": True, "by_phone": True},
        "hours": [(4, time(9), time(12), ""), (4, time(12), time(14), "dyżur telefoniczny")],
        "advisor": "Aneta Dors",
    },
]

GUIDES = [
    {
        "slug": "przyklad-jak-zalozyc-stowarzyszenie",
        "title": "[PRZYKŁAD] Jak założyć stowarzyszenie",
        "summary": "Od pomysłu do wpisu w KRS: członkowie założyciele, statut, zebranie "
        "założycielskie i wniosek do sądu.",
        "topic": Topic.FOUNDING,
        "audience": Audience.RESIDENTS,
        "services": ["przyklad-zakladanie-organizacji", "przyklad-porady-prawne"],
        "body": [
            "Stowarzyszenie rejestrowe zakłada co najmniej siedem osób. Najpierw ustalcie "
            "cel i nazwę, potem przygotujcie statut.",
            "Na zebraniu założycielskim uchwalcie statut i wybierzcie władze, a następnie "
            "złóżcie wniosek o wpis do Krajowego Rejestru Sądowego przez Portal Rejestrów "
            "Sądowych.",
        ],
    },
    {
        "slug": "przyklad-maly-grant",
        "title": "[PRZYKŁAD] Jak złożyć ofertę w trybie małego grantu",
        "summary": "Tryb art. 19a ustawy o działalności pożytku publicznego i o wolontariacie: "
        "do 10 000 zł na zadanie trwające do 90 dni.",
        "topic": Topic.GRANTS,
        "audience": Audience.NGOS,
        "services": ["przyklad-pozyskiwanie-srodkow"],
        "body": [
            "Ofertę składasz na wzorze uproszczonej oferty. Zadanie może trwać najwyżej "
            "90 dni, a dofinansowanie nie może przekroczyć 10 000 zł.",
            "Urząd publikuje ofertę na 7 dni, w czasie których każdy może zgłosić do niej "
            "uwagi. Dopiero po tym terminie można zawrzeć umowę.",
        ],
    },
    {
        "slug": "przyklad-rozliczenie-dotacji",
        "title": "[PRZYKŁAD] Jak rozliczyć dotację – sprawozdanie z realizacji zadania",
        "summary": "Terminy, wzór sprawozdania, dokumenty księgowe i najczęstsze błędy.",
        "topic": Topic.GRANTS,
        "audience": Audience.NGOS,
        "services": ["przyklad-doradztwo-ksiegowe"],
        "body": [
            "Sprawozdanie końcowe składasz w ciągu 30 dni od zakończenia zadania, na wzorze "
            "z rozporządzenia.",
            "Opisz rezultaty tak, jak zaplanowano je w ofercie, i zachowaj dokumenty "
            "potwierdzające wydatki.",
        ],
    },
    {
        "slug": "przyklad-jak-zostac-wolontariuszem",
        "title": "[PRZYKŁAD] Jak zostać wolontariuszem",
        "summary": "Gdzie szukać ofert, co daje porozumienie wolontariackie i jakie masz prawa.",
        "topic": Topic.VOLUNTEERING,
        "audience": Audience.RESIDENTS,
        "services": ["przyklad-wolontariat"],
        "body": [
            "Wolontariuszem może zostać każdy. Przy współpracy dłuższej niż 30 dni "
            "organizacja zawiera z Tobą porozumienie na piśmie."
        ],
    },
]

EVENTS = [
    {
        "slug": "przyklad-szkolenie-pisanie-projektow",
        "title": "[PRZYKŁAD] Szkolenie: jak napisać dobry projekt",
        "kind": EventKind.TRAINING,
        "days": 14,
        "hours": (time(10), time(14)),
        "place": "Centrum Aktywności Obywatelskiej",
        "audience": Audience.NGOS,
        "registration": Registration.OPEN,
        "places": 20,
        "summary": "Cele, rezultaty i budżet projektu – praktyczne szkolenie z ćwiczeniami.",
    },
    {
        "slug": "przyklad-warsztaty-sprawozdanie",
        "title": "[PRZYKŁAD] Warsztaty: sprawozdanie z dotacji bez błędów",
        "kind": EventKind.WORKSHOP,
        "days": 7,
        "hours": (time(16), time(18)),
        "place": "Centrum Aktywności Obywatelskiej, sala 12",
        "audience": Audience.NGOS,
        "registration": Registration.OPEN,
        "places": 3,
        "summary": "Kameralne warsztaty dla trzech organizacji: przynieś swoje sprawozdanie.",
    },
    {
        "slug": "przyklad-posiedzenie-rady-pozytku",
        "title": "[PRZYKŁAD] Posiedzenie Rady Działalności Pożytku Publicznego",
        "kind": EventKind.PUBLIC_BENEFIT_COUNCIL,
        "days": 21,
        "hours": (time(15), time(17)),
        "place": "Urząd Miejski, sala sesyjna",
        "address": "ul. Graniczna 27, Dąbrowa Górnicza",
        "audience": Audience.EVERYONE,
        "summary": "Opiniowanie projektu programu współpracy miasta z organizacjami.",
        "documents": [("Porządek obrad", "Porządek obrad posiedzenia (przykład).")],
    },
    {
        "slug": "przyklad-sesja-mlodziezowej-rady",
        "title": "[PRZYKŁAD] Sesja Młodzieżowej Rady Miasta",
        "kind": EventKind.YOUTH_COUNCIL,
        "days": 35,
        "hours": (time(12), time(14)),
        "place": "Urząd Miejski, sala sesyjna",
        "address": "ul. Graniczna 27, Dąbrowa Górnicza",
        "audience": Audience.YOUTH,
        "summary": "Sesja otwarta dla publiczności.",
    },
    {
        "slug": "przyklad-szkolenie-koordynator-wolontariatu",
        "title": "[PRZYKŁAD] Szkolenie: koordynator wolontariatu w organizacji",
        "kind": EventKind.TRAINING,
        "days": -10,
        "hours": (time(10), time(14)),
        "place": "Centrum Aktywności Obywatelskiej",
        "audience": Audience.NGOS,
        "registration": Registration.CLOSED,
        "places": 15,
        "summary": "Porozumienie z wolontariuszem, ubezpieczenie, zaświadczenia, ewidencja godzin.",
    },
    {
        "slug": "przyklad-forum-organizacji",
        "title": "[PRZYKŁAD] Dąbrowskie Forum Organizacji Pozarządowych",
        "kind": EventKind.NGO_FORUM,
        "days": -30,
        "hours": (time(10), time(15)),
        "place": "Pałac Kultury Zagłębia",
        "audience": Audience.NGOS,
        "registration": Registration.CLOSED,
        "places": 120,
        "summary": "Doroczne spotkanie organizacji pozarządowych z miastem.",
        "documents": [("Protokół z forum", "Protokół z forum organizacji (przykład).")],
    },
    {
        "slug": "przyklad-posiedzenie-rady-seniorow",
        "title": "[PRZYKŁAD] Posiedzenie Rady Seniorów",
        "kind": EventKind.SENIOR_COUNCIL,
        "days": -60,
        "hours": (time(11), time(13)),
        "place": "Urząd Miejski, sala 210",
        "address": "ul. Graniczna 27, Dąbrowa Górnicza",
        "audience": Audience.SENIORS,
        "summary": "Posiedzenie Rady Seniorów Miasta Dąbrowa Górnicza.",
        "documents": [("Protokół z posiedzenia", "Protokół z posiedzenia (przykład).")],
    },
]


def _publish(page) -> None:
    page.save_revision().publish()


def _ensure_index(home, model, slug, title, summary):
    page = model.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = model(title=title, slug=slug, summary=summary, show_in_menus=True)
        home.add_child(instance=page)
        _publish(page)
    return page


def _paragraphs(texts: list[str]) -> list[tuple]:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _document(title: str, text: str):
    Document = get_document_model()
    title = f"[PRZYKŁAD] {title}"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save("przyklad.txt", ContentFile(text.encode("utf-8")), save=False)
        document.save()
    return document


def _weekday_after(days: int, weekday: int):
    """The first WEEKDAY at least DAYS from today, so a sample date falls on a duty day."""
    day = timezone.localdate() + timedelta(days=days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(days: int, hour: time) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, hour))


def load() -> str:
    home = ensure_home_page()
    service_index, guide_index, event_index = (_ensure_index(home, *index) for index in INDEXES)
    people = {person.name: person for person in Person.objects.all()}
    created = {"usługi": 0, "poradniki": 0, "wydarzenia": 0}

    services = {}
    for values in SERVICES:
        page = AdvisoryServicePage.objects.child_of(service_index).filter(slug=values["slug"])
        page = page.first()
        if page is None:
            page = AdvisoryServicePage(
                slug=values["slug"],
                title=values["title"],
                summary=values["summary"],
                topic=values["topic"],
                audience=values["audience"],
                place=CAO_PLACE,
                advisor=people.get(values.get("advisor", "")),
                advisor_note=values.get("advisor_note", ""),
                how_to_book="<p>Zadzwoń do CAO: 668 573 952, napisz na cao@dg.pl "
                "albo wyślij prośbę przez formularz.</p>",
                body=_paragraphs([SERVICE_BODY]),
                **{"in_person": False, **values["forms"]},
            )
            page.duty_hours = [
                DutyHours(weekday=day, starts_at=start, ends_at=end, note=note)
                for day, start, end, note in values["hours"]
            ]
            page.dates = [
                ServiceDate(
                    date=_weekday_after(days, values["hours"][0][0]),
                    starts_at=start,
                    ends_at=end,
                    note=note,
                )
                for days, start, end, note in values.get("dates", [])
            ]
            service_index.add_child(instance=page)
            _publish(page)
            created["usługi"] += 1
        services[values["slug"]] = page

    for values in GUIDES:
        if GuidancePage.objects.child_of(guide_index).filter(slug=values["slug"]).exists():
            continue
        page = GuidancePage(
            slug=values["slug"],
            title=values["title"],
            summary=values["summary"],
            topic=values["topic"],
            audience=values["audience"],
            reviewed_on=timezone.localdate() - timedelta(days=30),
            body=_paragraphs(values["body"]),
        )
        page.service_links = [
            GuidanceServiceLink(service=services[slug]) for slug in values["services"]
        ]
        guide_index.add_child(instance=page)
        _publish(page)
        created["poradniki"] += 1

    # The founding service points back at its guide, so both directions are shown.
    founding = services["przyklad-zakladanie-organizacji"]
    guide = GuidancePage.objects.filter(slug="przyklad-jak-zalozyc-stowarzyszenie").first()
    if guide and not ServiceGuideLink.objects.filter(page=founding, guide=guide).exists():
        founding.guide_links = [ServiceGuideLink(guide=guide)]
        _publish(founding)

    cao_team = people.get("Aneta Dors")
    for values in EVENTS:
        if EventPage.objects.child_of(event_index).filter(slug=values["slug"]).exists():
            continue
        starts, ends = values["hours"]
        page = EventPage(
            slug=values["slug"],
            title=values["title"],
            summary=values["summary"],
            kind=values["kind"],
            starts_at=_at(values["days"], starts),
            ends_at=_at(values["days"], ends),
            place=values["place"],
            address=values.get("address", "ul. Sienkiewicza 6a, Dąbrowa Górnicza"),
            audience=values["audience"],
            registration=values.get("registration", Registration.NONE),
            places=values.get("places"),
            contact_person=cao_team if values.get("registration") else None,
            body=_paragraphs([values["summary"]]),
            documents=[
                ("document", {"document": _document(title, text), "title": title})
                for title, text in values.get("documents", [])
            ],
        )
        event_index.add_child(instance=page)
        _publish(page)
        created["wydarzenia"] += 1

    summary = ", ".join(f"{label}: {count} nowych" for label, count in created.items())
    certificate = _sample_certificate(event_index)
    if certificate is not None:
        summary += f", zaświadczenie do sprawdzenia: {certificate.code}"
    return summary


# The fictional participant of the past sample training, marked present.
PARTICIPANT = "[PRZYKŁAD] Jan Uczestnik"


def _sample_certificate(event_index) -> TrainingCertificate | None:
    """The certificate of PARTICIPANT at the past sample training (issued once; found by
    the participant's name later). None when the training is not there or has not begun."""
    training = (
        EventPage.objects.child_of(event_index)
        .filter(slug="przyklad-szkolenie-koordynator-wolontariatu", starts_at__lte=timezone.now())
        .first()
    )
    if training is None:
        return None
    registration = EventRegistration.objects.filter(event=training, name=PARTICIPANT).first()
    if registration is None:
        registration = EventRegistration.objects.create(
            event=training,
            event_title=training.title,
            name=PARTICIPANT,
            organisation_name="[PRZYKŁAD] Fundacja Wolontariat Działa",
            email="jan.uczestnik@example.org",
            receipt_number=new_receipt_number(EventRegistration.receipt_prefix),
            form_token=uuid.uuid4(),
            attended=True,
        )
    # Unticked by the team since (a mistake corrected): no certificate issued again.
    if not registration.attended or not TrainingCertificate.can_issue(registration):
        return None
    return TrainingCertificate.issue(registration)
