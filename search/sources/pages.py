"""Every live page of the portal, whatever its type, as one generic source.

A page type chooses its result type with `search_kind = "consultation"` and may define
`search_state()`, `search_identifiers()` and `search_date()`; `search_exclude = True`
keeps a type out. An app may instead say it from its `search_sources.py` with
`register_page_type(label, kind, extras)` (e.g. pages/consultations/search_sources.py).
The text is the page's title, summary and every other SearchField of its
`search_fields` (StreamField and rich text as plain text).
"""

from collections.abc import Callable

from django.db.models import Manager
from django.utils.encoding import force_str
from django.utils.html import strip_tags

from wagtail.models import Page, get_page_models
from wagtail.search.index import RelatedFields, SearchField

from search.sources.base import SearchDocument, SearchSource, register
from search.sources.privacy import PagePrivacy

# Page types owned by other apps, by "app_label.ModelName", when they set no search_kind.
PAGE_KINDS: dict[str, str] = {}
# ...and a function giving fields of SearchDocument (state, date, refresh_at...) for a page.
PAGE_EXTRAS: dict[str, Callable] = {}


def register_page_type(label: str, kind: str, extras: Callable | None = None) -> None:
    PAGE_KINDS[label] = kind
    if extras is not None:
        PAGE_EXTRAS[label] = extras


_NOT_BODY = {"title", "summary", "search_description", "seo_title"}


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return strip_tags(value) if "<" in value else value
    if isinstance(value, (list, tuple)):
        return "\n".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_plain(item) for item in value.values())
    return force_str(value)


def searchable_texts(obj, fields) -> list[str]:
    """The text of OBJ's SearchFields (recursing into RelatedFields), title-like ones left out."""
    texts = []
    for field in fields:
        if isinstance(field, SearchField):
            if field.field_name in _NOT_BODY:
                continue
            text = _plain(field.get_value(obj)).strip()
            if text:
                texts.append(text)
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                items = related.all()
            else:
                items = [related() if callable(related) else related]
            for item in items:
                texts.extend(searchable_texts(item, field.fields))
    return texts


def page_kind(page) -> str:
    return getattr(page, "search_kind", None) or PAGE_KINDS.get(page._meta.label, "page")


def page_kinds() -> tuple[str, ...]:
    """Every kind a page's entry may have: what the pages API searches among."""
    return tuple(sorted({page_kind(model) for model in get_page_models()}))


@register
class PageSource(SearchSource):
    model = Page
    kind = "page"
    batch_size = 100

    def get_queryset(self):
        return Page.objects.live().filter(depth__gt=1, alias_of__isnull=True).order_by("path")

    def prepare_batch(self, objects):
        privacy = PagePrivacy()
        ids = [page.pk for page in objects]
        specific = Page.objects.filter(pk__in=ids).specific().in_bulk()
        pages = [specific.get(pk, page) for pk, page in zip(ids, objects, strict=True)]
        for page in pages:
            page._search_privacy = privacy
        return pages

    def to_document(self, page):
        privacy = getattr(page, "_search_privacy", None) or PagePrivacy()
        page = page.specific
        if not page.live or page.depth <= 1 or page.alias_of_id:
            return None
        if getattr(page, "search_exclude", False):
            return None
        visibility = privacy.visibility(page)
        if visibility is None:
            return None
        url = page.get_url()
        if not url:
            return None  # not under any site: nobody can open it
        summary = getattr(page, "summary", "") or ""
        body = searchable_texts(page, page.get_search_fields())
        if page.search_description and page.search_description != summary:
            body.insert(0, page.search_description)
        document = SearchDocument(
            kind=page_kind(page),
            title=page.title,
            url=url,
            date=page.search_date() if hasattr(page, "search_date") else page.last_published_at,
            summary=summary,
            body="\n".join(body),
            identifiers=list(page.search_identifiers())
            if hasattr(page, "search_identifiers")
            else [],
            state=page.search_state() if hasattr(page, "search_state") else "",
            visibility=visibility,
        )
        extras = PAGE_EXTRAS.get(page._meta.label)
        if extras is not None:
            for name, value in extras(page).items():
                setattr(document, name, value)
        return document

    def subtree(self, page):
        """The live pages at and below PAGE (moving or restricting a section changes them)."""
        return Page.objects.live().descendant_of(page, inclusive=True).order_by("path")
