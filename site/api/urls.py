from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

from api.index import index_payload
from api.router import api_router
from api.schema import openapi_document


@require_safe
def openapi_view(request):
    """/api/schema/: the OpenAPI 3.1 description of /api/v2/ as JSON."""
    response = JsonResponse(openapi_document(api_router), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def index_view(request):
    """/api/v2/: links to every endpoint and to the schema."""
    response = JsonResponse(index_payload(api_router), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response


# "v2/" answers here only for the index: the router (mounted at api/v2/ before this
# module) has no empty path of its own.
urlpatterns = [
    path("schema/", openapi_view, name="openapi"),
    path("v2/", index_view, name="api_index"),
]
