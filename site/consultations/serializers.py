"""How computed values and documents appear inside consultation payloads of the API.

Declared field by field, so the OpenAPI description (api/schema.py) states their shape.
"""

from rest_framework import serializers

from consultations.state import ConsultationState


class DocumentSerializer(serializers.Serializer):
    """A Wagtail document as a link: the same shape as `DocumentLinkBlock` in the API."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    file_extension = serializers.CharField(read_only=True)


def state_field():
    return serializers.ChoiceField(choices=ConsultationState.choices, read_only=True)


def text_field():
    return serializers.CharField(read_only=True)


def boolean_field():
    return serializers.BooleanField(read_only=True)
