"""Sample registry content, clearly marked "[PRZYKŁAD]": fictional organisations with
valid (drawn) register numbers, calls in every state with results, and a small-grant
offer inside its comment window. Idempotent; the dates of sample calls and offers are
moved relative to today on every run, so that each state stays shown.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

from core import deadlines
from pages.department.seed import ensure_home_page
from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from snippets import identifiers
from snippets.models import (
    NGO,
    District,
    GrantAward,
    GrantCall,
    GrantCallDocument,
    Person,
    PublicBenefitArea,
    SmallGrantOffer,
)

MARK = "[PRZYKŁAD]"
SEED = 19_2003  # fixed: the same organisations, with the same numbers, on every run

DISTRICTS = [
    ("Centrum", "centrum"),
    ("Gołonóg", "golonog"),
    ("Ząbkowice", "zabkowice"),
    ("Strzemieszyce Wielkie", "strzemieszyce-wielkie"),
    ("Reden", "reden"),
    ("Mydlice", "mydlice"),
]

# (legal form, name, areas)
ORGANISATIONS = [
    ("stowarzyszenie", "Stowarzyszenie Przyjaciół Pogorii", ["18", "19"]),
    ("fundacja", "Fundacja Zagłębiowskie Dzieciaki", ["15", "14"]),
    ("klub-sportowy", "Klub Sportowy Sztygar", ["17"]),
    ("stowarzyszenie", "Stowarzyszenie Seniorów Gołonoga", ["10", "13"]),
    ("kolo-gospodyn-wiejskich", "Koło Gospodyń Wiejskich w Błędowie", ["4", "13"]),
    ("fundacja", "Fundacja Pomocy Rodzinie Przystań", ["1", "1a", "31"]),
    ("spoldzielnia-socjalna", "Spółdzielnia Socjalna Razem", ["2", "8"]),
    ("stowarzyszenie-zwykle", "Stowarzyszenie Zwykłe Sąsiedzi z Redenu", ["13"]),
    ("stowarzyszenie", "Stowarzyszenie Teatr z Piwnicy", ["16"]),
    ("fundacja", "Fundacja Zdrowie na Co Dzień", ["6", "32"]),
    ("stowarzyszenie", "Stowarzyszenie Osób z Niepełnosprawnościami Krok", ["7", "2"]),
    ("klub-sportowy", "Uczniowski Klub Sportowy Orlik", ["17", "15"]),
    ("stowarzyszenie", "Ochotnicza Straż Pożarna Tucznawa", ["23", "20"]),
    ("fundacja", "Fundacja Zielone Podwórka", ["18", "32a"]),
    ("stowarzyszenie", "Stowarzyszenie Miłośników Historii Zagłębia", ["4", "16"]),
    ("fundacja", "Fundacja Wolontariat Działa", ["27", "33"]),
    ("stowarzyszenie", "Stowarzyszenie Kobiet Aktywnych", ["9", "13"]),
    ("fundacja", "Fundacja Bezpieczny Dom", ["1", "31"]),
    ("stowarzyszenie", "Stowarzyszenie Rowerowe Dwa Kółka", ["17", "19"]),
    ("inna", "Parafialny Zespół Caritas (przykład)", ["3", "1"]),
    ("fundacja", "Fundacja Kod Przyszłości", ["12", "14"]),
    ("stowarzyszenie", "Stowarzyszenie Przedsiębiorczy Zagłębiacy", ["11", "8"]),
    ("stowarzyszenie", "Towarzystwo Przyjaciół Ząbkowic", ["13", "4"]),
    ("klub-sportowy", "Klub Szachowy Hetman", ["17", "14"]),
    ("fundacja", "Fundacja Pomocna Łapa", ["18"]),
    ("stowarzyszenie", "Stowarzyszenie Muzyczne Forte", ["16", "15"]),
    ("fundacja", "Fundacja Porady Prawne dla Każdego", ["22a", "22"]),
    ("stowarzyszenie", "Stowarzyszenie Trzeźwość i Rodzina", ["32", "31"]),
    ("kolo-gospodyn-wiejskich", "Koło Gospodyń Wiejskich w Okradzionowie", ["4"]),
    ("stowarzyszenie", "Stowarzyszenie Europa Bliżej", ["26", "30"]),
]
DISSOLVED = {"Stowarzyszenie Zwykłe Sąsiedzi z Redenu", "Fundacja Kod Przyszłości"}


def _areas() -> dict[str, PublicBenefitArea]:
    return {area.number: area for area in PublicBenefitArea.objects.all()}


def _ensure_index_pages(report: list[str]) -> None:
    home = ensure_home_page()
    for model, slug, title, summary in (
        (
            NGODirectoryPage,
            "organizacje",
            "Organizacje pozarządowe",
            "Rejestr organizacji pozarządowych działających w Dąbrowie Górniczej, "
            "prowadzony przez wydział: dane, obszary działania i otrzymane dotacje.",
        ),
        (
            GrantCallIndexPage,
            "konkursy",
            "Konkursy i nabory ofert",
            "Otwarte konkursy ofert, małe granty i inicjatywy lokalne: terminy, zasady, "
            "dokumenty i wyniki.",
        ),
    ):
        if model.objects.exists():
            continue
        page = home.add_child(
            instance=model(title=title, slug=slug, summary=summary, show_in_menus=True)
        )
        page.save_revision().publish()
        report.append(f"strona {title}")


def _ensure_districts() -> list[District]:
    districts = []
    for name, slug in DISTRICTS:
        district = (
            District.objects.filter(name=name).first()
            or District.objects.filter(slug=slug).first()
            or District.objects.create(name=name, slug=slug)
        )
        districts.append(district)
    return districts


def _ensure_ngos(rng: random.Random, districts, areas) -> tuple[list[NGO], int]:
    ngos, created = [], 0
    for position, (legal_form, name, area_numbers) in enumerate(ORGANISATIONS):
        # Numbers are drawn for every row, so each organisation keeps its own on re-runs.
        krs = identifiers.random_krs(rng)
        nip = identifiers.random_nip(rng)
        regon = identifiers.random_regon(rng, 14 if position % 7 == 3 else 9)
        has_krs = legal_form in (
            "stowarzyszenie",
            "fundacja",
            "klub-sportowy",
            "spoldzielnia-socjalna",
        )
        full_name = f"{MARK} {name}"
        ngo = NGO.objects.filter(name=full_name).first()
        if ngo is not None:
            ngos.append(ngo)
            continue
        ngo = NGO(
            name=full_name,
            short_name=name if len(name) <= 40 else "",
            legal_form=legal_form,
            krs=krs if has_krs else None,
            nip=nip,
            regon=regon,
            is_public_benefit=position % 4 == 1,
            district=districts[position % len(districts)],
            street_address=f"ul. Przykładowa {position + 1}",
            postal_code="41-300",
            email=f"kontakt{position + 1}@przyklad.example",
            phone=f"32 000 00 {position + 10:02d}",
            website=f"https://przyklad.example/organizacja-{position + 1}",
            description=(
                f"Organizacja przykładowa, nie istnieje. Działa w obszarach: "
                f"{', '.join(areas[number].label.lower() for number in area_numbers)}."
            ),
            is_active=name not in DISSOLVED,
            verified_on=timezone.localdate() - timedelta(days=30 * (position % 12)),
        )
        ngo.save()
        ngo.areas.set([areas[number] for number in area_numbers])
        ngo.save_revision().publish()
        ngos.append(ngo)
        created += 1
    return ngos, created


def _call_dates(now, kind: str) -> dict:
    """Dates of a sample call of KIND around NOW, at office hours (9:00, 15:30)."""
    day = timedelta(days=1)
    now = timezone.localtime(now).replace(hour=9, minute=0, second=0, microsecond=0)
    deadline = timedelta(hours=6, minutes=30)  # 15:30
    if kind == "open":
        return {"announced_at": now - 10 * day, "offers_due_at": now + 18 * day + deadline}
    if kind == "open-soon-due":
        return {"announced_at": now - 22 * day, "offers_due_at": now + 3 * day + deadline}
    if kind == "planned":
        return {"announced_at": now + 14 * day, "offers_due_at": now + 40 * day + deadline}
    if kind == "evaluation":
        return {"announced_at": now - 40 * day, "offers_due_at": now - 5 * day + deadline}
    if kind == "resolved":
        return {
            "announced_at": now - 120 * day,
            "offers_due_at": now - 90 * day + deadline,
            "results_published_at": now - 70 * day,
        }
    if kind == "resolved-last-year":
        return {
            "announced_at": now - 400 * day,
            "offers_due_at": now - 370 * day + deadline,
            "results_published_at": now - 350 * day,
        }
    if kind == "cancelled":
        return {
            "announced_at": now - 60 * day,
            "offers_due_at": now - 30 * day + deadline,
            "cancelled_at": now - 20 * day,
            "cancellation_reason": "brak-ofert",
        }
    raise ValueError(kind)


# (slug, kind, procedure, area, title, task, funds, [(organisation index, task, amount)])
CALLS = [
    (
        "przyklad-wypoczynek-letni",
        "open",
        "konkurs",
        "15",
        "Wypoczynek letni dzieci i młodzieży",
        "Organizacja wypoczynku letniego dzieci i młodzieży",
        "120000",
        [],
    ),
    (
        "przyklad-zielone-podworka",
        "open-soon-due",
        "inicjatywa-lokalna",
        "18",
        "Inicjatywa lokalna: zielone podwórka",
        "Urządzanie zieleni na podwórkach przez mieszkańców",
        "40000",
        [],
    ),
    (
        "przyklad-aktywni-seniorzy",
        "planned",
        "konkurs",
        "10",
        "Aktywni seniorzy",
        "Zajęcia aktywizujące dla osób w wieku emerytalnym",
        "60000",
        [],
    ),
    (
        "przyklad-sport-dzieci",
        "evaluation",
        "konkurs",
        "17",
        "Szkolenie sportowe dzieci i młodzieży",
        "Szkolenie sportowe dzieci i młodzieży w klubach",
        "250000",
        [],
    ),
    (
        "przyklad-polkolonie",
        "resolved",
        "konkurs",
        "15",
        "Półkolonie w mieście",
        "Organizacja wypoczynku dzieci i młodzieży w mieście",
        "80000",
        [
            (1, "Wakacje z Zagłębiowskimi Dzieciakami", "30000"),
            (11, "Półkolonie sportowe Orlik", "25000"),
            (25, "Muzyczne półkolonie", "15000"),
        ],
    ),
    (
        "przyklad-wypoczynek-zeszloroczny",
        "resolved-last-year",
        "konkurs",
        "15",
        "Wypoczynek dzieci i młodzieży (poprzedni rok)",
        "Organizacja wypoczynku dzieci i młodzieży",
        "70000",
        [(1, "Kolonie nad morzem", "40000"), (11, "Obóz sportowy", "22000")],
    ),
    (
        "przyklad-imprezy-sportowe",
        "resolved",
        "konkurs",
        "17",
        "Imprezy sportowe dla mieszkańców",
        "Organizacja imprez sportowo-rekreacyjnych",
        "90000",
        [
            (2, "Bieg Sztygara", "20000"),
            (18, "Rajd rowerowy wokół Pogorii", "12000"),
            (23, "Turniej szachowy o puchar miasta", "8000"),
            (11, "Liga orlików", "18500.50"),
        ],
    ),
    (
        "przyklad-festiwal-teatrow",
        "cancelled",
        "konkurs",
        "16",
        "Festiwal teatrów amatorskich",
        "Organizacja festiwalu teatrów amatorskich",
        "50000",
        [],
    ),
]


def _ensure_calls(now, ngos, areas) -> int:
    contact = Person.objects.order_by("sort_order", "name").first()
    created = 0
    for slug, kind, procedure, area, title, task, funds, awards in CALLS:
        dates = _call_dates(now, kind)
        existing = GrantCall.objects.filter(slug=slug).first()
        if existing is not None:
            # Keep each sample call in its state: move its dates along with today.
            GrantCall.objects.filter(pk=existing.pk).update(
                **{"results_published_at": None, "cancelled_at": None, **dates}
            )
            if not existing.documents.exists():  # loaded before calls carried documents
                for link in _call_documents(title):
                    link.call = existing
                    link.save()
            continue
        call = GrantCall(
            slug=slug,
            title=f"{MARK} {title}",
            procedure=procedure,
            task=task,
            area=areas[area],
            summary=f"Konkurs przykładowy: {task.lower()}.",
            body="<p>Zasady przykładowe: oferty składa się w generatorze ofert, "
            "ocenia je komisja konkursowa według kryteriów z ogłoszenia.</p>",
            total_funds=Decimal(funds),
            min_grant=Decimal("2000"),
            max_grant=Decimal(funds) / 2,
            own_contribution_percent=Decimal("10"),
            own_contribution_note="wkład osobowy lub finansowy",
            decision_due_on=timezone.localdate(dates["offers_due_at"] + timedelta(days=21)),
            contact_person=contact,
            offer_system_name="Witkac.pl (przykład)",
            offer_system_url="https://witkac.pl/",
            accepts_paper_offers=True,
            submission_note="Przykład: o zachowaniu terminu decyduje data wpływu oferty do "
            "systemu albo do kancelarii urzędu, nie data stempla pocztowego.",
            **dates,
        )
        for link in _call_documents(title):
            call.documents.add(link)
        for position, (index, award_task, amount) in enumerate(awards):
            call.awards.add(
                GrantAward(
                    ngo=ngos[index],
                    task_title=award_task,
                    amount=Decimal(amount),
                    sort_order=position,
                )
            )
        call.save()
        call.save_revision().publish()
        created += 1
    return created


def _sample_document(title: str, filename: str, text: str):
    """A real file in Wagtail's documents (public root collection), marked as a sample."""
    Document = get_document_model()
    title = f"{MARK} {title}"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        body = f"{MARK} Dokument przykładowy – nie jest prawdziwym dokumentem urzędu.\n\n{text}"
        document.file.save(filename, ContentFile(body.encode("utf-8")), save=False)
        document.save()
    return document


def _call_documents(call_title: str) -> list[GrantCallDocument]:
    """The announcement and the offer form of a sample call, as real files."""
    Kind = GrantCallDocument.Kind
    announcement = _sample_document(
        f"Ogłoszenie konkursu – {call_title}",
        "ogloszenie-konkursu-przyklad.txt",
        f"Ogłoszenie otwartego konkursu ofert: {call_title}.\nTermin i sposób składania "
        "ofert podaje strona konkursu w portalu.",
    )
    form = _sample_document(
        "Wzór oferty realizacji zadania publicznego",
        "wzor-oferty-przyklad.txt",
        "Wzór oferty według rozporządzenia w sprawie wzorów ofert i ramowych wzorów umów "
        "dotyczących realizacji zadań publicznych.",
    )
    return [
        GrantCallDocument(document=announcement, kind=Kind.ANNOUNCEMENT, sort_order=0),
        GrantCallDocument(document=form, kind=Kind.FORM, sort_order=1),
    ]


def _ensure_offers(ngos, areas) -> int:
    today = timezone.localdate()
    created = 0
    for title, ngo, area, amount, published_ago, outcome in (
        ("Piknik sąsiedzki na Redenie", ngos[22], "13", "6500", 2, "w-toku"),
        ("Warsztaty pierwszej pomocy dla seniorów", ngos[3], "6", "4800", 20, "dotacja"),
    ):
        full_title = f"{MARK} {title}"
        dates = {
            "received_on": today - timedelta(days=published_ago + 1),
            "published_on": today - timedelta(days=published_ago),
        }
        existing = SmallGrantOffer.objects.filter(title=full_title).first()
        if existing is not None:
            # Moved to today's dates: the comment window follows the publication day.
            for name, value in dates.items():
                setattr(existing, name, value)
            existing.comments_close_at = None
            existing.save(update_fields=[*dates, "comments_close_at"])
            continue
        offer = SmallGrantOffer(
            ngo=ngo,
            title=full_title,
            area=areas[area],
            summary="Oferta przykładowa na zadanie do 90 dni, z wkładem wolontariuszy.",
            amount=Decimal(amount),
            realisation_from=today + timedelta(days=20),
            realisation_to=today + timedelta(days=50),
            outcome=outcome,
            # As if published on that day, so the sample shows one window over.
            first_published_at=deadlines.day_start(dates["published_on"]),
            **dates,
        )
        offer.save()
        offer.save_revision().publish()
        created += 1
    return created


def load() -> str:
    report: list[str] = []
    _ensure_index_pages(report)
    areas = _areas()
    districts = _ensure_districts()
    rng = random.Random(SEED)  # noqa: S311 - sample numbers, not secrets
    ngos, ngos_created = _ensure_ngos(rng, districts, areas)
    calls_created = _ensure_calls(timezone.now(), ngos, areas)
    offers_created = _ensure_offers(ngos, areas)
    report.append(
        f"organizacje: {ngos_created} nowych, konkursy: {calls_created} nowych, "
        f"oferty art. 19a: {offers_created} nowych"
    )
    return "; ".join(report)
