"""What /api/schema/ says of the API's HTTP semantics (api.http): every GET answer's
validators and caching headers, the conditional request headers it takes, and its 304.

Added to every GET operation whose 200 does not describe headers of its own (a preview
declares `Cache-Control: private, no-store` and gets no validators, as api.http gives
none to private answers).
"""

IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "ETag(i) z wcześniejszej odpowiedzi: gdy treść się nie zmieniła, "
    "odpowiedź 304 bez treści.",
    "schema": {"type": "string"},
}
IF_MODIFIED_SINCE = {
    "name": "If-Modified-Since",
    "in": "header",
    "required": False,
    "description": "Data (HTTP-date) z `Last-Modified`; brana pod uwagę tylko bez "
    "`If-None-Match`: 304, gdy od tej chwili adres podaje tę samą treść.",
    "schema": {"type": "string"},
}
HEADERS = {
    "ETag": {
        "description": "Silny walidator: skrót treści, taki sam dla każdego pytającego.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "Od kiedy ten adres podaje tę treść (bez pamięci podręcznej pomijany).",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "`public, max-age=…, s-maxage=…, must-revalidate`, nigdy dłużej niż "
        "do najbliższej zmiany treści wynikającej z zegara.",
        "schema": {"type": "string"},
    },
}
NOT_MODIFIED = {
    "description": "Nie zmieniono: treść jak w odpowiedzi o podanym ETag (bez treści).",
    "headers": {
        "ETag": {"$ref": "#/components/headers/ETag"},
        "Cache-Control": {"$ref": "#/components/headers/Cache-Control"},
    },
}


def describe(paths: dict, components: dict) -> None:
    """Add the conditional headers, the validators and the 304 to every public GET."""
    components["headers"] = HEADERS
    components["responses"] = {"NotModified": NOT_MODIFIED}
    for operations in paths.values():
        operation = operations.get("get")
        if operation is None:
            continue
        ok = operation.get("responses", {}).get("200")
        if ok is None or "headers" in ok:
            continue
        # Inline, not $ref: a parameter is read by its name everywhere else.
        operation.setdefault("parameters", []).extend(
            [dict(IF_NONE_MATCH), dict(IF_MODIFIED_SINCE)]
        )
        ok["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in HEADERS}
        operation["responses"]["304"] = {"$ref": "#/components/responses/NotModified"}
