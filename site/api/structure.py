"""The site's shape for a front end: the menu tree, a page's breadcrumbs, the redirects.

Public pages only, as everywhere in the API (api.visibility): a section under a view
restriction, a draft or a redirect to a private page is left out. URLs are paths on the
site (`/konsultacje/`), the same a front end routes on; `api_url` is the page's detail
in the API (absolute, on WAGTAILAPI_BASE_URL).
"""

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from api.endpoint import BadRequest, NotFound, SimpleEndpoint, closed_object
from api.visibility import public_pages

STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
INTEGER = {"type": "integer"}
MAX_ID = 2_147_483_647


def page_path(page, root) -> str:
    """PAGE's path on the site whose root is ROOT ("/" for the root itself)."""
    return page.url_path[len(root.url_path) - 1 :]


def api_url(page_id: int) -> str:
    return f"{settings.WAGTAILAPI_BASE_URL.rstrip('/')}/api/v2/pages/{page_id}/"


def link(page, root) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "url": page_path(page, root),
        "api_url": api_url(page.pk),
    }


LINK = {"id": INTEGER, "title": STRING, "url": STRING, "api_url": URI}


class NavigationEndpoint(SimpleEndpoint):
    """/api/v2/navigation/: the menu's sections and, under each, its pages shown in menus."""

    name = "navigation"
    tag = "Navigation"
    summary = "Menu serwisu: działy i ich strony pokazywane w menu (drzewo)"
    response_schema = closed_object(
        {
            "items": {
                "type": "array",
                "items": closed_object(
                    {
                        **LINK,
                        "children": {"type": "array", "items": closed_object(LINK)},
                    }
                ),
            }
        }
    )

    @classmethod
    def payload(cls, request, site, params):
        root = site.root_page
        pages = (
            public_pages(site)
            .filter(depth__in=(root.depth + 1, root.depth + 2))
            .in_menu()
            .order_by("path")
        )
        sections: dict[str, dict] = {}
        for page in pages:
            if page.depth == root.depth + 1:
                sections[page.path] = {**link(page, root), "children": []}
            elif (parent := sections.get(page.path[: -Page.steplen])) is not None:
                parent["children"].append(link(page, root))
        return {"items": list(sections.values())}


class BreadcrumbsEndpoint(SimpleEndpoint):
    """/api/v2/breadcrumbs/?id=12: the way from the home page to a public page."""

    name = "breadcrumbs"
    tag = "Breadcrumbs"
    summary = "Ścieżka nawigacji strony: od strony głównej do niej"
    parameters = {
        "id": (
            "Identyfikator strony (publicznej).",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            True,
        ),
    }
    statuses = {404: "Nie ma takiej publicznej strony w tym serwisie (albo nieznany serwis)."}
    response_schema = closed_object({"items": {"type": "array", "items": closed_object(LINK)}})

    @classmethod
    def payload(cls, request, site, params):
        raw = params["id"]
        if not (raw.isascii() and raw.isdigit()):
            raise BadRequest("id must be a number (digits only)")
        visible = public_pages(site)
        page = visible.filter(pk=int(raw)).first()
        if page is None:
            raise NotFound("no such public page")
        root = site.root_page
        trail = visible.ancestor_of(page, inclusive=True).filter(depth__gte=root.depth)
        return {"items": [link(p, root) for p in trail.order_by("depth")]}


class RedirectsEndpoint(SimpleEndpoint):
    """/api/v2/redirects/: the site's redirects (old path -> where it leads now)."""

    name = "redirects"
    tag = "Redirects"
    summary = "Przekierowania: stary adres i dokąd prowadzi"
    response_schema = closed_object(
        {
            "items": {
                "type": "array",
                "items": closed_object(
                    {
                        "old_path": STRING,
                        "target": STRING,
                        "is_permanent": {"type": "boolean"},
                        "page_id": {"anyOf": [INTEGER, {"type": "null"}]},
                    }
                ),
            }
        }
    )

    @classmethod
    def payload(cls, request, site, params):
        root = site.root_page
        redirects = Redirect.objects.filter(Q(site=site) | Q(site__isnull=True)).order_by(
            "old_path", "pk"
        )
        visible = public_pages(site)
        public_ids = set(
            visible.filter(
                pk__in=redirects.filter(redirect_page__isnull=False).values("redirect_page_id")
            ).values_list("pk", flat=True)
        )
        pages = Page.objects.in_bulk(public_ids)
        items = []
        for redirect in redirects:
            if redirect.redirect_page_id:
                page = pages.get(redirect.redirect_page_id)
                if page is None:
                    continue  # a draft, a private or another site's page: not shown
                target = page_path(page, root)
                if route := redirect.redirect_page_route_path:
                    target = target.rstrip("/") + "/" + route.lstrip("/")
                page_id = page.pk
            elif redirect.redirect_link:
                target, page_id = redirect.redirect_link, None
            else:
                continue
            items.append(
                {
                    "old_path": redirect.old_path,
                    "target": target,
                    "is_permanent": redirect.is_permanent,
                    "page_id": page_id,
                }
            )
        return {"items": items}
