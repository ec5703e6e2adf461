"""The list of announcements (/ogloszenia/): newest first, by tag, in pages, with a feed."""

from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.listing import Listing, redirect_renamed
from core.models import BasePage
from core.shared_fragments import deferred_values
from pages.consultations.feeds import AnnouncementFeed
from pages.consultations.listing import ANNOUNCEMENT_PARAMS, ANNOUNCEMENT_RENAMED, tag_filter
from pages.consultations.models.announcement import AnnouncementPage

PER_PAGE = 10


class AnnouncementIndexPage(RoutablePageMixin, BasePage):
    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["consultations.AnnouncementPage"]

    class Meta:
        verbose_name = "Lista ogłoszeń"
        verbose_name_plural = "Listy ogłoszeń"

    def announcements(self):
        """Live, public announcements of this list, newest first."""
        return (
            AnnouncementPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("tags")
            .order_by("-date", "-first_published_at", "-pk")
        )

    @path("")
    def index_route(self, request, *args, **kwargs):
        redirect = redirect_renamed(request, ANNOUNCEMENT_RENAMED, ANNOUNCEMENT_PARAMS)
        return redirect or super().index_route(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def results():
            published = AnnouncementPage.objects.child_of(self).live().public()
            tags = list(
                Tag.objects.filter(
                    consultations_announcementpagetag_items__content_object__in=published
                )
                .distinct()
                .order_by("name")
            )
            listing = Listing(request, [tag_filter(tags)])
            tag = next((t for t in tags if t.slug == listing.value("tag")), None)
            announcements = self.announcements()
            if tag:
                announcements = announcements.filter(tags=tag)
            pagination = listing.paginate(announcements, PER_PAGE)
            return {
                "announcements": list(pagination.page.object_list),
                "pagination": pagination,
                "current_tag": tag,
                "filter_groups": listing.groups(),
            }

        context.update(
            # Shown only in the page's shared part (core.shared_fragments): read when it
            # renders, not when it is taken from the cache.
            **deferred_values(
                results, ("announcements", "pagination", "current_tag", "filter_groups")
            ),
            feeds=self.feed_links(request),
        )
        return context

    def feed_links(self, request) -> list[dict]:
        return [
            {
                "type": "application/rss+xml",
                "title": f"Ogłoszenia – {self.title} (RSS)",
                "href": self.get_url(request) + self.reverse_subpage("rss"),
                "label": "Kanał RSS ogłoszeń",
            }
        ]

    @path("rss/", name="rss")
    def rss(self, request):
        return AnnouncementFeed(self)(request)
