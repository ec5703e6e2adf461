"""The public register (/inicjatywy-lokalne/wnioski/): its filters and query.

Parameters, in the order links write them: `rok`, `osiedle` (an osiedle's slug),
`status`, `q`, `strona`.
"""

from django.db.models import Q

from core.listing import ChoiceFilter, Listing
from pages.initiatives.choices import Status
from search.lists import filter_by_search
from snippets.models import District

REGISTER_PARAMS = ("rok", "osiedle", "status", "q", "strona")
APPLICATION_KIND = "local_initiative"  # the search kind (search_sources)


def text_q(query: str) -> Q:
    """Applications whose title or description holds QUERY as typed."""
    return Q(title__icontains=query) | Q(description__icontains=query)


def register_listing(request, rules_pages, initiatives):
    """(the Listing, the filtered INITIATIVES) of the public register."""
    rules_pages = list(rules_pages)
    initiatives = initiatives.filter(rules__in=rules_pages)
    districts = District.objects.filter(initiatives__in=initiatives).distinct().order_by("name")
    listing = Listing(
        request,
        [
            ChoiceFilter.of("rok", "Rok", [(str(r.year), str(r.year)) for r in rules_pages]),
            ChoiceFilter.of("osiedle", "Osiedle", [(d.slug, d.display_name) for d in districts]),
            ChoiceFilter.of("status", "Status", Status),
        ],
        search=True,
    )
    if year := listing.value("rok"):
        initiatives = initiatives.filter(rules__year=int(year))
    if place := listing.value("osiedle"):
        initiatives = initiatives.filter(district__slug=place)
    if status := listing.value("status"):
        initiatives = initiatives.filter(status=status)
    # The site search's analysis (word forms, typos, synonyms), or the text as typed.
    initiatives = filter_by_search(
        initiatives, listing.query, APPLICATION_KIND, also=text_q(listing.query)
    )
    initiatives = initiatives.select_related("rules", "area", "district", "ngo").order_by(
        "-rules__year", "-submitted_at", "pk"
    )
    return listing, initiatives
