"""The Civic Activity Centre's advisory services, guides and events in the site-wide
search (search/, found at start-up).

An event's registration state (pages.cao.event_state) is a facet, values and labels from its
lifecycle; the entry is re-indexed when the clock changes the state (`refresh_at`) and
when a registration is made or cancelled (places may fill or free up).
"""

from django.db.models.signals import post_save
from django.utils import timezone

from pages.cao.event_state import EVENT
from pages.cao.models import EventRegistration
from search import tasks
from search.kinds import register_kind
from search.signal_handlers import enqueue
from search.sources.pages import register_page_type

register_kind("service", "Usługa CAO", "Usługi CAO", order=60)
register_kind("guidance", "Poradnik", "Poradniki", order=70)
# Events without registration show no state, so "none" is not a facet.
register_kind(
    EVENT.name, "Wydarzenie", "Wydarzenia", order=80, states=[s for s in EVENT if s != EVENT.NONE]
)


def event_extras(page) -> dict:
    now = timezone.now()
    state = page.registration_status(now=now).state
    return {
        "date": page.starts_at,
        "state": "" if state == EVENT.NONE else state.value,
        "refresh_at": EVENT.next_change_of(page, now),
    }


def _registration_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.event_id:
        enqueue(tasks.reindex_object, "wagtailcore.Page", str(instance.event_id))


def guidance_extras(page) -> dict:
    return {"date": page.last_published_at}


register_page_type("cao.AdvisoryServicePage", "service")
register_page_type("cao.GuidancePage", "guidance", guidance_extras)
register_page_type("cao.EventPage", "event", event_extras)
post_save.connect(
    _registration_saved, sender=EventRegistration, dispatch_uid="cao_event_search_state"
)
