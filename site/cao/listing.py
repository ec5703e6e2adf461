"""Filtering and paging public listings by plain query parameters.

Unknown or malformed values are ignored (the listing shows everything), never an error:
the parameters come from anyone's address bar.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, TextChoices
from django.utils.http import urlencode

PAGE_PARAM = "strona"


@dataclass
class FilterOption:
    label: str
    url: str
    current: bool


@dataclass
class ChoiceFilter:
    """One filter of a listing, e.g. ?temat=wolontariat, shown as a list of links."""

    param: str
    label: str
    choices: type[TextChoices]

    def read(self, request) -> str:
        """The valid value asked for, or '' for all."""
        value = request.GET.get(self.param, "")
        return value if value in self.choices.values else ""


class Listing:
    """The filters of one listing bound to a request: values, links, page URLs."""

    def __init__(self, request, filters: list[ChoiceFilter]):
        self.request = request
        self.filters = filters
        self.values = {f.param: f.read(request) for f in filters}

    def url(self, **changes) -> str:
        """This listing's URL with the current valid filters, CHANGES applied, page dropped."""
        params = {**self.values, **changes}
        query = urlencode([(key, value) for key, value in params.items() if value])
        return f"{self.request.path}?{query}" if query else self.request.path

    def options(self, flt: ChoiceFilter, counts: dict[str, int] | None = None) -> list:
        current = self.values[flt.param]
        options = [FilterOption("Wszystkie", self.url(**{flt.param: ""}), not current)]
        for value, label in flt.choices.choices:
            if counts is not None and not counts.get(value):
                continue
            text = f"{label} ({counts[value]})" if counts is not None else label
            options.append(FilterOption(text, self.url(**{flt.param: value}), value == current))
        return options

    def paginate(self, queryset, per_page: int) -> Page:
        return Paginator(queryset, per_page).get_page(self.request.GET.get(PAGE_PARAM))

    def page_url(self, number: int) -> str:
        extra = {PAGE_PARAM: str(number)} if number > 1 else {}
        return self.url(**extra)

    def page_links(self, page: Page) -> dict | None:
        """Links of the pagination nav, or None when everything fits on one page."""
        if page.paginator.num_pages <= 1:
            return None
        return {
            "previous": self.page_url(page.number - 1) if page.has_previous() else "",
            "next": self.page_url(page.number + 1) if page.has_next() else "",
            "pages": [
                {"number": number, "url": self.page_url(number), "current": number == page.number}
                if isinstance(number, int)
                else {"number": None}  # the ellipsis between distant page numbers
                for number in page.paginator.get_elided_page_range(page.number, on_each_side=2)
            ],
        }


def count_by(queryset, field: str) -> dict[str, int]:
    """{value of FIELD: number of items} in one grouped query."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk"))
    return {row[field]: row["n"] for row in rows}
