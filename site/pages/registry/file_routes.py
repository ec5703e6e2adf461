"""File-like addresses of routable pages: /organizacje/dane.csv, /konkursy/kalendarz.ics.

Wagtail serves pages only on paths of words ending with a slash, so a dotted file name
never reaches a page. `pages.registry.urls` takes such an address and serves it through
Wagtail's own `serve` at the page's matching sub-route ("dane.csv" -> "dane-csv/"), so
page privacy, hooks and the page's own code apply as to any page view.
"""

# file name -> the sub-route of the page that serves it
FILE_ROUTES = {
    "dane.csv": "dane-csv",
    "dane.json": "dane-json",
    "kalendarz.ics": "kalendarz-ics",
}


def route_for(filename: str) -> str:
    """The sub-route pattern a page declares to serve FILENAME."""
    return f"{FILE_ROUTES[filename]}/"
