"""Filters of the public lists as plain links: parse query parameters, build the links.

A value that is not one of the offered ones is ignored, as if the parameter were not
there: a stale or mistyped link shows the whole list instead of an error.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PAGE_PARAM = "strona"
MAX_QUERY_LENGTH = 100


@dataclass
class Option:
    value: str
    label: str
    url: str
    current: bool


@dataclass
class FilterGroup:
    param: str
    label: str
    options: list[Option] = field(default_factory=list)
    all_url: str = ""
    current_label: str = ""

    @property
    def active(self) -> bool:
        return bool(self.current_label)


class Listing:
    """The filters a request asked for, among those offered, and links that change them."""

    def __init__(self, params: QueryDict, offered: dict[str, tuple[str, list[tuple[str, str]]]]):
        """OFFERED maps a parameter to (its label, [(value, label), ...])."""
        self.offered = offered
        self.selected: dict[str, str] = {}
        for param, (_label, choices) in offered.items():
            value = params.get(param, "")
            if value and value in {choice for choice, _ in choices}:
                self.selected[param] = value
        # Control characters (NUL above all, which PostgreSQL refuses) are dropped.
        typed = "".join(char for char in params.get("q", "") if char.isprintable())
        self.query = " ".join(typed.split())[:MAX_QUERY_LENGTH]

    def url(self, **changes) -> str:
        """The query string of this listing with CHANGES (None removes a parameter)."""
        values = dict(self.selected)
        if self.query:
            values["q"] = self.query
        for param, value in changes.items():
            if value is None:
                values.pop(param, None)
            else:
                values[param] = value
        if not values:
            return "?"
        query = QueryDict(mutable=True)
        for param in [*self.offered, "q"]:
            if param in values:
                query[param] = values[param]
        return "?" + query.urlencode()

    def groups(self) -> list[FilterGroup]:
        groups = []
        for param, (label, choices) in self.offered.items():
            current = self.selected.get(param)
            group = FilterGroup(param=param, label=label, all_url=self.url(**{param: None}))
            for value, choice_label in choices:
                group.options.append(
                    Option(value, choice_label, self.url(**{param: value}), value == current)
                )
                if value == current:
                    group.current_label = choice_label
            groups.append(group)
        return groups

    @property
    def is_filtered(self) -> bool:
        return bool(self.selected or self.query)

    def page_url(self, number: int) -> str:
        base = self.url()
        joiner = "&" if base != "?" else ""
        return f"{base}{joiner}{PAGE_PARAM}={number}"


def paginate(queryset, params: QueryDict, per_page: int) -> Page:
    """The requested page; a missing, malformed or too large number gives the first or
    the last page rather than an error."""
    return Paginator(queryset, per_page).get_page(params.get(PAGE_PARAM))


def page_links(page: Page, listing: Listing) -> dict | None:
    """Links to the pages around the current one, with gaps (1 … 4 5 [6] 7 8 … 20), and
    to the previous and next pages; None when everything fits on one page."""
    if page.paginator.num_pages <= 1:
        return None
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    links = []
    for number in numbers:
        if number == page.paginator.ELLIPSIS:
            links.append({"gap": True})
        else:
            links.append(
                {
                    "number": number,
                    "url": listing.page_url(number),
                    "current": number == page.number,
                }
            )
    return {
        "links": links,
        "previous": listing.page_url(page.previous_page_number()) if page.has_previous() else "",
        "next": listing.page_url(page.next_page_number()) if page.has_next() else "",
    }
