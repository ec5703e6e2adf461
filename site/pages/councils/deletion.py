"""Why a council's page may not be deleted while it has records.

A council's register of resolutions, its opinion requests and candidates' applications
are protected by the database (PROTECT: a public register and data under retention must
not vanish with a page); its terms with members and its recruitments would go with it
(CASCADE) and its sittings would lose their body (SET_NULL). Rather than refuse with an
error page, or let the history of its membership disappear, the admin refuses the delete
and says, in Polish, what holds the page and what to do instead: unpublish it (the
records stay, nothing public shows), or remove the records first.
"""

from django.db.models import Count

from core.text import pluralize_pl
from pages.cao.models.event import EventPage
from pages.councils.models import (
    CouncilApplication,
    CouncilPage,
    CouncilTerm,
    OpinionRequest,
    Recruitment,
    Resolution,
)

# (model, its link to the council, how many: one, few, many)
RECORDS = (
    (CouncilTerm, "council", ("kadencję", "kadencje", "kadencji")),
    (Recruitment, "council", ("nabór", "nabory", "naborów")),
    (
        CouncilApplication,
        "recruitment__council",
        ("zgłoszenie kandydata", "zgłoszenia kandydatów", "zgłoszeń kandydatów"),
    ),
    (Resolution, "council", ("uchwałę lub opinię", "uchwały lub opinie", "uchwał lub opinii")),
    (OpinionRequest, "council", ("wniosek o opinię", "wnioski o opinię", "wniosków o opinię")),
    (EventPage, "council", ("posiedzenie", "posiedzenia", "posiedzeń")),
)


def blockers(page) -> list[str]:
    """What holds PAGE (a council, or a page above councils) from deletion, in Polish:
    '2 kadencje', '1 uchwałę lub opinię'…; empty when nothing does."""
    councils = CouncilPage.objects.descendant_of(page, inclusive=True).values("pk")
    if not councils.exists():  # most pages: one query
        return []
    found = []
    for model, link, forms in RECORDS:
        count = model.objects.filter(**{f"{link}__in": councils}).aggregate(n=Count("pk"))["n"]
        if count:
            found.append(pluralize_pl(count, *forms))
    return found


def refusal_message(page, found: list[str]) -> str:
    return (
        f"Nie można usunąć strony „{page.title}”: rady mają zapisane {', '.join(found)}. "
        "Rejestr uchwał, wnioski o opinię i zgłoszenia kandydatów muszą zostać zachowane, a "
        "usunięcie strony skasowałoby też skład kadencji i odłączyło posiedzenia. "
        "Zamiast usuwać, cofnij publikację strony (wpisy zostaną w „Rady i osiedla”, nic "
        "nie będzie widać publicznie). Jeśli rada naprawdę ma zniknąć, najpierw usuń jej "
        "wpisy w „Rady i osiedla” i odłącz posiedzenia."
    )
