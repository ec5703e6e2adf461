"""Photos residents upload carry what the camera wrote about them: where (EXIF GPS), when,
with what device (its serial number), and free comments. A photo that may be published is
stored without any of it: its pixels turned as the camera meant (the EXIF orientation
applied), then encoded again with no EXIF, XMP or comment. The colour profile stays (it
says nothing about anyone and keeps the colours right).

Only the web's still formats are taken; a picture larger than MAX_PIXELS is refused
before it is decoded (a small file can declare a huge picture)."""

import os
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from PIL import Image, ImageOps

# Pillow's format -> the extension the stored file gets.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # a 40-megapixel camera; Pillow's own bomb limit is 89 million


def without_metadata(uploaded) -> ContentFile:
    """UPLOADED (a file Django's ImageField accepted) as a new file of the same format,
    with no metadata; ValidationError (Polish) for another format or too large a picture."""
    uploaded.seek(0)
    with Image.open(uploaded) as picture:
        if picture.format not in FORMATS:
            raise ValidationError("Dodaj zdjęcie w formacie JPG, PNG lub WebP.")
        width, height = picture.size
        if width * height > MAX_PIXELS:
            raise ValidationError(
                "Zdjęcie ma za dużo pikseli: najwyżej 40 milionów (np. 8000 × 5000)."
            )
        kind = picture.format
        profile = picture.info.get("icc_profile")
        turned = ImageOps.exif_transpose(picture)
    # Encoders copy some of `info` on their own (JPEG's comment): start from nothing.
    turned.info = {}
    options = {"icc_profile": profile} if profile else {}
    if kind == "JPEG":
        if turned.mode not in ("RGB", "L", "CMYK"):
            turned = turned.convert("RGB")
        options.update(quality=90, optimize=True)
    elif kind == "WEBP":
        options.update(quality=90)
    else:
        options.update(optimize=True)
    output = BytesIO()
    turned.save(output, kind, **options)
    stem = os.path.splitext(os.path.basename(uploaded.name or "zdjecie"))[0] or "zdjecie"
    return ContentFile(output.getvalue(), name=f"{stem}.{FORMATS[kind]}")
