"""Guards every /api/ URL before any view sees it, and answers every /api/ 404 in JSON.

A URL alone must never make the API answer 500: PostgreSQL refuses text holding a NUL
character and integers past bigint, and Django passes both straight to it (issue 13:
`offset=99999999999999999999`, `search=%00`). Such a request is answered 400 with a JSON
`message` here, once for all endpoints (Wagtail's, the registry's, search, the schema).
A 404 under /api/ (an unknown endpoint, a path the router does not know) is JSON too,
never the site's HTML page.
"""

import re

from django.http import JsonResponse

API_PREFIX = "/api/"
MAX_ID = 2_147_483_647  # the largest primary key the database's integer column holds
MAX_OFFSET = 1_000_000  # far past any listing here; keeps OFFSET small for the database
# Query parameters that carry a number (ids of pages, offsets); other values ("root",
# "abc") are left to the endpoint, which answers them 400 itself.
NUMBER_LIMITS = {
    "offset": MAX_OFFSET,
    "limit": MAX_ID,
    "id": MAX_ID,
    "child_of": MAX_ID,
    "descendant_of": MAX_ID,
    "ancestor_of": MAX_ID,
    "translation_of": MAX_ID,
    "page": MAX_ID,
    "per_page": MAX_ID,
}
_DIGITS = re.compile(r"-?\d+")


def bad_request(message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=400)


def query_problem(path: str, query) -> str | None:
    """Why PATH with QUERY (a QueryDict) cannot reach the database safely; or None."""
    for segment in path.split("/"):
        if segment.isdigit() and int(segment) > MAX_ID:
            return f"id in the path must be at most {MAX_ID}"
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return f"parameter {name.replace(chr(0), '')!r} must not contain a NUL character"
        # Described as and/or on every endpoint (api.filters.check_search_operator); an
        # endpoint whose own filter searches (the registry's) never reads it, so it is
        # refused here for all, every value of a repeated parameter included.
        if name == "search_operator" and any(value not in ("and", "or") for value in values):
            return "search_operator must be and or or"
        limit = NUMBER_LIMITS.get(name)
        for value in values:
            if limit is not None and _DIGITS.fullmatch(value) and int(value) > limit:
                return f"{name} must be at most {limit}"
    return None


class APIGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if problem := query_problem(request.path, request.GET):
            return bad_request(problem)
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code == 404 and not content_type.startswith("application/json"):
            return JsonResponse({"message": "not found"}, status=404)
        return response
