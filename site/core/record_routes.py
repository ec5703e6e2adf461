"""Routes of a page that shows records (snippets) under its own address, each taking a
public form: the grant calls' page (art. 19a offers and their comments), the volunteering
page (offers and answers). One way to serve a record's page with its form and to list
the records in the sitemap, so the pages differ only in what they show.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone

from core.public_forms import blank_form, handle_post


def serve_with_form(
    page, request, target, template: str, context: Callable[[datetime], dict]
) -> HttpResponse:
    """PAGE's route (a RoutablePageMixin page) showing TARGET, a record that takes a public
    form, with TEMPLATE: a GET shows the empty form (None while TARGET takes none), a POST
    goes through `core.public_forms.handle_post`. CONTEXT(now) is the record's own
    context, computed for each answer at its moment."""

    def render(status: int = 200, **extra) -> HttpResponse:
        now = timezone.now()
        values = context(now)
        if "form" not in extra:
            extra["form"] = blank_form(target, now)
        response = page.render(request, template=template, context_overrides={**values, **extra})
        response.status_code = status
        return response

    if request.method == "POST":
        return handle_post(request, target, render)
    return render()


def sitemap_urls(base: str, rows: Iterable[tuple[str, datetime | None]]) -> list[dict]:
    """Sitemap entries of records at BASE + their path, from (path, last published) rows."""
    return [{"location": f"{base}{path}", "lastmod": lastmod} for path, lastmod in rows]
