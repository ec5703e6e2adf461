"""The Civic Activity Centre's advisory services, guides and events (app `cao`)."""

from search.sources.pages import register_page_type


def event_extras(page) -> dict:
    return {"date": page.starts_at}


def guidance_extras(page) -> dict:
    return {"date": page.last_published_at}


register_page_type("cao.AdvisoryServicePage", "service")
register_page_type("cao.GuidancePage", "guidance", guidance_extras)
register_page_type("cao.EventPage", "event", event_extras)
