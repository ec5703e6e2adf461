"""Rich text in the API (`rich_text_format=html` and `markdown`) carries absolute
addresses on the site's root URL: a front end on another origin can follow a page link,
download a linked document and show an embedded image; `db_html` stays as stored."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Site

import pytest

from api.rich_text import absolute_html, absolute_markdown
from pages.department.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_links(home_page):
    target = home_page.add_child(instance=StandardPage(title="Cel", slug="cel"))
    document = get_document_model()(title="Plan", collection=Collection.get_first_root_node())
    document.file.save("plan.txt", ContentFile(b"plan"), save=False)
    document.save()
    image = get_image_model().objects.create(title="Mapa", file=get_test_image_file())
    paragraph = (
        f'<p><a linktype="page" id="{target.pk}">cel</a> '
        f'<a linktype="document" id="{document.pk}">plan</a> '
        '<a href="https://example.org/x">zewnętrzny</a> '
        '<a href="mailto:ngo@example.org">poczta</a></p>'
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Mapa dzielnic"/>'
    )
    page = home_page.add_child(
        instance=StandardPage(title="Z linkami", slug="z-linkami", body=[("paragraph", paragraph)])
    )
    page.save_revision().publish()
    return page, target, document


def _paragraph(client, page, rich_text_format):
    answer = client.get(f"/api/v2/pages/{page.pk}/", {"rich_text_format": rich_text_format})
    assert answer.status_code == 200
    return answer.json()["body"][0]["value"]


def test_html_links_documents_and_images_are_absolute_on_the_site_root(client, page_with_links):
    page, _target, document = page_with_links
    root = Site.objects.get(is_default_site=True).root_url
    html = _paragraph(client, page, "html")
    assert f'href="{root}/cel/"' in html
    assert f'href="{root}{document.url}"' in html
    assert f'src="{root}/media/' in html or f'src="{root}/' in html
    assert 'href="/' not in html and 'src="/' not in html
    assert 'href="https://example.org/x"' in html  # absolute ones untouched
    assert 'href="mailto:ngo@example.org"' in html


def test_markdown_targets_are_absolute_and_db_html_is_as_stored(client, page_with_links):
    page, target, _document = page_with_links
    root = Site.objects.get(is_default_site=True).root_url
    markdown = _paragraph(client, page, "markdown")
    assert f"]({root}/cel/)" in markdown
    assert "](/" not in markdown
    stored = _paragraph(client, page, "db_html")
    assert f'linktype="page" id="{target.pk}"' in stored


def test_the_root_is_the_site_the_request_is_for(client, page_with_links):
    page, _target, _document = page_with_links
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "ngo.example.pl", 443
    site.save()
    html = _paragraph(client, page, "html")
    assert 'href="https://ngo.example.pl/cel/"' in html


def test_the_rewriting_leaves_protocol_relative_and_text_alone(settings):
    settings.WAGTAILAPI_BASE_URL = "https://api.example.pl/"
    assert absolute_html('<a href="//cdn.example.org/x">a/b</a>') == (
        '<a href="//cdn.example.org/x">a/b</a>'
    )
    assert absolute_html("<p>ścieżka /x/ w tekście</p>") == "<p>ścieżka /x/ w tekście</p>"
    assert (
        absolute_html("<img src='/media/a.png'>")
        == "<img src='https://api.example.pl/media/a.png'>"
    )
    assert absolute_markdown("[a](/x/) i ![b](/m.png)") == (
        "[a](https://api.example.pl/x/) i ![b](https://api.example.pl/m.png)"
    )


def test_outside_an_api_request_wagtails_output_is_unchanged(page_with_links, settings):
    """The wrapping is scoped to /api/ requests: any other caller of APIRichText (and the
    public site, which renders rich text without it) keeps Wagtail's own addresses."""
    from wagtail.api.rich_text import APIRichText

    settings.WAGTAILAPI_BASE_URL = "https://api.example.pl"
    page, _target, _document = page_with_links
    source = page.body[0].value.source
    html = APIRichText.serialize(source, format="html")
    assert 'href="/cel/"' in html and "api.example.pl" not in html
    assert "](/cel/)" in APIRichText.serialize(source, format="markdown")
