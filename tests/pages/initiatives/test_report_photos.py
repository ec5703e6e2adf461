"""The report's photos: kept under a path no web server publishes while the report waits
(only Wagtail's images/ and original_images/ are served, config/urls.py and
docs/accounts.md), published as Wagtail images in a public collection when staff accept
the report, shown by renditions with their descriptions as alt text."""

import io
import re

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from api.visibility import private_collection_ids
from pages.initiatives import assessment, report_photos
from pages.initiatives.choices import Status
from pages.initiatives.models import FinalReport, ReportPhoto
from tests.factories import initiatives

pytestmark = pytest.mark.django_db


def png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


REPORT = {
    "action": "report",
    "what_was_done": "Posadziliśmy 40 krzewów.",
    "work_hours_given": "110",
    "in_kind_given": "500",
    "cash_given": "0",
    "photo_1_description": "Nowe ławki na podwórku",
}


@pytest.fixture
def accepted_with_link(rules):
    initiative = initiatives.initiative(
        rules, status=Status.ACCEPTED, granted_amount=8000, decided_at=timezone.now()
    )
    key = initiative.new_private_key()
    initiative.save()
    return initiative, f"/inicjatywa-lokalna/moj-wniosek/{key}/"


def test_photos_under_review_are_never_published_and_accepted_ones_are(
    client, accepted_with_link, django_capture_on_commit_callbacks
):
    initiative, link = accepted_with_link
    assert client.post(link, {**REPORT, "photo_1": png("lawki.png")}).status_code == 200
    photo = ReportPhoto.objects.get()
    # Not under images/ or original_images/, the only media paths ever served.
    assert photo.image.name.startswith("inicjatywy/zdjecia/")
    assert photo.public_image is None
    assert not get_image_model().objects.exists()
    public_url = f"/inicjatywa-lokalna/wnioski/{initiative.pk}/"
    assert "<img" not in client.get(public_url).text

    with django_capture_on_commit_callbacks(execute=True):
        assessment.decide(initiative, Status.REALISED, "Przyjęte.")
    photo.refresh_from_db()
    image = photo.public_image
    assert image is not None and image.title == "Nowe ławki na podwórku"
    assert image.collection.name == report_photos.COLLECTION_NAME
    assert image.collection_id not in private_collection_ids()
    page = client.get(public_url).text
    src = re.search(r'<img[^>]*alt="Nowe ławki na podwórku"[^>]*>', page).group(0)
    url = re.search(r'src="([^"]+)"', src).group(1)
    assert url.startswith(f"{settings.MEDIA_URL}images/")
    assert photo.image.url not in page  # the private copy is never linked
    # Publishing again adds nothing.
    assert report_photos.publish(initiative.report) == 0


def test_a_resent_report_deletes_the_replaced_photos_file(
    client, accepted_with_link, django_capture_on_commit_callbacks
):
    _initiative, link = accepted_with_link
    client.post(link, {**REPORT, "photo_1": png("pierwsze.png")})
    first = ReportPhoto.objects.get()
    storage, name = first.image.storage, first.image.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {**REPORT, "photo_1": png("drugie.png")})
    assert not storage.exists(name)
    assert ReportPhoto.objects.get().image.name != name


def jpeg_from_a_phone(name, orientation=6):
    """An 8 × 4 JPEG as a phone writes it: GPS position, device serial, a comment and an
    orientation tag saying "turn 90° clockwise to show"."""
    exif = PILImage.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
    exif.get_ifd(0x8825).update({1: "N", 2: (50.0, 19.0, 30.0), 3: "E", 4: (19.0, 11.0, 0.0)})
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 4), "red").save(
        buffer, "JPEG", exif=exif, comment=b"ul. Prywatna 7", quality=95
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_photo_is_stored_and_published_without_the_cameras_place_serial_or_comment(
    client, accepted_with_link, django_capture_on_commit_callbacks
):
    initiative, link = accepted_with_link
    upload = jpeg_from_a_phone("IMG_20260603_141522.JPG")  # the phone's name: when taken
    assert b"SERIAL-123456" in upload.read() and upload.seek(0) == 0
    assert client.post(link, {**REPORT, "photo_1": upload}).status_code == 200
    photo = ReportPhoto.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assessment.decide(initiative, Status.REALISED, "Przyjęte.")
    photo.refresh_from_db()
    for stored in (photo.image, photo.public_image.file):
        with stored.open("rb") as handle:
            content = handle.read()
        assert b"SERIAL-123456" not in content and b"Prywatna" not in content
        with PILImage.open(io.BytesIO(content)) as picture:
            assert picture.format == "JPEG"
            assert not picture.getexif()  # no GPS, serial or orientation left
            assert "comment" not in picture.info
            # Turned as the camera meant: the 8 × 4 picture shows 4 × 8.
            assert picture.size == (4, 8)
        assert "20260603" not in stored.name  # the public original's address neither


def test_a_picture_too_large_or_of_another_format_is_refused_in_polish(
    client, accepted_with_link, monkeypatch
):
    initiative, link = accepted_with_link
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "blue").save(buffer, "GIF")
    gif = SimpleUploadedFile("ruchome.gif", buffer.getvalue(), content_type="image/gif")
    answer = client.post(link, {**REPORT, "photo_1": gif})
    assert "Dodaj zdjęcie w formacie JPG, PNG lub WebP." in answer.text
    monkeypatch.setattr("core.photo_metadata.MAX_PIXELS", 63)  # the 8 × 8 test picture: 64
    answer = client.post(link, {**REPORT, "photo_1": png("duze.png")})
    assert "Zdjęcie ma za dużo pikseli" in answer.text
    assert not FinalReport.objects.filter(initiative=initiative).exists()
    assert not ReportPhoto.objects.exists()


def test_a_cut_off_photo_is_refused_in_polish_and_nothing_is_stored(client, accepted_with_link):
    initiative, link = accepted_with_link
    buffer = io.BytesIO()
    PILImage.effect_noise((256, 256), 60).convert("RGB").save(buffer, "JPEG")
    whole = buffer.getvalue()
    cut = SimpleUploadedFile("IMG_0002.JPG", whole[: len(whole) // 2], content_type="image/jpeg")
    answer = client.post(link, {**REPORT, "photo_1": cut})
    assert answer.status_code == 400
    assert "Plik zdjęcia jest uszkodzony" in answer.text
    assert REPORT["what_was_done"] in answer.text  # what was typed is kept
    assert not FinalReport.objects.filter(initiative=initiative).exists()
    assert not ReportPhoto.objects.exists()
