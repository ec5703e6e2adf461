"""How CAO values appear in the headless API."""

from rest_framework import serializers


class ChoiceSerializer(serializers.Field):
    """A choice as {"value": "wolontariat", "label": "Wolontariat"}, for machines and people."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices.choices)
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not value:
            return None
        return {"value": value, "label": str(self.labels.get(value, value))}


def page_links(pages) -> list[dict]:
    """Live public pages as small link records for the API (never drafts or private pages)."""
    return [{"id": page.id, "title": page.title, "html_url": page.full_url} for page in pages]
