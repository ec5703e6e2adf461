"""What a webhook says about a page: only what the public could read.

A page under a view restriction (intranet, NGO zone, password) sends nothing at all, and
neither does a page that was never published (a draft deleted). A payload names the page
(id, type, title, its address and its API detail), the event and the moment; never its
body, a draft's content or anything an editor has not made public.
"""

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page


def announceable(page: Page, event: str) -> bool:
    if page.get_view_restrictions().exists():
        return False
    if event == "publish":
        return page.live
    # From the database: the instance a signal carries may predate its publication.
    return Page.objects.filter(pk=page.pk, first_published_at__isnull=False).exists()


def page_payload(page: Page, event: str) -> dict:
    specific_class = page.specific_class or type(page)
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    return {
        "event": event,
        "occurred_at": timezone.now().isoformat(),
        "page": {
            "id": page.pk,
            "type": specific_class._meta.label,
            "title": page.title,
            "url": page.get_url(),
            "api_url": f"{base}/api/v2/pages/{page.pk}/" if event == "publish" else None,
        },
    }


def object_payload(model, pk, endpoint: str, api_url: str | None, event: str) -> dict:
    """A record an API endpoint serves: its type, the endpoint and its id; the rest is for
    the receiver to read from `api_url` (null when it is no longer public), so a payload
    never holds what was not public."""
    return {
        "event": event,
        "occurred_at": timezone.now().isoformat(),
        "object": {
            "type": model._meta.label,
            "endpoint": endpoint,
            "id": pk,
            "api_url": api_url if event == "publish" else None,
        },
    }
