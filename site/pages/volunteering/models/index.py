"""/wolontariat/: the open volunteering offers and each offer's page with the answer form
(core.public_forms).

An expired offer leaves the list, the sitemap and the site search, but its page stays
reachable (links in e-mails and on other sites keep working), says "oferta wygasła" and
asks search engines not to index it.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core import deadlines, record_routes
from core.blocks import BodyBlock
from core.listing import ChoiceFilter, Listing
from core.models import BasePage
from core.page_cache import depends_on
from pages.volunteering import statistics
from pages.volunteering.feeds import offers_calendar
from pages.volunteering.models.offer import ADULT_AGE, VolunteerOffer
from pages.volunteering.state import OFFER
from snippets.models import District, PublicBenefitArea

YES_NO = [("tak", "tak"), ("nie", "nie")]
# The parameters of the list, in the order its links write them (core.listing).
VOLUNTEERING_PARAMS = ("obszar", "dzielnica", "kiedy", "dla", "tryb", "strona")
# `kiedy`: the periods an offer may fall in, counted in Warsaw days from today.
WHEN_CHOICES = [
    ("ten-tydzien", "w tym tygodniu"),
    ("ten-miesiac", "w tym miesiącu"),
    ("nastepny-miesiac", "w przyszłym miesiącu"),
]


def period(choice: str, today: date) -> tuple[date, date]:
    """The first and last day of the `kiedy` CHOICE around TODAY (from today on)."""
    if choice == "ten-tydzien":
        return today, today + timedelta(days=6 - today.weekday())
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    if choice == "ten-miesiac":
        return today, next_month - timedelta(days=1)
    after = (next_month + timedelta(days=32)).replace(day=1)
    return next_month, after - timedelta(days=1)


def in_period(first: date, last: date) -> Q:
    """Offers that take volunteers on some day from FIRST to LAST: dated ones whose days
    meet the period (an offer with a start and a schedule but no end runs on from its
    start; one with a start alone is that one day), and undated ones (a schedule alone,
    "w każdą sobotę"), which run all the time."""
    runs_on = Q(ends_on__gte=first) | Q(ends_on__isnull=True) & (
        ~Q(schedule="") | Q(starts_on__gte=first)
    )
    return Q(starts_on__isnull=True) | Q(starts_on__lte=last) & runs_on


class VolunteeringIndexPage(RoutablePageMixin, BasePage):
    """Volunteering offers of the city's organisations; each offer takes answers."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Treść pod listą",
        help_text="Np. jak wygląda wolontariat, porozumienie, ubezpieczenie, kontakt z CAO.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    per_page = 15

    class Meta:
        verbose_name = "Wolontariat – oferty"
        verbose_name_plural = "Wolontariat – oferty"

    def offered_filters(self) -> list[ChoiceFilter]:
        return [
            ChoiceFilter.of(
                "obszar",
                "Obszar pożytku publicznego",
                [(area.number, area.label) for area in PublicBenefitArea.objects.all()],
            ),
            ChoiceFilter.of(
                "dzielnica",
                "Osiedle",
                District.objects.filter(is_osiedle=True)
                .order_by("name")
                .values_list("slug", "name"),
            ),
            ChoiceFilter.of("kiedy", "Kiedy", WHEN_CHOICES),
            ChoiceFilter.of("dla", "Dla niepełnoletnich", [("niepelnoletnich", "tak")]),
            ChoiceFilter.of(
                "tryb", "Gdzie", [("zdalnie", "zdalnie"), ("na-miejscu", "na miejscu")]
            ),
        ]

    @path("")
    def offers(self, request):
        now = timezone.now()
        filters = Listing(request, self.offered_filters())
        offers = VolunteerOffer.objects.open(now).select_related("ngo", "area", "district")
        if area := filters.value("obszar"):
            offers = offers.filter(area__number=area)
        if district := filters.value("dzielnica"):
            offers = offers.filter(district__slug=district)
        if filters.value("dla"):
            offers = offers.exclude(min_age__gte=ADULT_AGE)
        if mode := filters.value("tryb"):
            offers = offers.filter(remote=(mode == "zdalnie"))
        if when := filters.value("kiedy"):
            offers = offers.filter(in_period(*period(when, timezone.localdate(now))))
        pagination = filters.paginate(offers.order_by("expires_at", "pk"), self.per_page)
        for offer in pagination.page:
            offer.current_state = offer.state_at(now)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "filter_groups": filters.groups(),
                "offers": pagination.page,
                "pagination": pagination,
                "feed_url": self.get_url(request) + self.reverse_subpage("feed"),
                "now": now,
            },
        )

    # Wagtail serves only paths of slugs ending in "/", so the feed has no ".ics".
    @path("kalendarz/", name="feed")
    def feed(self, request):
        """The open offers with dates, as one iCalendar file."""
        offers = (
            VolunteerOffer.objects.open()
            .filter(starts_on__isnull=False)
            .select_related("ngo", "area", "district")
            .order_by("starts_on", "pk")
        )
        return offers_calendar(list(offers), self.get_full_url(request) or "")

    @path("statystyki/", name="statistics")
    def statistics_page(self, request):
        """Offers, answers and hours per area and osiedle, a year at a time or in all."""
        years = [(str(year), str(year)) for year in statistics.years()]
        listing = Listing(request, [ChoiceFilter.of("rok", "Rok", years)])
        year = int(listing.value("rok") or 0) or None
        depends_on(request, statistics.CACHE_TAG)
        return self.render(
            request,
            template="volunteering/statistics.html",
            context_overrides={
                "filters": listing,
                "filter_groups": listing.groups(),
                "year": year,
                "by_area": statistics.by_area(year),
                "by_district": statistics.by_district(year),
            },
        )

    @path("<int:pk>/", name="offer_detail")
    def offer_detail(self, request, pk):
        offer = get_object_or_404(
            VolunteerOffer.objects.published().select_related("ngo", "area", "district"), pk=pk
        )

        def context(now):
            state = offer.state_at(now)
            return {
                "offer": offer,
                "state": state,
                "is_open": state == OFFER.OPEN,
                "time_left": deadlines.remaining_text(offer.expires_at, now)
                if state == OFFER.OPEN
                else "",
                # Reachable, out of the list and search: not for search engines either.
                "noindex": state != OFFER.OPEN,
            }

        return record_routes.serve_with_form(
            self, request, offer, "volunteering/volunteer_offer.html", context
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        offers = VolunteerOffer.objects.open().order_by("pk")
        rows = offers.values_list("pk", "last_published_at")
        return urls + record_routes.sitemap_urls(base, ((f"{pk}/", at) for pk, at in rows))
