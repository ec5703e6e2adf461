"""Which non-page records webhooks announce: every model an endpoint of the API serves.

Found from the API's one router (api.router), not from a list per app: an app that
registers an endpoint for its records (the registry's NGOs and grant calls, council
resolutions, budget projects, volunteer offers…) has its changes announced without doing
anything more. "Public" is what that endpoint's own `get_queryset()` serves, so a webhook
says no more than the API would. Pages have their own signals (webhooks.signal_handlers);
images and documents are media, not records, and an endpoint opts out with
`webhook_events = False`.
"""

from django.apps import apps
from django.conf import settings
from django.db import models

from wagtail.models import Page


class Announced:
    """A model served by the endpoint NAME (its viewset VIEWSET)."""

    def __init__(self, name: str, viewset):
        self.name = name
        self.viewset = viewset

    def public(self) -> models.QuerySet:
        """What the endpoint serves now (the viewset's queryset, outside a request: none of
        the portal's record endpoints reads the request to choose its records)."""
        view = self.viewset()
        view.request = None
        view.args, view.kwargs = (), {}
        return view.get_queryset()

    def is_public(self, pk) -> bool:
        return pk is not None and self.public().filter(pk=pk).exists()

    def api_url(self, pk) -> str:
        base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
        return f"{base}/api/v2/{self.name}/{pk}/"


_found: dict | None = None


def announced_models() -> dict[type[models.Model], Announced]:
    """{model: Announced} for every endpoint that serves a model other than a page's."""
    if _found is not None:
        return _found
    if not apps.ready:
        return {}  # the router may not be filled yet: nothing to remember before it is
    return discover()


def discover() -> dict[type[models.Model], Announced]:
    """Read the router (filled by `api`'s ready(), which INSTALLED_APPS runs before ours:
    webhooks.apps checks the order) and remember what it serves."""
    global _found
    # Imported here: the router is filled by every app's api_endpoints at start-up (in
    # api's ready()), so it is read then, not when this module is imported.
    from api.router import api_router

    found = {}
    for name, viewset in api_router._endpoints.items():
        model = getattr(viewset, "model", None)
        if not (isinstance(model, type) and issubclass(model, models.Model)):
            continue  # the small endpoints (navigation, contact…) serve no model
        if issubclass(model, Page) or not getattr(viewset, "webhook_events", True):
            continue
        found.setdefault(model, Announced(name, viewset))
    _found = found
    return found


def announced(model) -> Announced | None:
    return announced_models().get(model)


def object_labels() -> set[str]:
    return {model._meta.label for model in announced_models()}
