"""Images as renditions in a few named sizes, for a front end (`renditions` on an image's
detail in /api/v2/images/<id>/).

Only images the images endpoint shows get one (public collections: api.views), so no
rendition of a private image is ever made or named by the API. Sizes are
API_IMAGE_RENDITIONS ({name: Wagtail filter spec}); each gives url, full_url, width,
height and alt (the image's description, else its title, as Wagtail's `alt`).
"""

from django.conf import settings

from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.serializers import ImageSerializer

from rest_framework.fields import Field

DEFAULT_SIZES = {
    "thumbnail": "fill-320x240",
    "small": "max-640x640",
    "medium": "max-1280x1280",
    "large": "max-1920x1920",
}


def sizes() -> dict[str, str]:
    return dict(getattr(settings, "API_IMAGE_RENDITIONS", DEFAULT_SIZES))


class ImageRenditionsField(Field):
    """{name: rendition} for every configured size."""

    openapi_schema = {
        "type": "object",
        "additionalProperties": {"$ref": "#/components/schemas/ImageRendition"},
    }

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return {
            name: ImageRenditionField(spec).to_representation(image)
            for name, spec in sizes().items()
        }


class PublicImageSerializer(ImageSerializer):
    renditions = ImageRenditionsField(read_only=True)
