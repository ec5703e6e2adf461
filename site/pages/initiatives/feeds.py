"""The register's RSS feed: each public status change (new applications and decisions)."""

from core.feeds import EntryFeed


def initiative_feed(index_page, changes) -> EntryFeed:
    """CHANGES: the public applications' status changes (the index page gives them)."""
    return EntryFeed(
        index_page,
        changes,
        subject="initiative",
        title="wnioski i decyzje",
        description="Złożone wnioski o inicjatywę lokalną i decyzje w ich sprawie.",
        list_path="wnioski/",
        item_path="wnioski/{pk}/",
    )
