"""/organizacje/: the public directory of the NGO registry, each organisation's page and
the registry as open data.

The other half: the records (NGO, GrantCall, SmallGrantOffer), their state, admin
screens, import and open data are snippets, in `snippets/`.
"""

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.listing import ChoiceFilter, Listing
from core.models import BasePage
from core.shared_fragments import deferred, deferred_values
from pages.registry import file_routes
from pages.registry.links import grant_calls_url
from pages.registry.record_summary import record_summary
from pages.registry.structured_data import dataset_json_ld, ngo_json_ld
from pages.registry.trail import item_trail
from search.lists import filter_by_search
from snippets import open_data
from snippets.models import NGO, District, GrantAward, LegalForm, PublicBenefitArea
from snippets.models.ngo import fold

YES, NO = "tak", "nie"


class NGODirectoryPage(RoutablePageMixin, BasePage):
    """The registry of organisations the department keeps, for anyone to search."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Treść pod listą",
        help_text="np. jak zgłosić zmianę danych organizacji w rejestrze.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    per_page = 20

    class Meta:
        verbose_name = "Rejestr organizacji pozarządowych"
        verbose_name_plural = "Rejestry organizacji pozarządowych"

    # Listing

    def offered_filters(self) -> list[ChoiceFilter]:
        return [
            ChoiceFilter.of(
                "obszar",
                "Obszar działalności",
                [(area.number, area.label) for area in PublicBenefitArea.objects.all()],
            ),
            ChoiceFilter.of("forma", "Forma prawna", LegalForm),
            ChoiceFilter.of("opp", "Status OPP", [(YES, "tylko OPP"), (NO, "bez statusu OPP")]),
            ChoiceFilter.of(
                "dzielnica",
                "Dzielnica",
                [(district.slug, district.name) for district in District.objects.all()],
            ),
        ]

    @staticmethod
    def filter_ngos(queryset, selected: dict, query: str):
        if area := selected.get("obszar"):
            queryset = queryset.filter(areas__number=area)
        if legal_form := selected.get("forma"):
            queryset = queryset.filter(legal_form=legal_form)
        if "opp" in selected:
            queryset = queryset.filter(is_public_benefit=selected["opp"] == YES)
        if district := selected.get("dzielnica"):
            queryset = queryset.filter(district__slug=district)
        if query:
            # The site search's analysis (search.lists): "Ząbkowice" finds "…Przyjaciół
            # Ząbkowic", "Zabkowic" with a letter wrong too, "NGO" the organisations, a
            # NIP in any grouping its organisation. The name and numbers as typed also
            # find an organisation saved a moment ago, whose entry is not written yet.
            also = Q(search_name__contains=fold(query))
            digits = "".join(char for char in query if char.isdigit())
            if len(digits) >= 9 and digits == query.replace("-", "").replace(" ", ""):
                also |= Q(krs=digits) | Q(nip=digits) | Q(regon=digits)
            queryset = filter_by_search(queryset, query, "ngo", also=also)
        return queryset

    @path("")
    def directory(self, request):
        def listing():
            filters = Listing(request, self.offered_filters(), search=True)
            ngos = self.filter_ngos(
                NGO.objects.published().for_listing(), filters.selected, filters.query
            ).order_by("search_name", "pk")
            pagination = filters.paginate(ngos, self.per_page)
            return {
                "filters": filters,
                "filter_groups": filters.groups(),
                "ngos": pagination.page,
                "pagination": pagination,
            }

        base_url = self.get_url(request)
        return self.render(
            request,
            context_overrides={
                # Shown only in the page's shared part (core.shared_fragments): read when
                # it renders, not when it is taken from the cache.
                **deferred_values(listing, ("filters", "filter_groups", "ngos", "pagination")),
                "dataset_json_ld": dataset_json_ld(
                    name=self.title,
                    description=self.summary
                    or "Rejestr organizacji pozarządowych prowadzony przez wydział.",
                    url=request.build_absolute_uri(base_url),
                    csv_url=self.file_url(request, "dane.csv", full=True),
                    json_url=self.file_url(request, "dane.json", full=True),
                    publisher="Urząd Miejski w Dąbrowie Górniczej",
                ),
                "base_url": base_url,
                "csv_url": self.file_url(request, "dane.csv"),
                "json_url": self.file_url(request, "dane.json"),
            },
        )

    # Open data

    @path(file_routes.route_for("dane.csv"), name="open_data_csv")
    def open_data_csv(self, request):
        return open_data.csv_response(open_data.published_ngos(), self.detail_url_builder(request))

    @path(file_routes.route_for("dane.json"), name="open_data_json")
    def open_data_json(self, request):
        return open_data.json_response(
            open_data.published_ngos(),
            self.detail_url_builder(request),
            source_url=request.build_absolute_uri(self.get_url(request)),
        )

    # One organisation

    @re_path(r"^(?P<slug>[-a-z0-9]+)/$", name="ngo_detail")
    def ngo_detail(self, request, slug):
        def summary():
            ngo = NGO.objects.published().prefetch_related("areas").filter(slug=slug).first()
            if ngo is None:
                raise Http404
            return {
                "pk": ngo.pk,
                "name": ngo.name,
                "display_name": ngo.display_name,
                "legal_form_label": ngo.get_legal_form_display(),
                "city": ngo.city,
                # Its address is the request's (scheme and host): set below.
                "json_ld": ngo_json_ld(ngo, url=""),
            }

        # The head and the breadcrumbs show these; the organisation itself is read only
        # when the page's shared parts render. Its areas' names are in its schema.org data.
        head = record_summary(request, self, NGO, slug, summary, shows=(PublicBenefitArea,))

        def record():
            ngo = get_object_or_404(NGO.objects.published().for_listing(), pk=head["pk"])
            awards = list(
                GrantAward.objects.filter(ngo=ngo, call__live=True)
                .select_related("call", "call__area")
                .order_by("-call__announced_at", "sort_order")
            )
            totals = GrantAward.objects.filter(ngo=ngo, call__live=True).aggregate(
                count=Count("pk"), amount=Sum("amount")
            )
            return {
                "ngo": ngo,
                "awards": awards,
                "awards_count": totals["count"],
                "awards_amount": totals["amount"] or 0,
                "offers": list(ngo.small_grant_offers.published().select_related("area")),
            }

        url = request.build_absolute_uri(f"{self.get_url(request)}{slug}/")
        names = ("ngo", "awards", "awards_count", "awards_amount", "offers")
        return self.render(
            request,
            template="registry/ngo_detail.html",
            context_overrides={
                "head": head,
                # Shown only in the page's shared parts (core.shared_fragments): read when
                # they render, not when they are taken from the cache.
                **deferred_values(record, names),
                "ngo_json_ld": {**head["json_ld"], "url": url},
                "trail": deferred(lambda: item_trail(self, request)),
                "filter_url": deferred(lambda: self.get_url(request)),
                "grant_calls_url": deferred(lambda: grant_calls_url(request)),
            },
        )

    # URLs

    def get_sitemap_urls(self, request=None):
        """The directory and the page of every published organisation."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        for slug, lastmod in (
            NGO.objects.published().order_by("pk").values_list("slug", "last_published_at")
        ):
            urls.append({"location": f"{base}{slug}/", "lastmod": lastmod})
        return urls

    def file_url(self, request, filename: str, full: bool = False) -> str:
        """The file-like address of a data file of this page, e.g. …/organizacje/dane.csv."""
        base = self.get_url(request)
        return request.build_absolute_uri(f"{base}{filename}") if full else f"{base}{filename}"

    def detail_url_builder(self, request):
        base = request.build_absolute_uri(self.get_url(request))
        return lambda ngo: f"{base}{ngo.slug}/"
