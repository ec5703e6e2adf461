"""/api/v2/contact/: the department's contact details from the site settings."""

from django.urls import path

from wagtail.models import Site

from rest_framework.response import Response
from rest_framework.views import APIView

from core.models import SiteContactSettings
from core.text import tel_href

CONTACT_FIELDS = (
    "department_name",
    "institution_name",
    "street_address",
    "postal_code",
    "city",
    "secretariat_phone",
    "correspondence_name",
    "correspondence_street",
    "correspondence_postal_code",
    "correspondence_city",
)


def channel_url(kind: str, value: str, url: str) -> str | None:
    """Where a channel leads: tel: for a phone, mailto: for an e-mail, the page of a
    social channel when editors gave one."""
    if kind == "phone":
        return tel_href(value) or None
    if kind == "email":
        return f"mailto:{value}" if value else None
    return url or None


def contact_payload(settings: SiteContactSettings) -> dict:
    return {
        **{name: getattr(settings, name) for name in CONTACT_FIELDS},
        "address_line": settings.address_line,
        "correspondence_line": settings.correspondence_line,
        "channels": [
            {
                "label": block.value["label"],
                "kind": block.value["kind"],
                "value": block.value["value"],
                "url": channel_url(block.value["kind"], block.value["value"], block.value["url"]),
            }
            for block in settings.channels
        ],
    }


class ContactAPIView(APIView):
    """The current site's contact settings (as shown in the footer)."""

    authentication_classes = []
    permission_classes = []

    def get(self, request):
        unknown = sorted(set(request.GET) - {"_"})
        if unknown:
            message = "query parameter is not an operation or a recognised field: "
            return Response({"message": message + ", ".join(unknown)}, status=400)
        site = Site.find_for_request(request._request)
        if site is None:
            return Response({"message": "no site"}, status=404)
        return Response(contact_payload(SiteContactSettings.for_site(site)))


class ContactEndpoint:
    """Adapter so the router can mount a single view like its model endpoints."""

    model = SiteContactSettings
    name = "contact"

    @classmethod
    def openapi_paths(cls, builder):
        string = {"type": "string"}
        builder.schemas["Contact"] = {
            "type": "object",
            "additionalProperties": False,
            "required": [*CONTACT_FIELDS, "address_line", "correspondence_line", "channels"],
            "properties": {
                **dict.fromkeys(CONTACT_FIELDS, string),
                "address_line": string,
                "correspondence_line": string,
                "channels": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["label", "kind", "value", "url"],
                        "properties": {
                            "label": string,
                            "kind": {"enum": ["phone", "email", "social"]},
                            "value": string,
                            "url": {
                                "anyOf": [{"type": "string", "format": "uri"}, {"type": "null"}]
                            },
                        },
                    },
                },
            },
        }
        return {
            f"/api/v2/{cls.name}/": {
                "get": {
                    "tags": ["Contact"],
                    "operationId": "contact",
                    "summary": "Dane kontaktowe wydziału (z ustawień serwisu)",
                    "parameters": [
                        {
                            "name": "_",
                            "in": "query",
                            "required": False,
                            "description": "Dowolna wartość zapobiegająca buforowaniu (pomijana).",
                            "schema": string,
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Dane kontaktowe.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Contact"}
                                }
                            },
                        },
                        "400": {
                            "description": "Nieznany parametr.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                        "404": {
                            "description": "Żaden serwis nie odpowiada nazwie hosta.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    },
                }
            }
        }

    @classmethod
    def get_urlpatterns(cls):
        return [path("", ContactAPIView.as_view(), name="detail")]
