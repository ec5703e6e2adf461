"""What each sample consultation is: its intended state, fields and dates relative to now.

Data, kept apart from `sample_content`, which creates and refreshes the pages from it.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from pages.consultations.models import Audience
from pages.consultations.state import CONSULTATION

MARK = "[PRZYKŁAD]"


def at(now, days: int, hour: int, minute: int = 0):
    """Local HOUR:MINUTE on the day DAYS from NOW's date: dates as editors would set them."""
    day = timezone.localdate(now) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def sample_consultations(now, districts, documents):
    """Each sample: its intended state, its fields and its dates relative to NOW."""
    day = timedelta(days=1)
    return [
        {
            "state": CONSULTATION.OPEN,
            "slug": "przyklad-program-wspolpracy-2027",
            "title": f"{MARK} Program współpracy z organizacjami pozarządowymi na 2027 rok",
            "summary": "Projekt rocznego programu współpracy miasta z organizacjami "
            "pozarządowymi: priorytety, formy współpracy i planowane środki.",
            "subject": "Projekt uchwały w sprawie programu współpracy Gminy Dąbrowa Górnicza "
            "z organizacjami pozarządowymi na 2027 rok.",
            "legal_basis": "Art. 5a ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności "
            "pożytku publicznego i o wolontariacie; uchwała Rady Miejskiej w sprawie trybu "
            "konsultacji (przykład).",
            "audience": Audience.NGOS,
            "districts": [],
            "opens_at": at(now, -5, 9),
            "closes_at": at(now, 3, 23, 59),
            "written_comments_email": "konsultacje@example.pl",
            "meetings": [
                {
                    "offset": 4 * day + timedelta(hours=8),
                    "hours": 2,
                    "place": "Centrum Aktywności Obywatelskiej",
                    "address": "ul. Sienkiewicza 6a",
                },
            ],
            "documents": [documents["draft"]],
        },
        {
            "state": CONSULTATION.OPEN,
            "slug": "przyklad-park-w-redenie",
            "title": f"{MARK} Zagospodarowanie parku w Redenie",
            "summary": "Jak ma wyglądać park przy ul. Legionów Polskich: ścieżki, plac zabaw, "
            "zieleń. Zgłoś uwagi do koncepcji.",
            "subject": "Koncepcja zagospodarowania terenu zieleni w dzielnicy Reden.",
            "legal_basis": "Zarządzenie Prezydenta Miasta w sprawie przeprowadzenia "
            "konsultacji społecznych (przykład).",
            "audience": Audience.RESIDENTS,
            "districts": ["Reden", "Centrum"],
            "opens_at": at(now, -2, 9),
            "closes_at": at(now, 21, 23, 59),
            "written_comments_email": "",
            "meetings": [
                {
                    "offset": 7 * day + timedelta(hours=8),
                    "hours": 2,
                    "place": "Szkoła Podstawowa nr 9",
                    "address": "ul. Kasprowicza 21",
                },
                {
                    "offset": 12 * day + timedelta(hours=1),
                    "hours": 1.5,
                    "place": "Spacer badawczy – zbiórka przy wejściu do parku",
                    "address": "",
                },
            ],
            "documents": [documents["map"]],
            "sections": PARK_SECTIONS,
            "questionnaire": PARK_QUESTIONNAIRE,
        },
        {
            "state": CONSULTATION.PLANNED,
            "slug": "przyklad-budzet-obywatelski-regulamin",
            "title": f"{MARK} Regulamin budżetu obywatelskiego",
            "summary": "Zmiany w zasadach zgłaszania i wyboru projektów budżetu obywatelskiego.",
            "subject": "Projekt uchwały w sprawie wymagań dla projektów budżetu obywatelskiego.",
            "legal_basis": "Art. 5a ust. 7 ustawy o samorządzie gminnym.",
            "audience": Audience.ALL,
            "districts": [],
            "opens_at": at(now, 10, 9),
            "closes_at": at(now, 40, 23, 59),
            "written_comments_email": "konsultacje@example.pl",
            "meetings": [
                {
                    "offset": 5 * day + timedelta(hours=8),
                    "hours": 2,
                    "place": "Pałac Kultury Zagłębia",
                    "address": "pl. Wolności 1",
                },
            ],
            "documents": [],
        },
        {
            "state": CONSULTATION.CLOSED,
            "slug": "przyklad-rewitalizacja-zabkowic",
            "title": f"{MARK} Gminny program rewitalizacji – Ząbkowice",
            "summary": "Zbieranie uwag zakończone; raport przygotowujemy.",
            "subject": "Projekt zmiany gminnego programu rewitalizacji w podobszarze Ząbkowice.",
            "legal_basis": "Art. 6 ustawy z dnia 9 października 2015 r. o rewitalizacji.",
            "audience": Audience.RESIDENTS,
            "districts": ["Ząbkowice"],
            "opens_at": at(now, -40, 9),
            "closes_at": at(now, -5, 15, 30),
            "written_comments_email": "",
            "meetings": [],
            "documents": [],
        },
        {
            "state": CONSULTATION.CONCLUDED,
            "slug": "przyklad-inicjatywa-lokalna-zasady",
            "title": f"{MARK} Zasady inicjatywy lokalnej",
            "summary": "Konsultacja zakończona – opublikowaliśmy raport i sposób "
            "wykorzystania uwag.",
            "subject": "Projekt uchwały w sprawie trybu i kryteriów oceny wniosków o "
            "realizację zadania publicznego w ramach inicjatywy lokalnej.",
            "legal_basis": "Art. 19c ustawy o działalności pożytku publicznego i o wolontariacie.",
            "audience": Audience.ALL,
            "districts": ["Gołonóg", "Łosień", "Tworzeń"],
            "opens_at": at(now, -90, 9),
            "closes_at": at(now, -60, 23, 59),
            "written_comments_email": "konsultacje@example.pl",
            "meetings": [],
            "documents": [documents["draft"]],
            "report": documents["report"],
            "sections": INITIATIVE_SECTIONS,
            "questionnaire": INITIATIVE_QUESTIONNAIRE,
        },
        {
            "state": CONSULTATION.CANCELLED,
            "slug": "przyklad-strefa-platnego-parkowania",
            "title": f"{MARK} Strefa płatnego parkowania w Mydlicach",
            "summary": "Konsultacja odwołana.",
            "subject": "Projekt uchwały w sprawie ustalenia strefy płatnego parkowania.",
            "legal_basis": "",
            "audience": Audience.RESIDENTS,
            "districts": ["Mydlice", "Manhattan"],
            "opens_at": at(now, 3, 9),
            "closes_at": at(now, 30, 23, 59),
            "written_comments_email": "",
            "meetings": [],
            "documents": [],
            "cancelled": "Projekt uchwały został wycofany przez wnioskodawcę; konsultacje "
            "zostaną ogłoszone ponownie po jego zmianie.",
        },
    ]


# The park's questionnaire (fixed ids, as the page editor would store them).
PARK_SECTIONS = [
    {"type": "section", "id": "park-sec-paths", "value": "Rozdział 2 – ścieżki"},
    {"type": "section", "id": "park-sec-play", "value": "Rozdział 3 – plac zabaw"},
    {"type": "section", "id": "park-sec-green", "value": "Załącznik nr 1 – nasadzenia"},
]


def _choices(prefix, labels):
    return [
        {"type": "item", "id": f"{prefix}-{n}", "value": label} for n, label in enumerate(labels)
    ]


PARK_QUESTIONNAIRE = [
    {
        "type": "single_choice",
        "id": "park-variant",
        "value": {
            "question": "Który wariant koncepcji parku wybierasz?",
            "help_text": "Warianty opisuje dokument „Koncepcja zagospodarowania parku”.",
            "required": True,
            "choices": _choices(
                "park-variant",
                ["Wariant A – więcej zieleni", "Wariant B – więcej miejsc do zabawy"],
            ),
        },
    },
    {
        "type": "multiple_choice",
        "id": "park-uses",
        "value": {
            "question": "Jak korzystasz z parku?",
            "help_text": "",
            "required": False,
            "choices": _choices("park-uses", ["Spacery", "Z dziećmi", "Sport", "Z psem"]),
        },
    },
    {
        "type": "scale",
        "id": "park-need",
        "value": {
            "question": "Jak oceniasz obecny stan parku?",
            "help_text": "",
            "required": False,
            "minimum": 1,
            "maximum": 5,
            "minimum_label": "bardzo źle",
            "maximum_label": "bardzo dobrze",
        },
    },
    {
        "type": "section_comments",
        "id": "park-sections",
        "value": {"question": "Uwagi do rozdziałów koncepcji", "help_text": ""},
    },
]


# The concluded sample's questionnaire: its closed questions give the published report its
# charts (answered online and on paper, `sample_content.SAMPLE_ANSWERS`).
INITIATIVE_SECTIONS = [
    {"type": "section", "id": "li-sec-deadline", "value": "§ 4 ust. 1 – termin naboru"},
    {"type": "section", "id": "li-sec-criteria", "value": "§ 6 – kryteria oceny"},
]

INITIATIVE_QUESTIONNAIRE = [
    {
        "type": "single_choice",
        "id": "li-deadline",
        "value": {
            "question": "Jak długo powinien trwać nabór wniosków?",
            "help_text": "",
            "required": True,
            "choices": _choices("li-deadline", ["14 dni", "30 dni", "Cały rok"]),
        },
    },
    {
        "type": "scale",
        "id": "li-clarity",
        "value": {
            "question": "Jak oceniasz czytelność kryteriów oceny wniosków?",
            "help_text": "",
            "required": False,
            "minimum": 1,
            "maximum": 5,
            "minimum_label": "nieczytelne",
            "maximum_label": "bardzo czytelne",
        },
    },
    {
        "type": "section_comments",
        "id": "li-sections",
        "value": {"question": "Uwagi do paragrafów projektu", "help_text": ""},
    },
]
