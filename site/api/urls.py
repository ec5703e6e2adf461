from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

from api.router import api_router
from api.schema import openapi_document


@require_safe
def openapi_view(request):
    """/api/schema/: the OpenAPI 3.1 description of /api/v2/ as JSON."""
    response = JsonResponse(openapi_document(api_router), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response


urlpatterns = [path("schema/", openapi_view, name="openapi")]
