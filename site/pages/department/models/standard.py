from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage


class StandardPage(BasePage):
    """Editable content for everything else: guidance, the accessibility statement, notes."""

    page_cache_lists = ()  # its children are listed; their publish reaches it as ancestor

    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = [
        "pages.HomePage",
        "pages.StandardPage",
        "pages.DepartmentPage",
        "accounts.SectionPage",
    ]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "Strona z treścią"
        verbose_name_plural = "Strony z treścią"
