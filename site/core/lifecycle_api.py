"""The API side of core.lifecycle: one `?state=` filter and one pair of fields for every
endpoint whose objects follow a lifecycle.

The API speaks the states' English values (`state=open`); values an endpoint once took
(`state=otwarty` on grant calls) stay accepted through the lifecycle's `legacy_values`.
"""

from django.utils import timezone

from wagtail.api.v2.utils import BadRequestError

from rest_framework.filters import BaseFilterBackend

from core.lifecycle import Lifecycle


def state_filter(lifecycle: Lifecycle) -> type[BaseFilterBackend]:
    """A filter backend for ?state=VALUE, evaluated at the view's `now` (the moment its
    fields are computed for) or the request's moment."""

    class StateFilter(BaseFilterBackend):
        def filter_queryset(self, request, queryset, view):
            value = request.GET.get("state")
            if value is None:
                return queryset
            state = lifecycle.from_value(value)
            if state is None:
                raise BadRequestError("state must be one of: " + ", ".join(lifecycle.values))
            now = getattr(view, "now", None) or timezone.now()
            return lifecycle.filter(queryset, state, now)

    StateFilter.__name__ = f"{lifecycle.name.title().replace('_', '')}StateFilter"
    return StateFilter
