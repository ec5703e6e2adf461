"""When a published CAO event next changes by the clock (for core.page_cache): it starts,
ends or closes its registration."""

from datetime import datetime

from django.db.models import Min, Q

MOMENTS = ("starts_at", "ends_at", "registration_deadline")


def next_change(now: datetime) -> datetime | None:
    from cao.models import EventPage

    found = EventPage.objects.live().aggregate(
        **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in MOMENTS}
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments, default=None)
