"""Home page sections: what residents can act on now, and the latest news."""

from django import template
from django.utils import timezone

from core.site_structure import first_index
from pages.consultations.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ConsultationIndexPage,
    ConsultationPage,
)

register = template.Library()

HOME_CONSULTATIONS = 6
HOME_ANNOUNCEMENTS = 5


@register.inclusion_tag("consultations/includes/home_consultations.html", takes_context=True)
def home_open_consultations(context):
    """Open consultations of the site, closing soonest first."""
    request = context["request"]
    now = timezone.now()
    index = first_index(request, ConsultationIndexPage)
    items = []
    if index is not None:
        consultations = (
            ConsultationPage.objects.descendant_of(index)
            .live()
            .public()
            .open(now)
            .prefetch_related("districts")
            .order_by("closes_at", "pk")[:HOME_CONSULTATIONS]
        )
        items = [(c, c.get_state(now), c.time_left_text(now)) for c in consultations]
    return {"request": request, "index": index, "consultations": items}


@register.inclusion_tag("consultations/includes/home_announcements.html", takes_context=True)
def home_latest_announcements(context):
    request = context["request"]
    index = first_index(request, AnnouncementIndexPage)
    announcements = []
    if index is not None:
        announcements = list(
            AnnouncementPage.objects.descendant_of(index)
            .live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")[:HOME_ANNOUNCEMENTS]
        )
    return {"request": request, "index": index, "announcements": announcements}


@register.inclusion_tag("consultations/includes/feed_links.html", takes_context=True)
def home_feed_links(context):
    """<link rel="alternate"> for the site's consultation and announcement feeds."""
    request = context["request"]
    feeds = []
    for model in (ConsultationIndexPage, AnnouncementIndexPage):
        index = first_index(request, model)
        if index is not None:
            feeds.extend(index.feed_links(request))
    return {"feeds": feeds}
