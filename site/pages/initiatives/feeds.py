"""The register's RSS feed: each public status change (new applications and decisions)."""

from django.contrib.syndication.views import Feed

FEED_ITEMS = 50


class InitiativeFeed(Feed):
    def __init__(self, index_page, changes):
        """CHANGES: the public applications' status changes (the index page gives them)."""
        super().__init__()
        self.index_page = index_page
        self.changes = changes
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} – wnioski i decyzje"

    def link(self):
        return self.request.build_absolute_uri(self.index_page.url + "wnioski/")

    def description(self):
        return "Złożone wnioski o inicjatywę lokalną i decyzje w ich sprawie."

    def items(self):
        return self.changes.select_related("initiative").order_by("-at", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.initiative.title}: {item.status_label}"

    def item_description(self, item):
        return item.justification or item.get_stage_display()

    def item_link(self, item):
        return self.request.build_absolute_uri(
            f"{self.index_page.url}wnioski/{item.initiative_id}/"
        )

    def item_guid(self, item):
        return f"{self.item_link(item)}#zmiana-{item.pk}"

    def item_pubdate(self, item):
        return item.at
