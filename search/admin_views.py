"""Admin reports: what people search for, and what finds nothing (from SearchQueryStat);
the index's health and the updates that failed (administrators only)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search.integrity import index_health
from search.models import IndexFailure, SearchEntry, SearchQueryStat

PERIODS = {"7": "7 dni", "30": "30 dni", "90": "90 dni", "365": "rok"}
LIMIT = 100


class SearchQueriesReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/query_report.html"
    page_title = "Wyszukiwane frazy"
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("search_query_report"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):

        context = super().get_context_data(**kwargs)
        period = self.request.GET.get("period", "30")
        period = period if period in PERIODS else "30"
        only_zero = self.request.GET.get("zero") == "1"
        since = timezone.localdate() - timedelta(days=int(period) - 1)
        rows = (
            SearchQueryStat.objects.filter(day__gte=since)
            .values("query")
            .annotate(
                searches=Sum("searches"), zero_results=Sum("zero_results"), last_day=Max("day")
            )
        )
        if only_zero:
            rows = rows.filter(zero_results__gt=0).order_by("-zero_results", "query")
        else:
            rows = rows.order_by("-searches", "query")
        totals = SearchQueryStat.objects.filter(day__gte=since).aggregate(
            searches=Sum("searches"), zero_results=Sum("zero_results")
        )
        context.update(
            rows=list(rows[:LIMIT]),
            limit=LIMIT,
            periods=PERIODS,
            period=period,
            only_zero=only_zero,
            since=since,
            total_searches=totals["searches"] or 0,
            total_zero=totals["zero_results"] or 0,
        )
        return context


class IndexStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/index_status.html"
    page_title = "Indeks wyszukiwarki"
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:  # errors may name restricted content
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("search_index_status"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            health=index_health(),
            entries=SearchEntry.objects.count(),
            failures=IndexFailure.objects.order_by("-last_failed_at")[:LIMIT],
            limit=LIMIT,
        )
        return context
