"""The list of guides at /poradniki/, filtered by topic and audience."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.listing import ChoiceFilter, Listing, count_by
from core.models import BasePage
from core.shared_fragments import deferred_values
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

        # Shown only in the page's shared part (core.shared_fragments): read when it renders,
        # not when it is taken from the cache.
        def listing_values():
            listing = Listing(request, [TOPIC_FILTER, AUDIENCE_FILTER])
            topic = listing.value(TOPIC_FILTER.param)
            audience = listing.value(AUDIENCE_FILTER.param)
            guides = self.guides()
            # One grouped query gives both filters' counts and the number of guides shown
            # (no COUNT of every guide per filter): each filter's counts take the other
            # filter into account, so no link leads nowhere.
            pairs = count_by(guides, "topic", "audience")
            shown_to = audiences_matching(audience) if audience else None
            topic_counts, by_topic = {}, {}
            total = 0
            for (guide_topic, guide_audience), number in pairs.items():
                if shown_to is None or guide_audience in shown_to:
                    topic_counts[guide_topic] = topic_counts.get(guide_topic, 0) + number
                if not topic or guide_topic == topic:
                    by_topic[guide_audience] = by_topic.get(guide_audience, 0) + number
                    if shown_to is None or guide_audience in shown_to:
                        total += number
            if audience:
                guides = guides.filter(audience__in=shown_to)
            if topic:
                guides = guides.filter(topic=topic)
            pagination = listing.paginate(
                guides.order_by("title", "pk"), self.per_page, count=total
            )
            return {
                "listing": listing,
                "guides": pagination.page,
                "pagination": pagination,
                "filter_groups": listing.groups(
                    {
                        TOPIC_FILTER.param: topic_counts,
                        AUDIENCE_FILTER.param: _audience_counts(by_topic),
                    }
                ),
                "is_filtered": listing.is_filtered,
            }

        names = ("listing", "guides", "pagination", "filter_groups", "is_filtered")
        context.update(deferred_values(listing_values, names))
        return context


def _audience_counts(counts: dict[str, int]) -> dict[str, int]:
    """Per audience, how many items a reader of it sees (its own and those for everyone),
    from the number of items of each audience."""
    everyone = counts.get(Audience.EVERYONE, 0)
    return {
        value: counts.get(value, 0) + (everyone if value != Audience.EVERYONE else 0)
        for value in Audience.values
    }
