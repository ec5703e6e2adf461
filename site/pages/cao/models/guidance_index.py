"""The list of guides at /poradniki/, filtered by topic and audience."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.listing import ChoiceFilter, Listing, count_by
from core.models import BasePage
from pages.cao.choices import Audience, Topic, audiences_matching
from pages.cao.models.guidance import GuidancePage

TOPIC_FILTER = ChoiceFilter.of("temat", "Temat", Topic)
AUDIENCE_FILTER = ChoiceFilter.of("dla", "Dla kogo", Audience)


class GuidanceIndexPage(BasePage):
    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść nad listą")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["cao.GuidancePage"]
    per_page = 12

    class Meta:
        verbose_name = "Lista poradników"
        verbose_name_plural = "Listy poradników"

    def guides(self):
        return GuidancePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = Listing(request, [TOPIC_FILTER, AUDIENCE_FILTER])
        guides = self.guides()
        topic = listing.value(TOPIC_FILTER.param)
        audience = listing.value(AUDIENCE_FILTER.param)
        # Each filter's counts take the other filter into account, so no link leads nowhere.
        by_audience = (
            guides.filter(audience__in=audiences_matching(audience)) if audience else guides
        )
        by_topic = guides.filter(topic=topic) if topic else guides
        topic_counts = count_by(by_audience, "topic")
        audience_counts = _audience_counts(by_topic)
        filtered = by_audience.filter(topic=topic) if topic else by_audience
        pagination = listing.paginate(filtered.order_by("title"), self.per_page)
        context.update(
            listing=listing,
            guides=pagination.page,
            pagination=pagination,
            filter_groups=listing.groups(
                {TOPIC_FILTER.param: topic_counts, AUDIENCE_FILTER.param: audience_counts}
            ),
            is_filtered=listing.is_filtered,
        )
        return context


def _audience_counts(queryset) -> dict[str, int]:
    """Per audience, how many items a reader of it sees (its own and those for everyone)."""
    counts = count_by(queryset, "audience")
    everyone = counts.get(Audience.EVERYONE, 0)
    return {
        value: counts.get(value, 0) + (everyone if value != Audience.EVERYONE else 0)
        for value in Audience.values
    }
