"""Filters and pagination of the public listings, as plain links with query parameters.

Whatever arrives in the query string is only ever compared with known values: an
unknown or malformed value is ignored (the listing is shown unfiltered), never passed
to the database, so no input can cause an error.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import QueryDict

SLUG_RE = re.compile(r"^[-\w]{1,120}\Z")  # unicode letters too: taggit keeps "ł"


def clean_slug(value: str | None) -> str | None:
    """VALUE if it looks like a slug, else None."""
    if value and SLUG_RE.match(value):
        return value
    return None


def url_with(query: QueryDict, **changes) -> str:
    """The query string of QUERY with CHANGES applied (None removes a key), page reset."""
    params = query.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if key == "page":
            if value and value != 1:
                params["page"] = str(value)
            continue
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@dataclass
class FilterOption:
    label: str
    url: str
    current: bool


@dataclass
class FilterGroup:
    """One row of links (e.g. all states), each link keeping the other filters."""

    key: str
    label: str
    options: list[FilterOption] = field(default_factory=list)

    @classmethod
    def build(cls, query, key, label, choices, selected, all_label="Wszystkie"):
        group = cls(key=key, label=label)
        group.options.append(FilterOption(all_label, url_with(query, **{key: None}), not selected))
        for value, text in choices:
            group.options.append(
                FilterOption(text, url_with(query, **{key: value}), value == selected)
            )
        return group


@dataclass
class Pagination:
    page: Page
    previous_url: str | None
    next_url: str | None
    pages: list[tuple[int | None, str | None, bool]]  # (number, url, current); None = gap


def paginate(request, queryset, per_page: int) -> Pagination:
    """The requested page of QUERYSET; a missing, malformed or too large number gives the
    first or the last page rather than an error."""
    paginator = Paginator(queryset, per_page, allow_empty_first_page=True)
    raw = request.GET.get("page", "1")
    page = paginator.get_page(raw if raw.isdigit() and len(raw) < 10 else 1)
    query = request.GET

    def link(number):
        return url_with(query, page=number)

    numbers = _page_window(page.number, paginator.num_pages)
    pages = [(n, link(n) if n else None, n == page.number) for n in numbers]
    return Pagination(
        page=page,
        previous_url=link(page.previous_page_number()) if page.has_previous() else None,
        next_url=link(page.next_page_number()) if page.has_next() else None,
        pages=pages,
    )


def _page_window(current: int, total: int, radius: int = 2) -> list[int | None]:
    """Page numbers around CURRENT with the first and last always shown, gaps as None."""
    wanted = {1, total, *range(current - radius, current + radius + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= total)
    window: list[int | None] = []
    for n in numbers:
        if window and n - window[-1] > 1:
            window.append(None)
        window.append(n)
    return window
