"""The Civic Activity Centre's advisory services, guides and events in the site-wide
search (search/, found at start-up)."""

from search.kinds import register_kind
from search.sources.pages import register_page_type

register_kind("service", "Usługa CAO", "Usługi CAO", order=60)
register_kind("guidance", "Poradnik", "Poradniki", order=70)
register_kind("event", "Wydarzenie", "Wydarzenia", order=80)


def event_extras(page) -> dict:
    return {"date": page.starts_at}


def guidance_extras(page) -> dict:
    return {"date": page.last_published_at}


register_page_type("cao.AdvisoryServicePage", "service")
register_page_type("cao.GuidancePage", "guidance", guidance_extras)
register_page_type("cao.EventPage", "event", event_extras)
