"""/konkursy/: grant calls (open ones first), each call's page with its awards, the
small-grant offers (art. 19a) with their comment form, and the calendar of deadlines.

The other half: the records (NGO, GrantCall, SmallGrantOffer), their state, admin
screens, import and open data are snippets, in `snippets/`.
"""

from django.apps import apps
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from api.visibility import private_collection_ids
from core import deadlines, record_routes
from core.blocks import BodyBlock
from core.ical import calendar_response
from core.listing import ChoiceFilter, Listing
from core.models import BasePage
from core.shared_fragments import deferred, deferred_values
from pages.registry import calendar_feed, file_routes
from pages.registry.links import directory_url, offer_path
from pages.registry.record_summary import record_summary
from pages.registry.trail import item_trail
from snippets.call_state import CALL
from snippets.models import GrantCall, PublicBenefitArea, SmallGrantOffer
from snippets.models.grant_call import Procedure
from snippets.offer_state import OFFER
from snippets.statistics import same_kind_grants


def local_initiatives_url() -> str | None:
    """The live local-initiatives page, if the site has one (named through the app
    registry: the registry does not depend on that app being installed)."""
    try:
        model = apps.get_model("initiatives", "InitiativeIndexPage")
    except LookupError:
        return None
    page = model.objects.live().public().first()
    return page.url if page is not None else None


class GrantCallIndexPage(RoutablePageMixin, BasePage):
    """Open grant calls, their results, and the small-grant offers open for comments."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Treść pod listą",
        help_text="np. program współpracy z organizacjami, jak złożyć ofertę.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    per_page = 15

    class Meta:
        verbose_name = "Konkursy i nabory ofert"
        verbose_name_plural = "Konkursy i nabory ofert"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calendar_url"] = f"{self.get_url(request)}kalendarz.ics"
        return context

    # Calls

    def offered_filters(self) -> list[ChoiceFilter]:
        return [
            ChoiceFilter.of("stan", "Stan", [(state.slug, state.label) for state in CALL]),
            ChoiceFilter.of("tryb", "Tryb", Procedure),
            ChoiceFilter.of(
                "obszar",
                "Obszar pożytku publicznego",
                [(area.number, area.label) for area in PublicBenefitArea.objects.all()],
            ),
        ]

    @path("")
    def calls(self, request):
        now = timezone.now()
        # As Listing reads it (an offered value, else none), without the areas' query.
        if request.GET.get("tryb", "") == Procedure.LOCAL_INITIATIVE and (
            moved_to := local_initiatives_url()
        ):
            # The local initiative is no call any more (docs/initiatives.md): its old
            # filter address goes to where residents apply now.
            return redirect(moved_to, permanent=True)

        def listing():
            filters = Listing(request, self.offered_filters())
            calls = GrantCall.objects.published().select_related("area")
            if state := CALL.from_slug(filters.value("stan")):
                calls = calls.in_state(state, now)
            if procedure := filters.value("tryb"):
                calls = calls.filter(procedure=procedure)
            if area := filters.value("obszar"):
                calls = calls.filter(area__number=area)
            calls = calls.annotate(
                awards_count=Count("awards"), awards_amount=Sum("awards__amount")
            )
            pagination = filters.paginate(calls.by_relevance(now), self.per_page)
            page = pagination.page
            for call in page:
                call.current_state = call.state_at(now)
                call.time_left = (
                    deadlines.remaining_text(call.offers_due_at, now)
                    if call.current_state == CALL.OPEN
                    else ""
                )
            offers = list(
                SmallGrantOffer.objects.open_for_comments(now).select_related("ngo", "area")[:20]
            )
            return {
                "filters": filters,
                "filter_groups": filters.groups(),
                "calls": page,
                "pagination": pagination,
                "open_offers": offers,
            }

        names = ("filters", "filter_groups", "calls", "pagination", "open_offers")
        return self.render(
            request,
            # Shown only in the page's shared part (core.shared_fragments): read when it
            # renders, not when it is taken from the cache.
            context_overrides={**deferred_values(listing, names), "now": now},
        )

    @path(file_routes.route_for("kalendarz.ics"), name="calendar")
    def calendar(self, request):
        index_url = request.build_absolute_uri(self.get_url(request))
        return calendar_response(
            f"{self.title} – terminy składania ofert",
            calendar_feed.deadline_events(
                calendar_feed.calendar_calls(), detail_url=lambda call: f"{index_url}{call.slug}/"
            ),
            filename="konkursy.ics",
        )

    # Small-grant offers (art. 19a)

    @path("oferty/", name="offers")
    def offers(self, request):
        offers = SmallGrantOffer.objects.published().select_related("ngo", "area")
        pagination = Listing(request, []).paginate(offers, self.per_page)
        return self.render(
            request,
            template="registry/small_grant_offer_list.html",
            context_overrides={
                "offers": pagination.page,
                "pagination": pagination,
                "now": timezone.now(),
                "trail": item_trail(self, request),
            },
        )

    @path("oferty/<int:pk>/", name="offer_detail")
    def offer_detail(self, request, pk):
        offer = get_object_or_404(
            SmallGrantOffer.objects.published().select_related("ngo", "area", "offer_document"),
            pk=pk,
        )

        def context(now):
            state = offer.state_at(now)
            is_open = state == OFFER.OPEN
            document = offer.offer_document
            if document is not None and document.collection_id in private_collection_ids():
                document = None
            return {
                "offer": offer,
                "state": state,
                "is_open": is_open,
                "closes_at": offer.comments_close_at,
                "time_left": deadlines.remaining_text(offer.comments_close_at, now)
                if is_open
                else "",
                "document": document,
                "directory_url": directory_url(request),
                "trail": item_trail(self, request),
            }

        return record_routes.serve_with_form(
            self, request, offer, "registry/small_grant_offer.html", context
        )

    @re_path(r"^(?P<slug>[-a-z0-9]+)/$", name="call_detail")
    def call_detail(self, request, slug):
        now = timezone.now()

        def summary():
            found = GrantCall.objects.published().filter(slug=slug)
            found = found.values("pk", "title", "procedure", "task", "offers_due_at").first()
            if found is None:
                raise Http404
            return {**found, "procedure_label": Procedure(found["procedure"]).label}

        # The head and the breadcrumbs show these; the call itself is read only when the
        # page's shared part renders.
        head = record_summary(request, self, GrantCall, slug, summary)

        def shown():
            call = get_object_or_404(
                GrantCall.objects.published().select_related("area", "contact_person"),
                pk=head["pk"],
            )
            awards = list(call.awards.select_related("ngo").order_by("sort_order", "pk"))
            awarded = sum((award.amount for award in awards), 0)
            hidden = private_collection_ids()
            documents = [
                link
                for link in call.documents.select_related("document").order_by("sort_order")
                if link.document.collection_id not in hidden
            ]
            state = call.state_at(now)
            return {
                "call": call,
                "state": state,
                "time_left": deadlines.remaining_text(call.offers_due_at, now)
                if state == CALL.OPEN
                else "",
                "awards": awards,
                "awarded": awarded,
                "remaining_funds": call.total_funds - awarded,
                "documents": documents,
                "same_kind": same_kind_grants(call),
            }

        names = (
            "call",
            "state",
            "time_left",
            "awards",
            "awarded",
            "remaining_funds",
            "documents",
            "same_kind",
        )
        return self.render(
            request,
            template="registry/grant_call_detail.html",
            context_overrides={
                "head": head,
                # Shown only in the page's shared parts (core.shared_fragments): read
                # when they render, not when they are taken from the cache.
                **deferred_values(shown, names),
                "directory_url": deferred(lambda: directory_url(request)),
                "trail": deferred(lambda: item_trail(self, request)),
            },
        )

    # URLs

    def get_sitemap_urls(self, request=None):
        """The list, every published call and every published art. 19a offer."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        calls = GrantCall.objects.published().order_by("pk")
        offers = SmallGrantOffer.objects.published().order_by("pk")
        urls += record_routes.sitemap_urls(
            base, ((f"{slug}/", at) for slug, at in calls.values_list("slug", "last_published_at"))
        )
        urls += record_routes.sitemap_urls(
            base, ((offer_path(pk), at) for pk, at in offers.values_list("pk", "last_published_at"))
        )
        return urls

    def route_url(self, request, name, *args) -> str:
        return (self.get_url(request) or "/") + self.reverse_subpage(name, args=args)
