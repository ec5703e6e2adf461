from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_views import IndexStatusView, SearchQueriesReportView
from search.models import SearchSynonym


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/wyszukiwane-frazy/",
            SearchQueriesReportView.as_view(),
            name="search_query_report",
        ),
        path("reports/indeks-wyszukiwarki/", IndexStatusView.as_view(), name="search_index_status"),
    ]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return MenuItem(
        "Wyszukiwane frazy",
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=1290,
    )


@hooks.register("register_reports_menu_item")
def register_index_status_menu_item():
    return AdminOnlyMenuItem(
        "Indeks wyszukiwarki",
        reverse("search_index_status"),
        name="search-index-status",
        icon_name="warning",
        order=1291,
    )


@hooks.register("construct_reports_menu")
def hide_stock_search_terms(request, menu_items):
    # Wagtail's own "Search terms" counts only its stock search, which the site does not
    # use: it would always be empty next to ours.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "list-ul"
    menu_label = "Synonimy wyszukiwarki"
    add_to_settings_menu = True
    list_display = ["terms", "one_way"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)
