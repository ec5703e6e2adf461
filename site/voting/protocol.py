"""The protocol of a pool as a document (core.generated_documents): the same facts as the
HTML protocol (templates/voting/protocol.html), for the PDF."""

from django.utils import timezone
from django.utils.formats import date_format

from core.generated_documents import GeneratedDocument
from voting.counting import CONSENSUS
from voting.models import Method

METHODS = {
    Method.POINTS: "punkty",
    Method.APPROVAL: "wybór projektów",
    Method.BASKET: "koszyk (projekty mieszczące się w kwocie puli)",
    CONSENSUS: "wybrane w drodze konsensusu zebrania mieszkańców osiedla (bez głosowania)",
}


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i") if value else "—"


def _money(value) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " zł"


def protocol_document(voting, result) -> GeneratedDocument:
    edition, pool, summary = voting.edition, result.pool, voting.summary
    document = GeneratedDocument(
        title=f"Protokół z głosowania: {edition.title} – {pool.name}", subject=edition.title
    )
    reasons = "; ".join(f"{k} – {v}" for k, v in summary.get("invalid_reasons", {}).items())
    document.table(
        ("Pozycja", "Wartość"),
        (
            ("Głosowanie", f"od {_when(edition.voting_from)} do {_when(edition.results_from)}"),
            ("Sposób głosowania w puli", METHODS.get(result.method, result.method)),
            ("Kwota puli", _money(result.amount)),
            ("Karty oddane w edycji (potwierdzone)", summary.get("ballots", 0)),
            ("Karty ważne", summary.get("valid", 0)),
            ("Karty nieważne", f"{summary.get('invalid', 0)}{': ' + reasons if reasons else ''}"),
            ("Ważne karty z głosem w tej puli", result.ballots),
            ("Wydano z puli", _money(result.spent)),
            ("Policzono", _when(voting.counted_at)),
            ("Opublikowano", _when(voting.results_published_at)),
        ),
    )
    record = getattr(result, "consensus", None)
    if record is not None:
        document.heading("Konsensus zebrania mieszkańców osiedla")
        document.paragraph(
            f"Zebranie {date_format(record.meeting_date, 'j E Y')}, obecnych: "
            f"{record.attendance}. Projekty wybrano w drodze konsensusu; w tej puli nie było "
            "głosowania."
            + (f" Protokół zebrania: {record.shown_minutes.title}." if record.shown_minutes else "")
        )
        if record.notes:
            document.paragraph(record.notes)
    document.heading("Głosy na projekty")
    document.table(
        ("Miejsce", "Projekt", "Koszt", "Głosujących", "Punkty", "Wynik"),
        (
            (
                row.rank,
                row.project.title,
                _money(row.cost),
                row.votes,
                row.score,
                ("wybrany" if row.selected else "niewybrany")
                + (f" ({row.note})" if row.note else ""),
            )
            for row in result.rows.select_related("project")
        ),
    )
    document.heading("Wybrane projekty")
    selected = [row for row in result.rows.all() if row.selected]
    for row in selected:
        document.paragraph(f"{row.project.title} – {_money(row.cost)}")
    if not selected:
        document.paragraph("Brak.")
    document.heading("Zasada wyboru i remisy")
    document.paragraph(
        "Projekty wybiera się według liczby głosów (punktów), od największej, dopóki starcza "
        "pieniędzy w puli; projekt, który nie mieści się w pozostałej kwocie, jest pomijany "
        "i sprawdza się następny. O kolejności projektów z równą liczbą głosów rozstrzyga "
        f"losowanie z ziarnem {voting.draw_seed}."
    )
    for draw in result.draws:
        order = ", ".join(draw["titles"])
        document.paragraph(f"{draw['score']} pkt: wylosowana kolejność – {order}")
    if not result.draws:
        document.paragraph("W tej puli nie było remisów.")
    return document
