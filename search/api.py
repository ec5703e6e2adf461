"""/api/v2/search/?q=&type=&state=&page=&per_page= and /api/v2/search/suggest/?q=

The JSON twin of /szukaj/: always what an anonymous visitor may see. Invalid or unknown
parameters answer 400 with a Polish `message` (as every /api/ error), and so does a page
that starts past the first MAX_RESULTS results; a page past the end is simply empty. Over
the address's rate limit: 429. search.openapi describes both for /api/schema/.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from search import service
from search.kinds import all_kinds, get_kind, is_kind, is_state
from search.views import RATE_LIMITED, RATE_PERIOD, over_limit, page_number

SEARCH_PARAMETERS = frozenset({"q", "type", "state", "page", "per_page", "_"})
SUGGEST_PARAMETERS = frozenset({"q", "_"})  # "_": any value, to bust a cache


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=400)


def _unknown(request, known) -> JsonResponse | None:
    unknown = sorted(set(request.GET) - known)
    if unknown:
        names = ", ".join(name[:50] for name in unknown[:5])
        return _bad_request(f"Nieznany parametr: {names}. Dozwolone: {', '.join(sorted(known))}.")
    return None


def _too_many() -> JsonResponse:
    answer = JsonResponse({"message": RATE_LIMITED}, status=429)
    answer["Retry-After"] = str(RATE_PERIOD)
    return answer


def _absolute(request, url: str) -> str:
    return url if "://" in url else request.build_absolute_uri(url)


@require_GET
def search_api(request):
    if over_limit(request):
        return _too_many()
    if refused := _unknown(request, SEARCH_PARAMETERS):
        return refused
    query = request.GET.get("q", "")
    kind = request.GET.get("type", "")
    state = request.GET.get("state", "")
    if kind and not is_kind(kind):
        names = ", ".join(k.name for k in all_kinds())
        return _bad_request(f"Nieznany rodzaj „{kind[:50]}”. Dozwolone: {names}.")
    if state and not is_state(state):
        return _bad_request(f"Nieznany stan „{state[:50]}”.")
    page = page_number(request.GET.get("page"))
    if page is None:
        return _bad_request("Parametr page musi być liczbą całkowitą od 1.")
    per_page = page_number(request.GET.get("per_page", str(service.PER_PAGE)))
    if per_page is None or per_page > service.MAX_PER_PAGE:
        return _bad_request(f"Parametr per_page musi być liczbą od 1 do {service.MAX_PER_PAGE}.")
    if page > service.last_page(per_page):
        return _bad_request(
            f"Dostępnych jest najwyżej {service.MAX_RESULTS} pierwszych wyników: przy "
            f"per_page={per_page} parametr page może wynosić od 1 do "
            f"{service.last_page(per_page)}. Zawęź zapytanie."
        )
    response = service.search(query, kind=kind, state=state, page=page, per_page=per_page)
    service.log_search(response)
    # The query is not echoed: the caller knows it, and a response then never contains
    # words that are not in the index (tests/access checks secrets as plain substrings).
    data = {
        "count": response.total,
        "page": response.page,
        "per_page": response.per_page,
        "num_pages": response.num_pages,
        "partial": response.partial,
        "suggestion": response.suggestion,
        "results": [
            {
                "type": result.entry.kind,
                "type_label": result.kind_label,
                "title": result.entry.title,
                "url": _absolute(request, result.entry.url),
                "excerpt": str(result.excerpt),
                "score": result.score,
                "date": result.entry.date.isoformat() if result.entry.date else None,
                "state": result.entry.state or None,
            }
            for result in response.results
        ],
        "facets": {
            "type": [
                {"value": f.value, "label": f.label, "count": f.count} for f in response.kinds
            ],
            "state": [
                {"value": f.value, "label": f.label, "count": f.count, "type": f.kind}
                for f in response.states
            ],
        },
        "promoted": [
            {"title": p.title, "url": _absolute(request, p.url), "description": p.description}
            for p in response.promoted
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request):
    if over_limit(request, suggest=True):
        return _too_many()
    if refused := _unknown(request, SUGGEST_PARAMETERS):
        return refused
    query = request.GET.get("q", "")
    entries = service.autocomplete(query)
    return JsonResponse(
        {
            "results": [
                {
                    "type": entry.kind,
                    "type_label": get_kind(entry.kind).label,
                    "title": entry.title,
                    "url": _absolute(request, entry.url),
                }
                for entry in entries
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
