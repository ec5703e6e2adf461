"""What the public API may show: the same for every caller, signed in or not.

Wagtail's own API checks view restrictions against the request, so a browser session
(or a password entered once) would unlock restricted pages and documents through it.
The portal's API is for other systems and serves public content only: anything under
any view restriction is left out, whoever asks.
"""

from django.db.models import Q

from wagtail.models import Collection, CollectionViewRestriction, Page


def public_pages(site):
    """Live pages of SITE with no view restriction on them or their ancestors."""
    if site is None:
        return Page.objects.none()
    return Page.objects.live().public().descendant_of(site.root_page, inclusive=True)


def private_collection_ids() -> set[int]:
    """Collections with a view restriction, and every collection beneath them."""
    paths = list(
        Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    )
    if not paths:
        return set()
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return set(Collection.objects.filter(under).values_list("pk", flat=True))
