"""/api/v2/ itself: an index of what is under it, so a client can start from one address.

Built from the router (every registered endpoint, in the order they were registered) and
the search endpoints mounted beside it, with absolute links on the configured base URL
(WAGTAILAPI_BASE_URL, as Wagtail's own `detail_url`s), never on the request's Host.
"""

from django.conf import settings

API_PREFIX = "/api/v2/"
SCHEMA_PATH = "/api/schema/"
# Mounted beside the router by the search app (search.urls), not registered with it.
EXTRA_ENDPOINTS = {"search": "Wyszukiwanie w całym portalu (?q=)"}


def _absolute(path: str) -> str:
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + path


def index_payload(router) -> dict:
    """{"endpoints": [{"name", "url"}...], "schema": url}: everything /api/v2/ serves."""
    names = [*router._endpoints, *EXTRA_ENDPOINTS]
    return {
        "endpoints": [{"name": name, "url": _absolute(f"{API_PREFIX}{name}/")} for name in names],
        "schema": _absolute(SCHEMA_PATH),
    }


def openapi_paths() -> dict:
    """The index's entry in /api/schema/."""
    link = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "url"],
        "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
    }
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["endpoints", "schema"],
        "properties": {
            "endpoints": {"type": "array", "items": link},
            "schema": {"type": "string", "format": "uri"},
        },
    }
    return {
        API_PREFIX: {
            "get": {
                "tags": ["Index"],
                "operationId": "index",
                "summary": "Spis punktów końcowych API i adres jego opisu (OpenAPI)",
                "responses": {
                    "200": {
                        "description": "Spis punktów końcowych.",
                        "content": {"application/json": {"schema": schema}},
                    }
                },
            }
        }
    }
