"""When a published grant call next changes state by the clock (for core.page_cache)."""

from datetime import datetime

from django.db.models import Min, Q

MOMENTS = ("announced_at", "offers_due_at", "results_published_at", "cancelled_at")


def next_change(now: datetime) -> datetime | None:
    """The soonest announcement, deadline, results or cancellation still ahead.

    Small grant offers change by the day (their comment window), at local midnight, which
    the page cache never outlives anyway.
    """
    from snippets.models import GrantCall

    found = GrantCall.objects.filter(live=True).aggregate(
        **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in MOMENTS}
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments, default=None)
