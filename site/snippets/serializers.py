"""How the registries appear inside page payloads of the API."""

from rest_framework import serializers

from snippets.models import District, Person


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "position", "phone", "email"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name", "slug"]
