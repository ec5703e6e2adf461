"""RSS of a register's dated public entries, served from a routable index page: the
status changes of budget projects or local initiatives, the implementation updates of
selected projects. One item per entry, newest first; links are absolute, built from the
address the feed was requested at, so they work on any host and port.

The caller gives only public entries (the index page knows what is public); each entry
names its subject (the project, the application) through a foreign key and carries its
moment in `at`.
"""

from django.contrib.syndication.views import Feed

FEED_ITEMS = 50


class EntryFeed(Feed):
    """Entries of one register. SUBJECT is the entries' foreign key to what they are about
    (its `title` names the item); LIST_PATH and ITEM_PATH (with `{pk}`, the subject's id)
    are below the index page's URL; ANCHOR prefixes the entry's id in its guid."""

    def __init__(
        self,
        index_page,
        entries,
        *,
        subject: str,
        title: str,
        description: str,
        list_path: str,
        item_path: str,
        anchor: str = "zmiana",
    ):
        super().__init__()
        self.index_page = index_page
        self.entries = entries
        self.subject = subject
        self.feed_title = title
        self.feed_description = description
        self.list_path = list_path
        self.item_path = item_path
        self.anchor = anchor
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(self.index_page.url + path)

    def title(self):
        return f"{self.index_page.title} – {self.feed_title}"

    def link(self):
        return self.absolute(self.list_path)

    def description(self):
        return self.feed_description

    def items(self):
        return self.entries.select_related(self.subject).order_by("-at", "-pk")[:FEED_ITEMS]

    def subject_of(self, item):
        return getattr(item, self.subject)

    def item_title(self, item):
        """A status change by default: "<subject>: <status>"; other entries override."""
        return f"{self.subject_of(item).title}: {item.status_label}"

    def item_description(self, item):
        return item.justification or item.get_stage_display()

    def item_link(self, item):
        return self.absolute(self.item_path.format(pk=getattr(item, f"{self.subject}_id")))

    def item_guid(self, item):
        return f"{self.item_link(item)}#{self.anchor}-{item.pk}"

    def item_pubdate(self, item):
        return item.at
