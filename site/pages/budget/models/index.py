"""/budzet-obywatelski/: the budgets' landing page (the current editions, their phase,
what residents can do now, pools), the list of projects, each project's public page,
their feeds and a GeoJSON of projects with a point."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core import public_forms
from core.blocks import BodyBlock
from core.listing import count_by
from core.models import BasePage
from pages.budget import feeds
from pages.budget.listing import (
    idea_listing,
    implementation_listing,
    priority_counts,
    project_listing,
)
from pages.budget.models.consensus import PoolConsensus
from pages.budget.models.edition import BUDGET_CACHE_LISTS, BudgetEditionPage
from pages.budget.models.idea import BudgetIdea
from pages.budget.models.implementation import ImplementationUpdate, Progress
from pages.budget.models.parts import StatusChange
from pages.budget.models.project import BudgetProject
from pages.budget.phases import EDITION

PER_PAGE = 20
IDEA_FORM = "budget-idea"  # the kind of core.public_forms a route of this page takes


class BudgetIndexPage(RoutablePageMixin, BasePage):
    page_cache_lists = BUDGET_CACHE_LISTS

    body = StreamField(
        BodyBlock(), blank=True, verbose_name="Treść", help_text="Jak działa budżet, kogo pytać."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["budget.BudgetEditionPage"]
    max_count = 1

    class Meta:
        verbose_name = "Budżet obywatelski (strona główna)"
        verbose_name_plural = "Budżet obywatelski (strony główne)"

    def public_editions(self):
        return BudgetEditionPage.objects.child_of(self).live().public().order_by("-year", "title")

    def public_projects(self):
        return BudgetProject.objects.public().filter(edition__in=self.public_editions())

    @path("")
    def landing(self, request):
        now = timezone.now()
        editions = list(self.public_editions())
        current = [e for e in editions if e.get_phase(now) != EDITION.IMPLEMENTATION]
        for edition in editions:
            edition.current_phase = edition.get_phase(now)
            edition.current_phase_end = edition.phase_end(edition.current_phase)
            edition.pool_list = list(edition.pools.select_related("district", "edition"))
        return self.render(
            request,
            context_overrides={
                "current_editions": current,
                "past_editions": [e for e in editions if e not in current],
                "phases": EDITION,
                "projects_url": self.url + "projekty/",
            },
        )

    @path("projekty/", name="projects")
    def projects(self, request):
        listing, projects = project_listing(
            request, self.public_editions(), BudgetProject.objects.public()
        )
        pagination = listing.paginate(projects, PER_PAGE)
        return self.render(
            request,
            template="budget/project_list.html",
            context_overrides={
                "listing": listing,
                "filter_groups": listing.groups({"status": count_by(projects, "status")}),
                "projects": pagination.page,
                "pagination": pagination,
                "index": self,
            },
        )

    @path("projekty/<int:pk>/", name="project")
    def project(self, request, pk):
        project = get_object_or_404(
            self.public_projects().select_related(
                "edition", "pool", "pool__district", "district", "implementation"
            ),
            pk=pk,
        )
        return self.render(
            request,
            template="budget/project_page.html",
            context_overrides={
                "project": project,
                "cost_lines": list(project.cost_lines.all()),
                "opinions": list(project.given_opinions.prefetch_related("conflicts")),
                "public_ids": set(self.public_projects().values_list("pk", flat=True)),
                "public_files": list(project.shown_files.select_related("document", "image")),
                "history": list(project.history.all()),
                "appeals": [a for a in project.appeals.all() if a.decided_at],
                "implementation": getattr(project, "implementation", None),
                "updates": project.implementation_updates.shown(),
                "consensus": PoolConsensus.objects.shown_by_pool([project.pool_id]).get(
                    project.pool_id
                ),
                "index": self,
            },
        )

    @path("realizacja/", name="built")
    def built(self, request):
        """What got built ("Co zrealizowaliśmy"): the selected projects and their
        realisation, filtered by edition, osiedle and status."""
        listing, projects = implementation_listing(
            request, self.public_editions(), BudgetProject.objects.public()
        )
        pagination = listing.paginate(projects, PER_PAGE)
        return self.render(
            request,
            template="budget/implementation_list.html",
            context_overrides={
                "listing": listing,
                "filter_groups": listing.groups({"stan": count_by(projects, "progress")}),
                "projects": pagination.page,
                "pagination": pagination,
                "progress_labels": dict(Progress.choices),
                "index": self,
            },
        )

    @path("realizacja/rss/", name="built_feed")
    def built_feed(self, request):
        return feeds.implementation_feed(
            self,
            ImplementationUpdate.objects.published().filter(project__in=self.public_projects()),
        )(request)

    @path("pomysly/", name="ideas")
    def ideas(self, request):
        editions = list(self.public_editions())
        listing, ideas = idea_listing(request, editions, BudgetIdea.objects.public())
        pagination = listing.paginate(ideas, PER_PAGE)
        return self.render(
            request,
            template="budget/idea_list.html",
            context_overrides={
                "listing": listing,
                "filter_groups": listing.groups(),
                "ideas": pagination.page,
                "pagination": pagination,
                "collecting": [e for e in editions if e.get_phase() == EDITION.IDEAS],
                "public_ids": set(self.public_projects().values_list("pk", flat=True)),
                "index": self,
            },
        )

    @path("pomysly/<slug:slug>/", name="idea_form")
    def idea_form(self, request, slug):
        """An edition's ideas and priority votes: the form while ideas are collected,
        the published ideas and the counts of votes (core.public_forms, by kind)."""
        edition = get_object_or_404(
            self.public_editions().filter(ideas_from__isnull=False), slug=slug
        )

        def render(status, **extra):
            context = {
                "edition": edition,
                "phase": edition.get_phase(),
                "ideas": BudgetIdea.objects.public()
                .filter(edition=edition)
                .select_related("edition", "district", "project")
                .order_by("-submitted_at"),
                "priorities": priority_counts(
                    BudgetIdea.objects.counted_votes().filter(edition=edition)
                ),
                "public_ids": set(self.public_projects().values_list("pk", flat=True)),
                "index": self,
                **extra,
            }
            if "form" not in extra:
                context["form"] = public_forms.blank_form(edition, kind=IDEA_FORM)
            response = self.render(
                request, template="budget/idea_form.html", context_overrides=context
            )
            response.status_code = status
            return response

        if request.method == "POST":
            return public_forms.handle_post(request, edition, render, kind=IDEA_FORM)
        return render(200)

    @path("projekty/rss/", name="feed")
    def feed(self, request):
        return feeds.project_feed(
            self, StatusChange.objects.filter(project__in=self.public_projects())
        )(request)

    @path("projekty/geojson/", name="geojson")
    def geojson(self, request):
        return feeds.geojson_response(request, self, self.public_projects())
