"""The list of announcements (/ogloszenia/): newest first, by tag, in pages, with a feed."""

from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from consultations.feeds import AnnouncementFeed
from consultations.listing import FilterGroup, clean_slug, paginate
from consultations.models.announcement import AnnouncementPage
from core.blocks import BodyBlock
from core.models import BasePage

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        announcements = self.announcements()
        published = AnnouncementPage.objects.child_of(self).live().public()
        tags = list(
            Tag.objects.filter(
                consultations_announcementpagetag_items__content_object__in=published
            )
            .distinct()
            .order_by("name")
        )
        tag_slug = clean_slug(request.GET.get("tag"))
        tag = next((t for t in tags if t.slug == tag_slug), None)
        if tag:
            announcements = announcements.filter(tags=tag)
        pagination = paginate(request, announcements, PER_PAGE)
        context.update(
            announcements=list(pagination.page.object_list),
            pagination=pagination,
            current_tag=tag,
            filter_groups=[
                FilterGroup.build(
                    request.GET, "tag", "Temat", [(t.slug, t.name) for t in tags], tag and tag.slug
                )
            ],
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
