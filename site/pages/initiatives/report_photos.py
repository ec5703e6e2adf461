"""The report's photos on the public page. Applicants' uploads are kept under
`MEDIA_ROOT/inicjatywy/zdjecia/`, which no web server publishes (only Wagtail's
`images/` and `original_images/` are, docs/accounts.md): a report under review is never
served. When staff accept the report (status „Zrealizowany”) each photo becomes a Wagtail
image in the public collection of report photos, with its description as the title and
the alt text; the register shows renditions of those images only."""

import os

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection

COLLECTION_NAME = "Inicjatywa lokalna – zdjęcia ze sprawozdań"


def ensure_collection() -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION_NAME)
    return collection


def publish(report) -> int:
    """Give every photo of REPORT without one its public Wagtail image; returns how many.
    Idempotent. Called inside the decision's transaction."""
    Image = get_image_model()
    collection = None
    published = 0
    for photo in report.photos.filter(public_image__isnull=True):
        collection = collection or ensure_collection()
        with photo.image.open("rb") as source:
            content = source.read()
        # Assigned as a file (not saved through the field) so that the image field fills
        # width and height; size and hash as Wagtail's upload form sets them.
        image = Image(
            title=photo.description[:255],
            collection=collection,
            file=ImageFile(ContentFile(content), name=os.path.basename(photo.image.name)),
        )
        image._set_image_file_metadata()
        image.save()
        photo.public_image = image
        photo.save(update_fields=["public_image"])
        published += 1
    return published


def delete_files(photos) -> None:
    """The private files of PHOTOS (a replaced report under review)."""
    for photo in photos:
        photo.image.delete(save=False)
