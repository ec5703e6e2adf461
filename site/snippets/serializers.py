"""How the registries appear inside page payloads of the API."""

from rest_framework import serializers

from snippets.models import District, Person, PublicBenefitArea


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "position", "phone", "email"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name", "slug"]


class AreaSerializer(serializers.ModelSerializer):
    """An area of public benefit (a point of art. 4 ust. 1) inside a record."""

    class Meta:
        model = PublicBenefitArea
        fields = ["number", "name", "short_name"]


class NGOReferenceSerializer(serializers.Serializer):
    """An organisation named inside another record (an award, an offer)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
