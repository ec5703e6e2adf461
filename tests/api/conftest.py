from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

import pytest

from accounts.sections import ensure_sections
from pages.department.seed import load_seed


@pytest.fixture
def seeded_site(home_page):
    """The department from the seed, the restricted areas, a public document and image."""
    load_seed()
    ensure_sections(home_page)
    document = get_document_model()(title="Regulamin", collection=Collection.get_first_root_node())
    document.file.save("regulamin.txt", ContentFile(b"regulamin"), save=False)
    document.save()
    get_image_model().objects.create(title="Logo", file=get_test_image_file())
    return home_page
