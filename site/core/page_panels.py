"""Panels other apps add to a page type's public page, so the page's app need not import
them (a consultation shows the opinions councils gave on it; a section of the intranet
lists the open opinion requests).

An app registers a function for a page type with a Wagtail hook:

    @page_panels.register("consultations.ConsultationPage", cache_lists=("councils.resolution",))
    def council_opinions(request, page):
        return PagePanel("Opinie rad", "councils/includes/opinions.html", {...})

It returns a PagePanel, or None (nothing to show for this page or this reader). The page
puts `panels_for(request, self)` in its context and its template renders each panel's
template under its heading ("includes/page_panels.html"). What a function may list
(`cache_lists`, model labels) makes the cached page stale when it changes
(core.page_cache.depends_on), whether or not it showed anything this time, as the page
type's own `page_cache_lists` do.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from core import cache_tags
from core.page_cache import depends_on


@dataclass(frozen=True)
class PagePanel:
    """One list on a page: its heading, its template and the template's context."""

    heading: str
    template: str
    context: dict = field(default_factory=dict)


def hook_name(page_model_label: str) -> str:
    """The hook of the panels of a page type ("app_label.ModelName")."""
    return f"page_panels:{page_model_label.lower()}"


def register(page_model_label: str, cache_lists: tuple[str, ...] = ()):
    """Decorator: the function adds a panel to pages of that type; CACHE_LISTS are the
    models (labels) whose changes change what it shows."""

    def decorator(function):
        function.page_cache_lists = tuple(cache_lists)
        return hooks.register(hook_name(page_model_label), function)

    return decorator


def panels_for(request, page, hook: str | None = None) -> list[PagePanel]:
    """The panels registered for PAGE's type (or under HOOK) that have something to show."""
    functions = hooks.get_hooks(hook or hook_name(page._meta.label))
    tags = {
        cache_tags.model_tag(label)
        for function in functions
        for label in getattr(function, "page_cache_lists", ())
    }
    if tags:
        depends_on(request, *tags)
    return [panel for function in functions if (panel := function(request, page)) is not None]
