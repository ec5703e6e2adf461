"""core.photo_metadata with real files made by Pillow: what a phone writes (GPS, serial,
XMP, comment, orientation; a multi-picture JPEG), a transparent PNG in each of its
forms, and a file cut off in the middle, which Django's ImageField lets through."""

import io
import struct
import zlib

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import ExifTags, Image, features
from PIL.PngImagePlugin import PngInfo

from core.photo_metadata import DAMAGED, TOO_LARGE, WRONG_FORMAT, without_metadata

GPS = {1: "N", 2: (50.0, 19.0, 30.0), 3: "E", 4: (19.0, 11.0, 0.0)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<rdf:Description>ul. Prywatna 7</rdf:Description></x:xmpmeta>"
)


def upload(name, image, kind, **options):
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def accepted_by_django(file):
    """What the report form does first: Django's ImageField checks the file."""
    file.seek(0)
    return forms.ImageField().clean(file)


def phone_exif(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.BodySerialNumber] = "SERIAL-123456"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    return exif


def marked(size=(32, 16)):
    """White, with a red 8 × 8 square in the top left corner: shows how it was turned."""
    picture = Image.new("RGB", size, "white")
    picture.paste((255, 0, 0), (0, 0, 8, 8))
    return picture


def is_red(pixel):
    return pixel[0] > 200 and pixel[1] < 80 and pixel[2] < 80


def read(content_file):
    """The stored bytes and the picture they decode to."""
    content_file.seek(0)
    content = content_file.read()
    picture = Image.open(io.BytesIO(content))
    picture.load()
    return content, picture


def test_a_jpeg_loses_its_gps_serial_xmp_and_comment_and_is_turned_as_the_camera_meant():
    file = upload(
        "IMG_20260603_141522.JPG",
        marked(),
        "JPEG",
        exif=phone_exif(),
        xmp=XMP,
        comment=b"ul. Prywatna 7",
    )
    with Image.open(io.BytesIO(file.read())) as original:  # the test file carries it all
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "xmp" in original.info and "comment" in original.info
    cleaned = without_metadata(accepted_by_django(file))
    content, picture = read(cleaned)
    for secret in (b"SERIAL-123456", b"Prywatna", b"xmpmeta"):
        assert secret not in content
    assert cleaned.name == "zdjecie.jpg" and picture.format == "JPEG"
    assert not picture.getexif()  # no GPS, serial or orientation left
    assert not {"exif", "xmp", "comment"} & set(picture.info)
    # Orientation 6: shown turned 90° clockwise, so the 32 × 16 picture is 16 × 32 and
    # the red corner moved from the top left to the top right.
    assert picture.size == (16, 32)
    assert is_red(picture.getpixel((12, 3))) and not is_red(picture.getpixel((3, 3)))


def test_a_cut_off_jpeg_passes_djangos_check_and_is_refused_as_damaged():
    noise = Image.effect_noise((256, 256), 60).convert("RGB")
    whole = upload("IMG_0002.JPG", noise, "JPEG", exif=phone_exif()).read()
    file = SimpleUploadedFile("IMG_0002.JPG", whole[: len(whole) // 2])
    checked = accepted_by_django(file)  # the header is whole: ImageField takes it
    with pytest.raises(ValidationError) as refused:
        without_metadata(checked)
    assert refused.value.messages == [DAMAGED]
    assert DAMAGED.startswith("Plik zdjęcia jest uszkodzony")


def test_a_phones_multi_picture_jpeg_is_taken_and_stored_as_a_plain_jpeg():
    preview = Image.new("RGB", (32, 16), "blue")
    file = upload(
        "IMG_0003.JPG",
        marked(),
        "MPO",
        save_all=True,
        append_images=[preview],
        exif=phone_exif(orientation=1),
    )
    with Image.open(io.BytesIO(file.read())) as original:
        assert original.format == "MPO" and original.n_frames == 2
    cleaned = without_metadata(accepted_by_django(file))
    content, picture = read(cleaned)
    assert b"SERIAL-123456" not in content
    assert cleaned.name == "zdjecie.jpg"
    assert picture.format == "JPEG" and getattr(picture, "n_frames", 1) == 1
    assert "mp" not in picture.info and not picture.getexif()
    # The first picture (the photo), not the preview.
    assert picture.size == (32, 16) and is_red(picture.getpixel((3, 3)))


def transparent_pngs():
    """A transparent pixel at (0, 0) and an opaque red one at (1, 0), each way PNG has."""
    rgba = Image.new("RGBA", (2, 1), (255, 0, 0, 255))
    rgba.putpixel((0, 0), (0, 0, 0, 0))
    la = Image.new("LA", (2, 1), (200, 255))
    la.putpixel((0, 0), (0, 0))
    palette = Image.new("P", (2, 1), 1)
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.putpixel((0, 0), 0)
    rgb = Image.new("RGB", (2, 1), (255, 0, 0))
    rgb.putpixel((0, 0), (0, 255, 0))
    return {
        "RGBA": (rgba, {}),
        "LA": (la, {}),
        "P, one index": (palette, {"transparency": 0}),
        "P, alpha per index": (palette, {"transparency": b"\x00\xff"}),
        "RGB, one colour": (rgb, {"transparency": (0, 255, 0)}),
    }


@pytest.mark.parametrize("form", list(transparent_pngs()))
def test_a_pngs_transparency_is_kept(form):
    image, options = transparent_pngs()[form]
    pnginfo = PngInfo()
    pnginfo.add_text("Comment", "ul. Prywatna 7")
    file = upload("plan.png", image, "PNG", exif=phone_exif(1), pnginfo=pnginfo, **options)
    cleaned = without_metadata(accepted_by_django(file))
    content, picture = read(cleaned)
    assert b"Prywatna" not in content and b"SERIAL" not in content
    assert cleaned.name == "zdjecie.png" and picture.format == "PNG"
    assert picture.mode == image.mode
    rgba = picture.convert("RGBA")
    assert rgba.getpixel((0, 0))[3] == 0  # still see-through
    assert rgba.getpixel((1, 0))[3] == 255
    assert not picture.getexif() and "Comment" not in picture.info


@pytest.mark.skipif(not features.check("webp"), reason="Pillow built without WebP")
def test_a_webp_keeps_its_alpha_and_loses_its_exif_and_xmp():
    image = Image.new("RGBA", (8, 8), (255, 0, 0, 255))
    image.putpixel((0, 0), (0, 0, 0, 0))
    file = upload("plan.webp", image, "WEBP", lossless=True, exif=phone_exif(1), xmp=XMP)
    cleaned = without_metadata(accepted_by_django(file))
    content, picture = read(cleaned)
    assert b"SERIAL-123456" not in content and b"xmpmeta" not in content
    assert picture.format == "WEBP" and picture.mode == "RGBA"
    assert picture.getpixel((0, 0))[3] == 0 and picture.getpixel((4, 4))[3] == 255


def test_a_gif_is_refused_in_polish():
    file = upload("ruchome.gif", Image.new("RGB", (8, 8), "blue"), "GIF")
    with pytest.raises(ValidationError) as refused:
        without_metadata(accepted_by_django(file))
    assert refused.value.messages == [WRONG_FORMAT]


def png_declaring(width, height):
    """A tiny PNG whose header declares WIDTH × HEIGHT (a decompression bomb's header)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_a_picture_over_pillows_bomb_limit_is_refused_as_too_large_not_as_a_format():
    """Pillow refuses to open it at all (DecompressionBombError): the answer is still the
    one about pixels, not 'add a JPG, PNG or WebP' for what is a PNG."""
    file = SimpleUploadedFile("plan.png", png_declaring(20_000, 20_000))
    with pytest.raises(ValidationError) as refused:
        without_metadata(file)
    assert refused.value.messages == [TOO_LARGE]
