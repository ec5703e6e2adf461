from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage


class HomePage(BasePage):
    """The portal's front page: what is open now and where to go."""

    # What its sections list (core.page_cache: a change elsewhere keeps it cached); the
    # menu and index pages go stale with "all".
    page_cache_lists = (
        "consultations.consultationpage",
        "consultations.announcementpage",
        "snippets.district",
        "snippets.grantcall",
        "snippets.smallgrantoffer",
        "snippets.ngo",
    )

    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.DepartmentPage",
        "pages.ContactPage",
        "pages.StandardPage",
        "pages.AccessibilityStatementPage",
        "pages.PrivacyPolicyPage",
        "accounts.SectionPage",
        "consultations.ConsultationIndexPage",
        "consultations.AnnouncementIndexPage",
        "cao.AdvisoryServiceIndexPage",
        "cao.GuidanceIndexPage",
        "cao.EventIndexPage",
        "registry.NGODirectoryPage",
        "registry.GrantCallIndexPage",
        "budget.BudgetIndexPage",
        "councils.CouncilIndexPage",
        "councils.OsiedleIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "Strona główna"
