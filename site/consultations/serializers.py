"""How documents appear inside consultation and announcement payloads of the API."""

from rest_framework import serializers


class DocumentSerializer(serializers.Serializer):
    """A Wagtail document as a link: the same shape as `DocumentLinkBlock` in the API."""

    def to_representation(self, document):
        return {
            "id": document.id,
            "title": document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }
