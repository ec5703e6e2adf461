"""The public list of projects (/budzet-obywatelski/projekty/): its filters and query.

Parameters, in the order links write them: `edycja` (edition slug), `osiedle` (an
osiedle's slug, or `miasto` for the city-wide pools), `kategoria`, `status`, `q`, `strona`.
The list of residents' ideas (`pomysly/`) reads `edycja`, `kategoria`, `strona`.
"What got built" (`realizacja/`) reads `edycja`, `osiedle`, `stan` (the realisation's
status: w-przygotowaniu, w-realizacji, zrealizowany, niezrealizowany), `strona`.
"""

from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce

from core.listing import ChoiceFilter, Listing
from pages.budget.choices import FOLLOWED, Category, Progress, Status
from search.lists import filter_by_search
from snippets.models import District

CITY_WIDE = "miasto"
PROJECT_KIND = "budget_project"  # the search kind (search_sources)


def text_q(query: str) -> Q:
    """Projects whose title or description holds QUERY as typed."""
    return Q(title__icontains=query) | Q(description__icontains=query)


def project_filters(editions, districts) -> list[ChoiceFilter]:
    return [
        ChoiceFilter.of("edycja", "Edycja", [(e.slug, e.title) for e in editions]),
        ChoiceFilter.of(
            "osiedle",
            "Pula",
            [(CITY_WIDE, "Ogólnomiejska"), *((d.slug, d.display_name) for d in districts)],
        ),
        ChoiceFilter.of("kategoria", "Kategoria", Category),
        ChoiceFilter.of("status", "Status", Status),
    ]


def project_listing(request, editions, projects):
    """(the Listing, the filtered PROJECTS) for the list of EDITIONS' public PROJECTS
    (the index page passes both: this module does not import the models)."""
    editions = list(editions)
    projects = projects.filter(edition__in=editions)
    districts = District.objects.filter(budget_pools__projects__in=projects).distinct()
    listing = Listing(request, project_filters(editions, districts), search=True)
    if slug := listing.value("edycja"):
        projects = projects.filter(edition__slug=slug)
    if place := listing.value("osiedle"):
        projects = (
            projects.filter(pool__district__isnull=True)
            if place == CITY_WIDE
            else projects.filter(pool__district__slug=place)
        )
    if category := listing.value("kategoria"):
        projects = projects.filter(category=category)
    if status := listing.value("status"):
        projects = projects.filter(status=status)
    # The site search's analysis (word forms, typos, synonyms, project codes), or the
    # text as typed in the title or description (a project confirmed a moment ago).
    projects = filter_by_search(projects, listing.query, PROJECT_KIND, also=text_q(listing.query))
    projects = projects.select_related("edition", "pool", "pool__district").order_by(
        "-edition__year", "pool__sort_order", "title"
    )
    return listing, projects


def implementation_listing(request, editions, projects):
    """(the Listing, the filtered PROJECTS) for "what got built": EDITIONS' public projects
    selected for realisation, each with `progress` (its realisation's status; a project
    without a record is in preparation)."""
    editions = list(editions)
    projects = projects.filter(edition__in=editions, status__in=FOLLOWED).annotate(
        progress=Coalesce("implementation__progress_status", Value(Progress.PREPARING.value))
    )
    districts = District.objects.filter(budget_pools__projects__in=projects).distinct()
    filters = project_filters(editions, districts)[:2]
    listing = Listing(request, [*filters, ChoiceFilter.of("stan", "Stan realizacji", Progress)])
    if slug := listing.value("edycja"):
        projects = projects.filter(edition__slug=slug)
    if place := listing.value("osiedle"):
        projects = (
            projects.filter(pool__district__isnull=True)
            if place == CITY_WIDE
            else projects.filter(pool__district__slug=place)
        )
    if state := listing.value("stan"):
        projects = projects.filter(progress=state)
    projects = projects.select_related(
        "edition", "pool", "pool__district", "implementation"
    ).order_by("-edition__year", "pool__sort_order", "title")
    return listing, projects


def idea_listing(request, editions, ideas):
    """(the Listing, the filtered IDEAS) for the public ideas of EDITIONS."""
    editions = [e for e in editions if e.ideas_from is not None]
    ideas = ideas.filter(edition__in=editions)
    listing = Listing(
        request,
        [
            ChoiceFilter.of("edycja", "Edycja", [(e.slug, e.title) for e in editions]),
            ChoiceFilter.of("kategoria", "Dziedzina", Category),
        ],
    )
    if slug := listing.value("edycja"):
        ideas = ideas.filter(edition__slug=slug)
    if category := listing.value("kategoria"):
        ideas = ideas.filter(category=category)
    ideas = ideas.select_related("edition", "district", "project").order_by("-submitted_at")
    return listing, ideas


def priority_counts(votes) -> list[dict]:
    """Counts of priority VOTES per category, most voted first: what is public of votes."""
    labels = dict(Category.choices)
    rows = votes.values("category").annotate(votes=Count("pk")).order_by("-votes", "category")
    return [{"label": labels.get(r["category"], r["category"]), "votes": r["votes"]} for r in rows]
