"""Photos residents upload carry what the camera wrote about them: where (EXIF GPS), when,
with what device (its serial number), and free comments. A photo that may be published is
stored without any of it: its pixels turned as the camera meant (the EXIF orientation
applied), then encoded again with no EXIF, XMP, text chunk or comment, under a neutral
file name. Kept are the colour profile (it says nothing about anyone and keeps the colours
right) and a PNG's transparency (a palette's or a single colour's; an alpha channel stays
by its mode).

Only the web's still formats are taken. A phone's multi-picture JPEG (MPO: the photo and
a preview or depth picture) is a JPEG whose first picture is stored, as a plain JPEG. A
picture larger than MAX_PIXELS is refused before it is decoded (a small file can declare a
huge picture); a file that cannot be decoded to its end (a cut-off upload) is refused too,
since Django's ImageField only reads the header of a JPEG."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from PIL import Image, ImageOps

# Pillow's format of the upload -> the format it is stored in.
STORED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
# The stored format -> the stored file's extension.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # a 40-megapixel camera; Pillow's own bomb limit is 89 million

WRONG_FORMAT = "Dodaj zdjęcie w formacie JPG, PNG lub WebP."
TOO_LARGE = "Zdjęcie ma za dużo pikseli: najwyżej 40 milionów (np. 8000 × 5000)."
DAMAGED = (
    "Plik zdjęcia jest uszkodzony lub niepełny – otwórz go na swoim urządzeniu, zapisz "
    "jeszcze raz i dodaj ponownie."
)
# What Pillow raises for a file it cannot decode: OSError ("image file is truncated",
# "broken data stream"), SyntaxError (a broken PNG chunk), EOFError, ValueError.
DECODING_ERRORS = (OSError, SyntaxError, EOFError, ValueError)


def without_metadata(uploaded) -> ContentFile:
    """UPLOADED (a file Django's ImageField accepted) as a new file of the same format (a
    JPEG for an MPO), with no metadata; ValidationError (Polish) for another format, too
    large a picture or a damaged file."""
    uploaded.seek(0)
    try:
        picture = Image.open(uploaded)
    except Image.UnidentifiedImageError:
        raise ValidationError(WRONG_FORMAT) from None
    except Image.DecompressionBombError:  # over twice Pillow's limit: too large, not foreign
        raise ValidationError(TOO_LARGE) from None
    except DECODING_ERRORS:
        raise ValidationError(DAMAGED) from None
    with picture:
        kind = STORED_AS.get(picture.format)
        if kind is None:
            raise ValidationError(WRONG_FORMAT)
        width, height = picture.size
        if width * height > MAX_PIXELS:
            raise ValidationError(TOO_LARGE)
        try:
            turned = ImageOps.exif_transpose(picture)  # decodes the whole picture
        except DECODING_ERRORS:
            raise ValidationError(DAMAGED) from None
        profile = picture.info.get("icc_profile")
        transparency = picture.info.get("transparency")
    # Encoders copy some of `info` on their own (JPEG's comment, PNG's transparency):
    # start from nothing and pass on only what is kept.
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
        if transparency is not None:
            options["transparency"] = transparency
    output = BytesIO()
    turned.save(output, kind, **options)
    # Not the upload's own name: a phone's (IMG_20260603_141522) says when it was taken, a
    # person's may say who or where, and it becomes the public original's address.
    return ContentFile(output.getvalue(), name=f"zdjecie.{EXTENSIONS[kind]}")
