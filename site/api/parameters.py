"""The query parameters of the API as /api/schema/ describes them: names, Polish
descriptions and JSON schemas whose limits are the ones the API enforces
(api.middleware for numbers and NUL characters, api.views for what a detail or find URL
takes, Wagtail for the rest). A value the schema allows the API takes; a value it
forbids the API answers 400 (or 404, for a renderer `format` it does not have).
"""

from django.conf import settings

from wagtail.api.rich_text import APIRichText
from wagtail.api.v2.views import PagesAPIViewSet

from api.middleware import MAX_ID, MAX_OFFSET
from api.views import DETAIL_PARAMETERS, FIND_PARAMETERS

STRING = {"type": "string"}
PAGE_ID = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
PAGE_ID_OR_ROOT = {"anyOf": [PAGE_ID, {"const": "root"}]}
DATE = {"type": "string", "format": "date"}


def _rich_text_formats() -> list[str]:
    return sorted(APIRichText._serializers())


# name -> (description, schema); a callable schema is built when the document is.
PARAMETERS = {
    "limit": (
        "Liczba wyników na stronie (domyślnie 20, najwyżej %(limit_max)s).",
        lambda: {"type": "integer", "minimum": 0, "maximum": _limit_max()},
    ),
    "offset": (
        f"Od którego wyniku zacząć (stronicowanie, najwyżej {MAX_OFFSET}).",
        {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
    ),
    "fields": (
        "Pola do zwrócenia, np. `title,summary`, `*` – wszystkie, `-title` – bez pola.",
        STRING,
    ),
    "order": ("Kolejność, np. `title`, `-first_published_at`, `random`.", STRING),
    "search": ("Wyszukiwanie pełnotekstowe.", STRING),
    "search_operator": ("`and` albo `or` dla słów zapytania.", {"enum": ["and", "or"]}),
    "type": (
        "Typ strony `aplikacja.Model`, np. `pages.StandardPage` (także kilka po przecinku).",
        STRING,
    ),
    "child_of": ("Tylko strony bezpośrednio pod stroną o tym id (albo `root`).", PAGE_ID_OR_ROOT),
    "descendant_of": ("Tylko strony w poddrzewie strony o tym id (albo `root`).", PAGE_ID_OR_ROOT),
    "ancestor_of": ("Tylko strony nadrzędne wobec strony o tym id.", PAGE_ID),
    "translation_of": ("Tłumaczenia strony o tym id (albo `root`).", PAGE_ID_OR_ROOT),
    "site": ("Nazwa hosta serwisu (gdy jest ich kilka); nieznany – 404.", STRING),
    "locale": ("Kod języka; nieznany – 404.", STRING),
    "published_after": ("Opublikowane po raz pierwszy tego dnia lub później (RRRR-MM-DD).", DATE),
    "published_before": ("Opublikowane po raz pierwszy najpóźniej tego dnia (RRRR-MM-DD).", DATE),
    "updated_after": ("Ostatnio opublikowane tego dnia lub później (RRRR-MM-DD).", DATE),
    "rich_text_format": ("Format treści sformatowanej.", lambda: {"enum": _rich_text_formats()}),
    "html_path": ("Ścieżka strony w serwisie, np. `/konsultacje/`.", STRING),
    "id": ("Id obiektu.", {"type": "integer", "minimum": 0, "maximum": MAX_ID}),
    "_": ("Dowolna wartość zapobiegająca buforowaniu (pomijana).", STRING),
    "format": ("Format odpowiedzi: tylko `json` (inny – 404).", {"enum": ["json"]}),
}
GENERIC = ("Filtr lub opcja punktu końcowego.", STRING)


def _limit_max() -> int:
    return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)


def _parameter(name: str, description: str, schema) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema() if callable(schema) else schema,
        "description": description % {"limit_max": _limit_max()},
    }


def query_parameters(endpoint, names) -> list[dict]:
    """The OpenAPI parameter objects of NAMES for ENDPOINT (its own descriptions first)."""
    own = getattr(endpoint, "openapi_parameters", {})
    return [
        _parameter(name, *(own.get(name) or PARAMETERS.get(name) or GENERIC))
        for name in sorted(names)
    ]


def listing_names(endpoint) -> set[str]:
    return set(endpoint.known_query_parameters)


def detail_names(endpoint) -> set[str]:
    return set(DETAIL_PARAMETERS & endpoint.known_query_parameters)


def find_names(endpoint) -> set[str]:
    names = (FIND_PARAMETERS & endpoint.known_query_parameters) | endpoint.find_query_parameters
    if issubclass(endpoint, PagesAPIViewSet):
        names |= {"html_path"}
    return set(names)
