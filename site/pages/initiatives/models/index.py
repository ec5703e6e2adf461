"""/inicjatywy-lokalne/: how the local initiative works, the rules of each year (child
pages), and the public register of applications with its feed and open data."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.listing import count_by
from core.models import BasePage
from pages.initiatives import feeds, register
from pages.initiatives.listing import register_listing
from pages.initiatives.models.application import Initiative
from pages.initiatives.models.parts import StatusChange
from pages.initiatives.models.rules import INITIATIVE_CACHE_LISTS, InitiativeRulesPage

PER_PAGE = 20


class InitiativeIndexPage(RoutablePageMixin, BasePage):
    page_cache_lists = INITIATIVE_CACHE_LISTS

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Treść",
        help_text="Czym jest inicjatywa lokalna, kogo pytać.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["initiatives.InitiativeRulesPage"]
    max_count = 1

    class Meta:
        verbose_name = "Inicjatywa lokalna (strona główna)"
        verbose_name_plural = "Inicjatywa lokalna (strony główne)"

    def public_rules(self):
        return InitiativeRulesPage.objects.child_of(self).live().public().order_by("-year")

    def public_initiatives(self):
        return Initiative.objects.public().filter(rules__in=self.public_rules())

    def detail_url(self, initiative) -> str:
        return f"{self.full_url}wnioski/{initiative.pk}/"

    @path("")
    def landing(self, request):
        now = timezone.now()
        years = list(self.public_rules().prefetch_related("windows"))
        for rules in years:
            rules.current_state = rules.get_state(now)
        return self.render(
            request,
            context_overrides={"years": years, "register_url": self.url + "wnioski/"},
        )

    @path("wnioski/", name="register")
    def register_list(self, request):
        listing, initiatives = register_listing(
            request, self.public_rules(), Initiative.objects.public()
        )
        pagination = listing.paginate(initiatives, PER_PAGE)
        return self.render(
            request,
            template="initiatives/register.html",
            context_overrides={
                "listing": listing,
                "filter_groups": listing.groups({"status": count_by(initiatives, "status")}),
                "initiatives": pagination.page,
                "pagination": pagination,
                "index": self,
            },
        )

    @path("wnioski/<int:pk>/", name="initiative")
    def initiative(self, request, pk):
        initiative = get_object_or_404(
            self.public_initiatives().select_related("rules", "area", "district", "ngo"), pk=pk
        )
        return self.render(
            request,
            template="initiatives/initiative_page.html",
            context_overrides={
                "initiative": initiative,
                "score": register.public_score(initiative),
                "report": register.public_report(initiative),
                "photos": register.public_photos(initiative),
                "history": list(initiative.history.all()),
                "index": self,
            },
        )

    @path("wnioski/rss/", name="feed")
    def feed(self, request):
        return feeds.initiative_feed(
            self, StatusChange.objects.filter(initiative__in=self.public_initiatives())
        )(request)

    def _open_data_rows(self):
        return (
            self.public_initiatives()
            .select_related("rules", "area", "district", "ngo")
            .order_by("-rules__year", "pk")
        )

    @path("wnioski/csv/", name="csv")
    def register_csv(self, request):
        return register.csv_response(self._open_data_rows(), self.detail_url)

    @path("wnioski/json/", name="json")
    def register_json(self, request):
        return register.json_response(
            self._open_data_rows(), self.detail_url, source_url=self.full_url + "wnioski/"
        )
