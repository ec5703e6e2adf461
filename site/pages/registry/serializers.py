"""How registry records appear inside the API's payloads."""

from django.utils import timezone

from rest_framework import serializers

from api.fields import NULLABLE_URI
from pages.registry.links import directory_url, grant_calls_url
from snippets.models import GrantAward
from snippets.serializers import NGOReferenceSerializer


class AwardSerializer(serializers.ModelSerializer):
    ngo = NGOReferenceSerializer()

    class Meta:
        model = GrantAward
        fields = ["ngo", "task_title", "amount"]


NGO_INDEX, CALL_INDEX = "organizacje", "konkursy"


def slug_path(record) -> str:
    return f"{record.slug}/"


class PublicPageURLField(serializers.Field):
    """The record's page on the public site, e.g. https://…/organizacje/<slug>/.

    PATH gives the record's address under the index page (by default its slug). The
    index page's address is looked up once per request (kept in the serializer
    context), so a listing costs one query for it, not one per record.
    """

    openapi_schema = NULLABLE_URI

    def __init__(self, index: str, path=slug_path, **kwargs):
        self.index = index
        self.path = path
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        if request is None:
            return None
        cache = self.context.setdefault("_registry_index_urls", {})
        if self.index not in cache:
            find = directory_url if self.index == NGO_INDEX else grant_calls_url
            cache[self.index] = find(request)
        base = cache[self.index]
        if base is None:
            return None
        return request.build_absolute_uri(f"{base}{self.path(value)}")


class CommentsOpenField(serializers.BooleanField):
    """Whether anyone may comment on a small-grant offer at the request's moment
    (`now` in the serializer context, so that every record and the filter agree)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, offer):
        return offer.comments_open_at(self.context.get("now") or timezone.now())
