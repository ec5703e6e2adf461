"""The privacy page: what RODO art. 13 and 14 ask to be told, generated from settings.

The controller, the data-protection officer, recipients and retention come from the
"Ochrona danych osobowych" setting; each form's purpose, required data and where its
retention starts come from the form's model (`core.privacy.submission_models`), the
same declarations the clause beside each form reads. Editors add their own text
(e.g. on cookies or on paper correspondence) in the body.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.models import BasePage
from core.privacy import other_processing, submission_models


class PrivacyPolicyPage(BasePage):
    page_cache_lists = ()  # the privacy settings it shows are settings: they bump "all"
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Dodatkowe informacje",
        help_text="Wyświetlane pod częścią tworzoną automatycznie z ustawień ochrony danych.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "Polityka prywatności"
        verbose_name_plural = "Polityki prywatności"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["privacy_forms"] = submission_models()
        context["other_processing"] = other_processing()
        return context
