"""Image renditions in named sizes on an image's detail; never for a private image."""

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from accounts.sections import ensure_sections
from api.renditions import DEFAULT_SIZES

pytestmark = pytest.mark.django_db


@pytest.fixture
def images(home_page):
    intranet, _extranet = ensure_sections(home_page)
    Image = get_image_model()
    public = Image.objects.create(
        title="Plac zabaw", description="Nowy plac zabaw", file=get_test_image_file()
    )
    private = Image.objects.create(
        title="Prywatne", file=get_test_image_file(), collection=intranet.documents_collection
    )
    return public, private


def test_a_public_image_has_every_named_size_with_alt_text(client, images):
    public, _private = images
    data = client.get(f"/api/v2/images/{public.pk}/").json()
    renditions = data["meta"]["renditions"]
    assert set(renditions) == set(DEFAULT_SIZES)
    thumbnail = renditions["thumbnail"]
    assert (thumbnail["width"], thumbnail["height"]) == (320, 240)
    assert thumbnail["alt"] == "Nowy plac zabaw"
    assert thumbnail["url"].startswith("/media/images/")
    assert all(r["width"] <= 640 for r in renditions.values())  # never upscaled


def test_sizes_come_from_the_setting(client, images, settings):
    settings.API_IMAGE_RENDITIONS = {"kwadrat": "fill-100x100"}
    public, _private = images
    renditions = client.get(f"/api/v2/images/{public.pk}/").json()["meta"]["renditions"]
    assert list(renditions) == ["kwadrat"]
    assert renditions["kwadrat"]["width"] == 100


def test_no_rendition_of_a_private_image_is_made_or_named(client, images):
    public, private = images
    assert client.get(f"/api/v2/images/{private.pk}/").status_code == 404
    listing = client.get("/api/v2/images/?limit=100")
    assert [item["id"] for item in listing.json()["items"]] == [public.pk]
    # Renditions are on the detail only: a listing cannot ask for them for every image.
    assert client.get("/api/v2/images/?fields=renditions").status_code == 400
    assert not private.renditions.exists()
    assert private.file.name.split("/")[-1].split(".")[0] not in listing.content.decode()
