"""Fields the apps' API payloads share.

Importable while models load (page types declare their `api_fields` in models.py), so
nothing here reaches Wagtail's API views or loads a model at import time.
"""

from wagtail.api.utils import get_full_url

from rest_framework import serializers

from api.visibility import private_collection_ids

# What the OpenAPI document says of a field whose shape its class does not tell.
NULLABLE_URI = {"anyOf": [{"type": "string", "format": "uri"}, {"type": "null"}]}


def private_collections(context) -> set[int]:
    """The private collections (`api.visibility`), looked up once per serializer context
    (one request's payload) however many records ask."""
    if "_private_collection_ids" not in context:
        context["_private_collection_ids"] = private_collection_ids()
    return context["_private_collection_ids"]


class PublicDocumentURLField(serializers.Field):
    """The address of a record's document, or null when the document lies in a private
    collection: the API shows public content only, whoever asks (`api.visibility`).

    The private collections are looked up once per request (kept in the serializer
    context), and only when some record has a document (a missing document is null
    without reaching this field).
    """

    openapi_schema = NULLABLE_URI

    def __init__(self, source: str, **kwargs):
        super().__init__(source=source, read_only=True, **kwargs)

    def to_representation(self, document):
        request = self.context.get("request")
        if request is None:
            return None
        if document.collection_id in private_collections(self.context):
            return None
        return get_full_url(request, document.url)
