"""Sample consultations in every state, announcements and districts, clearly marked.

Idempotent: what exists is kept. The dates are relative to now, and a sample
consultation whose dates have drifted out of its intended state (the site ran for a
while) gets fresh dates, so a new user always sees every state.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model

from anyascii import anyascii

from pages.consultations import questionnaire, report
from pages.consultations.choices import Channel, Position
from pages.consultations.comments import store_response
from pages.consultations.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationMeeting,
    ConsultationPage,
    ConsultationResponse,
)
from pages.consultations.pdf import simple_pdf
from pages.consultations.sample_specs import MARK, sample_consultations
from pages.consultations.state import CONSULTATION
from pages.department.seed import ensure_home_page
from snippets.models import District, Person

SAMPLE_NAMESPACE = uuid.UUID("5f0c1c9e-8f5e-4d4a-9a53-0b7f6a1c2d3e")

DISTRICTS = [
    "Centrum",
    "Gołonóg",
    "Reden",
    "Ząbkowice",
    "Strzemieszyce Wielkie",
    "Łosień",
    "Tworzeń",
    "Mydlice",
    "Manhattan",
]


# Letters go to the city hall's correspondence address (the department's office is
# elsewhere, at ul. Sienkiewicza 6a): the page labels it as the address for this
# consultation.
WRITTEN_ADDRESS = (
    "Wydział Organizacji Pozarządowych i Aktywności Obywatelskiej\n"
    "Urząd Miejski w Dąbrowie Górniczej\nul. Graniczna 27, 41-300 Dąbrowa Górnicza"
)


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"utworzono {len(self.created)}"]
        if self.refreshed:
            parts.append(f"odświeżono daty {len(self.refreshed)}")
        return ", ".join(parts)


def _publish(page):
    page.save_revision().publish()


def _document(title: str, paragraphs: list[str], summary: Summary):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(
            f"{slugify(anyascii(title))[:60]}.pdf",
            ContentFile(simple_pdf(title, paragraphs)),
            save=False,
        )
        document._set_document_file_metadata()
        document.save()
        summary.created.append(f"dokument: {title}")
    return document


def ensure_index_pages(summary: Summary | None = None):
    """The consultation and announcement lists under the home page, shown in the menu."""
    summary = summary or Summary()
    home = ensure_home_page()
    consultations = ConsultationIndexPage.objects.child_of(home).first()
    if consultations is None:
        consultations = home.add_child(
            instance=ConsultationIndexPage(
                title="Konsultacje społeczne",
                slug="konsultacje",
                show_in_menus=True,
                summary="Co miasto konsultuje z mieszkańcami i organizacjami, do kiedy można "
                "zgłaszać uwagi i jaki był wynik konsultacji.",
            )
        )
        _publish(consultations)
        summary.created.append("lista konsultacji")
    announcements = AnnouncementIndexPage.objects.child_of(home).first()
    if announcements is None:
        announcements = home.add_child(
            instance=AnnouncementIndexPage(
                title="Ogłoszenia",
                slug="ogloszenia",
                show_in_menus=True,
                summary="Ogłoszenia wydziału: nabory, szkolenia, spotkania i wyniki.",
            )
        )
        _publish(announcements)
        summary.created.append("lista ogłoszeń")
    return consultations, announcements


def _districts(summary: Summary) -> dict[str, District]:
    found = {}
    for name in DISTRICTS:
        district, created = District.objects.get_or_create(
            slug=slugify(anyascii(name)), defaults={"name": name}
        )
        if created:
            summary.created.append(f"dzielnica: {name}")
        found[name] = district
    return found


def _apply_dates(page, spec):
    page.opens_at = spec["opens_at"]
    page.closes_at = spec["closes_at"]
    page.meetings = [
        ConsultationMeeting(
            starts_at=spec["opens_at"] + meeting["offset"],
            ends_at=spec["opens_at"] + meeting["offset"] + timedelta(hours=meeting["hours"]),
            place=meeting["place"],
            address=meeting["address"],
            notes="Sala dostępna dla osób poruszających się na wózkach."
            if meeting["address"]
            else "",
        )
        for meeting in spec["meetings"]
    ]
    if "report" in spec:
        page.report_date = timezone.localdate(spec["closes_at"] + timedelta(days=14))


def _create_consultation(index, spec, districts, contact):
    page = ConsultationPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        subject=spec["subject"],
        legal_basis=spec["legal_basis"],
        audience=spec["audience"],
        written_comments_email=spec["written_comments_email"],
        written_comments_address=WRITTEN_ADDRESS,
        contact_person=contact,
        body=[
            {
                "type": "paragraph",
                "value": "<p>To jest przykładowa konsultacja, pokazująca, jak wygląda "
                "strona konsultacji na portalu. Treść nie dotyczy rzeczywistych planów "
                "miasta.</p>",
            }
        ],
        documents=[
            {"type": "document", "value": {"document": document.pk, "title": ""}}
            for document in spec["documents"]
        ],
    )
    if "report" in spec:
        page.report_summary = (
            "<p>Wpłynęło 14 uwag od 9 osób i 3 organizacji. Najwięcej dotyczyło terminów "
            "naboru i wysokości wkładu własnego.</p>"
        )
        page.report_document = spec["report"]
        page.comments_usage = (
            "<p>Uwzględniliśmy 8 uwag (m.in. dłuższy termin naboru), 4 częściowo, 2 "
            "odrzuciliśmy z uzasadnieniem w raporcie.</p>"
        )
    if "questionnaire" in spec:
        page.document_sections = spec["sections"]
        page.questionnaire = spec["questionnaire"]
    if "cancelled" in spec:
        page.is_cancelled = True
        page.cancellation_reason = spec["cancelled"]
    page.districts = [districts[name] for name in spec["districts"]]
    _apply_dates(page, spec)
    index.add_child(instance=page)
    _publish(page)
    return page


def _sample_responses(page, summary: Summary):
    comments = [
        (
            "Proszę o wydłużenie terminu składania wniosków do 30 dni.",
            "§ 4 ust. 1",
            "Stowarzyszenie Przykładowe",
            "kontakt@example.pl",
        ),
        ("Mapa nie pokazuje przystanku autobusowego przy ul. Sportowej.", "Załącznik nr 2", "", ""),
        (
            "=SUMA(A1:A3) – uwaga testowa z tekstem przypominającym formułę arkusza.",
            "",
            "Jan Przykładowy",
            "",
        ),
    ]
    for number, (comment, part, name, email) in enumerate(comments):
        response, created = store_response(
            ConsultationResponse(
                consultation=page,
                comment=f"{MARK} {comment}",
                document_part=part,
                author_name=name,
                email=email,
                form_token=uuid.uuid5(SAMPLE_NAMESPACE, f"{page.slug}-{number}"),
                submitted_at=page.opens_at + timedelta(days=number + 1),
            )
        )
        if created:
            summary.created.append(f"uwaga {response.receipt_number}")


# Questionnaires answered online and on paper (typed in by staff): (channel, {block id:
# value}); choices by their ids, scales by their numbers. No comments: the analysis' rows
# stay the three above.
SAMPLE_ANSWERS = [
    (Channel.ONLINE, {"li-deadline": "li-deadline-1", "li-clarity": 4}),
    (Channel.ONLINE, {"li-deadline": "li-deadline-1", "li-clarity": 3}),
    (Channel.ONLINE, {"li-deadline": "li-deadline-2", "li-clarity": 5}),
    (Channel.ONLINE, {"li-deadline": "li-deadline-0"}),
    (Channel.PAPER, {"li-deadline": "li-deadline-1", "li-clarity": 2}),
    (Channel.PAPER, {"li-deadline": "li-deadline-1", "li-clarity": 4}),
]


def _sample_answers(page, summary: Summary):
    """Answers to PAGE's questionnaire, built as its form builds them."""
    questions = questionnaire.questions_of(page)
    for number, (channel, values) in enumerate(SAMPLE_ANSWERS):
        cleaned = {questionnaire.field_name(block): value for block, value in values.items()}
        submitted_at = page.opens_at + timedelta(days=number + 2)
        response, created = store_response(
            ConsultationResponse(
                consultation=page,
                channel=channel,
                received_on=timezone.localdate(submitted_at) if channel == Channel.PAPER else None,
                answers=questionnaire.answers_from(questions, cleaned),
                form_token=uuid.uuid5(SAMPLE_NAMESPACE, f"{page.slug}-answers-{number}"),
                submitted_at=submitted_at,
            )
        )
        if created:
            summary.created.append(f"ankieta {response.receipt_number}")


SAMPLE_POSITIONS = [
    (Position.ACCEPTED, "Termin wydłużono do 30 dni (przykład)."),
    (Position.PARTLY, "Mapę uzupełnimy przy następnej aktualizacji (przykład)."),
    (Position.OUT_OF_SCOPE, "Uwaga nie dotyczy konsultowanego dokumentu (przykład)."),
]


def _sample_report(page, summary: Summary):
    """The concluded sample's positions and its generated table and figures, published."""
    comments = ConsultationComment.objects.filter(response__consultation=page)
    for comment, (position, reason) in zip(comments, SAMPLE_POSITIONS, strict=False):
        comment.position, comment.reason = position, reason
        comment.save(update_fields=["position", "reason"])
    page.report_statistics = report.figures(page)
    page.report_table = [("row", row) for row in report.table_rows(page) if row["position"]]
    _publish(page)
    summary.refreshed.append(f"{page.slug}: raport")


def load_consultations(summary: Summary) -> None:
    now = timezone.now()
    consultations_index, _ = ensure_index_pages(summary)
    districts = _districts(summary)
    contact = Person.objects.order_by("sort_order", "name").first()
    documents = {
        "draft": _document(
            f"{MARK} Projekt uchwały – program współpracy",
            [
                "Projekt uchwaly Rady Miejskiej w Dabrowie Gorniczej (dokument przykladowy).",
                "Par. 1. Przyjmuje sie program wspolpracy z organizacjami pozarzadowymi.",
                "Par. 2. Wykonanie uchwaly powierza sie Prezydentowi Miasta.",
            ],
            summary,
        ),
        "map": _document(
            f"{MARK} Koncepcja zagospodarowania parku – opis mapy",
            ["Opis koncepcji: sciezki, plac zabaw, nasadzenia (dokument przykladowy)."],
            summary,
        ),
        "report": _document(
            f"{MARK} Raport z konsultacji – zasady inicjatywy lokalnej",
            [
                "Raport z konsultacji spolecznych (dokument przykladowy).",
                "Wplynelo 14 uwag. Uwzglednione: 8, czesciowo: 4, odrzucone: 2.",
                "Zestawienie uwag wraz z uzasadnieniem stanowiska znajduje sie ponizej.",
            ],
            summary,
        ),
    }
    for spec in sample_consultations(now, districts, documents):
        page = (
            ConsultationPage.objects.child_of(consultations_index).filter(slug=spec["slug"]).first()
        )
        if page is None:
            page = _create_consultation(consultations_index, spec, districts, contact)
            summary.created.append(f"konsultacja: {spec['title']}")
        elif page.title.startswith(MARK) and page.get_state(now) != spec["state"]:
            _apply_dates(page, spec)
            _publish(page)
            summary.refreshed.append(spec["slug"])
        # A sample loaded before its questionnaire existed gets it (and its report again).
        added_questionnaire = False
        if "questionnaire" in spec and not page.questionnaire and page.title.startswith(MARK):
            page.document_sections = spec["sections"]
            page.questionnaire = spec["questionnaire"]
            _publish(page)
            added_questionnaire = True
        if spec["state"] in (CONSULTATION.CLOSED, CONSULTATION.CONCLUDED):
            _sample_responses(page, summary)
            if page.questionnaire:
                _sample_answers(page, summary)
        if spec["state"] == CONSULTATION.CONCLUDED and (
            not page.report_table or added_questionnaire
        ):
            _sample_report(page, summary)


ANNOUNCEMENTS = [
    (
        "przyklad-nabor-do-rady-pozytku",
        f"{MARK} Nabór kandydatów do Dąbrowskiej Rady Działalności Pożytku Publicznego",
        "Organizacje pozarządowe mogą zgłaszać kandydatów do rady do końca miesiąca.",
        ["rada pożytku", "nabory"],
        2,
    ),
    (
        "przyklad-szkolenie-sprawozdania",
        f"{MARK} Bezpłatne szkolenie: sprawozdania z realizacji zadań publicznych",
        "Centrum Aktywności Obywatelskiej zaprasza na szkolenie dla organizacji.",
        ["szkolenia", "CAO"],
        6,
    ),
    (
        "przyklad-wyniki-konkursu",
        f"{MARK} Wyniki otwartego konkursu ofert w zakresie kultury",
        "Lista ofert, którym przyznano dotacje, i wysokość przyznanych kwot.",
        ["granty", "wyniki"],
        12,
    ),
    (
        "przyklad-dyzur-cao",
        f"{MARK} Dodatkowy dyżur doradczy CAO w sobotę",
        "Doradcy CAO przyjmą organizacje także w sobotę przed terminem naboru wniosków.",
        ["CAO"],
        20,
    ),
]


def load_announcements(summary: Summary) -> None:
    _, index = ensure_index_pages(summary)
    today = timezone.localdate()
    for slug, title, lead, tags, days_ago in ANNOUNCEMENTS:
        if AnnouncementPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = AnnouncementPage(
            title=title,
            slug=slug,
            summary=lead,
            date=today - timedelta(days=days_ago),
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>{lead} To jest przykładowe ogłoszenie.</p>",
                }
            ],
        )
        page.tags.add(*tags)
        index.add_child(instance=page)
        _publish(page)
        summary.created.append(f"ogłoszenie: {title}")


def load() -> str:
    summary = Summary()
    load_consultations(summary)
    load_announcements(summary)
    return str(summary)
