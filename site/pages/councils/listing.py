"""The register of a council's resolutions and opinions (`<council>/uchwaly/`): a list
through core.listing, filtered by kind, status and year, with a text box that finds
numbers in any shortening ("12/26", "12/2026") as the site search does."""

from django.template.response import TemplateResponse
from django.utils import timezone

from core.listing import ChoiceFilter, Listing, count_by
from pages.councils.choices import ResolutionKind, ResolutionStatus
from pages.councils.documents import with_public_documents
from pages.councils.models.resolution import Resolution
from search.lists import filter_by_search

PER_PAGE = 25
KIND_FILTER = ChoiceFilter.of("rodzaj", "Rodzaj", ResolutionKind)
STATUS_FILTER = ChoiceFilter.of("stan", "Wynik", ResolutionStatus)
RESOLUTION_KIND = "council_resolution"  # the search kind (search_sources)


def year_filter(council) -> ChoiceFilter:
    years = Resolution.objects.filter(council=council).dates("adopted_on", "year", order="DESC")
    return ChoiceFilter.of("rok", "Rok", [(str(day.year), str(day.year)) for day in years])


def register_view(request, council):
    listing = Listing(request, [KIND_FILTER, STATUS_FILTER, year_filter(council)], search=True)
    resolutions = council.public_resolutions()
    if value := listing.value("rodzaj"):
        resolutions = resolutions.filter(kind=value)
    if value := listing.value("stan"):
        resolutions = resolutions.filter(status=value)
    if value := listing.value("rok"):
        resolutions = resolutions.filter(adopted_on__year=int(value))
    resolutions = filter_by_search(resolutions, listing.query, RESOLUTION_KIND)
    groups = listing.groups(
        {"rodzaj": count_by(resolutions, "kind"), "stan": count_by(resolutions, "status")}
    )
    pagination = listing.paginate(resolutions, PER_PAGE)
    entries = with_public_documents(pagination.page.object_list)
    return TemplateResponse(
        request,
        "councils/resolution_register.html",
        {
            "page": council,
            "self": council,
            "listing": listing,
            "filter_groups": groups,
            "pagination": pagination,
            "entries": entries,
            "today": timezone.localdate(),
        },
    )
