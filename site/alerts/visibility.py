"""Whether an item may be announced: what anybody could see without signing in.

Pages by the API's own rule (api.visibility.public_pages: live, under a site, no view
restriction on them or above them); other records must be live (no draft), and their
source's `describe()` says the rest (e.g. that the public page they are shown on exists).
"""

from wagtail.models import Page

from alerts.registry import AlertItem, AlertSource
from api.visibility import public_pages


def is_visible_anonymously(obj) -> bool:
    if isinstance(obj, Page):
        return public_pages(obj.get_site()).filter(pk=obj.pk).exists()
    return getattr(obj, "live", True)


def describe_public(source: AlertSource, obj) -> AlertItem | None:
    """SOURCE's description of OBJ when OBJ is visible anonymously, else None."""
    if not is_visible_anonymously(obj):
        return None
    return source.describe(obj)
