"""When a published consultation next changes state by the clock (for core.page_cache)."""

from datetime import datetime

from django.db.models import Min, Q


def next_change(now: datetime) -> datetime | None:
    """The soonest opening or closing still ahead among live consultations.

    Report dates are days, so they take effect at local midnight, which the page cache
    never outlives anyway.
    """
    from consultations.models import ConsultationPage

    found = ConsultationPage.objects.live().aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments, default=None)
