"""What /api/schema/ says of /api/v2/search/ and /api/v2/search/suggest/ (search.api).

Kept beside the views it describes; api.schema adds these paths to the document. The
enums are read from the registered kinds and states when the document is built, so a
source that registers a new kind appears here by itself.
"""

from search import service
from search.api import SEARCH_PARAMETERS, SUGGEST_PARAMETERS
from search.kinds import _STATES, all_kinds

STRING = {"type": "string"}
NULLABLE_STRING = {"anyOf": [STRING, {"type": "null"}]}
URL = {"type": "string", "format": "uri"}
DATE_TIME = {"type": "string", "format": "date-time"}
ERROR = {"$ref": "#/components/schemas/Error"}


def _object(properties: dict) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _parameter(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def search_parameters() -> dict[str, tuple[str, dict]]:
    kinds = [kind.name for kind in all_kinds()]
    # Empty means "any", as in the HTML form: the API takes `type=` and `state=`.
    return {
        "q": ("Zapytanie (po polsku, odmiana i brak znaków diakrytycznych bez znaczenia).", STRING),
        "type": ("Rodzaj wyniku; pusty – wszystkie.", {"enum": ["", *kinds]}),
        "state": ("Stan (np. konsultacji, naboru); pusty – każdy.", {"enum": ["", *_STATES]}),
        "page": (
            f"Numer strony wyników (od 1); pusty – 1. Czytać można {service.MAX_RESULTS} "
            "pierwszych wyników: strona zaczynająca się dalej to odpowiedź 400.",
            {
                "anyOf": [
                    {"type": "integer", "minimum": 1, "maximum": service.last_page(1)},
                    {"const": ""},
                ]
            },
        ),
        "per_page": (
            f"Wyników na stronie (1–{service.MAX_PER_PAGE}, domyślnie {service.PER_PAGE}); "
            "pusty – 1.",
            {
                "anyOf": [
                    {"type": "integer", "minimum": 1, "maximum": service.MAX_PER_PAGE},
                    {"const": ""},
                ]
            },
        ),
        "_": ("Dowolna wartość zapobiegająca buforowaniu (pomijana).", STRING),
    }


def openapi_paths(schemas: dict) -> dict:
    """The two paths; their response schemas are added to SCHEMAS (components)."""
    parameters = search_parameters()
    if set(parameters) != SEARCH_PARAMETERS or not set(parameters) >= SUGGEST_PARAMETERS:
        raise RuntimeError("search.openapi describes other parameters than search.api takes")
    kind_enum = {"enum": [kind.name for kind in all_kinds()]}
    schemas["SearchResults"] = _object(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 0},
            "partial": {"type": "boolean"},
            "suggestion": STRING,
            "results": {
                "type": "array",
                "items": _object(
                    {
                        "type": STRING,
                        "type_label": STRING,
                        "title": STRING,
                        "url": URL,
                        "excerpt": STRING,
                        "score": {"type": "number"},
                        "date": {
                            "anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]
                        },
                        "state": NULLABLE_STRING,
                    }
                ),
            },
            "facets": _object(
                {
                    "type": {
                        "type": "array",
                        "items": _object(
                            {"value": kind_enum, "label": STRING, "count": {"type": "integer"}}
                        ),
                    },
                    "state": {
                        "type": "array",
                        "items": _object(
                            {
                                "value": STRING,
                                "label": STRING,
                                "count": {"type": "integer"},
                                "type": STRING,
                            }
                        ),
                    },
                }
            ),
            "promoted": {
                "type": "array",
                "items": _object({"title": STRING, "url": URL, "description": STRING}),
            },
        }
    )
    schemas["SearchSuggestions"] = _object(
        {
            "results": {
                "type": "array",
                "items": _object(
                    {"type": STRING, "type_label": STRING, "title": STRING, "url": URL}
                ),
            }
        }
    )
    bad_request = _json("Nieprawidłowy albo nieznany parametr.", ERROR)
    too_many = _json("Zbyt wiele zapytań z tego adresu; spróbuj za chwilę.", ERROR)
    return {
        "/api/v2/search/": {
            "get": {
                "tags": ["Search"],
                "operationId": "search",
                "summary": "Wyszukiwanie w całym serwisie (JSON wyszukiwarki /szukaj/)",
                "parameters": [_parameter(name, *parameters[name]) for name in parameters],
                "responses": {
                    "200": _json(
                        "Wyniki z fasetami.", {"$ref": "#/components/schemas/SearchResults"}
                    ),
                    "400": bad_request,
                    "429": too_many,
                },
            }
        },
        "/api/v2/search/suggest/": {
            "get": {
                "tags": ["Search"],
                "operationId": "search_suggest",
                "summary": "Podpowiedzi tytułów podczas pisania",
                "parameters": [
                    _parameter(name, *parameters[name]) for name in sorted(SUGGEST_PARAMETERS)
                ],
                "responses": {
                    "200": _json(
                        "Do kilku tytułów.", {"$ref": "#/components/schemas/SearchSuggestions"}
                    ),
                    "400": bad_request,
                    "429": too_many,
                },
            }
        },
    }
