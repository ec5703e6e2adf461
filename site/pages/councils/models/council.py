"""A council: one page type for every advisory or representative body, and their index.

What changes often (terms with members, recruitment, resolutions, opinion requests) is
kept in records edited in the admin (Rady i osiedla), shown here as saved; the page holds
what the body is. Its sittings are events (`cao.EventPage.council`).
"""

from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from core import public_forms, record_routes
from core.models import BasePage
from pages.cao.models.event import EventPage
from pages.councils import open_data
from pages.councils.choices import BodyKind
from pages.councils.documents import with_public_documents
from pages.councils.models.recruitment import Recruitment
from pages.councils.models.resolution import Resolution
from pages.councils.models.term import Membership
from pages.councils.state import TERM
from pages.registry import file_routes

# What a council's or osiedle's page shows besides itself (core.page_cache).
COUNCIL_CACHE_LISTS = (
    "content",
    "cao.eventpage",
    "councils.councilterm",
    "councils.membership",
    "councils.recruitment",
    "councils.resolution",
)
REGISTER_HOOK = "councils_resolution_register"
# How many resolutions the council's page shows before the link to its register.
LATEST_RESOLUTIONS = 10


class CouncilIndexPage(RoutablePageMixin, BasePage):
    page_cache_lists = COUNCIL_CACHE_LISTS

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["councils.CouncilPage"]

    class Meta:
        verbose_name = "Rady i ciała doradcze"
        verbose_name_plural = "Rady i ciała doradcze"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["councils"] = list(
            CouncilPage.objects.child_of(self).live().public().order_by("path")
        )
        return context

    def public_resolutions(self):
        """Every public entry of the live public councils' registers (open data)."""
        councils = CouncilPage.objects.live().public().values("pk")
        return (
            Resolution.objects.filter(council__in=councils)
            .select_related("council", "document__collection")
            .order_by("council__title", "-adopted_on", "-pk")
        )

    @path(file_routes.route_for("dane.csv"), name="open_data_csv")
    def open_data_csv(self, request):
        return open_data.csv_response(request, self.public_resolutions())

    @path(file_routes.route_for("dane.json"), name="open_data_json")
    def open_data_json(self, request):
        return open_data.json_response(request, self.public_resolutions())


class CouncilPage(RoutablePageMixin, BasePage):
    page_cache_lists = COUNCIL_CACHE_LISTS

    body_kind = models.CharField("Rodzaj organu", max_length=30, choices=BodyKind.choices)
    purpose = RichTextField("Czym się zajmuje", blank=True)
    legal_basis = models.TextField(
        "Podstawa prawna",
        blank=True,
        help_text="np. art. 41a ustawy o działalności pożytku publicznego i o wolontariacie; "
        "uchwała Rady Miejskiej nr …",
    )
    how_to_join = RichTextField(
        "Jak zostać członkiem",
        blank=True,
        help_text="Ogłoszenia o naborze i wyborach z ich terminami dodaje się w „Rady i osiedla "
        "→ Nabory i wybory”.",
    )
    email = models.EmailField("E-mail organu", blank=True)
    phone = models.CharField("Telefon", max_length=40, blank=True)
    contact_note = models.CharField(
        "Kontakt – uwagi", max_length=255, blank=True, help_text="np. obsługa: Wydział …, pok. 12"
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body_kind"),
        FieldPanel("purpose"),
        FieldPanel("legal_basis"),
        FieldPanel("how_to_join"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]), FieldPanel("contact_note")],
            heading="Kontakt z organem",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("purpose"),
        index.SearchField("legal_basis"),
        index.FilterField("body_kind"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("body_kind"),
        APIField("purpose"),
        APIField("legal_basis"),
        APIField("how_to_join"),
        APIField("email"),
        APIField("phone"),
    ]

    parent_page_types = ["councils.CouncilIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Rada lub ciało doradcze"
        verbose_name_plural = "Rady i ciała doradcze"

    # Records ------------------------------------------------------------------------

    def terms(self):
        """Every term, newest first, with its members (their NGOs) in one more query."""
        members = Membership.objects.select_related("ngo").order_by("sort_order", "pk")
        return self.terms_set.prefetch_related(Prefetch("memberships", queryset=members))

    def public_resolutions(self):
        return Resolution.objects.filter(council=self).select_related(
            "council", "document", "sitting"
        )

    def sittings(self):
        """Live public sittings of this body, newest first."""
        return (
            EventPage.objects.live()
            .public()
            .filter(council=self)
            .select_related("minutes_document")
            .order_by("-starts_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        terms = list(self.terms())
        today = timezone.localdate(now)
        for term in terms:
            for member in term.memberships.all():
                member.past = member.is_past(today, term)
        current = [term for term in terms if TERM.state_of(term, now) == TERM.CURRENT]
        context.update(
            now=now,
            today=today,
            current_term=current[0] if current else None,
            other_terms=[term for term in terms if term not in current[:1]],
            recruitments=list(Recruitment.objects.filter(council=self).order_by("-opens_at")[:5]),
            sittings=list(self.sittings()[:20]),
            resolutions=list(self.public_resolutions()[:LATEST_RESOLUTIONS]),
        )
        return context

    # Routes -------------------------------------------------------------------------

    @path("uchwaly/", name="resolutions")
    def resolutions_view(self, request):
        # The register's list lives with its filters (pages.councils.listing), which
        # imports this model: found through the hook it registers.
        [view] = hooks.get_hooks(REGISTER_HOOK)
        return view(request, self)

    def get_sitemap_urls(self, request=None):
        """The council's page, each announcement's page (nabor/<id>/) and each resolution's
        (uchwaly/<id>/): they are public as long as the council's page is (the sitemap
        lists only live, public pages)."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        records = (
            ("recruitment", Recruitment.objects.filter(council=self)),
            ("resolution", self.public_resolutions()),
        )
        routes = [
            (self.reverse_subpage(route, args=[pk]).lstrip("/"), None)
            for route, queryset in records
            for pk in queryset.order_by("pk").values_list("pk", flat=True)
        ]
        return urls + record_routes.sitemap_urls(base, routes)

    @path("nabor/<int:pk>/", name="recruitment")
    def recruitment_view(self, request, pk):
        """A recruitment's or election's announcement with its dates; where the body takes
        applications on the portal, its form (core.public_forms) while it is open, the
        reason when it is not."""
        recruitment = get_object_or_404(Recruitment.objects.filter(council=self), pk=pk)

        def render(status: int = 200, **extra):
            now = timezone.now()
            if recruitment.takes_applications and "form" not in extra and "receipt" not in extra:
                extra["form"] = public_forms.blank_form(recruitment, now)
            response = self.render(
                request,
                template="councils/recruitment.html",
                context_overrides={
                    "recruitment": recruitment,
                    "state": recruitment.state_at(now),
                    **extra,
                },
            )
            response.status_code = status
            return response

        if request.method == "POST":
            # handle_post refuses (NO_FORM) a recruitment without the portal's form.
            return public_forms.handle_post(request, recruitment, render)
        return render()

    @path("uchwaly/<int:pk>/", name="resolution")
    def resolution_view(self, request, pk):
        resolution = get_object_or_404(self.public_resolutions(), pk=pk)
        if not self.live:
            raise Http404
        # The sitting is linked only when anyone may read its page: a draft or a
        # restricted event (e.g. an intranet one) is neither named nor linked.
        sitting = None
        if resolution.sitting_id:
            sitting = EventPage.objects.live().public().filter(pk=resolution.sitting_id).first()
        return TemplateResponse(
            request,
            "councils/resolution.html",
            {
                "page": self,
                "self": self,
                "resolution": with_public_documents([resolution])[0],
                "sitting": sitting,
            },
        )
