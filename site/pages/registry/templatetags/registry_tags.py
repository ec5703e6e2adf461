"""Home page section of the registry: grant calls open now, offers open for comments."""

from django import template
from django.utils import timezone

from core import deadlines
from core.site_structure import first_index
from pages.registry.models import GrantCallIndexPage
from snippets.call_state import CALL
from snippets.models import GrantCall, SmallGrantOffer

register = template.Library()

HOME_CALLS = 4
HOME_OFFERS = 3


def _calls_index(request):
    """The site's live, public calls page (looked up once per request)."""
    return first_index(request, GrantCallIndexPage)


@register.inclusion_tag("registry/includes/home_calls.html", takes_context=True)
def home_open_calls(context):
    """Open calls, the nearest deadline first, and offers open for comments (art. 19a)."""
    request = context["request"]
    index = _calls_index(request)
    calls, offers = [], []
    if index is not None:
        now = timezone.now()
        calls = list(
            GrantCall.objects.published()
            .in_state(CALL.OPEN, now)
            .order_by("offers_due_at", "pk")[:HOME_CALLS]
        )
        for call in calls:
            call.time_left = deadlines.remaining_text(call.offers_due_at, now)
        offers = list(
            SmallGrantOffer.objects.open_for_comments(now)
            .select_related("ngo")
            .order_by("-published_on", "-pk")[:HOME_OFFERS]
        )
    return {"request": request, "index": index, "calls": calls, "offers": offers}


@register.inclusion_tag("registry/includes/home_feed_links.html", takes_context=True)
def registry_feed_links(context):
    """<link rel="alternate"> for the calendar of call deadlines."""
    request = context["request"]
    index = _calls_index(request)
    return {"calendar_url": f"{index.get_url(request)}kalendarz.ics" if index else ""}
