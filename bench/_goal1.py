"""Issue 17's goal 1 for bench/http.py: each page kind the goal names, the page of
bakerydemo it is compared with and why, how each side's page is found, and what a measured
pair says.

Pages are found through each site's own API, never by a sample's slug: the first live page
of a type (Wagtail's API lists by id), or the first public record of a registry, whose API
gives its page's address. Both sites serve Wagtail's API v2 at /api/v2/.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from bench._wrk import Errors, Result

GOAL = 5.0  # the portal's uncached requests/s against bakerydemo's, per pair


@dataclass(frozen=True)
class Locator:
    """A fixed route of the site (path), or the first item of an API listing whose FIELD,
    when given, is one of VALUES."""

    path: str = ""
    listing: str = ""
    field: str = ""
    values: tuple[str, ...] = ()


def route(path: str) -> Locator:
    return Locator(path=path)


def first_page(page_type: str, field: str = "", values: tuple[str, ...] = ()) -> Locator:
    fields = f"&fields={field}" if field else ""
    return Locator(
        listing=f"/api/v2/pages/?type={page_type}{fields}&limit=20", field=field, values=values
    )


def first_record(endpoint: str) -> Locator:
    """The first public record of a registry's endpoint, by its page_url."""
    return Locator(listing=f"/api/v2/{endpoint}/?fields=page_url&limit=20")


def item_path(item: dict) -> str | None:
    """The path of an API item's public page: a record's page_url or a page's html_url
    (both absolute URLs), or None when it has no public page."""
    url = item.get("page_url") or item.get("meta", {}).get("html_url")
    if not url:
        return None
    return "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"


def locate(locator: Locator, get_json: Callable[[str], dict | None]) -> str | None:
    """The path LOCATOR names; GET_JSON answers an API path with its JSON (None when the
    answer was not 200)."""
    if locator.path:
        return locator.path
    listing = get_json(locator.listing) or {}
    for item in listing.get("items", []):
        if locator.field and item.get(locator.field) not in locator.values:
            continue
        path = item_path(item)
        if path:
            return path
    return None


# Search, compared until session 11, is no kind of goal 1: the uncached table measures it
# against its ceiling, and the run at --duration 10 stays within about 15 minutes.

# A consultation that is not open: a blog post has no form, and an open consultation's
# page carries its comment form (the cached-site table measures that one on its own).
CLOSED_CONSULTATION = first_page(
    "consultations.ConsultationPage", "state", ("planned", "closed", "concluded")
)
OPEN_CONSULTATION = first_page("consultations.ConsultationPage", "state", ("open",))


@dataclass(frozen=True)
class Pair:
    label: str  # "portal's kind / bakerydemo's", as the table shows it
    portal: Locator
    bakery: Locator
    why: str  # why this page of bakerydemo is the nearest kind (printed under the table)


PAIRS = (
    Pair(
        "strona główna / strona główna",
        route("/"),
        route("/"),
        "strona startowa każdej witryny: jej sekcje i wybrane treści z podstron",
    ),
    Pair(
        "wydział / strona zwykła („About”)",
        first_page("pages.DepartmentPage"),
        first_page("base.StandardPage"),
        "strona o samej instytucji; bakerydemo nie ma strony zwykłej z podstronami, a jego "
        "„About” to tytuł, obraz i treść, bez zespołów, kierownictwa i 24 zadań wydziału: "
        "para surowa dla portalu",
    ),
    Pair(
        "zespół / lokalizacja",
        first_page("pages.TeamPage"),
        first_page("locations.LocationPage"),
        "jednostka z adresem i kontaktem oraz wierszami podrzędnymi (skład zespołu ↔ "
        "godziny otwarcia)",
    ),
    Pair(
        "lista konsultacji / blog",
        first_page("consultations.ConsultationIndexPage"),
        first_page("blog.BlogIndexPage"),
        "lista wpisów z datami i filtrem (stan, dzielnica ↔ tagi)",
    ),
    Pair(
        "konsultacja (zamknięta) / wpis bloga",
        CLOSED_CONSULTATION,
        first_page("blog.BlogPage"),
        "artykuł z datami, treścią i osobami (kontakt ↔ autorzy); konsultacja nie otwarta, "
        "bo wpis bloga nie ma formularza",
    ),
    Pair(
        "katalog organizacji / chleby",
        first_page("registry.NGODirectoryPage"),
        first_page("breads.BreadsIndexPage"),
        "stronicowana lista rekordów z ich cechami (portal dodaje filtry i wyszukiwanie)",
    ),
    Pair(
        "organizacja / chleb",
        first_record("ngos"),
        first_page("breads.BreadPage"),
        "rekord z cechami ze słowników (forma prawna, obszary, dzielnica ↔ pochodzenie, "
        "rodzaj, składniki)",
    ),
    Pair(
        "konkursy / lokalizacje",
        first_page("registry.GrantCallIndexPage"),
        first_page("locations.LocationsIndexPage"),
        "krótka lista pozycji prowadzących do stron z terminami (portal dodaje filtry, "
        "stan naboru z dat i oferty art. 19a)",
    ),
    Pair(
        "konkurs / lokalizacja",
        first_record("grant-calls"),
        first_page("locations.LocationPage"),
        "szczegóły pozycji z terminami i kontaktem (terminy naboru ↔ godziny otwarcia)",
    ),
    Pair(
        "CAO / przepisy",
        first_page("cao.AdvisoryServiceIndexPage"),
        first_page("recipes.RecipeIndexPage"),
        "indeks stron z poradami (usługi doradcze i poradniki ↔ przepisy; CAO pokazuje "
        "też najbliższe wydarzenia)",
    ),
    Pair(
        "wydarzenia / blog",
        first_page("cao.EventIndexPage"),
        first_page("blog.BlogIndexPage"),
        "lista wpisów z datami i filtrem (rodzaj wydarzenia ↔ tagi)",
    ),
)


@dataclass
class Verdict:
    """A measured pair: each side's best run, each side's errors over all its runs, and
    what the ratio of the best runs may be read as."""

    portal: Result
    bakery: Result
    portal_errors: Errors
    bakery_errors: Errors
    ratio: float
    valid: bool  # False: the portal's side failed, the ratio says nothing
    lower_bound: bool  # only bakerydemo's side failed: the ratio is at least this
    met: bool | None  # the goal met (True), missed (False), or not known (None)

    def note(self) -> str:
        if not self.valid and not self.portal_errors.total:
            return "nieważne – portal nie odpowiedział w czasie przebiegu"
        if not self.valid:
            return f"nieważne – błędy portalu: {self.portal_errors}" + (
                f"; bakerydemo: {self.bakery_errors}" if self.bakery_errors.total else ""
            )
        if not self.bakery.requests_per_second:
            return "bakerydemo nie odpowiedział w czasie przebiegu: krotność nieznana"
        if self.lower_bound:
            return (
                f"dolna granica – błędy tylko po stronie bakerydemo: {self.bakery_errors} "
                "(jego żądania/s są górną granicą)"
            )
        return ""


def judge(portal_runs: list[Result], bakery_runs: list[Result], goal: float = GOAL) -> Verdict:
    """Each side's best run (a shared machine only slows a run down), and the errors of
    every run of a side.

    Only the portal's errors void the pair: its figure is the one the goal is about, and
    an error answer (a refusal, a 500) is faster than a page. Errors on bakerydemo's side
    alone leave the ratio readable as a lower bound: wrk counts an error answer, and an
    answer later than its timeout, as a request done, so bakerydemo's requests/s are an
    upper bound of its rate of good pages, and the portal's rate over them a lower bound
    of the true ratio.
    """
    portal = max(portal_runs, key=lambda result: result.requests_per_second)
    bakery = max(bakery_runs, key=lambda result: result.requests_per_second)
    portal_errors = sum((run.failed for run in portal_runs), Errors())
    bakery_errors = sum((run.failed for run in bakery_runs), Errors())
    # A side that answered nothing within a run (wrk counts requests still running as
    # neither done nor failed) has no figure: the portal's voids the pair, bakerydemo's
    # leaves the ratio unknown.
    answered = bakery.requests_per_second > 0
    ratio = portal.requests_per_second / bakery.requests_per_second if answered else math.inf
    valid = portal_errors.total == 0 and portal.requests_per_second > 0
    lower_bound = valid and bakery_errors.total > 0
    if not valid or not answered:
        met = None
    elif ratio >= goal:
        met = True
    else:
        met = None if lower_bound else False
    return Verdict(portal, bakery, portal_errors, bakery_errors, ratio, valid, lower_bound, met)
