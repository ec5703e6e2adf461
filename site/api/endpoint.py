"""A small JSON endpoint the router mounts like its model endpoints (navigation,
breadcrumbs, redirects, preview): one GET view, its query parameters checked, its
operation described for /api/schema/.

A subclass sets `name`, `model` (what Wagtail's router keys it by), `summary`, `tag`,
`parameters` ({name: (description, schema, required)}), `response_schema` and `statuses`
({code: description} beyond 200 and 400), and writes `payload(request, site, params)`,
raising `BadRequest`, `Forbidden` or `NotFound` for the documented refusals (REQUEST
is DRF's).
"""

from django.urls import path

from wagtail.models import Site

from rest_framework.response import Response
from rest_framework.views import APIView

CACHE_BUSTER = ("Dowolna wartość zapobiegająca buforowaniu (pomijana).", {"type": "string"}, False)
ERROR = {"$ref": "#/components/schemas/Error"}


class NoModel:
    """What a SimpleEndpoint serves instead of a model: Wagtail's router asks each endpoint
    whether it serves a model (issubclass), and no model is this."""


class Refusal(Exception):
    status = 400


class BadRequest(Refusal):
    status = 400


class Forbidden(Refusal):
    status = 403


class NotFound(Refusal):
    status = 404


class SimpleEndpoint:
    name = ""
    model = NoModel
    tag = ""
    summary = ""
    parameters: dict = {}
    response_schema: dict = {}
    statuses: dict = {404: "Żaden serwis nie odpowiada nazwie hosta."}
    # Extra response headers (e.g. a preview's Cache-Control: private, no-store).
    headers: dict = {}

    @classmethod
    def payload(cls, request, site, params: dict):
        raise NotImplementedError

    @classmethod
    def respond(cls, request) -> Response:
        allowed = {"_", *cls.parameters}
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            message = "query parameter is not an operation or a recognised field: "
            return Response({"message": message + ", ".join(unknown)}, status=400)
        missing = [n for n, (_d, _s, required) in cls.parameters.items() if required]
        missing = [name for name in missing if not request.GET.get(name)]
        if missing:
            return Response({"message": "missing parameter: " + ", ".join(missing)}, status=400)
        site = Site.find_for_request(request._request)
        if site is None:
            return Response({"message": "no site"}, status=404)
        try:
            params = {name: request.GET[name] for name in request.GET}
            response = Response(cls.payload(request, site, params))
        except Refusal as error:
            response = Response({"message": str(error) or "refused"}, status=error.status)
        for name, value in cls.headers.items():
            response[name] = value
        return response

    @classmethod
    def get_urlpatterns(cls):
        endpoint = cls

        class View(APIView):
            authentication_classes = []
            permission_classes = []

            def get(self, request):
                return endpoint.respond(request)

        return [path("", View.as_view(), name="detail")]

    @classmethod
    def openapi_paths(cls, builder):
        schema_name = cls.tag.replace(" ", "")
        builder.schemas[schema_name] = cls.response_schema
        parameters = {"_": CACHE_BUSTER, **cls.parameters}
        responses = {
            "200": _json("Odpowiedź.", {"$ref": f"#/components/schemas/{schema_name}"}),
            "400": _json("Nieznany albo nieprawidłowy parametr.", ERROR),
        }
        responses.update({str(code): _json(text, ERROR) for code, text in cls.statuses.items()})
        if cls.headers:
            # Headers of its own (a preview's private Cache-Control): api.openapi_http
            # then adds no validators, as api.http gives such an answer none.
            responses["200"]["headers"] = {
                name: {"description": f"Zawsze `{value}`.", "schema": {"const": value}}
                for name, value in cls.headers.items()
            }
        return {
            f"/api/v2/{cls.name}/": {
                "get": {
                    "tags": [cls.tag],
                    "operationId": cls.name.replace("-", "_"),
                    "summary": cls.summary,
                    "parameters": [
                        {
                            "name": name,
                            "in": "query",
                            "required": required,
                            "description": description,
                            "schema": schema,
                        }
                        for name, (description, schema, required) in parameters.items()
                    ],
                    "responses": responses,
                }
            }
        }


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def closed_object(properties: dict, required=None) -> dict:
    """An object schema with exactly PROPERTIES (all required unless REQUIRED says)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties if required is None else required),
        "properties": properties,
    }
