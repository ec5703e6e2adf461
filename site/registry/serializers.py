"""How registry records appear inside the API's payloads."""

from rest_framework import serializers

from registry.links import directory_url, grant_calls_url
from snippets.models import GrantAward, PublicBenefitArea


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicBenefitArea
        fields = ["number", "name", "short_name"]


class AwardedNGOSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class AwardSerializer(serializers.ModelSerializer):
    ngo = AwardedNGOSerializer()

    class Meta:
        model = GrantAward
        fields = ["ngo", "task_title", "amount"]


NGO_INDEX, CALL_INDEX = "organizacje", "konkursy"


class PublicPageURLField(serializers.Field):
    """The record's page on the public site, e.g. https://…/organizacje/<slug>/.

    The index page's address is looked up once per request (kept in the serializer
    context), so a listing costs one query for it, not one per record.
    """

    def __init__(self, index: str, **kwargs):
        self.index = index
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
        return request.build_absolute_uri(f"{base}{value.slug}/")
