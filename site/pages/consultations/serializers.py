"""How computed values and documents appear inside consultation payloads of the API.

Declared field by field, so the OpenAPI description (api/schema.py) states their shape.
"""

from rest_framework import serializers

from pages.consultations.state import CONSULTATION


class DocumentSerializer(serializers.Serializer):
    """A Wagtail document as a link: the same shape as `DocumentLinkBlock` in the API."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    file_extension = serializers.CharField(read_only=True)


def text_field():
    return serializers.CharField(read_only=True)


def boolean_field():
    return serializers.BooleanField(read_only=True)


class RichTextSerializer(serializers.CharField):
    """Rich text in the format the request asks for (`?rich_text_format=`), as Wagtail's own
    RichTextFieldSerializer does; that one cannot be imported while models load."""

    def to_representation(self, value):
        from wagtail.api.rich_text import APIRichText

        rich_text_format = self.context.get("_wagtail_rich_text_format")
        if rich_text_format is None:
            request = self.context.get("request")
            raw = request.GET.get("rich_text_format") if request else None
            rich_text_format = APIRichText.resolve_format(raw)
        return APIRichText.serialize(super().to_representation(value), format=rich_text_format)


class ReportSerializer(serializers.Serializer):
    """The outcome of a consultation, or null until it is concluded: a report prepared in
    advance (dated in the future) stays unpublished in the API as on the page."""

    date = serializers.DateField(source="report_date", read_only=True)
    summary = RichTextSerializer(source="report_summary", read_only=True)
    document = DocumentSerializer(source="report_document", allow_null=True, read_only=True)
    comments_usage = RichTextSerializer(read_only=True)
    figures = serializers.JSONField(source="report_statistics", read_only=True)
    table = serializers.SerializerMethodField()

    def get_table(self, page) -> list[dict]:
        """The table of comments: who (an organisation or "Osoba prywatna"), what, the
        city's position (its value and label) and the reason."""
        return [
            {**dict(row.value), "position_label": row.value.position_label()}
            for row in page.report_table
        ]

    def to_representation(self, page):
        if page.get_state() != CONSULTATION.CONCLUDED:
            return None
        return super().to_representation(page)


def report_field():
    return ReportSerializer(source="*", allow_null=True, read_only=True)
