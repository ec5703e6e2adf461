"""Public HTML listings: filters as plain links, pages, and the query parameters they read.

Every list of the site (consultations, announcements, grant calls, offers, the NGO
directory, CAO services, guides, events) is read through `Listing`, paginated with
Django's `Paginator` and rendered with `includes/filters.html` and
`includes/pagination.html`. docs/conventions.md says how to write one.

Whatever arrives in the query string is only ever compared with the offered values: an
unknown or malformed value is ignored (the list is shown unfiltered), never passed to the
database, so no input causes an error. A list reads exactly the parameters in
`Listing.params` (its filters, `q` where it has a search box, and `strona`): nothing else
in the address changes what it shows.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.utils.encoding import iri_to_uri

PAGE_PARAM = "strona"
SEARCH_PARAM = "q"
MAX_QUERY_LENGTH = 100
ALL_LABEL = "Wszystkie"
LAST_PAGE = 10**9  # a page number past the end of every list: the last page is shown
# The request's attribute naming every parameter its lists read: a shared fragment
# (core.shared_fragments) keyed on fewer is never stored.
LISTING_PARAMS_ATTR = "_listing_params"


@dataclass(frozen=True)
class ChoiceFilter:
    """One filter of a list, e.g. ?temat=wolontariat, offered as a row of links."""

    param: str
    label: str
    choices: tuple[tuple[str, str], ...]  # (value in the URL, label shown)

    @classmethod
    def of(cls, param: str, label: str, choices: Iterable) -> "ChoiceFilter":
        """A filter over CHOICES: (value, label) pairs or a `TextChoices` class."""
        pairs = getattr(choices, "choices", choices)
        return cls(param, label, tuple((str(value), str(text)) for value, text in pairs))

    def read(self, params: QueryDict) -> str:
        """The offered value asked for in PARAMS, or '' (all)."""
        value = params.get(self.param, "")
        return value if any(value == offered for offered, _label in self.choices) else ""


@dataclass
class FilterOption:
    label: str
    url: str
    current: bool
    count: int | None = None


@dataclass
class FilterGroup:
    """A filter's links: "Wszystkie" first, then each offered value."""

    param: str
    label: str
    options: list[FilterOption] = field(default_factory=list)
    current_label: str = ""

    @property
    def active(self) -> bool:
        return bool(self.current_label)


@dataclass
class PageLink:
    number: int | None  # None: the gap between distant page numbers
    url: str = ""
    current: bool = False


@dataclass
class Pagination:
    """What `includes/pagination.html` shows: the page and the links around it."""

    page: Page
    links: list[PageLink]
    previous_url: str
    next_url: str

    @property
    def is_needed(self) -> bool:
        return self.page.paginator.num_pages > 1


def clean_query(text: str) -> str:
    """Typed search text without control characters (PostgreSQL refuses NUL), spaces
    collapsed, cut to MAX_QUERY_LENGTH."""
    printable = "".join(char for char in text if char.isprintable())
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def page_number(raw: str | None) -> int:
    """The page asked for: digits only, at least 1; anything else is the first page.
    A number past the end is left to `Paginator.get_page` (the last page)."""
    if raw and raw.isascii() and raw.isdigit():
        # Past any list's end; int() of thousands of digits would raise (and take time).
        return max(int(raw), 1) if len(raw) < 10 else LAST_PAGE
    return 1


class Listing:
    """The filters and page a request asked for, among those a list offers, and links
    that change them while keeping the rest."""

    def __init__(self, request, filters: Sequence[ChoiceFilter], *, search: bool = False):
        self.path = request.path
        self.filters = tuple(filters)
        params = request.GET
        self.selected = {flt.param: value for flt in self.filters if (value := flt.read(params))}
        self.query = clean_query(params.get(SEARCH_PARAM, "")) if search else ""
        self.page_asked = page_number(params.get(PAGE_PARAM))
        self.params = listing_params(self.filters, search=search)
        read = getattr(request, LISTING_PARAMS_ATTR, ())
        setattr(request, LISTING_PARAMS_ATTR, (*read, *self.params))

    def value(self, param: str) -> str:
        """The chosen value of the filter PARAM, or '' (all)."""
        return self.selected.get(param, "")

    @property
    def is_filtered(self) -> bool:
        return bool(self.selected or self.query)

    def url(self, **changes) -> str:
        """This list's URL with its current choices and CHANGES ('' or None removes a
        parameter); the page is dropped unless CHANGES give it (page 1 is never written)."""
        values = dict(self.selected)
        if self.query:
            values[SEARCH_PARAM] = self.query
        for param, value in changes.items():
            if value in ("", None) or (param == PAGE_PARAM and str(value) == "1"):
                values.pop(param, None)
            else:
                values[param] = str(value)
        return canonical_url(self.path, values, self.params)

    def groups(self, counts: Mapping[str, Mapping[str, int]] | None = None) -> list[FilterGroup]:
        """The links of each filter that offers a choice. Where COUNTS has the filter's
        parameter, each label carries its number of items and values without items are
        left out (no link leads to an empty list)."""
        counts = counts or {}
        groups = []
        for flt in self.filters:
            current = self.value(flt.param)
            group = FilterGroup(flt.param, flt.label)
            group.options.append(
                FilterOption(ALL_LABEL, self.url(**{flt.param: None}), not current)
            )
            counted = counts.get(flt.param)
            for value, label in flt.choices:
                count = None if counted is None else counted.get(value, 0)
                if count == 0 and value != current:
                    continue
                chosen = value == current
                group.options.append(
                    FilterOption(label, self.url(**{flt.param: value}), chosen, count)
                )
                if chosen:
                    group.current_label = label
            # Left out when it offers no choice: no value, or (counted) a single value,
            # which holds every item anyway.
            values = len(group.options) - 1
            if values > (1 if counted is not None else 0) or group.active:
                groups.append(group)
        return groups

    def paginate(self, queryset, per_page: int, *, count: int | None = None) -> Pagination:
        """The asked page of QUERYSET (the last one when asked past the end).

        COUNT: the number of items of QUERYSET when the list knows it already (from the
        filters' counts of `count_by`, read in the same request), which saves the
        paginator's COUNT: on a large table, a scan of every matching row."""
        paginator = Paginator(queryset, per_page)
        if count is not None:
            paginator.count = count  # a cached_property: the paginator asks no more
        return paginate(paginator.get_page(self.page_asked), self.page_url)

    def page_url(self, number: int) -> str:
        return self.url(**{PAGE_PARAM: number})


def paginate(page: Page, page_url: Callable[[int], str]) -> Pagination:
    """The links around PAGE, each to PAGE_URL(number), with gaps (1 … 4 5 [6] 7 8 … 20).

    A list whose items do not come from a queryset (the site search) pages a
    `Paginator(range(total), per_page)` the same way."""
    paginator = page.paginator
    links = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append(PageLink(None))
        else:
            links.append(PageLink(number, page_url(number), number == page.number))
    return Pagination(
        page=page,
        links=links,
        previous_url=page_url(page.number - 1) if page.has_previous() else "",
        next_url=page_url(page.number + 1) if page.has_next() else "",
    )


def count_by(queryset, field_name: str, *more_fields: str) -> dict:
    """{value of FIELD_NAME: number of items} in one grouped query, for `Listing.groups`.

    With MORE_FIELDS, {(value, value, …): number} of each combination, still one query:
    two filters whose counts each take the other into account, and the number of items
    shown, are sums over it (see the guides' list)."""
    fields = (field_name, *more_fields)
    rows = queryset.order_by().values(*fields).annotate(n=Count("pk"))
    if not more_fields:
        return {str(row[field_name]): row["n"] for row in rows}
    return {tuple(str(row[name]) for name in fields): row["n"] for row in rows}


def listing_params(filters: Sequence[ChoiceFilter], *, search: bool = False) -> tuple[str, ...]:
    """Every query parameter a list reads, in the order its URLs write them."""
    return (*(flt.param for flt in filters), *([SEARCH_PARAM] if search else []), PAGE_PARAM)


def canonical_url(path: str, values: Mapping[str, str], order: Sequence[str]) -> str:
    """PATH with those of VALUES named in ORDER, written in that order."""
    query = QueryDict(mutable=True)
    for param in order:
        if values.get(param):
            query[param] = values[param]
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


@dataclass(frozen=True)
class Renamed:
    """A query parameter a list answered to before the Polish vocabulary: its old name,
    its new one, and the old values' new spelling (a value not listed is kept as it is)."""

    old: str
    new: str
    values: Mapping[str, str] = field(default_factory=dict)


def redirect_renamed(request, renamed: Sequence[Renamed], params: Sequence[str]):
    """A permanent redirect to the list's canonical URL when REQUEST still uses an old
    parameter name (links already out in the world keep working), else None.

    The target keeps only the list's PARAMS, in their order; where the old and the new
    name are both given, the new one wins."""
    if request.method not in ("GET", "HEAD") or not any(r.old in request.GET for r in renamed):
        return None
    values = {param: request.GET[param] for param in params if param in request.GET}
    for rename in renamed:
        if rename.old in request.GET and rename.new not in values:
            old_value = request.GET[rename.old]
            values[rename.new] = rename.values.get(old_value, old_value)
    # A path always starts with exactly one slash, so the target stays on this site.
    path = "/" + request.path.lstrip("/")
    return HttpResponsePermanentRedirect(iri_to_uri(canonical_url(path, values, params)))
