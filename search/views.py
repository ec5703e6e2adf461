"""The search page /szukaj/: a form, results, facets as links; no JavaScript needed."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.listing import paginate
from core.ratelimit import is_rate_limited
from search import service
from search.kinds import is_kind, is_state

RATE_PERIOD = 60  # seconds
RATE_LIMITED = (
    "Z tego adresu wysłano zbyt wiele wyszukiwań w krótkim czasie. Spróbuj ponownie za minutę."
)
TOO_DEEP = (
    f"Pokazujemy najwyżej {service.MAX_RESULTS} pierwszych wyników. Zawęź wyszukiwanie: "
    "dodaj słowo albo wybierz rodzaj lub stan."
)


def over_limit(request, suggest: bool = False) -> bool:
    """Count one search (or suggestion) of this address; True when it is over the limit."""
    if suggest:
        return is_rate_limited(
            request, "search-suggest", settings.SEARCH_SUGGEST_RATE_LIMIT, RATE_PERIOD
        )
    return is_rate_limited(request, "search", settings.SEARCH_RATE_LIMIT, RATE_PERIOD)


def page_number(raw: str | None) -> int | None:
    """A page number from a query parameter, or None when it is not one."""
    if raw is None or raw == "":
        return 1
    # str.isdigit() accepts "²" and other digits int() refuses: ASCII digits only.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6:
        return None
    number = int(raw)
    return number if number >= 1 else None


def search_url(query: str, kind: str = "", state: str = "", page: int = 1, exact=False) -> str:
    params = {"q": query}
    if exact:
        params["dokladnie"] = "1"
    if kind:
        params["type"] = kind
    if state:
        params["state"] = state
    if page > 1:
        params["page"] = page
    return "?" + urlencode(params)


def _pagination(response, page_url):
    """The site's one pagination (`includes/pagination.html`); the service has already
    counted, so a range stands for the results; links stop at the last page a search may
    reach (service.MAX_RESULTS). None past the last page."""
    if response.page > response.num_pages:
        return None
    readable = range(min(response.total, service.MAX_RESULTS))
    return paginate(Paginator(readable, response.per_page).page(response.page), page_url)


@require_GET
def search_page(request):
    query = request.GET.get("q", "")
    kind = request.GET.get("type", "")
    state = request.GET.get("state", "")
    # Links from old bookmarks with unknown filters or pages still show results.
    kind = kind if is_kind(kind) else ""
    state = state if is_state(state) else ""
    page = page_number(request.GET.get("page")) or 1
    if not query.strip():  # the empty form is not a search
        return render(request, "search/search_page.html", {"search_query": ""})
    if over_limit(request):
        context = {"search_query": query[:200], "notice": RATE_LIMITED}
        answer = render(request, "search/search_page.html", context, status=429)
        answer["Retry-After"] = str(RATE_PERIOD)
        return answer
    if page > service.last_page(service.PER_PAGE):
        context = {"search_query": query[:200], "notice": TOO_DEEP, "all_url": search_url(query)}
        return render(request, "search/search_page.html", context)
    exact = request.GET.get("dokladnie") == "1"
    response = service.search(
        query, kind=kind, state=state, page=page, user=request.user, exact=exact
    )
    service.log_search(response)
    text = response.query
    kind_links = [
        {"facet": facet, "url": search_url(text, facet.value)} for facet in response.kinds
    ]
    state_links = [
        {"facet": facet, "url": search_url(text, facet.kind, facet.value)}
        for facet in response.states
    ]
    context = {
        "search_query": text,
        "response": response,
        "kind_links": kind_links,
        "state_links": state_links,
        "all_url": search_url(text),
        "all_count": sum(f.count for f in response.kinds),
        "pagination": _pagination(response, lambda n: search_url(text, kind, state, n)),
        "suggestion_url": search_url(response.suggestion) if response.suggestion else "",
        "exact_url": search_url(text, exact=True) if response.corrected else "",
        "clear_state_url": search_url(text, kind),
        "max_results": service.MAX_RESULTS,
    }
    return render(request, "search/search_page.html", context)
