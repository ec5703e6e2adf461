"""Who may see a page or a document, in the index's terms (Visibility), from Wagtail's
view restrictions of the page's section or the document's collection.

Only "public" and "any logged-in user" content is indexed: group and password
restrictions cannot be checked by a search query, so such content stays out entirely.
"""

from wagtail.models import BaseViewRestriction, CollectionViewRestriction, PageViewRestriction

from search.models import Visibility


def _visibility(restriction_types) -> str | None:
    types = {t for t in restriction_types if t != BaseViewRestriction.NONE}
    if not types:
        return Visibility.PUBLIC
    if types == {BaseViewRestriction.LOGIN}:
        return Visibility.LOGIN
    return None


class PagePrivacy:
    """Restrictions of the whole tree loaded once, for indexing many pages."""

    def __init__(self):
        self._restrictions = list(
            PageViewRestriction.objects.values_list("page__path", "restriction_type")
        )

    def visibility(self, page) -> str | None:
        return _visibility(kind for path, kind in self._restrictions if page.path.startswith(path))


class CollectionPrivacy:
    def __init__(self):
        self._restrictions = list(
            CollectionViewRestriction.objects.values_list("collection__path", "restriction_type")
        )

    def visibility(self, collection) -> str | None:
        return _visibility(
            kind for path, kind in self._restrictions if collection.path.startswith(path)
        )
