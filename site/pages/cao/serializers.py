"""How computed CAO values appear in the headless API.

Declared field by field, so the OpenAPI description (api/schema.py) states their shape.
"""

from rest_framework import serializers


class ChoiceSerializer(serializers.Serializer):
    """A choice as {"value": "wolontariat", "label": "Wolontariat"}, for machines and people."""

    value = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices.choices)
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)
        self.fields["value"] = serializers.ChoiceField(choices=choices.choices, read_only=True)

    def to_representation(self, instance):
        if not instance:
            return None
        return {"value": instance, "label": str(self.labels.get(instance, instance))}


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    html_url = serializers.CharField(read_only=True, allow_null=True)


class DateEntrySerializer(serializers.Serializer):
    """A one-off date of a service; times as HH:MM, or null."""

    date = serializers.CharField(read_only=True)
    starts_at = serializers.CharField(read_only=True, allow_null=True)
    ends_at = serializers.CharField(read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)


class RegistrationInfoSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(
        choices=["brak", "otwarte", "zamkniete"],
        read_only=True,
        help_text="brak – bez zapisów, otwarte, zamkniete",
    )
    accepts = serializers.BooleanField(read_only=True, help_text="Czy teraz przyjmuje zapisy.")
    status = serializers.ChoiceField(choices=["none", "open", "closed", "full"], read_only=True)
    message = serializers.CharField(read_only=True)
    places = serializers.IntegerField(read_only=True, allow_null=True)
    places_left = serializers.IntegerField(read_only=True, allow_null=True)
    deadline = serializers.DateTimeField(read_only=True, allow_null=True)


def strings():
    return serializers.ListField(child=serializers.CharField(), read_only=True)


def text():
    return serializers.CharField(read_only=True)


def page_links_field():
    return serializers.ListField(child=PageLinkSerializer(), read_only=True)


def page_links(pages) -> list[dict]:
    """Live public pages as small link records for the API (never drafts or private pages)."""
    return [{"id": page.id, "title": page.title, "html_url": page.full_url} for page in pages]
